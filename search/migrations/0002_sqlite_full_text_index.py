"""The FTS5 index and covering index behind the database backend on SQLite (search/backends/sqlite_fts.py).
Other databases are left as they are: the backend scans there."""

from django.db import migrations


def install(apps, schema_editor):
    from search.backends import sqlite_fts

    sqlite_fts.install(schema_editor.connection)


def uninstall(apps, schema_editor):
    from search.backends import sqlite_fts

    sqlite_fts.uninstall(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("cop_search", "0001_initial")]

    operations = [migrations.RunPython(install, uninstall)]
