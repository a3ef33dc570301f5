from django.contrib import admin

from egov.lib.admin import ReadOnlyAdmin
from egov.privacy.models import AccessEvent


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "viewer", "viewer_role", "owner", "purpose", "subject_type"]
    list_filter = ["purpose", "viewer_role"]
    list_select_related = ["viewer", "owner"]
    ordering = ["-occurred_at", "-id"]
    show_full_result_count = False
