"""The full-text index of complaints: a tsvector + GIN table on PostgreSQL, FTS5 on SQLite.

The table is not a Django model (FTS5 tables cannot be one), so it is made
here per engine by egov.lib.search, and filled for the complaints that exist.
The index is derived data: the backfill uses today's tokenizer on purpose,
because the rows must match what today's queries ask for. The table's layout,
though, is the one it had at this step: 0005 adds the unit and agency columns.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from egov.complaints.search import complaint_terms
from egov.lib.search import Document, SearchTable, backend_for

BATCH = 1000
# Not egov.complaints.search.COMPLAINT_INDEX, which describes the table as it is now.
COMPLAINT_INDEX = SearchTable(name="complaints_search_index", key="complaint_id")


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    backend = backend_for(schema_editor.connection)
    with schema_editor.connection.cursor() as cursor:
        backend.create_table(cursor, COMPLAINT_INDEX)
    Complaint = apps.get_model("complaints", "Complaint")
    Answer = apps.get_model("complaints", "Answer")
    answers: dict[int, list[str]] = {}
    for complaint_id, *texts in Answer.objects.values_list(
        "complaint_id", "body", "legal_basis", "refusal_reason"
    ).order_by("id"):
        answers.setdefault(complaint_id, []).extend(texts)
    rows: list[Document] = []
    fields = ("id", "receipt_number", "title", "body", "location_text")
    with schema_editor.connection.cursor() as cursor:
        for pk, receipt_number, title, body, location_text in (
            Complaint.objects.values_list(*fields).order_by("id").iterator(chunk_size=BATCH)
        ):
            terms = complaint_terms(
                receipt_number=receipt_number,
                title=title,
                body=body,
                location_text=location_text,
                answers=answers.get(pk, []),
            )
            rows.append(Document(pk, terms))
            if len(rows) >= BATCH:
                backend.save_many(cursor, COMPLAINT_INDEX, rows)
                rows = []
        backend.save_many(cursor, COMPLAINT_INDEX, rows)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).drop_table(cursor, COMPLAINT_INDEX)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_default_processing_periods")]
    operations = [migrations.RunPython(create_index, drop_index)]
