"""Seed the platform's default processing periods (working days per complaint type).

The numbers are copied here, not imported from models.DEFAULT_PERIODS, so this
migration keeps meaning what it meant when it ran even if the defaults change.
"""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

DEFAULTS = {
    "inquiry": 7,
    "inquiry_legal": 14,
    "suggestion": 14,
    "grievance": 7,
    "other": 3,
}


def seed(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    ProcessingPeriod = apps.get_model("complaints", "ProcessingPeriod")
    for type_, working_days in DEFAULTS.items():
        ProcessingPeriod.objects.get_or_create(
            agency=None, type=type_, defaults={"working_days": working_days}
        )


def unseed(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    ProcessingPeriod = apps.get_model("complaints", "ProcessingPeriod")
    ProcessingPeriod.objects.filter(agency=None, type__in=list(DEFAULTS)).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
