"""PostgreSQL: the asset search's tsvectors move from a generated column of the search table
to a narrow table of their own, kept by triggers (dari.directory.search; SQLite unchanged)."""

from django.db import migrations

# The layout before this migration, to go back to it.
_OLD = (
    "ALTER TABLE directory_assetsearch ADD COLUMN document tsvector GENERATED ALWAYS AS ("
    "setweight(to_tsvector('simple', name), 'A') || "
    "setweight(to_tsvector('simple', terms), 'B') || "
    "setweight(to_tsvector('simple', body), 'C') || "
    "setweight(to_tsvector('simple', org), 'D')) STORED",
    "CREATE INDEX directory_assetsearch_document ON directory_assetsearch USING gin (document)",
)


def move_documents(apps, schema_editor):
    from dari.directory.search import move_documents

    move_documents(schema_editor)


def restore_column(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from dari.directory.search import remove_index

    remove_index(schema_editor)
    for sql in _OLD:
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0011_search_cover_indexes"),
    ]

    operations = [
        migrations.RunPython(move_documents, restore_column),
    ]
