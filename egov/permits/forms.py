"""The only parsers of what people type into the permit pages.

Field names are the keyword names of the actions they feed, so that an
action's ValidationError for a field lands next to it. Rules about the case
stay in the actions; these forms check that input is well formed and sane.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.lib import forms as egov_forms
from egov.lib.files import validate_attachment
from egov.lib.forms import AttachmentsField
from egov.lib.pagination import CursorField, DateTimeCursor
from egov.permits.limits import (
    DEFAULT_SUPPLEMENT_DAYS,
    FEE_REFERENCE_MAX_LENGTH,
    LEGAL_BASIS_MAX_LENGTH,
    MAX_FEE_WON,
    MAX_SUPPLEMENT_DAYS,
    NOTE_MAX_LENGTH,
    PERIOD_MAX_AMOUNT,
    REASON_MAX_LENGTH,
    RECEIPT_NUMBER_PATTERN,
    SITE_MAX_LENGTH,
    SUMMARY_MAX_LENGTH,
)
from egov.permits.models import (
    PERIOD_UNITS,
    FeeMethod,
    PermitType,
    PermitVersion,
    QueueCursor,
    Status,
)


def _text(label: Any, max_length: int, *, required: bool = True, rows: int = 0) -> forms.CharField:
    widget = forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput()
    return forms.CharField(
        label=label, max_length=max_length, required=required, strip=True, widget=widget
    )


class ApplyForm(egov_forms.Form):
    """One file input for each of the version's required documents."""

    summary = _text(_("What the application is for"), SUMMARY_MAX_LENGTH)
    site_address = _text(_("Address of the site"), SITE_MAX_LENGTH)

    def __init__(self, *args: Any, version: PermitVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["summary"].help_text = _("For example: a two-storey detached house.")
        self.fields["site_address"].help_text = _(
            "Kept encrypted and never published: the tracker shows only the unit and the steps."
        )
        for index, name in enumerate(version.document_names()):
            self.fields[f"document_{index}"] = forms.FileField(label=name, required=True)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in list(cleaned):
            if name.startswith("document_"):
                file = cleaned[name]
                if isinstance(file, UploadedFile):
                    try:
                        validate_attachment(file)
                    except ValidationError as error:
                        self.add_error(name, error)
        return cleaned

    @property
    def documents(self) -> list[UploadedFile[Any]]:
        return [
            self.cleaned_data[name]
            for name in sorted(
                (n for n in self.cleaned_data if n.startswith("document_")),
                key=lambda n: int(n.split("_")[1]),
            )
        ]


class CounterForm(ApplyForm):
    """An officer registers an application at a counter for an applicant with an account."""

    applicant_email = forms.EmailField(label=_("Applicant's email address"), max_length=254)
    field_order = ["applicant_email", "summary", "site_address"]

    def clean_applicant_email(self) -> User:
        email: str = self.cleaned_data["applicant_email"]
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise ValidationError(
                _("No account has this address: the applicant signs up first."), code="unknown"
            )
        return user


class TypeChoiceForm(egov_forms.Form):
    permit_type = forms.ModelChoiceField(
        label=_("Permit type"), queryset=PermitType.objects.filter(is_active=True)
    )


class MomentField(forms.DateTimeField):
    """A moment typed to the minute in the office's time zone (an HTML datetime-local)."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("input_formats", ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime.datetime | None:
        if isinstance(value, str) and len(value) > 20:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class StartStepForm(egov_forms.Form):
    occurred_at = MomentField(
        label=_("When it started"),
        help_text=_(
            "Leave empty for now. More than 10 minutes ago needs a supervisor, and is flagged."
        ),
    )


class CompleteStepForm(egov_forms.Form):
    occurred_at = MomentField(
        label=_("When it was completed"),
        help_text=_(
            "Leave empty for now. More than 10 minutes ago needs a supervisor, and is flagged."
        ),
    )
    delay_reason = _text(_("Reason for the delay"), REASON_MAX_LENGTH, required=False, rows=3)


class SupplementForm(egov_forms.Form):
    note = _text(_("Documents needed"), NOTE_MAX_LENGTH, rows=4)
    days = forms.IntegerField(
        label=_("Days to supply them"),
        min_value=1,
        max_value=MAX_SUPPLEMENT_DAYS,
        initial=DEFAULT_SUPPLEMENT_DAYS,
    )


class AnswerForm(egov_forms.Form):
    answer = _text(_("What you are sending"), NOTE_MAX_LENGTH, rows=4)
    attachments = AttachmentsField(label=_("Documents"))


class ExtendForm(egov_forms.Form):
    amount = forms.IntegerField(
        label=_("Extension, in the period's unit"), min_value=1, max_value=PERIOD_MAX_AMOUNT
    )
    reason = _text(_("Reason for the extension"), REASON_MAX_LENGTH, rows=3)


class RejectForm(egov_forms.Form):
    reason = _text(_("Reason for the rejection"), REASON_MAX_LENGTH, rows=3)
    remedy = _text(_("What the applicant can do"), REASON_MAX_LENGTH, rows=3)


class FeeForm(egov_forms.Form):
    method = forms.ChoiceField(label=_("How it was paid"), choices=FeeMethod.choices)
    reference = _text(_("Bank transfer reference"), FEE_REFERENCE_MAX_LENGTH, required=False)


class OfficerChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name} ({obj.officer.position})"


class ReassignForm(egov_forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=User.objects.none())
    reason = _text(_("Reason for the reassignment"), REASON_MAX_LENGTH, rows=3)

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(officer__unit=unit, is_active=True).order_by("name")


class TrackForm(egov_forms.Form):
    number = forms.RegexField(
        label=_("Receipt number"),
        regex=rf"^\s*(?i:{RECEIPT_NUMBER_PATTERN})\s*$",
        max_length=30,
        help_text=_("For example PM-2612-0000001."),
        error_messages={"invalid": _("Enter a receipt number such as PM-2612-0000001.")},
    )


class QueueForm(egov_forms.Form):
    mine = forms.BooleanField(label=_("Only those drawn for me"), required=False)
    after = CursorField(QueueCursor)


class PublicFilterForm(egov_forms.Form):
    permit_type = forms.ModelChoiceField(
        label=_("Permit type"), queryset=PermitType.objects.all(), required=False
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.filter(permit_types__isnull=False).distinct(),
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("Unit"),
        queryset=Unit.objects.filter(pk__in=PermitVersion.objects.values("unit_id")).select_related(
            "agency"
        ),
        required=False,
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any")), *Status.choices], required=False
    )
    received_from = forms.DateField(
        label=_("Received from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    received_to = forms.DateField(
        label=_("Received until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    after = CursorField(DateTimeCursor)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("received_from"), cleaned.get("received_to")
        if start and end and start > end:
            self.add_error("received_to", _("The end of the period is before its start."))
        today = timezone.localdate()
        for name in ("received_from", "received_to"):
            day = cleaned.get(name)
            if day is not None and not datetime.date(2000, 1, 1) <= day <= today.replace(
                year=today.year + 1
            ):
                self.add_error(name, _("Enter a date between 2000 and next year."))
        return cleaned


class SkipForm(egov_forms.Form):
    reason = _text(_("Why the step is not needed"), REASON_MAX_LENGTH, rows=3)


class QuestionForm(egov_forms.Form):
    text = _text(_("Your question"), NOTE_MAX_LENGTH, rows=4)


class QuestionAnswerForm(egov_forms.Form):
    answer = _text(_("Answer"), NOTE_MAX_LENGTH, rows=4)


class RevisionForm(egov_forms.Form):
    """A new version of a permit type: its basis, period and fee, and each step's duration."""

    legal_basis_en = _text(_("Legal basis in English"), LEGAL_BASIS_MAX_LENGTH)
    legal_basis_ko = _text(_("Legal basis in Korean"), LEGAL_BASIS_MAX_LENGTH)
    legal_basis_id = _text(_("Legal basis in Indonesian"), LEGAL_BASIS_MAX_LENGTH)
    period_amount = forms.IntegerField(
        label=_("Processing period"), min_value=1, max_value=PERIOD_MAX_AMOUNT
    )
    period_unit = forms.ChoiceField(label=_("Unit of the period"), choices=PERIOD_UNITS)
    fee_won = forms.IntegerField(label=_("Fee in won"), min_value=0, max_value=MAX_FEE_WON)

    def __init__(self, *args: Any, version: PermitVersion, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "legal_basis_en": version.legal_basis_en,
                "legal_basis_ko": version.legal_basis_ko,
                "legal_basis_id": version.legal_basis_id,
                "period_amount": version.period_amount,
                "period_unit": version.period_unit,
                "fee_won": version.fee_won,
            },
        )
        super().__init__(*args, **kwargs)
        self.steps = list(version.steps.order_by("position"))
        for step in self.steps:
            self.initial.setdefault(f"step_{step.position}_duration", step.duration_amount)
            self.initial.setdefault(f"step_{step.position}_skippable", step.skippable)
            self.fields[f"step_{step.position}_duration"] = forms.IntegerField(
                label=_("%(step)s: standard duration (%(unit)s)")
                % {"step": step.name, "unit": step.get_duration_unit_display()},
                min_value=1,
                max_value=PERIOD_MAX_AMOUNT,
            )
            self.fields[f"step_{step.position}_skippable"] = forms.BooleanField(
                label=_("%(step)s may be skipped") % {"step": step.name}, required=False
            )


class AbsenceForm(egov_forms.Form):
    officer = OfficerChoiceField(label=_("Officer"), queryset=User.objects.none())
    first_day = forms.DateField(
        label=_("First day"), widget=forms.DateInput(attrs={"type": "date"})
    )
    last_day = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(
            officer__unit=unit, is_active=True, role="officer"
        ).order_by("name")
