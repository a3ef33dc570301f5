"""Make the audit table append-only in the database itself."""

from django.db import migrations

from egov.lib.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [
        append_only(
            table="audit_auditevent", name="audit_event", message="audit events are append-only"
        )
    ]
