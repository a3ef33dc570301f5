"""Reads for participation.

``access_proposal``, ``access_petition`` and ``access_consultation`` are the
one door to each: they fetch and check permission together, and something a
person may not see looks exactly like something that does not exist. The
figures pages publish (adoption rates, signatures by region, consultation
results) are computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from django.core.cache import caches
from django.db.models import Avg, Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from egov.agencies.models import Agency
from egov.lib import regions, surges
from egov.lib.redaction import redact
from egov.participation import rules
from egov.participation.limits import (
    MIN_GROUP_SIZE,
    PETITION_TALLY_MIN_SIGNATURES,
    PETITION_TALLY_SECONDS,
    TALLY_KEPT_SECONDS,
)
from egov.participation.models import (
    ADOPTIONS,
    DECISIONS,
    AgeBand,
    Comment,
    Consultation,
    PageFeedback,
    Petition,
    PetitionStatus,
    Proposal,
    Report,
    ReportKind,
    ServiceRating,
    Signature,
    Vote,
)
from egov.participation.rules import Viewer

Row = TypeVar("Row", Proposal, Petition, Consultation)


def _by_id(queryset: QuerySet[Row], key: object) -> Row:
    text = str(key)
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        raise Http404
    found = queryset.filter(pk=int(text)).first()
    if found is None:
        raise Http404
    return found


def access_proposal(user: Viewer, proposal_id: object) -> Proposal:
    # The proposer's name alone: loading the account would decrypt their personal fields.
    proposal = _by_id(
        Proposal.objects.select_related("agency").annotate(proposer_name=F("proposer__name")),
        proposal_id,
    )
    if not rules.can_view_proposal(user, proposal):
        raise Http404
    return proposal


def access_petition(user: Viewer, petition_id: object) -> Petition:
    petition = _by_id(
        Petition.objects.select_related("agency").annotate(author_name=F("author__name")),
        petition_id,
    )
    if not rules.can_view_petition(user, petition):
        raise Http404
    return petition


def access_consultation(user: Viewer, consultation_id: object) -> Consultation:
    """Consultations are public: anyone may read the question and its results."""
    return _by_id(Consultation.objects.select_related("agency"), consultation_id)


# ---- proposals ------------------------------------------------------------------------------


def proposals_of(user: Viewer) -> QuerySet[Proposal]:
    if not user.is_authenticated:
        return Proposal.objects.none()
    return Proposal.objects.filter(proposer_id=user.pk).select_related("agency").order_by("-pk")


def public_proposals() -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(is_public=True, hidden_at__isnull=True)
        .select_related("agency")
        .order_by("-pk")
    )


def review_queue(user: Viewer) -> QuerySet[Proposal]:
    agency_id = rules.agency_of(user)
    if agency_id is None:
        return Proposal.objects.none()
    return Proposal.objects.filter(agency_id=agency_id).order_by("status", "due_at", "pk")


@dataclass(frozen=True)
class AdoptionRate:
    agency: Agency
    decided: int
    adopted: int

    @property
    def percent(self) -> int | None:
        """Adopted or partly adopted, as a whole percentage of the decided ones."""
        if not self.decided:
            return None
        return round(100 * self.adopted / self.decided)


def adoption_rates() -> list[AdoptionRate]:
    """Per agency, of all its proposals decided (public or not): how many were adopted.

    Counts only, so private proposals count without being shown.
    """
    rows = (
        Proposal.objects.filter(status__in=DECISIONS)
        .values("agency")
        .annotate(decided=Count("pk"), adopted=Count("pk", filter=Q(status__in=ADOPTIONS)))
    )
    counts = {row["agency"]: (row["decided"], row["adopted"]) for row in rows}
    agencies = Agency.objects.filter(pk__in=counts).order_by("name_en")
    return [AdoptionRate(agency, *counts[agency.pk]) for agency in agencies]


# ---- petitions ------------------------------------------------------------------------------


def published_petitions() -> QuerySet[Petition]:
    return (
        Petition.objects.filter(status__in=(PetitionStatus.OPEN, PetitionStatus.CLOSED))
        .select_related("agency")
        .order_by("-signature_count", "-pk")
    )


def moderation_queue(user: Viewer) -> QuerySet[Petition]:
    if not rules.is_moderator(user):
        return Petition.objects.none()
    return Petition.objects.filter(status=PetitionStatus.AWAITING_MODERATION).order_by("pk")


def petitions_to_answer(user: Viewer) -> QuerySet[Petition]:
    agency_id = rules.agency_of(user)
    if agency_id is None:
        return Petition.objects.none()
    return Petition.objects.filter(
        agency_id=agency_id, response_threshold_at__isnull=False, responded_at__isnull=True
    ).order_by("response_due_at")


def shown_signers(petition: Petition, *, limit: int = 50) -> list[str]:
    """The names of the latest signers who chose to show them."""
    return list(
        Signature.objects.filter(petition=petition, show_name=True)
        .order_by("-pk")
        .values_list("signer__name", flat=True)[:limit]
    )


@dataclass(frozen=True)
class RegionCount:
    code: str
    name: str
    count: int


def _clock() -> float:
    """Seconds on the platform's clock, for the age of a shared tally."""
    return timezone.now().timestamp()


