"""The full-text index of proposals (egov.lib.search): tsvector + GIN, or FTS5 on SQLite.

Not a Django model (FTS5 tables cannot be one), so it is made here per engine.
There are no proposals yet when this runs, so nothing is backfilled.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from egov.lib.search import SearchTable, backend_for

PROPOSAL_INDEX = SearchTable(name="participation_proposal_index", key="proposal_id")


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).create_table(cursor, PROPOSAL_INDEX)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).drop_table(cursor, PROPOSAL_INDEX)


class Migration(migrations.Migration):
    dependencies = [("participation", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
