"""The tsvector column and GIN index behind the database backend on PostgreSQL
(search/backends/postgres_fts.py). SQLite keeps its FTS5 index from 0002."""

from django.db import migrations


def install(apps, schema_editor):
    from search.backends import postgres_fts

    postgres_fts.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from search.backends import postgres_fts

    postgres_fts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("cop_search", "0002_sqlite_full_text_index")]

    operations = [migrations.RunPython(install, uninstall)]
