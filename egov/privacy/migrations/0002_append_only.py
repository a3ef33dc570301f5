"""Make the access log append-only in the database itself, as the audit log is."""

from django.db import migrations

from egov.lib.append_only import append_only


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]
    operations = [
        append_only(
            table="privacy_accessevent",
            name="privacy_access_event",
            message="access events are append-only",
        )
    ]
