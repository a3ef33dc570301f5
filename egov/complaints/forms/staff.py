"""The only parsers of what officers type into the staff complaint pages.

Field names are the keyword names of the actions they feed, so that a
ValidationError an action raises for a field lands next to that field.
Rules about the case (how many days, which status) stay in the actions;
these forms check only that the input is well formed and of a sane size.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from egov.accounts.forms import PHONE_MAX_LENGTH, PHONE_PATTERN
from egov.accounts.models import User
from egov.accounts.queries import find_user_by_phone
from egov.agencies.models import Agency, Unit
from egov.agencies.rules import UNIT_STAFF_ROLES
from egov.complaints import rules
from egov.complaints.limits import (
    ANSWER_MAX_LENGTH,
    DEFAULT_SUPPLEMENT_DAYS,
    FILED_BODY_MAX_LENGTH,
    LOCATION_MAX_LENGTH,
    MAX_SUPPLEMENT_DAYS,
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    PERIOD_MAX_WORKING_DAYS,
    POSTAL_ADDRESS_MAX_LENGTH,
    REASON_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from egov.complaints.models import (
    OPEN_STATUSES,
    Category,
    Channel,
    Complaint,
    ComplaintType,
    Outcome,
    QueueCursor,
    Status,
)
from egov.complaints.queries import QueueFilters
from egov.lib import forms as egov_forms
from egov.lib.files import MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS
from egov.lib.forms import AttachmentsField, DistrictField
from egov.lib.pagination import CursorField

# How long the citizen found at the counter stays chosen for the filing form.
CITIZEN_TOKEN_MAX_AGE = 60 * 60
CITIZEN_TOKEN_SALT = "egov.complaints.file_on_behalf"  # noqa: S105 - a namespace, not a secret
# The personal-data field a citizen was found by, as the access log names it.
FOUND_BY = ("phone", "email")


def _text(label: Any, max_length: int, *, required: bool = True, rows: int = 5) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=max_length,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _attachments_help() -> str:
    return gettext(
        "Up to %(count)d files of at most %(size)d MB each: PDF, images, office or Hangul "
        "documents. If the page shows an error, choose the files again."
    ) % {"count": MAX_ATTACHMENTS, "size": MAX_ATTACHMENT_BYTES // (1024 * 1024)}


# ---- the work queue ------------------------------------------------------------


INVALID_CURSOR = _("This page link is not valid. Start again from the first page of the queue.")


class QueueFilterForm(egov_forms.Form):
    """The queue's filters and its page cursor, read from the query string."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any open status"))]
        + [(status.value, status.label) for status in OPEN_STATUSES],
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[("", _("Any type")), *ComplaintType.choices],
    )
    due_today = forms.BooleanField(label=_("Due today"), required=False)
    overdue = forms.BooleanField(label=_("Overdue"), required=False)
    mine = forms.BooleanField(label=_("Assigned to me"), required=False)
    after = CursorField(QueueCursor, error_messages={"invalid": INVALID_CURSOR})

    def filters(self) -> QueueFilters:
        data = self.cleaned_data
        return QueueFilters(
            status=Status(data["status"]) if data["status"] else None,
            type=ComplaintType(data["type"]) if data["type"] else None,
            due_today=data["due_today"],
            overdue=data["overdue"],
            mine=data["mine"],
        )

    def query(self) -> dict[str, str]:
        """The chosen filters as query-string values, for links that keep them."""
        data = self.cleaned_data
        chosen = {"status": data["status"], "type": data["type"]}
        chosen.update({name: "on" for name in ("due_today", "overdue", "mine") if data[name]})
        return {name: value for name, value in chosen.items() if value}


# ---- the case page: one small form per action -----------------------------------


class StaffChoiceField(forms.ModelChoiceField[User]):
    def label_from_instance(self, obj: User) -> str:
        position = getattr(obj, "officer", None)
        return f"{obj.name} ({position.position})" if position is not None else obj.name


