"""The only parsers of what people send to the participation pages.

Each form checks shape and length and turns codes into objects; whether the
step is allowed now is the action's decision, which the view shows on the
same form when it says no.
"""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.agencies.models import Agency
from egov.lib import forms as egov_forms
from egov.lib.forms import AttachmentsField, DistrictField, attachments_help
from egov.participation.limits import (
    AWARD_MAX_LENGTH,
    COMMENT_MAX_LENGTH,
    FEEDBACK_COMMENT_MAX_LENGTH,
    FEEDBACK_PATH_MAX_LENGTH,
    MAX_CONSULTATION_DAYS,
    MAX_OPTIONS,
    MILESTONE_MAX_LENGTH,
    PETITION_BODY_MAX_LENGTH,
    QUESTION_MAX_LENGTH,
    REASON_MAX_LENGTH,
    RESPONSE_MAX_LENGTH,
    SECTION_MAX_LENGTH,
    TITLE_MAX_LENGTH,
)
from egov.participation.models import (
    DECISIONS,
    ConsultationOption,
    ProposalStatus,
    RejectionReason,
    ReportKind,
)

# Whole numbers of won up to 1,000,000,000: an award, not a budget.
MAX_AWARD_WON = 1_000_000_000


class _AgencyField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Agency.objects.order_by("name_en"),
            to_field_name="code",
            empty_label=_("Choose an agency"),
            **kwargs,
        )

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def _area(rows: int = 6) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


PUBLIC_CHOICES = [
    ("private", _("Private: only you and the agency can read it")),
    ("public", _("Public: listed with its outcome; your name is masked")),
]


