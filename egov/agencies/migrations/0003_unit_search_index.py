"""The search index of units by name (egov.lib.search): tsvector + GIN, or FTS5 on SQLite.

Not a Django model (FTS5 tables cannot be one), so it is made here per engine,
and every existing unit is indexed with its agency's names.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from egov.lib.search import Document, SearchTable, backend_for, index_terms

# The same table as egov.agencies.search.UNIT_INDEX, written out: a migration
# must not change when the app's code does.
UNIT_INDEX = SearchTable(name="agencies_unit_index", key="unit_id")


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    unit_model = apps.get_model("agencies", "Unit")
    backend = backend_for(schema_editor.connection)
    with schema_editor.connection.cursor() as cursor:
        backend.create_table(cursor, UNIT_INDEX)
        units = unit_model.objects.using(schema_editor.connection.alias).select_related("agency")
        backend.save_many(
            cursor,
            UNIT_INDEX,
            [
                Document(
                    unit.pk,
                    index_terms(
                        unit.name_en,
                        unit.name_ko,
                        unit.name_id,
                        unit.agency.name_en,
                        unit.agency.name_ko,
                        unit.agency.name_id,
                    ),
                )
                for unit in units.iterator()
            ],
        )


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).drop_table(cursor, UNIT_INDEX)


class Migration(migrations.Migration):
    dependencies = [("agencies", "0002_closures")]
    operations = [migrations.RunPython(create_index, drop_index)]
