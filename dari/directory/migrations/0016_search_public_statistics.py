"""SQLite: the asset search ranks from the statistics of the public assets' documents only
(a second FTS5 table kept by triggers; dari.directory.search_rank). PostgreSQL unchanged."""

from django.db import migrations


def install(apps, schema_editor):
    from dari.directory.search_rank import install_public_index

    install_public_index(schema_editor)


def remove(apps, schema_editor):
    from dari.directory.search_rank import remove_public_index

    remove_public_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0015_deal_amounts_as_stated"),
    ]

    operations = [
        migrations.RunPython(install, remove),
    ]