class ProposalForm(egov_forms.Form):
    agency = _AgencyField(label=_("Agency"))
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    problem = forms.CharField(label=_("The problem"), max_length=SECTION_MAX_LENGTH, widget=_area())
    current_situation = forms.CharField(
        label=_("The current situation"), max_length=SECTION_MAX_LENGTH, widget=_area()
    )
    proposed_change = forms.CharField(
        label=_("What you propose"), max_length=SECTION_MAX_LENGTH, widget=_area()
    )
    expected_effect = forms.CharField(
        label=_("The effect you expect"), max_length=SECTION_MAX_LENGTH, widget=_area()
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it"), choices=PUBLIC_CHOICES, widget=forms.RadioSelect
    )
    attachments = AttachmentsField(label=_("Attachments"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = attachments_help()

    @property
    def is_public(self) -> bool:
        return self.cleaned_data.get("visibility") == "public"


class DecisionForm(egov_forms.Form):
    outcome = forms.ChoiceField(
        label=_("Decision"),
        choices=[(status.value, status.label) for status in DECISIONS],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=_("Reasons"),
        max_length=REASON_MAX_LENGTH,
        widget=_area(),
        help_text=_(
            "If it is not adopted, say why in terms the proposer can act on: what would "
            "have to change for it to work."
        ),
    )

    def cleaned_outcome(self) -> ProposalStatus:
        return ProposalStatus(self.cleaned_data["outcome"])


class MilestoneForm(egov_forms.Form):
    title = forms.CharField(label=_("Step"), max_length=MILESTONE_MAX_LENGTH)
    due_on = forms.DateField(label=_("Planned for"), widget=forms.DateInput(attrs={"type": "date"}))


class MilestoneDoneForm(egov_forms.Form):
    done_on = forms.DateField(label=_("Done on"), widget=forms.DateInput(attrs={"type": "date"}))


class AwardForm(egov_forms.Form):
    description = forms.CharField(label=_("Award"), max_length=AWARD_MAX_LENGTH)
    amount = forms.IntegerField(
        label=_("Amount in won"), min_value=0, max_value=MAX_AWARD_WON, initial=0
    )
    awarded_on = forms.DateField(
        label=_("Awarded on"), widget=forms.DateInput(attrs={"type": "date"})
    )


class PetitionForm(egov_forms.Form):
    agency = _AgencyField(label=_("Agency"))
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    body = forms.CharField(
        label=_("What you ask for, and why"), max_length=PETITION_BODY_MAX_LENGTH, widget=_area(10)
    )
    district = DistrictField(label=_("Where you live"))
    show_name = forms.BooleanField(label=_("Show my name among the signers"), required=False)


class SignForm(egov_forms.Form):
    district = DistrictField(
        label=_("Where you live"),
        help_text=_("Counted in the table of signatures by region; never shown with your name."),
    )
    show_name = forms.BooleanField(label=_("Show my name among the signers"), required=False)


class RejectForm(egov_forms.Form):
    reason = forms.ChoiceField(
        label=_("Reason"), choices=RejectionReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Explanation for the author (published)"),
        max_length=REASON_MAX_LENGTH,
        required=False,
        widget=_area(4),
    )


class ResponseForm(egov_forms.Form):
    response = forms.CharField(
        label=_("Official response"), max_length=RESPONSE_MAX_LENGTH, widget=_area(10)
    )


class ConsultationForm(egov_forms.Form):
    question = forms.CharField(label=_("Question"), max_length=QUESTION_MAX_LENGTH)
    description = forms.CharField(
        label=_("Background"), max_length=SECTION_MAX_LENGTH, required=False, widget=_area()
    )
    options = forms.CharField(
        label=_("Options, one a line"),
        max_length=MAX_OPTIONS * 210,
        widget=_area(5),
    )
    closes_on = forms.DateField(
        label=_("Closes at the end of"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean_closes_on(self) -> datetime.date:
        closes_on: datetime.date = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        if not today <= closes_on <= today + datetime.timedelta(days=MAX_CONSULTATION_DAYS):
            raise forms.ValidationError(
                _("Choose a day from today to %(days)d days ahead.")
                % {"days": MAX_CONSULTATION_DAYS},
                code="closes_on",
            )
        return closes_on

    def option_lines(self) -> list[str]:
        return [line for line in self.cleaned_data["options"].splitlines() if line.strip()]


def _option_text(option: Any) -> str:
    return str(option.text)


class VoteForm(egov_forms.Form):
    option = forms.ModelChoiceField(
        label=_("Your answer"),
        queryset=ConsultationOption.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
    )
    district = DistrictField(
        label=_("Where you live"),
        help_text=_("Results by region are shown only for groups of at least 10 people."),
    )

    def __init__(self, *args: Any, consultation_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["option"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = ConsultationOption.objects.filter(consultation_id=consultation_id)
        field.label_from_instance = _option_text  # type: ignore[method-assign,assignment]


class CommentForm(egov_forms.Form):
    body = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        widget=_area(4),
        help_text=_("Published at once; phone numbers, email addresses and the like are masked."),
    )


class RatingForm(egov_forms.Form):
    score = forms.TypedChoiceField(
        label=_("How well was your proposal handled?"),
        choices=[
            ("5", _("5: very well")),
            ("4", _("4: well")),
            ("3", _("3: neither well nor badly")),
            ("2", _("2: badly")),
            ("1", _("1: very badly")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), max_length=COMMENT_MAX_LENGTH, required=False, widget=_area(3)
    )


class ReportForm(egov_forms.Form):
    kind = forms.ChoiceField(choices=ReportKind.choices, widget=forms.HiddenInput)
    object_id = forms.IntegerField(min_value=1, max_value=2**62, widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label=_("What is wrong with it?"), choices=RejectionReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Anything the moderators should know"),
        max_length=COMMENT_MAX_LENGTH,
        required=False,
        widget=_area(3),
    )


class PageFeedbackForm(egov_forms.Form):
    path = forms.CharField(max_length=FEEDBACK_PATH_MAX_LENGTH, widget=forms.HiddenInput)
    useful = forms.ChoiceField(
        label=_("Was this page useful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What could be better?"),
        max_length=FEEDBACK_COMMENT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Do not write personal details: they are masked."),
    )


class PolicyReviewForm(egov_forms.Form):
    """A policy review opened from a surge; its current situation is the surge's figures."""

    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX_LENGTH)
    problem = forms.CharField(label=_("The problem"), max_length=SECTION_MAX_LENGTH, widget=_area())
    proposed_change = forms.CharField(
        label=_("What will be reviewed"), max_length=SECTION_MAX_LENGTH, widget=_area()
    )
    expected_effect = forms.CharField(
        label=_("The effect you expect"), max_length=SECTION_MAX_LENGTH, widget=_area()
    )
