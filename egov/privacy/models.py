"""The access log: who looked at whose personal data, and why.

Like the audit log it is append-only: the application never updates or
deletes a row, and database triggers (migration 0002) refuse it too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessPurpose(models.TextChoices):
    """Why someone looked. A citizen reads these on "who looked at my data"."""

    COMPLAINT_HANDLING = "complaint_handling", _("Complaint handling")
    COUNTER_ASSISTANCE = (
        "counter_assistance",
        _("Counter assistance (filing on a citizen's behalf)"),
    )
    UNIT_ADMINISTRATION = "unit_administration", _("Unit administration")
    APPLICATION_REVIEW = "application_review", _("Application review (jobs)")
    PERMIT_HANDLING = "permit_handling", _("Permit handling")
    INTEGRITY_AUDIT = "integrity_audit", _("Integrity audit")
    DATA_EXPORT = "data_export", _("Data export")


# What a citizen reads for each field an access event names. The pages that
# show personal data name these fields; the console names the texts it shows
# masked (a complaint's body, a note), which read as "other details".
FIELD_LABELS = {
    "name": _("Name"),
    "email": _("Email address"),
    "phone": _("Phone number"),
    "address": _("Postal address"),
    "date_of_birth": _("Date of birth"),
    "attachment": _("A file you sent"),
}
OTHER_DETAILS = _("Other details of your case, with personal details masked")


class AccessEvent(models.Model):
    """One viewing of someone else's personal data (never one's own)."""

    occurred_at = models.DateTimeField(default=timezone.now)
    # PROTECT: an account that looked at, or was looked at, keeps its log rows;
    # removing it would need an UPDATE or DELETE here, which the triggers refuse.
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="data_accesses_made"
    )
    # The role at the time: a later promotion must not rewrite why access was allowed.
    viewer_role = models.CharField(max_length=32)
    # No separate index: the (owner, -occurred_at) index below serves it.
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="data_accesses",
        db_index=False,
    )
    # Field names only (["name", "phone"]), never their values.
    fields = models.JSONField(default=list)
    purpose = models.CharField(max_length=32, choices=AccessPurpose.choices)
    # The record being handled (a complaint, an application), as in the audit log.
    subject_type = models.CharField(max_length=64, blank=True)
    subject_id = models.CharField(max_length=64, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = _("access to personal data")
        verbose_name_plural = _("accesses to personal data")
        indexes = [
            # "Who looked at my data?" lists one owner's events, newest first.
            models.Index(fields=["owner", "-occurred_at"], name="access_owner_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} user {self.viewer_id} → user {self.owner_id}"

    def field_labels(self) -> list[str]:
        """What was shown, in the reader's language, each once, in the order named."""
        labels: list[str] = []
        for name in self.fields:
            label = str(FIELD_LABELS.get(name, OTHER_DETAILS))
            if label not in labels:
                labels.append(label)
        return labels
