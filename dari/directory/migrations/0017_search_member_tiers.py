"""SQLite: the non-public search documents in two FTS5 tables, the members tier and the
restricted (partners, CDA) documents, so a member's search ranks the restricted documents
of the organisations that may show it some only (dari.directory.search_rank). PostgreSQL
unchanged. Then SQLite's planner statistics of the tables a search joins (ANALYZE), so a
member's facets are looked up from the words' matches (dari.directory.search.
refresh_statistics)."""

from django.db import migrations


def split(apps, schema_editor):
    from dari.directory.search import refresh_statistics
    from dari.directory.search_rank import split_other_index

    split_other_index(schema_editor)
    refresh_statistics(schema_editor)


def join(apps, schema_editor):
    from dari.directory.search_rank import join_other_index

    join_other_index(schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0016_search_public_statistics"),
    ]

    operations = [
        migrations.RunPython(split, join),
    ]
