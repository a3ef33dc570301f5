"""Make the access log append-only in the database itself (as audit/0002 does)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

POSTGRES = [
    """
    CREATE OR REPLACE FUNCTION privacy_access_event_is_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'access events are append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER privacy_access_event_no_update BEFORE UPDATE OR DELETE
    ON privacy_accessevent
    FOR EACH ROW EXECUTE FUNCTION privacy_access_event_is_append_only();
    """,
]
SQLITE = [
    """
    CREATE TRIGGER privacy_access_event_no_update BEFORE UPDATE ON privacy_accessevent
    BEGIN SELECT RAISE(ABORT, 'access events are append-only'); END;
    """,
    """
    CREATE TRIGGER privacy_access_event_no_delete BEFORE DELETE ON privacy_accessevent
    BEGIN SELECT RAISE(ABORT, 'access events are append-only'); END;
    """,
]
DROP = {
    "postgresql": [
        "DROP TRIGGER IF EXISTS privacy_access_event_no_update ON privacy_accessevent",
        "DROP FUNCTION IF EXISTS privacy_access_event_is_append_only()",
    ],
    "sqlite": [
        "DROP TRIGGER IF EXISTS privacy_access_event_no_update",
        "DROP TRIGGER IF EXISTS privacy_access_event_no_delete",
    ],
}


def create_triggers(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    statements = {"postgresql": POSTGRES, "sqlite": SQLITE}[schema_editor.connection.vendor]
    for statement in statements:
        schema_editor.execute(statement)


def drop_triggers(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    for statement in DROP[schema_editor.connection.vendor]:
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [migrations.RunPython(create_triggers, drop_triggers)]
