from django.contrib import admin

from egov.accounts.models import User
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
from egov.lib.masking import mask_email
from egov.lib.redaction import redact
from egov.privacy.admin import PersonalDataAdmin


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
class ComplaintAdmin(PersonalDataAdmin):
    # Titles and bodies are the citizen's words: the console lists cases, not their
    # content, and a case's page shows them with phone and resident numbers masked.
    list_display = ["receipt_number", "type", "status", "unit", "due_at", "transfer_flagged"]
    list_filter = ["status", "type", "channel", "transfer_flagged"]
    list_select_related = ["unit__agency"]
    search_fields = ["receipt_number"]
    show_full_result_count = False
    masked_fields = {
        "citizen": mask_email,
        "title": redact,
        "body": redact,
        "location_text": redact,
    }

    def personal_data_owner(self, obj: Complaint) -> User:
        return obj.citizen


@admin.register(ComplaintEvent)
class ComplaintEventAdmin(PersonalDataAdmin):
    list_display = ["complaint", "kind", "at", "internal"]
    list_select_related = ["complaint"]
    show_full_result_count = False
    masked_fields = {"public_note": redact, "internal_note": redact, "detail": redact}

    def personal_data_owner(self, obj: ComplaintEvent) -> User:
        return obj.complaint.citizen


@admin.register(Answer)
class AnswerAdmin(PersonalDataAdmin):
    list_display = ["complaint", "kind", "outcome", "on_time", "score"]
    list_select_related = ["complaint"]
    masked_fields = {
        "body": redact,
        "legal_basis": redact,
        "refusal_reason": redact,
        "remedy": redact,
        "rating_comment": redact,
    }

    def personal_data_owner(self, obj: Answer) -> User:
        return obj.complaint.citizen


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["complaint", "from_unit", "to_unit", "transferred_at"]
    list_select_related = ["complaint", "from_unit__agency", "to_unit__agency"]


@admin.register(ComplaintStatistics)
class ComplaintStatisticsAdmin(ReadOnlyAdmin):
    list_display = ["agency", "unit", "received", "answered", "on_time_rate", "refreshed_at"]
    list_select_related = ["agency", "unit__agency"]
