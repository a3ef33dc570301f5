from django.contrib import admin

from egov.audit.models import AuditEvent
from egov.lib.admin import ReadOnlyAdmin


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "action", "actor_role", "actor_id", "subject_type", "subject_id"]
    list_filter = ["action", "actor_role"]
    show_full_result_count = False