def _tally(petition: Petition) -> list[tuple[str, str, int]]:
    """(district, province, signatures) for every district the petition was signed from.

    One GROUP BY over the petition's signatures (index participation_sig_district).
    At a million signatures it takes a few hundred milliseconds, too long for
    every reader, so a big petition's tally (PETITION_TALLY_MIN_SIGNATURES or
    more) is shared through the pages cache and made again at most every
    PETITION_TALLY_SECONDS by one reader while the others read the last one:
    its tables and map are then up to that many seconds behind its count,
    which is read from the petition and never behind. A smaller petition's
    tally is made for every reader, so it is always exact.
    """
    remembered: list[tuple[str, str, int]] | None = getattr(petition, "_tally", None)
    if remembered is not None:
        return remembered
    big = petition.signature_count >= PETITION_TALLY_MIN_SIGNATURES
    key = f"participation:tally:{petition.pk}"
    pages = caches["pages"]
    cached = pages.get(key) if big else None
    now = _clock()
    if cached is not None:
        made_at, rows = cached
        if now - made_at < PETITION_TALLY_SECONDS or not pages.add(f"{key}:making", 1, 30):
            petition._tally = rows  # type: ignore[attr-defined]
            petition._tally_made_at = made_at  # type: ignore[attr-defined]
            return rows  # type: ignore[no-any-return]
    rows = [
        (row["district"], row["province"], row["count"])
        for row in Signature.objects.filter(petition=petition)
        .values("district", "province")
        .annotate(count=Count("pk"))
        .order_by()
    ]
    if big:
        pages.set(key, (now, rows), TALLY_KEPT_SECONDS)
        pages.delete(f"{key}:making")
    petition._tally = rows  # type: ignore[attr-defined]
    petition._tally_made_at = now if big else None  # type: ignore[attr-defined]
    return rows


def shared_tally_made_at(petition: Petition) -> float | None:
    """When the big petition's shared tally was made (None: a small one's, made just now).

    What is drawn from the tally alone (the map and its tables) can be kept as
    long as the tally it was drawn from.
    """
    _tally(petition)
    made_at: float | None = getattr(petition, "_tally_made_at", None)
    return made_at


def signatures_by_district(petition: Petition) -> list[RegionCount]:
    counts: list[RegionCount] = []
    for code, _province, count in _tally(petition):
        district = regions.district(code)
        counts.append(RegionCount(code, district.full_name if district else code, count))
    return sorted(counts, key=lambda row: (-row.count, row.code))


def signatures_by_province(petition: Petition) -> list[RegionCount]:
    totals: dict[str, int] = {}
    for _district, code, count in _tally(petition):
        totals[code] = totals.get(code, 0) + count
    counts = []
    for code, count in totals.items():
        province = regions.province(code)
        counts.append(RegionCount(code, province.name if province else code, count))
    return sorted(counts, key=lambda row: (-row.count, row.code))


def signer_exists(user: Viewer, petition: Petition) -> bool:
    if not user.is_authenticated:
        return False
    return Signature.objects.filter(petition=petition, signer_id=user.pk).exists()


