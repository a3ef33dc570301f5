"""The only parsers of input in the jobs service."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from egov.jobs import limits
from egov.jobs.checker import valid_pattern
from egov.jobs.models import ClosedReason, Education, EmploymentType, RuleCategory, RuleKind
from egov.jobs.search import Filters, cursor_kind, sort_for
from egov.lib import business_numbers, occupations, regions
from egov.lib import forms as egov_forms
from egov.lib.forms import DistrictField
from egov.lib.pagination import CURSOR_MAX_LENGTH, Cursor, CursorField

LANGUAGE_CHOICES = [(code, name) for code, name in settings.LANGUAGES]


class CompanyForm(egov_forms.Form):
    registration_number = forms.CharField(
        label=_("Business registration number"),
        max_length=20,
        help_text=_("Ten digits, as on the certificate of business registration: 123-45-67890."),
    )
    name = forms.CharField(label=_("Company name"), max_length=limits.COMPANY_NAME_MAX_LENGTH)
    website = forms.URLField(
        label=_("Website"), required=False, max_length=200, assume_scheme="https"
    )

    def clean_registration_number(self) -> str:
        digits = business_numbers.normalize(self.cleaned_data["registration_number"])
        if digits is None:
            raise forms.ValidationError(
                _("This is not a valid business registration number: check the digits."),
                code="invalid",
            )
        return digits


class PostingForm(egov_forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=limits.TITLE_MAX_LENGTH)
    description = forms.CharField(
        label=_("Description of the job"),
        max_length=limits.DESCRIPTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    occupation_code = forms.ChoiceField(label=_("Occupation (ISCO-08)"))
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    district_code = DistrictField(label=_("Where the work is"), required=False)
    remote = forms.BooleanField(label=_("The work is remote"), required=False)
    applicant_country = forms.ChoiceField(
        label=_("Remote applicants must live in"),
        required=False,
        choices=[("", _("Not remote")), ("KR", _("Republic of Korea"))],
    )
    salary_min = forms.IntegerField(
        label=_("Lowest pay (won)"), min_value=0, max_value=limits.MAX_SALARY
    )
    salary_max = forms.IntegerField(
        label=_("Highest pay (won)"), min_value=0, max_value=limits.MAX_SALARY
    )
    salary_unit = forms.ChoiceField(
        label=_("Pay per"),
        choices=[
            ("HOUR", _("hour")),
            ("DAY", _("day")),
            ("WEEK", _("week")),
            ("MONTH", _("month")),
            ("YEAR", _("year")),
        ],
    )
    experience_years = forms.IntegerField(
        label=_("Years of experience needed"),
        min_value=0,
        max_value=limits.MAX_EXPERIENCE_YEARS,
        initial=0,
    )
    education = forms.ChoiceField(
        label=_("Education needed"), choices=Education.choices, required=False
    )
    skills = forms.CharField(
        label=_("Skills"), max_length=limits.SHORT_TEXT_MAX_LENGTH, required=False
    )
    working_hours = forms.CharField(
        label=_("Working hours"),
        max_length=limits.SHORT_TEXT_MAX_LENGTH,
        help_text=_("For example: Monday to Friday, 9:00 to 18:00."),
    )
    benefits = forms.CharField(
        label=_("Benefits"), max_length=limits.SHORT_TEXT_MAX_LENGTH, required=False
    )
    openings = forms.IntegerField(
        label=_("Number of openings"), min_value=1, max_value=limits.MAX_OPENINGS, initial=1
    )
    how_to_apply = forms.CharField(
        label=_("How to apply"),
        max_length=limits.SHORT_TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    work_languages = forms.MultipleChoiceField(
        label=_("Languages used at work"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
    )
    valid_through = forms.DateField(
        label=_("Applications close on"),
        help_text=_("At most 90 days from today."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        occupation = self.fields["occupation_code"]
        assert isinstance(occupation, forms.ChoiceField)
        occupation.choices = [
            ("", _("Choose an occupation")),
            *occupations.sub_major_choices(),
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        district = cleaned.get("district_code")
        cleaned["district_code"] = district.code if isinstance(district, regions.District) else ""
        cleaned["work_languages"] = " ".join(cleaned.get("work_languages") or [])
        cleaned["education"] = cleaned.get("education") or ""
        if not cleaned.get("remote"):
            cleaned["applicant_country"] = ""
        return cleaned


class CloseForm(egov_forms.Form):
    reason = forms.ChoiceField(
        label=_("Why it closes"),
        choices=[
            (ClosedReason.FILLED.value, ClosedReason.FILLED.label),
            (ClosedReason.WITHDRAWN.value, ClosedReason.WITHDRAWN.label),
        ],
        widget=forms.RadioSelect,
    )


class ReasonForm(egov_forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=limits.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReportForm(egov_forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this posting?"),
        max_length=limits.REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class RuleForm(egov_forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=RuleKind.choices)
    category = forms.ChoiceField(label=_("What it finds"), choices=RuleCategory.choices)
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_CHOICES)
    pattern = forms.CharField(
        label=_("Words or pattern"),
        max_length=limits.PATTERN_MAX_LENGTH,
        help_text=_("A regular expression, matched without regard to case."),
    )
    note = forms.CharField(
        label=_("What changes and why"), max_length=limits.REASON_MAX_LENGTH, required=False
    )

    def clean_pattern(self) -> str:
        pattern: str = self.cleaned_data["pattern"]
        if not valid_pattern(pattern):
            raise forms.ValidationError(_("This is not a usable pattern."), code="invalid")
        return pattern


class MinimumWageForm(egov_forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=1988, max_value=2100)
    hourly_won = forms.IntegerField(
        label=_("Hourly minimum wage (won)"), min_value=1, max_value=1_000_000
    )


SORT_CHOICES = [
    ("relevance", _("Relevance")),
    ("newest", _("Newest")),
    ("salary", _("Highest pay")),
]
POSTED_WITHIN_CHOICES = [
    ("", _("Any time")),
    ("1", _("Today")),
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
]


class SearchForm(egov_forms.Form):
    q = forms.CharField(label=_("Keywords"), max_length=limits.QUERY_MAX_LENGTH, required=False)
    province = forms.ChoiceField(label=_("Region"), required=False)
    occupation = forms.ChoiceField(label=_("Occupation group"), required=False)
    employment_type = forms.ChoiceField(
        label=_("Employment type"),
        required=False,
        choices=[("", _("Any")), *EmploymentType.choices],
    )
    min_salary = forms.IntegerField(
        label=_("Lowest monthly pay (won)"),
        required=False,
        min_value=0,
        max_value=limits.MAX_SALARY,
    )
    experience = forms.IntegerField(
        label=_("My years of experience"),
        required=False,
        min_value=0,
        max_value=limits.MAX_EXPERIENCE_YEARS,
    )
    education = forms.ChoiceField(
        label=_("My education"),
        required=False,
        choices=[("", _("Any")), *[(value, label) for value, label in Education.choices if value]],
    )
    remote = forms.BooleanField(label=_("Remote work only"), required=False)
    posted_within = forms.ChoiceField(
        label=_("Posted"), required=False, choices=POSTED_WITHIN_CHOICES
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=SORT_CHOICES,
        help_text=_(
            "Relevance puts first the postings with more of your keywords in their title. "
            "Without keywords, the newest postings come first."
        ),
        error_messages={
            "invalid_choice": _("This is not a way to sort the postings. Choose one from the list.")
        },
    )
    # A cursor of the sort's kind; which kind depends on the sort, so clean() decodes it.
    after = forms.CharField(
        required=False,
        max_length=CURSOR_MAX_LENGTH,
        widget=forms.HiddenInput,
        error_messages=dict.fromkeys(
            ("max_length", "null_characters_not_allowed"),
            CursorField.default_error_messages["invalid"],
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        province, occupation = self.fields["province"], self.fields["occupation"]
        assert isinstance(province, forms.ChoiceField)
        assert isinstance(occupation, forms.ChoiceField)
        province.choices = [("", _("Anywhere")), *regions.province_choices()]
        occupation.choices = [("", _("Any")), *occupations.major_choices()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        text = cleaned.get("after") or ""
        cleaned["after"] = None
        if text and "sort" in cleaned:
            kind = cursor_kind(sort_for(cleaned["sort"] or "", cleaned.get("q") or ""))
            try:
                cleaned["after"] = kind.decode(text)
            except ValueError:
                self.add_error("after", CursorField.default_error_messages["invalid"])
        return cleaned

    def filters(self) -> Filters:
        data = self.cleaned_data
        within = data.get("posted_within")
        return Filters(
            text=data.get("q") or "",
            province=data.get("province") or "",
            occupation_major=data.get("occupation") or "",
            employment_type=data.get("employment_type") or "",
            min_monthly_salary=data.get("min_salary"),
            max_experience_years=data.get("experience"),
            education=data.get("education") or "",
            remote=bool(data.get("remote")),
            posted_within_days=int(within) if within else None,
            sort=data.get("sort") or "",
        )

    def cursor(self) -> Cursor[Any] | None:
        """Where the page starts: a cursor of the sort's kind, or None for the first page."""
        after: Cursor[Any] | None = self.cleaned_data.get("after")
        return after


class SaveSearchForm(egov_forms.Form):
    name = forms.CharField(
        label=_("Name of the search"), max_length=limits.SAVED_SEARCH_NAME_MAX_LENGTH
    )
    query = forms.CharField(
        max_length=limits.SAVED_SEARCH_QUERY_MAX_LENGTH, required=False, widget=forms.HiddenInput
    )

    def clean_query(self) -> str:
        """The query string again, as the search form reads it: nothing else is kept."""
        from urllib.parse import urlencode

        from django.http import QueryDict

        # The search, not the page of it someone was on: a page link is not kept.
        asked = QueryDict(self.cleaned_data.get("query") or "", mutable=True)
        asked.pop("after", None)
        search = SearchForm(asked)
        if not search.is_valid():
            raise forms.ValidationError(_("This search cannot be saved."), code="invalid")
        kept = {
            key: value
            for key, value in search.cleaned_data.items()
            if key != "after" and value not in (None, "", False)
        }
        return urlencode({key: "on" if value is True else value for key, value in kept.items()})
