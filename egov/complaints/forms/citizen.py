"""The only parsers of what citizens and visitors send to the complaint pages.

Each form checks shape and length and turns codes into objects; whether the
case allows the step is the action's decision, which the view shows on the
same form when it says no.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from egov.accounts.models import User
from egov.agencies.models import Agency
from egov.complaints.limits import (
    ACCESS_CODE_LENGTH,
    BODY_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    LOCATION_MAX_LENGTH,
    RECEIPT_NUMBER_MAX_LENGTH,
    RECEIPT_NUMBER_PATTERN,
    REPLY_MAX_LENGTH,
    SECOND_REVIEW_DAYS,
    TITLE_MAX_LENGTH,
)
from egov.complaints.models import Category, ComplaintType, Routing
from egov.lib import forms as egov_forms
from egov.lib.forms import AttachmentsField, DistrictField, attachments_help
from egov.lib.pagination import CursorField, DateTimeCursor

_NAME_FIELDS = {"en": "name_en", "ko": "name_ko", "id": "name_id"}


def _name_field() -> str:
    """The column holding names in the active language, for sorting choices as they read."""
    return _NAME_FIELDS.get((get_language() or "en")[:2], "name_en")


class CitizenForm(egov_forms.Form):
    # Several forms share the case page, so each gives its fields ids of its own.
    id_prefix = "id"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class _NamedChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Offers objects by their code and shows their name in the active language."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


VISIBILITY_CHOICES = [
    ("private", _("Private: only you and the officials handling it can read it")),
    (
        "public",
        _(
            "Public: published with the answer so that others with the same problem can read "
            "it; your name and personal data are masked"
        ),
    ),
]


class ComplaintForm(CitizenForm):
    type = forms.ChoiceField(
        label=_("What kind of request is it?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the type of complaint.")},
    )
    category = _NamedChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.none(),
        to_field_name="code",
        empty_label=_("Choose a subject"),
        error_messages={"required": _("Choose what the complaint is about.")},
    )
    agency = _NamedChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Let egov route it"),
        help_text=_(
            "If you do not know which agency is responsible, leave this as it is: the "
            "subject decides, and an officer transfers it if needed."
        ),
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        error_messages={"required": _("Give the complaint a title.")},
    )
    body = forms.CharField(
        label=_("Your complaint"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Say what happened, where and when, and what you would like done."),
        error_messages={"required": _("Describe what the complaint is about.")},
    )
    district = DistrictField(
        label=_("Which district is it in?"),
        required=False,
        help_text=_(
            "The city, county or district (시·군·구) where the problem is: its office "
            "receives the complaint. Leave it empty if the complaint is not about a place."
        ),
    )
    location_text = forms.CharField(
        label=_("Location"),
        required=False,
        max_length=LOCATION_MAX_LENGTH,
        help_text=_("A street address or a landmark in that district, if it helps."),
        # Where the problem is, not where the citizen lives: no home address offered.
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it?"),
        choices=VISIBILITY_CHOICES,
        initial="private",
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose who may read the complaint.")},
        help_text=_(
            "Before a public complaint is published we hide names, phone numbers, email "
            "addresses, resident registration numbers and card numbers."
        ),
    )
    attachments = AttachmentsField(label=_("Attachments"))

    def __init__(self, *args: Any, periods: Mapping[str, int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        type_field = self.fields["type"]
        assert isinstance(type_field, forms.ChoiceField)
        type_field.choices = [
            (value, _type_label(str(label), periods[value]))
            for value, label in ComplaintType.choices
        ]
        name = _name_field()
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = Category.objects.filter(is_active=True).order_by(name, "code")
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Agency.objects.filter(
            pk__in=Routing.objects.values("agency_id")
        ).order_by(name, "code")
        self.fields["attachments"].help_text = attachments_help()

    @property
    def is_public(self) -> bool:
        return bool(self.cleaned_data["visibility"] == "public")


class SimilarForm(CitizenForm):
    """What the complaint form holds so far, to look for answered complaints like it.

    The fields carry the complaint form's names, so the page's script sends
    them as they are; all are optional, and the lengths are the form's own.
    """

    category = _NamedChoiceField(
        label=_("What is it about?"),
        queryset=Category.objects.none(),
        to_field_name="code",
        required=False,
    )
    district = DistrictField(label=_("Which district is it in?"), required=False)
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH, required=False)
    body = forms.CharField(label=_("Your complaint"), max_length=BODY_MAX_LENGTH, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = Category.objects.filter(is_active=True)


def _type_label(label: str, days: int) -> str:
    return str(
        _("%(type)s: answered within %(period)s")
        % {
            "type": label,
            "period": ngettext("%(count)d working day", "%(count)d working days", days)
            % {"count": days},
        }
    )


class SupplementForm(CitizenForm):
    id_prefix = "supplement"

    answer_text = forms.CharField(
        label=_("The information asked for"),
        required=False,
        max_length=REPLY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    attachments = AttachmentsField(label=_("Attachments"))

    def __init__(self, *args: Any, existing_attachments: int = 0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attachments = self.fields["attachments"]
        assert isinstance(attachments, AttachmentsField)
        attachments.existing = existing_attachments
        attachments.help_text = attachments_help()


SCORE_CHOICES = [
    (5, _("5: very satisfied")),
    (4, _("4: satisfied")),
    (3, _("3: neither satisfied nor dissatisfied")),
    (2, _("2: dissatisfied")),
    (1, _("1: very dissatisfied")),
]


class RatingForm(CitizenForm):
    id_prefix = "rating"

    score = forms.TypedChoiceField(
        label=_("How satisfied are you with the answer?"),
        choices=SCORE_CHOICES,
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, second_review_possible: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if second_review_possible:
            self.fields["score"].help_text = _(
                "A score of 1 or 2 opens a second review: a reviewer who did not write the "
                "answer looks at your complaint again and answers within %(days)d working days."
            ) % {"days": SECOND_REVIEW_DAYS}


class AppealForm(CitizenForm):
    id_prefix = "appeal"

    reason = forms.CharField(
        label=_("Why is this complaint not a repeat?"),
        max_length=COMMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class InviteForm(CitizenForm):
    id_prefix = "invite"

    email = forms.EmailField(
        label=_("Email address of the person to invite"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
        help_text=_("They must have an egov account; they can read the complaint and sign it."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.invitee: User | None = None

    def clean_email(self) -> str:
        email = str(self.cleaned_data["email"]).strip()
        self.invitee = User.objects.filter(email__iexact=email, is_active=True).first()
        return email


class ConfirmForm(CitizenForm):
    """A button that only confirms: nothing to parse, but a place for the action's answer."""


