"""Pages anyone may read: the service home, published complaints, and the statistics.

Published complaints are shown with the author's name masked and personal data
in every text redacted; nothing the citizen attached is ever published.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from egov.complaints import rules
from egov.complaints.forms.citizen import PublicFilterForm, StatisticsForm
from egov.complaints.limits import PUBLIC_PAGE_SIZE
from egov.complaints.models import (
    DEFAULT_PERIODS,
    NEWEST_FIRST,
    Answer,
    Complaint,
    ComplaintStatistics,
    ComplaintType,
    ProcessingPeriod,
)
from egov.complaints.published import (
    PublicPage,
    cached_public_page,
    keep_public_page,
)
from egov.complaints.queries import PublishedCase, public_complaint, statistics_of
from egov.lib.masking import mask_name
from egov.lib.redaction import redact


def default_periods() -> dict[str, int]:
    """The platform's processing period for each type: as configured, else the built-in one."""
    configured = dict(
        ProcessingPeriod.objects.filter(agency__isnull=True).values_list("type", "working_days")
    )
    return {value: configured.get(value, DEFAULT_PERIODS[value]) for value in ComplaintType.values}


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    periods = default_periods()
    agency_periods = sorted(
        ProcessingPeriod.objects.filter(agency__isnull=False).select_related("agency"),
        key=lambda period: (period.agency.name if period.agency else "", period.type),
    )
    return render(
        request,
        "complaints/home.html",
        {
            "periods": [(ComplaintType(value).label, days) for value, days in periods.items()],
            "agency_periods": agency_periods,
            "can_submit": rules.can_submit(request.user),
        },
    )


@dataclass(frozen=True)
class PublishedComplaint:
    """A published complaint as the public list shows it: title redacted, latest outcome."""

    complaint: Complaint
    title: str
    latest_answer: Answer | None


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    form = PublicFilterForm(request.GET or None)
    complaints = Complaint.objects.public().prefetch_related(
        Prefetch("answers", queryset=Answer.objects.order_by("answered_at", "id"))
    )
    filters: dict[str, str] = {}
    after = None
    if form.is_valid():
        if form.cleaned_data["category"] is not None:
            complaints = complaints.filter(category=form.cleaned_data["category"])
            filters["category"] = form.cleaned_data["category"].code
        if form.cleaned_data["agency"] is not None:
            complaints = complaints.filter(agency=form.cleaned_data["agency"])
            filters["agency"] = form.cleaned_data["agency"].code
        after = form.cleaned_data["after"]
    page = NEWEST_FIRST.page(complaints, after=after, size=PUBLIC_PAGE_SIZE)
    rows = [
        PublishedComplaint(
            complaint=complaint,
            title=redact(complaint.title),
            latest_answer=_latest(complaint.answers.all()),
        )
        for complaint in page.items
    ]
    return render(
        request,
        "complaints/public_list.html",
        {
            "form": form,
            "rows": rows,
            "filters": filters,
            "next_cursor": page.next_cursor.encode() if page.next_cursor else None,
            "is_first_page": after is None,
        },
    )


def _latest(answers: Iterable[Answer]) -> Answer | None:
    latest = None
    for answer in answers:
        latest = answer
    return latest


@dataclass(frozen=True)
class PublishedAnswer:
    answer: Answer
    body: str
    legal_basis: str
    refusal_reason: str
    remedy: str
    officer_position: str


@require_GET
def public_detail(request: HttpRequest, receipt_number: str) -> HttpResponse:
    language = get_language() or settings.LANGUAGE_CODE
    page = cached_public_page(receipt_number, language)
    if page is None:
        page = _render_public_page(public_complaint(receipt_number))
        keep_public_page(receipt_number, language, page)
    return render(
        request,
        "complaints/public_detail.html",
        # Rendered by this module from its own template: already escaped.
        {"title": page.title, "page_html": mark_safe(page.html)},  # noqa: S308
    )


def _render_public_page(case: PublishedCase) -> PublicPage:
    """The case as the public sees it: the author's name masked, every text redacted."""
    complaint = case.complaint
    answers = [
        PublishedAnswer(
            answer=answer,
            body=redact(answer.body),
            legal_basis=redact(answer.legal_basis),
            refusal_reason=redact(answer.refusal_reason),
            remedy=redact(answer.remedy),
            officer_position=position_of(answer.officer),
        )
        for answer in complaint.answers.select_related("officer__officer", "unit__agency").order_by(
            "answered_at", "id"
        )
    ]
    title = redact(complaint.title)
    html = render_to_string(
        "complaints/_public_case.html",
        {
            "complaint": complaint,
            "author": mask_name(case.author_name),
            "title": title,
            "body": redact(complaint.body),
            "location": redact(complaint.location_text),
            "answers": answers,
            "follow_ups": list(complaint.follow_ups.all()),
        },
    )
    return PublicPage(title=title, html=html)