# ---- consultations -------------------------------------------------------------------------


def consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("agency").order_by("-closes_at", "-pk")


@dataclass(frozen=True)
class Group:
    """One row of a breakdown: a group's votes per option, in the options' order."""

    key: str
    label: str
    counts: tuple[int, ...]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class Breakdown:
    shown: tuple[Group, ...]
    # The groups too small to show, merged into one row (None when there are none,
    # or when even together they are too few: then no row is shown for them).
    others: Group | None
    # How many groups were left out of the shown rows.
    suppressed: int


OTHERS = "others"


def suppress_small_groups(groups: list[Group], *, minimum: int = MIN_GROUP_SIZE) -> Breakdown:
    """Show only groups of at least ``minimum`` people; merge the rest.

    The small groups are merged into one "other groups" row. Because the
    total of all votes is published, that row's size can be read off the
    others, so it must itself reach the minimum: when it does not, the
    smallest shown groups join it until it does (complementary suppression),
    and when every group together is still too small nothing is broken down.
    """
    ordered = sorted(groups, key=lambda group: (-group.total, group.key))
    shown = [group for group in ordered if group.total >= minimum]
    small = [group for group in ordered if group.total < minimum]
    while small and sum(group.total for group in small) < minimum and shown:
        small.append(shown.pop())
    if not small:
        return Breakdown(tuple(shown), None, 0)
    merged_total = sum(group.total for group in small)
    if merged_total < minimum:
        return Breakdown((), None, len(small))
    width = len(small[0].counts)
    merged = Group(
        OTHERS, "", tuple(sum(group.counts[index] for group in small) for index in range(width))
    )
    return Breakdown(tuple(shown), merged, len(small))


@dataclass(frozen=True)
class Results:
    options: tuple[str, ...]
    counts: tuple[int, ...]
    by_province: Breakdown
    by_age: Breakdown

    @property
    def total(self) -> int:
        return sum(self.counts)


def results_of(consultation: Consultation) -> Results:
    options = list(consultation.options.order_by("position"))
    index = {option.pk: position for position, option in enumerate(options)}
    totals = [0] * len(options)
    provinces: dict[str, list[int]] = {}
    ages: dict[str, list[int]] = {}
    rows = (
        Vote.objects.filter(consultation=consultation)
        .values_list("option_id", "province", "age_band")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for option_id, province, band, count in rows:
        position = index[option_id]
        totals[position] += count
        provinces.setdefault(province, [0] * len(options))[position] += count
        ages.setdefault(band, [0] * len(options))[position] += count

    def province_label(code: str) -> str:
        found = regions.province(code)
        return found.name if found else code

    def age_label(code: str) -> str:
        return str(AgeBand(code).label) if code in AgeBand.values else code

    return Results(
        options=tuple(option.text for option in options),
        counts=tuple(totals),
        by_province=suppress_small_groups(
            [Group(code, province_label(code), tuple(c)) for code, c in provinces.items()]
        ),
        by_age=suppress_small_groups(
            [Group(code, age_label(code), tuple(c)) for code, c in ages.items()]
        ),
    )


def has_voted(user: Viewer, consultation: Consultation) -> bool:
    if not user.is_authenticated:
        return False
    return Vote.objects.filter(consultation=consultation, voter_id=user.pk).exists()


# ---- "was this page useful?" -----------------------------------------------------------------


@dataclass(frozen=True)
class PageUsefulness:
    path: str
    answers: int
    useful: int

    @property
    def percent(self) -> int:
        return round(100 * self.useful / self.answers) if self.answers else 0


def feedback_by_page(*, limit: int = 100) -> list[PageUsefulness]:
    """The pages answered about most, with how many found them useful (counts only)."""
    rows = (
        PageFeedback.objects.values("path")
        .annotate(answers=Count("pk"), useful=Count("pk", filter=Q(useful=True)))
        .order_by("-answers", "path")[:limit]
    )
    return [PageUsefulness(row["path"], row["answers"], row["useful"]) for row in rows]


# ---- ratings of services ---------------------------------------------------------------------


@dataclass(frozen=True)
class Satisfaction:
    service: str
    ratings: int
    average: float


def satisfaction_by_service() -> list[Satisfaction]:
    rows = (
        ServiceRating.objects.values("service")
        .annotate(ratings=Count("pk"), average=Avg("score"))
        .order_by("service")
    )
    return [
        Satisfaction(row["service"], row["ratings"], round(float(row["average"]), 1))
        for row in rows
    ]


def rating_of(user: Viewer, proposal: Proposal) -> ServiceRating | None:
    if not user.is_authenticated:
        return None
    return ServiceRating.objects.filter(
        service="participation", subject=f"proposal:{proposal.pk}", rater_id=user.pk
    ).first()


# ---- moderation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportedText:
    report: Report
    # The text as the public reads it (already redacted where it is published).
    excerpt: str
    url: str


def open_reports(user: Viewer, *, limit: int = 100) -> list[ReportedText]:
    """The reports waiting for a moderator, oldest first, each with the text it is about."""
    if not rules.is_moderator(user):
        return []
    found = []
    for report in Report.objects.filter(resolved_at__isnull=True).order_by("reported_at")[:limit]:
        excerpt, url = "", ""
        if report.kind == ReportKind.PETITION:
            petition = Petition.objects.filter(pk=report.object_id).first()
            if petition is not None:
                excerpt, url = petition.title, petition.get_absolute_url()
        elif report.kind == ReportKind.PROPOSAL:
            proposal = Proposal.objects.filter(pk=report.object_id).first()
            if proposal is not None:
                excerpt, url = redact(proposal.title), proposal.get_absolute_url()
        else:
            comment = Comment.objects.filter(pk=report.object_id).first()
            if comment is not None:
                excerpt = comment.body
                url = comment.consultation.get_absolute_url()
        found.append(ReportedText(report, excerpt[:300], url))
    return found


def access_report(user: Viewer, report_id: object) -> Report:
    if not rules.is_moderator(user):
        raise Http404
    text = str(report_id)
    if not (text.isascii() and text.isdigit() and len(text) <= 18):
        raise Http404
    report = Report.objects.filter(pk=int(text)).first()
    if report is None:
        raise Http404
    return report


# ---- the scorecard ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AgencyScore:
    """What the public can see of how an agency answers citizens who speak together."""

    agency: Agency
    adoption: AdoptionRate | None
    responses: int
    responses_on_time: int
    # Days from crossing the response threshold to the response, on average.
    average_response_days: float | None

    @property
    def on_time_percent(self) -> int | None:
        if not self.responses:
            return None
        return round(100 * self.responses_on_time / self.responses)


def scorecard() -> list[AgencyScore]:
    """Per agency: proposal adoption, and petition responses (how many, how fast, on time)."""
    adoption = {rate.agency.pk: rate for rate in adoption_rates()}
    answered = Petition.objects.filter(
        responded_at__isnull=False, response_threshold_at__isnull=False
    ).values_list("agency_id", "response_threshold_at", "responded_at", "response_due_at")
    responses: dict[int, list[tuple[float, bool]]] = {}
    for agency_id, crossed, responded, due in answered:
        if crossed is None or responded is None:  # excluded by the filter above
            continue
        days = (responded - crossed).total_seconds() / 86_400
        responses.setdefault(agency_id, []).append((days, due is None or responded <= due))
    agencies = Agency.objects.filter(pk__in=set(adoption) | set(responses)).order_by("name_en")
    scores = []
    for agency in agencies:
        rows = responses.get(agency.pk, [])
        scores.append(
            AgencyScore(
                agency=agency,
                adoption=adoption.get(agency.pk),
                responses=len(rows),
                responses_on_time=sum(1 for _days, on_time in rows if on_time),
                average_response_days=(
                    round(sum(days for days, _on_time in rows) / len(rows), 1) if rows else None
                ),
            )
        )
    return scores


def surge_figures(kind: surges.FollowUpKind, reference: int) -> surges.SurgeFigures | None:
    """The figures of the surge of complaints a consultation or review was opened from."""
    source = surges.source()
    return source.figures_of(kind, reference) if source is not None else None
