"""Migrations that make a table append-only in the database itself.

The application never updates or deletes such rows; these triggers make the
database refuse it too, on PostgreSQL and on SQLite, so that someone with a
database connection but not the application's code still cannot rewrite
history without leaving a trace (dropping a trigger is itself visible).
"""

from __future__ import annotations

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps


def append_only(*, table: str, name: str, message: str) -> migrations.RunPython:
    """Triggers named ``<name>_no_update`` (and ``<name>_no_delete`` on SQLite) on ``table``."""
    create = {
        "postgresql": [
            f"""
            CREATE OR REPLACE FUNCTION {name}_is_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION '{message}';
            END;
            $$ LANGUAGE plpgsql;
            """,
            f"""
            CREATE TRIGGER {name}_no_update BEFORE UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION {name}_is_append_only();
            """,
        ],
        "sqlite": [
            f"""
            CREATE TRIGGER {name}_no_update BEFORE UPDATE ON {table}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """,
            f"""
            CREATE TRIGGER {name}_no_delete BEFORE DELETE ON {table}
            BEGIN SELECT RAISE(ABORT, '{message}'); END;
            """,
        ],
    }
    drop = {
        "postgresql": [
            f"DROP TRIGGER IF EXISTS {name}_no_update ON {table}",
            f"DROP FUNCTION IF EXISTS {name}_is_append_only()",
        ],
        "sqlite": [
            f"DROP TRIGGER IF EXISTS {name}_no_update",
            f"DROP TRIGGER IF EXISTS {name}_no_delete",
        ],
    }

    def forwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for statement in create[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    def backwards(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        for statement in drop[schema_editor.connection.vendor]:
            schema_editor.execute(statement)

    return migrations.RunPython(forwards, backwards)