def position_of(user: Any) -> str:
    """An official's public position, or nothing for someone who holds none (or left)."""
    held = getattr(user, "officer", None)
    return str(held.position) if held is not None else ""


# ---- statistics -------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    label: str
    value: str
    # 0 to 100 in steps of 5: the bar's width as a CSS class (the CSP forbids inline styles).
    step: int


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    description: str
    bars: list[Bar]


@dataclass(frozen=True)
class Figures:
    """One row of the statistics table, every number already written for the reader."""

    label: str
    agency_code: str
    is_total: bool
    received: str
    answered: str
    on_time: str
    average_days: str
    satisfaction: str
    second_reviews: str


def _step(part: float | None, whole: float | None) -> int:
    if part is None or not whole:
        return 0
    fraction = min(max(part / whole, 0.0), 1.0)
    return int(round(fraction * 20) * 5)


def _percent(rate: float | None) -> str:
    if rate is None:
        return _("no answers yet")
    return _("%(percent)s%%") % {"percent": number_format(rate * 100, decimal_pos=0)}


def _decimal(value: float | None, empty: str) -> str:
    return empty if value is None else number_format(value, decimal_pos=1)


@require_GET
def statistics(request: HttpRequest) -> HttpResponse:
    form = StatisticsForm(request.GET or None)
    agency = form.cleaned_data["agency"] if form.is_valid() else None
    if agency is not None:
        rows = list(statistics_of(agency))
    else:
        rows = sorted(
            ComplaintStatistics.objects.filter(unit__isnull=True).select_related("agency"),
            key=lambda row: row.agency.name,
        )

    def label(row: ComplaintStatistics) -> str:
        if agency is None:
            return row.agency.name
        return row.unit.name if row.unit is not None else _("Whole agency")

    figures = [
        Figures(
            label=label(row),
            agency_code=row.agency.code,
            is_total=row.unit_id is None,
            received=number_format(row.received, force_grouping=True),
            answered=number_format(row.answered, force_grouping=True),
            on_time=_percent(row.on_time_rate),
            average_days=_decimal(row.average_working_days, _("no answers yet")),
            satisfaction=(
                _("%(score)s of 5") % {"score": _decimal(row.average_satisfaction, "")}
                if row.average_satisfaction is not None
                else _("no ratings yet")
            ),
            second_reviews=_percent(row.second_review_rate),
        )
        for row in rows
    ]
    # The charts compare units, so an agency's own total would dwarf them.
    charted = [row for row in rows if agency is None or row.unit_id is not None]
    return render(
        request,
        "complaints/statistics.html",
        {
            "form": form,
            "agency": agency,
            "figures": figures,
            "charts": _charts(charted, label) if charted else [],
            "refreshed_at": max((row.refreshed_at for row in rows), default=None),
        },
    )


def _charts(
    rows: list[ComplaintStatistics], label: Callable[[ComplaintStatistics], str]
) -> list[Chart]:
    most_received = max(row.received for row in rows)
    longest = max((row.average_working_days or 0 for row in rows), default=0)
    return [
        Chart(
            key="received",
            title=_("Complaints received"),
            description=_("The longest bar is the largest number."),
            bars=[
                Bar(
                    label(row),
                    number_format(row.received, force_grouping=True),
                    _step(row.received, most_received),
                )
                for row in rows
            ],
        ),
        Chart(
            key="on-time",
            title=_("Answered on time"),
            description=_("Share of answers given by the deadline; a full bar is 100%."),
            bars=[
                Bar(label(row), _percent(row.on_time_rate), _step(row.on_time_rate, 1))
                for row in rows
            ],
        ),
        Chart(
            key="days",
            title=_("Average working days to answer"),
            description=_("The longest bar is the slowest; shorter is better."),
            bars=[
                Bar(
                    label(row),
                    _decimal(row.average_working_days, _("no answers yet")),
                    _step(row.average_working_days, longest),
                )
                for row in rows
            ],
        ),
        Chart(
            key="satisfaction",
            title=_("Average satisfaction"),
            description=_("Ratings from 1 to 5; a full bar is 5."),
            bars=[
                Bar(
                    label(row),
                    _decimal(row.average_satisfaction, _("no ratings yet")),
                    _step(row.average_satisfaction, 5),
                )
                for row in rows
            ],
        ),
        Chart(
            key="second-review",
            title=_("Second reviews"),
            description=_("Share of answers rated 1 or 2, which opens a second review."),
            bars=[
                Bar(label(row), _percent(row.second_review_rate), _step(row.second_review_rate, 1))
                for row in rows
            ],
        ),
    ]
