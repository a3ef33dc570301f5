"""The terms of each live posting's title in a table of their own, for sorting by relevance.

Relevance counts the words typed that are in a posting's title
(egov.jobs.search). The main index holds the title mixed with the
description, company and skills, so the title gets a second index table of
the same layout, made per engine by egov.lib.search as 0002 made the first.
Postings already live are indexed here, in key order, with the tokenizer the
search uses; from then on publishing writes the row and closing removes it.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from egov.lib.search import Document, SearchTable, backend_for, index_terms

TITLE_INDEX = SearchTable(name="jobs_posting_title_index", key="posting_id")
# Status.PUBLISHED: the postings that are live, the only ones indexed.
PUBLISHED = "published"
BATCH = 1_000


def create_and_fill(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    Posting = apps.get_model("jobs", "Posting")
    backend = backend_for(schema_editor.connection)
    with schema_editor.connection.cursor() as cursor:
        backend.create_table(cursor, TITLE_INDEX)
        live = Posting.objects.filter(status=PUBLISHED).order_by("pk").values_list("pk", "title")
        batch: list[Document] = []
        for key, title in live.iterator(chunk_size=BATCH):
            batch.append(Document(key, index_terms(title)))
            if len(batch) == BATCH:
                backend.save_many(cursor, TITLE_INDEX, batch)
                batch = []
        backend.save_many(cursor, TITLE_INDEX, batch)


def drop(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).drop_table(cursor, TITLE_INDEX)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0003_saved_search")]
    operations = [migrations.RunPython(create_and_fill, drop)]