class PageForm(CitizenForm):
    """The ``after`` cursor of a newest-first list; the pages build it, people never type it."""

    after = CursorField(DateTimeCursor)


class PublicFilterForm(PageForm):
    category = _NamedChoiceField(
        label=_("Subject"),
        queryset=Category.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All subjects"),
    )
    agency = _NamedChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All agencies"),
    )

    field_order: Sequence[str] = ["category", "agency", "after"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        name = _name_field()
        category = self.fields["category"]
        assert isinstance(category, forms.ModelChoiceField)
        category.queryset = Category.objects.order_by(name, "code")
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Agency.objects.order_by(name, "code")


class StatisticsForm(CitizenForm):
    agency = _NamedChoiceField(
        label=_("Agency"),
        queryset=Agency.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("All agencies"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency = self.fields["agency"]
        assert isinstance(agency, forms.ModelChoiceField)
        agency.queryset = Agency.objects.order_by(_name_field(), "code")


def _receipt_number_field() -> forms.RegexField:
    return forms.RegexField(
        label=_("Receipt number"),
        regex=rf"^\s*(?i:{RECEIPT_NUMBER_PATTERN})\s*$",
        max_length=RECEIPT_NUMBER_MAX_LENGTH + 10,
        help_text=_("As printed on the receipt, such as EP-2612-0000123."),
        error_messages={
            "required": _("Enter the receipt number printed on the receipt."),
            "invalid": _("Enter the receipt number as printed, such as EP-2612-0000123."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class FollowForm(CitizenForm):
    """The receipt number and the access code on the receipt of a complaint filed for someone."""

    id_prefix = "follow"

    receipt_number = _receipt_number_field()
    access_code = forms.CharField(
        label=_("Access code"),
        max_length=ACCESS_CODE_LENGTH + 10,
        help_text=_("The eight letters and digits printed under the receipt number."),
        error_messages={"required": _("Enter the access code printed on the receipt.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ClaimForm(CitizenForm):
    """A complaint filed for the reader, to move into their account with a texted code."""

    id_prefix = "claim"

    receipt_number = _receipt_number_field()
    code = forms.RegexField(
        label=_("Code from the text message"),
        required=False,
        regex=r"^\s*[0-9]{6}\s*$",
        max_length=20,
        error_messages={"invalid": _("Enter the six digits from the text message.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )
