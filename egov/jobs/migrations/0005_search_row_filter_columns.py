"""On PostgreSQL, the keyword index row holds copies of the posting's filter and sort columns.

A search for a common word used to read every match's posting (a wide row
of a table of all postings ever) to filter, sort and count the facets; at
250,000 live postings a word in a quarter of them cost seconds. With the
columns beside the terms, the search is answered from the index table
alone, and one GIN index (``btree_gin``) holds the region, occupation group
and employment type with the terms, so the filters narrow the matches in
the index. Rows already there are filled from their postings. SQLite's
FTS5 table stays as it is, and the model only describes the PostgreSQL
table to the ORM (``managed = False``).
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

TABLE = "jobs_posting_search_index"
COLUMNS = (
    ("province_code", "varchar(2) NOT NULL DEFAULT ''"),
    ("occupation_major", "varchar(1) NOT NULL DEFAULT ''"),
    ("employment_type", "varchar(16) NOT NULL DEFAULT ''"),
    ("monthly_salary_min", "bigint NOT NULL DEFAULT 0"),
    ("experience_years", "smallint NOT NULL DEFAULT 0"),
    ("education", "varchar(32) NOT NULL DEFAULT ''"),
    ("remote", "boolean NOT NULL DEFAULT false"),
    ("date_posted", "timestamp with time zone NULL"),
)
NAMES = ", ".join(name for name, _ in COLUMNS)
COPIED = ", ".join(f"p.{name}" for name, _ in COLUMNS)


def add_columns(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        added = ", ".join(f"ADD COLUMN {name} {kind}" for name, kind in COLUMNS)
        cursor.execute(f"ALTER TABLE {TABLE} {added}")
        cursor.execute(
            f"UPDATE {TABLE} AS s SET ({NAMES}) = ({COPIED}) "  # noqa: S608 - fixed names
            "FROM jobs_posting AS p WHERE p.id = s.posting_id"
        )
        cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        cursor.execute(f"DROP INDEX {TABLE}_document")
        cursor.execute(
            f"CREATE INDEX {TABLE}_document ON {TABLE} "
            "USING gin (province_code, occupation_major, employment_type, document)"
        )


def drop_columns(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {TABLE}_document")
        cursor.execute(f"CREATE INDEX {TABLE}_document ON {TABLE} USING gin (document)")
        cursor.execute(f"ALTER TABLE {TABLE} " + ", ".join(f"DROP COLUMN {n}" for n, _ in COLUMNS))


class Migration(migrations.Migration):
    dependencies = [("jobs", "0004_title_index")]

    operations = [
        migrations.CreateModel(
            name="PostingSearchRow",
            fields=[
                (
                    "posting",
                    models.OneToOneField(
                        db_constraint=False,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        primary_key=True,
                        related_name="+",
                        serialize=False,
                        to="jobs.posting",
                    ),
                ),
                ("province_code", models.CharField(max_length=2)),
                ("occupation_major", models.CharField(max_length=1)),
                ("employment_type", models.CharField(max_length=16)),
                ("monthly_salary_min", models.PositiveBigIntegerField()),
                ("experience_years", models.PositiveSmallIntegerField()),
                ("education", models.CharField(max_length=32)),
                ("remote", models.BooleanField()),
                ("date_posted", models.DateTimeField(null=True)),
            ],
            options={"db_table": "jobs_posting_search_index", "managed": False},
        ),
        migrations.RunPython(add_columns, drop_columns),
    ]
