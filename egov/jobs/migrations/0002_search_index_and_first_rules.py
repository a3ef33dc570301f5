"""The keyword index of live postings, and the first version of the checker's rules.

The index table is not a Django model (FTS5 tables cannot be one): it is made
per engine by egov.lib.search. The rules are written out from
egov.jobs.checker.DEFAULT_RULES as version 1; employment officers publish the
next versions.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

from egov.jobs.checker import DEFAULT_RULES
from egov.lib.search import SearchTable, backend_for

POSTING_INDEX = SearchTable(name="jobs_posting_search_index", key="posting_id")


def create_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).create_table(cursor, POSTING_INDEX)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    with schema_editor.connection.cursor() as cursor:
        backend_for(schema_editor.connection).drop_table(cursor, POSTING_INDEX)


def first_rules(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    RuleSet = apps.get_model("jobs", "RuleSet")
    Rule = apps.get_model("jobs", "Rule")
    ruleset = RuleSet.objects.create(version=1, note="The rules egov ships with.")
    Rule.objects.bulk_create(
        Rule(ruleset=ruleset, kind=kind, category=category, language=language, pattern=pattern)
        for kind, category, language, pattern in DEFAULT_RULES
    )


def no_rules(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    apps.get_model("jobs", "Rule").objects.all().delete()
    apps.get_model("jobs", "RuleSet").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("jobs", "0001_initial")]
    operations = [
        migrations.RunPython(create_index, drop_index),
        migrations.RunPython(first_rules, no_rules),
    ]
