from django.contrib import admin

from egov.complaints.models import (
    Answer,
    Category,
    Complaint,
    ComplaintEvent,
    ComplaintStatistics,
    ProcessingPeriod,
    Routing,
    Transfer,
)
from egov.lib.admin import ReadOnlyAdmin


@admin.register(Category)
class CategoryAdmin(ReadOnlyAdmin):
    list_display = ["code", "name_en", "name_ko", "default_agency", "is_active"]


@admin.register(Routing)
class RoutingAdmin(ReadOnlyAdmin):
    list_display = ["category", "agency", "unit"]
    list_select_related = ["category", "agency", "unit__agency"]


@admin.register(ProcessingPeriod)
class ProcessingPeriodAdmin(ReadOnlyAdmin):
    list_display = ["type", "agency", "working_days"]
    list_select_related = ["agency"]


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    # Titles and bodies are the citizen's words: the console lists cases, not their content.
    list_display = ["receipt_number", "type", "status", "unit", "due_at", "transfer_flagged"]
    list_filter = ["status", "type", "channel", "transfer_flagged"]
    list_select_related = ["unit__agency"]
    search_fields = ["receipt_number"]
    show_full_result_count = False


@admin.register(ComplaintEvent)
class ComplaintEventAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "kind", "at", "internal"]
    list_select_related = ["complaint"]
    show_full_result_count = False


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "kind", "outcome", "on_time", "score"]
    list_select_related = ["complaint"]


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "from_unit", "to_unit", "transferred_at"]
    list_select_related = ["complaint", "from_unit__agency", "to_unit__agency"]


@admin.register(ComplaintStatistics)
class ComplaintStatisticsAdmin(ReadOnlyAdmin):
    list_display = ["agency", "unit", "received", "answered", "on_time_rate", "refreshed_at"]
    list_select_related = ["agency", "unit__agency"]
