"""PostgreSQL: the unit and agency handling each case, stored in its search row.

A search is always limited to the searcher's unit or agency. With the scope
in the row, PostgreSQL answers "these words in this unit" from one GIN index
over (unit_id, agency_id, document), which needs the btree_gin extension for
the two integer columns. SQLite's FTS5 table stays as it is: it could keep
the scope only in columns read row by row, which made searches slower (see
egov.lib.search.SQLiteSearch), so this step does nothing there.

The table is rebuilt rather than altered: an UPDATE of every row would leave
a dead version of each behind and could scatter the rows, which the search
walks in key order. The rebuild copies the stored documents as they are
(nothing is tokenized again) and takes the unit and agency from the complaint,
in one statement. The layout is written out here, not taken from
egov.lib.search, so that this step keeps making what it made when that code
changes; it is the layout PostgresSearch.create_table makes for the table.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

FORWARDS = [
    # Trusted since PostgreSQL 13: the database owner may create it.
    "CREATE EXTENSION IF NOT EXISTS btree_gin",
    "CREATE TABLE complaints_search_index_new ("
    "complaint_id bigint NOT NULL, unit_id bigint NOT NULL, agency_id bigint NOT NULL, "
    "document tsvector NOT NULL)",
    # In key order, as the rows were written: the search walks them newest first.
    "INSERT INTO complaints_search_index_new (complaint_id, unit_id, agency_id, document) "
    "SELECT s.complaint_id, c.unit_id, c.agency_id, s.document "
    "FROM complaints_search_index s JOIN complaints_complaint c ON c.id = s.complaint_id "
    "ORDER BY s.complaint_id",
    "DROP TABLE complaints_search_index",
    "ALTER TABLE complaints_search_index_new RENAME TO complaints_search_index",
    "ALTER TABLE complaints_search_index "
    "ADD CONSTRAINT complaints_search_index_pkey PRIMARY KEY (complaint_id)",
    "CREATE INDEX complaints_search_index_document ON complaints_search_index "
    "USING gin (unit_id, agency_id, document)",
    # As 0003 set it (see PostgresSearch.create_table): rare lexemes stay rare.
    "ALTER TABLE complaints_search_index ALTER COLUMN document SET STATISTICS 10000",
    "ANALYZE complaints_search_index",
]
# btree_gin stays: dropping it could break something else that came to use it.
BACKWARDS = [
    "DROP INDEX complaints_search_index_document",
    "ALTER TABLE complaints_search_index DROP COLUMN unit_id, DROP COLUMN agency_id",
    "CREATE INDEX complaints_search_index_document ON complaints_search_index "
    "USING gin (document)",
]


def _run(schema_editor: BaseDatabaseSchemaEditor, statements: list[str]) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def add_scope(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, FORWARDS)


def remove_scope(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    _run(schema_editor, BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0004_complaint_revision")]
    operations = [migrations.RunPython(add_scope, remove_scope)]