class AssignForm(egov_forms.Form):
    officer = StaffChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, complaint: Complaint, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["officer"]
        assert isinstance(field, StaffChoiceField)
        field.queryset = (
            User.objects.filter(
                officer__unit_id=complaint.unit_id,
                role__in=UNIT_STAFF_ROLES,
                is_active=True,
            )
            .select_related("officer")
            .order_by("name", "pk")
        )


class NoteForm(egov_forms.Form):
    body = _text(_("Note"), NOTE_MAX_LENGTH, rows=3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].help_text = _("Only staff handling the case see notes.")


class TransferForm(egov_forms.Form):
    """Send the case to any other unit in the country, chosen from one agency's list.

    A national list would be thousands of units in one select, too heavy for
    an old phone and for a screen reader. The page therefore lists one
    agency's units at a time (the case's own agency first, another one picked
    with ``TransferListingForm``), and ``agency`` carries which one was listed
    so a refused form comes back showing the same list. Any existing unit but
    the current one is accepted, whatever was listed.
    """

    agency = forms.CharField(required=False, max_length=40, widget=forms.HiddenInput)
    to_unit = forms.ModelChoiceField(
        label=_("Transfer to"), queryset=Unit.objects.none(), empty_label=_("Choose a unit")
    )
    reason = _text(_("Reason for the transfer"), REASON_MAX_LENGTH, rows=3)

    def __init__(
        self, complaint: Complaint, *args: Any, listing: Agency | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if listing is None and self.is_bound:
            posted = str(self.data.get(self.add_prefix("agency"), ""))[:40]
            # Read before the form is cleaned: a NUL byte, which no code holds and
            # PostgreSQL refuses in a query, lists the case's own agency.
            if "\x00" in posted:
                posted = ""
            listing = Agency.objects.filter(code=posted).first() if posted else None
        self.listing = listing or complaint.agency
        self.initial["agency"] = self.listing.code
        field = self.fields["to_unit"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Unit.objects.exclude(pk=complaint.unit_id).select_related("agency")
        field.label = _("Transfer to a unit of %(agency)s") % {"agency": self.listing.name}
        listed = sorted(
            Unit.objects.filter(agency=self.listing).exclude(pk=complaint.unit_id),
            key=lambda unit: unit.name,
        )
        field.widget.choices = [("", _("Choose a unit"))] + [
            (unit.pk, unit.name) for unit in listed
        ]
        self.fields["reason"].help_text = _("The citizen reads this reason on their timeline.")


class TransferListingForm(egov_forms.Form):
    """Which agency's units the transfer form lists (a GET parameter of the case page)."""

    transfer_agency = forms.ModelChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.all(),
        to_field_name="code",
        empty_label=None,
    )

    def listed(self) -> Agency | None:
        """The agency asked for, or None when none (or nothing valid) was asked for."""
        if not self.is_valid():
            return None
        agency: Agency | None = self.cleaned_data["transfer_agency"]
        return agency


class SupplementForm(egov_forms.Form):
    request_text = _text(_("Information needed"), NOTE_MAX_LENGTH, rows=3)
    respond_within_days = forms.IntegerField(
        label=_("Working days the citizen has to answer"),
        min_value=1,
        max_value=MAX_SUPPLEMENT_DAYS,
        initial=DEFAULT_SUPPLEMENT_DAYS,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["request_text"].help_text = _(
            "The processing clock stops until the citizen answers. You can ask at most twice."
        )


class ExtendForm(egov_forms.Form):
    days = forms.IntegerField(
        label=_("Extra working days"), min_value=1, max_value=PERIOD_MAX_WORKING_DAYS
    )
    reason = _text(_("Reason for the extension"), REASON_MAX_LENGTH, rows=3)

    def __init__(self, complaint: Complaint, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["days"].help_text = _(
            "At most %(max)d, the original period. The first extension applies at once; a "
            "second one needs the citizen's consent."
        ) % {"max": complaint.period_days}
        self.fields["reason"].help_text = _("The citizen reads this reason on their timeline.")


class AnswerForm(egov_forms.Form):
    """The answer, or a reviewer's second-review answer: the same fields."""

    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    body = _text(_("Answer"), ANSWER_MAX_LENGTH, rows=8)
    legal_basis = _text(_("Legal basis"), REASON_MAX_LENGTH, required=False, rows=2)
    refusal_reason = _text(_("Reason for not accepting"), REASON_MAX_LENGTH, required=False)
    remedy = _text(_("Remedy open to the citizen"), REASON_MAX_LENGTH, required=False, rows=3)
    attachments = AttachmentsField(label=_("Attachments"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["legal_basis"].help_text = _("The law or rule the answer rests on.")
        self.fields["refusal_reason"].help_text = _("Required when the outcome is “Not accepted”.")
        self.fields["remedy"].help_text = _(
            "Required when the outcome is “Not accepted”: an objection, an administrative "
            "appeal or a lawsuit, and by when."
        )
        self.fields["attachments"].help_text = _attachments_help()


class CloseForNoSupplementForm(egov_forms.Form):
    notice = _text(_("Notice to the citizen"), NOTE_MAX_LENGTH, rows=3)


class CloseAsRepeatForm(egov_forms.Form):
    explanation = _text(_("Which earlier answers this repeats"), NOTE_MAX_LENGTH, rows=3)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["explanation"].help_text = _(
            "The citizen reads this and can appeal if it is not a repeat."
        )


# ---- filing for a citizen at a counter or by phone ------------------------------


def citizen_token(citizen: User, *, found_by: str) -> str:
    """A signed reference to the citizen found, carried by the filing form."""
    return signing.dumps({"citizen": citizen.pk, "by": found_by}, salt=CITIZEN_TOKEN_SALT)


class FindCitizenForm(egov_forms.Form):
    """Find the citizen's account by the phone number or email address they registered."""

    phone = forms.RegexField(
        label=_("Phone number"),
        required=False,
        max_length=PHONE_MAX_LENGTH,
        regex=PHONE_PATTERN,
        error_messages={"invalid": _("Enter a phone number such as 010-1234-5678.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    email = forms.EmailField(
        label=_("Email address"),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.citizen: User | None = None
        self.found_by = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        phone: str = cleaned.get("phone") or ""
        email: str = cleaned.get("email") or ""
        if self.errors:
            return cleaned
        if not phone and not email:
            raise ValidationError(
                _("Enter the citizen's phone number or email address."), code="required"
            )
        if phone:
            found = find_user_by_phone(phone)
            self.found_by = "phone"
        else:
            found = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
            self.found_by = "email"
        # Only people who may complain are offered: staff accounts are never filed for.
        self.citizen = found if found is not None and rules.can_submit(found) else None
        return cleaned


SEARCH_AGAIN = _("Find the citizen again: the search has expired or was changed.")


class FileOnBehalfForm(egov_forms.Form):
    """The complaint a citizen dictates at a counter or over the phone."""

    citizen = forms.CharField(
        widget=forms.HiddenInput,
        max_length=500,
        error_messages=dict.fromkeys(
            ("required", "max_length", "null_characters_not_allowed"), SEARCH_AGAIN
        ),
    )
    channel = forms.ChoiceField(
        label=_("How the citizen came to us"),
        choices=[
            (Channel.COUNTER.value, Channel.COUNTER.label),
            (Channel.PHONE.value, Channel.PHONE.label),
        ],
        widget=forms.RadioSelect,
    )
    type = forms.ChoiceField(
        label=_("Type of complaint"), choices=ComplaintType.choices, widget=forms.RadioSelect
    )
    category = forms.ModelChoiceField(
        label=_("What it is about"),
        queryset=Category.objects.filter(is_active=True).order_by("code"),
        empty_label=_("Choose a category"),
    )
    agency = forms.ModelChoiceField(
        label=_("Agency"),
        required=False,
        queryset=Agency.objects.order_by("name_en"),
        empty_label=_("The agency that usually handles this category"),
    )
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    body = _text(_("Complaint"), FILED_BODY_MAX_LENGTH, rows=8)
    location_text = forms.CharField(
        label=_("Location"),
        max_length=LOCATION_MAX_LENGTH,
        required=False,
        # Where the citizen's problem is: never the officer's own saved address.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    is_public = forms.BooleanField(label=_("Publish the complaint"), required=False)
    attachments = AttachmentsField(label=_("Attachments"))

    error_messages = {"citizen": SEARCH_AGAIN}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # How the citizen was found ("phone" or "email"): the contact shown masked.
        self.found_by = ""
        self.fields["location_text"].help_text = _("An address or a landmark, if it matters.")
        self.fields["is_public"].help_text = _(
            "Only if the citizen agrees. Names and personal details are hidden on public pages."
        )
        self.fields["attachments"].help_text = _attachments_help()

    def clean_citizen(self) -> User:
        try:
            value = signing.loads(
                self.cleaned_data["citizen"],
                salt=CITIZEN_TOKEN_SALT,
                max_age=datetime.timedelta(seconds=CITIZEN_TOKEN_MAX_AGE),
            )
            citizen_id = int(value["citizen"])
            found_by = str(value["by"])
        except (signing.BadSignature, KeyError, TypeError, ValueError):
            raise ValidationError(self.error_messages["citizen"], code="citizen") from None
        citizen = User.objects.filter(pk=citizen_id, is_active=True).first()
        if citizen is None or not rules.can_submit(citizen) or found_by not in FOUND_BY:
            raise ValidationError(self.error_messages["citizen"], code="citizen")
        self.found_by = found_by
        return citizen


CONSENT_TEXT = _(
    "The person agrees that egov keeps their name and their phone number or postal address to "
    "handle this complaint and to tell them about it, until the case's records are destroyed "
    "(Personal Information Protection Act, art. 15(1) item 1). Read this to them and tick the "
    "box only when they say yes."
)


class FileWithoutAccountForm(egov_forms.Form):
    """A complaint for a person with no account and no email, at a counter or on the phone."""

    name = forms.CharField(
        label=_("The person's name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={"required": _("Enter the person's name.")},
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    phone = forms.RegexField(
        label=_("Phone number"),
        required=False,
        max_length=PHONE_MAX_LENGTH,
        regex=PHONE_PATTERN,
        error_messages={"invalid": _("Enter a phone number such as 010-1234-5678.")},
        help_text=_("The receipt number and every step are sent to it by text message."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
    )
    postal_address = forms.CharField(
        label=_("Postal address"),
        required=False,
        max_length=POSTAL_ADDRESS_MAX_LENGTH,
        help_text=_("Where the answer is posted when there is no phone, or when asked for."),
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "off"}),
    )
    language = forms.ChoiceField(
        label=_("The person's language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the language the person reads.")},
    )
    answer_by_post = forms.BooleanField(label=_("Send the answer by post"), required=False)
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Ask for the person's consent and tick the box.")},
    )
    channel = forms.ChoiceField(
        label=_("How the person came to us"),
        choices=[
            (Channel.COUNTER.value, Channel.COUNTER.label),
            (Channel.PHONE.value, Channel.PHONE.label),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose how the person came to us.")},
    )
    type = forms.ChoiceField(
        label=_("Type of complaint"),
        choices=ComplaintType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of complaint.")},
    )
    category = forms.ModelChoiceField(
        label=_("What it is about"),
        queryset=Category.objects.filter(is_active=True).order_by("code"),
        empty_label=_("Choose a category"),
        to_field_name="code",
        error_messages={"required": _("Choose what the complaint is about.")},
    )
    district = DistrictField(
        label=_("District"),
        required=False,
        help_text=_("Where the problem is: its office receives the complaint."),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={"required": _("Give the complaint a title.")},
    )
    body = _text(_("Complaint"), FILED_BODY_MAX_LENGTH, rows=8)
    location_text = forms.CharField(
        label=_("Location"),
        max_length=LOCATION_MAX_LENGTH,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "offline_%s")
        super().__init__(*args, **kwargs)
        self.fields["body"].error_messages["required"] = _("Describe what the complaint is about.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if (
            not self.has_error("phone")
            and not cleaned.get("phone")
            and not cleaned.get("postal_address")
        ):
            self.add_error(
                "phone", _("Enter a phone number or a postal address: the answer goes there.")
            )
        return cleaned
