"""Pages for the people who file complaints: file one, follow it, and take their steps on it.

Every case page goes through ``access_complaint``, so a case someone may not
see answers 404 exactly like one that does not exist. Each step the citizen
can take is its own small form posted to its own URL, which calls one action.
The case page shows the citizen's view even to the officials who may open it:
internal notes never appear, and other people's names and personal data are
masked, so looking at this page reveals nothing that needs an access record.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import TextChoices
from django.http import FileResponse, Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.accounts.http import AuthenticatedRequest
from egov.accounts.models import User
from egov.agencies.models import Agency
from egov.complaints import actions, rules
from egov.complaints.deadlines import explain_deadline, period_of, time_left
from egov.complaints.forms.citizen import (
    AppealForm,
    ComplaintForm,
    ConfirmForm,
    InviteForm,
    PageForm,
    RatingForm,
    SimilarForm,
    SupplementForm,
)
from egov.complaints.limits import MY_PAGE_SIZE
from egov.complaints.models import (
    NEWEST_FIRST,
    AnswerKind,
    Attachment,
    ClosureReason,
    Complaint,
    ComplaintEvent,
    ComplaintType,
    EventKind,
    Extension,
    ExtensionStatus,
    Outcome,
    Status,
)
from egov.complaints.queries import access_attachment, access_complaint, complaints_of
from egov.complaints.routing import Route, find_route
from egov.complaints.search import similar_answered
from egov.complaints.views.public import default_periods, position_of
from egov.lib.calendar import Counting, Due, TimeLeft
from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.lib.i18n import pick
from egov.lib.masking import mask_name
from egov.lib.redaction import find_personal_data, redact

# The invitation's outcome is not shown when it would tell the author whether an
# address has an egov account, or what kind of account it is.
_UNREVEALED_INVITATION_ERRORS = frozenset({"cosigner_role", "invited"})


def _uploaded(request: AuthenticatedRequest) -> MultiValueDict[str, UploadedFile[Any]] | None:
    return request.FILES if request.method == "POST" else None


# ---- filing ---------------------------------------------------------------------------


# The first page's button: check the answers (and where the complaint will go) before sending.
_CHECK = "check"
# What the check page shows, in the order of the form, with the section each
# answer is changed in (the fragment the "Change" button opens the form at).
_CHECKED_FIELDS = ("type", "category", "district", "agency", "title", "body", "location_text")


@dataclass(frozen=True)
class CheckedAnswer:
    name: str
    label: str
    value: str
    # The id of the field the "Change" button opens the form at.
    anchor: str


def _filing_data(request: AuthenticatedRequest) -> QueryDict | None:
    """The posted answers, with the agency the page offered when the citizen took it."""
    data = posted(request)
    if data is None or not data.get("use_agency"):
        return data
    data = data.copy()
    data["agency"] = str(data.get("use_agency", ""))
    return data


def _checked_answers(form: ComplaintForm) -> list[CheckedAnswer]:
    answers = []
    for name in _CHECKED_FIELDS:
        bound = form[name]
        value: Any = form.cleaned_data.get(name)
        if name == "type":
            shown = str(ComplaintType(value).label)
        elif name == "district":
            shown = value.full_name if value is not None else _("Not about a place")
        elif name == "agency":
            shown = value.name if value is not None else _("Let egov route it")
        elif name == "category":
            shown = value.name
        else:
            shown = str(value or "") or _("Not given")
        answers.append(CheckedAnswer(name, str(bound.label), shown, bound.id_for_label))
    answers.append(
        CheckedAnswer(
            "visibility",
            str(form["visibility"].label),
            _("Public") if form.is_public else _("Private"),
            form["visibility"].auto_id + "_0",
        )
    )
    return answers


def _route_of(form: ComplaintForm) -> Route:
    data = form.cleaned_data
    return find_route(data["category"], data["district"], data["agency"])


@login_required
@require_http_methods(["GET", "POST"])
def new_complaint(request: AuthenticatedRequest) -> HttpResponse:
    """File a complaint: the answers, then a check of them and of where it goes, then send.

    The first page posts to itself with ``step=check``; the check page carries
    every answer in hidden fields, takes the attachments, and posts them
    without ``step``, which sends. "Change" on the check page posts the answers
    back to the form, opened at that answer, so nothing is lost and no
    JavaScript or stored draft is needed.
    """
    # Staff file for a citizen from their own pages, in the citizen's name.
    rules.require(rules.can_submit(request.user))
    data = _filing_data(request)
    form = ComplaintForm(data, _uploaded(request), periods=default_periods())
    step = data.get("step", "") if data is not None else ""
    offer: Agency | None = None
    if data is not None and step == "change":
        # Back to the form with every answer kept: no errors to show yet.
        form = ComplaintForm(initial=_initial_from(data), periods=default_periods())
    elif data is not None and (form.is_valid() or set(form.errors) == {"attachments"}):
        route = _route_of(form)
        if route.unit is None:
            district = form.cleaned_data["district"]
            category = form.cleaned_data["category"]
            show_action_error(form, actions.route_refusal(route, category, district))
            offer = route.suggestion
        elif step == _CHECK or data.get("use_agency"):
            blank = ComplaintForm(periods=default_periods())
            return _check_page(request, form, route, blank["attachments"])
        elif form.errors:
            # Only the files were refused: they are chosen on the check page, so it shows again.
            return _check_page(request, form, route, form["attachments"])
        else:
            try:
                complaint = _submit(request.user, form)
            except ValidationError as error:
                show_action_error(form, error)
            else:
                return redirect("complaints:receipt", complaint.receipt_number)
    return render(
        request,
        "complaints/new.html",
        {"form": form, "offer": offer},
    )


def _submit(citizen: User, form: ComplaintForm) -> Complaint:
    data = form.cleaned_data
    return actions.submit_complaint(
        citizen=citizen,
        type=data["type"],
        category=data["category"],
        agency=data["agency"],
        district=data["district"],
        title=data["title"],
        body=data["body"],
        location_text=data["location_text"],
        is_public=form.is_public,
        attachments=data["attachments"],
    )


def _check_page(
    request: AuthenticatedRequest,
    form: ComplaintForm,
    route: Route,
    attachments: forms.BoundField,
) -> HttpResponse:
    data = form.cleaned_data
    similar = _similar_to(data)
    return render(
        request,
        "complaints/check.html",
        {
            "form": form,
            "answers": _checked_answers(form),
            "route": route,
            "attachments": attachments,
            "similar": similar,
        },
    )


def _similar_to(data: dict[str, Any]) -> list[tuple[Complaint, str]]:
    """Published, answered complaints like the one being written, titled as the public
    list shows them: redacted."""
    category, district = data.get("category"), data.get("district")
    if category is None:
        return []
    found = similar_answered(
        category_id=category.pk,
        district_code=district.code if district is not None else "",
        text=f"{data.get('title', '')} {data.get('body', '')}",
    )
    return [(complaint, redact(complaint.title)) for complaint in found]


@login_required
@require_GET
def similar(request: AuthenticatedRequest) -> HttpResponse:
    """The answered complaints like the one being typed, as a fragment for the form's script.

    Without the script the check page shows the same list before sending.
    """
    form = SimilarForm(request.GET)
    if not form.is_valid():
        return render(request, "complaints/_similar.html", {"similar": []}, status=400)
    return render(request, "complaints/_similar.html", {"similar": _similar_to(form.cleaned_data)})


def _initial_from(data: QueryDict) -> dict[str, str]:
    return {name: data.get(name, "") for name in (*_CHECKED_FIELDS, "visibility")}


@login_required
@require_GET
def receipt(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = access_complaint(request.user, receipt_number)
    explanation = explain_deadline(complaint)
    is_owner = rules.is_owner(request.user, complaint)
    return render(
        request,
        "complaints/receipt.html",
        {
            "complaint": complaint,
            "title": complaint.title if is_owner else redact(complaint.title),
            "explanation": explanation,
            "to_be_hidden": _personal_data_to_hide(request.user, complaint),
        },
    )


@dataclass(frozen=True)
class PersonalData:
    kind: str
    text: str


def _personal_data_to_hide(user: User, complaint: Complaint) -> list[PersonalData]:
    """What publishing will mask in the author's own public complaint, to warn them of it."""
    if not complaint.is_public or not rules.is_owner(user, complaint):
        return []
    kinds = {
        "phone": _("phone number"),
        "email": _("email address"),
        "resident_number": _("resident registration number"),
        "card": _("card number"),
    }
    found: list[PersonalData] = []
    for text in (complaint.title, complaint.body, complaint.location_text):
        for kind, written in find_personal_data(text):
            found.append(PersonalData(kinds.get(kind, kind), written))
    return found


# ---- the citizen's list -----------------------------------------------------------------


@dataclass(frozen=True)
class MyComplaint:
    complaint: Complaint
    is_mine: bool
    title: str
    time_left: TimeLeft


@login_required
@require_GET
def my_complaints(request: AuthenticatedRequest) -> HttpResponse:
    form = PageForm(request.GET or None)
    after = form.cleaned_data["after"] if form.is_valid() else None
    page = NEWEST_FIRST.page(complaints_of(request.user), after=after, size=MY_PAGE_SIZE)
    now = timezone.now()
    rows = []
    for complaint in page.items:
        is_mine = complaint.citizen_id == request.user.pk
        rows.append(
            MyComplaint(
                complaint=complaint,
                is_mine=is_mine,
                # A co-signed complaint is someone else's: its title reads as published.
                title=complaint.title if is_mine else redact(complaint.title),
                time_left=time_left(complaint, now),
            )
        )
    return render(
        request,
        "complaints/mine.html",
        {
            "form": form,
            "rows": rows,
            "next_cursor": page.next_cursor.encode() if page.next_cursor else None,
            "is_first_page": after is None,
            "can_submit": rules.can_submit(request.user),
        },
    )


# ---- the case page ------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    """One step of the timeline, its recorded facts read safely, and the official it names."""

    event: ComplaintEvent
    official: User | None
    official_position: str
    note: str
    channel: str = ""
    outcome: str = ""
    reason: str = ""
    respond_by: datetime.date | None = None
    days: int = 0
    # What a stop of the clock gave back, in the period's unit.
    paused_days: int = 0
    paused_hours: int = 0
    paused_minutes: int = 0
    days_open: int = 0
    score: int = 0
    signatories: int = 0
    on_time: bool = False
    consented: bool = False
    joint: bool = False
    # A day declared off or made a working day again, for a step that moved the deadline.
    day: datetime.date | None = None
    day_name: str = ""
    withdrawn: bool = False
    nationwide: bool = False
    # The deadline after this step when the step set or moved it, so the page says so only then.
    due_after: Due | None = None


def _number(detail: dict[str, Any], key: str) -> int:
    value = detail.get(key)
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _label(choices: type[TextChoices], value: object) -> str:
    return str(choices(value).label) if value in choices.values else ""


def _date(detail: dict[str, Any], key: str) -> datetime.date | None:
    with contextlib.suppress(ValueError):
        return datetime.date.fromisoformat(str(detail.get(key, "")))
    return None


def _step(
    event: ComplaintEvent,
    note: str,
    previous_due: datetime.datetime | None,
    counting: Counting,
) -> Step:
    detail = event.detail if isinstance(event.detail, dict) else {}
    official = _official(event)
    paused_hours, paused_minutes = divmod(_number(detail, "paused_minutes"), 60)
    due_after = event.due_at_after
    return Step(
        event=event,
        official=official,
        official_position=position_of(official) if official is not None else "",
        note=note,
        channel=str(detail.get("channel", "")),
        outcome=_label(Outcome, detail.get("outcome")),
        reason=_label(ClosureReason, detail.get("reason")),
        respond_by=_date(detail, "respond_by"),
        days=_number(detail, "days"),
        paused_days=_number(detail, "paused_days"),
        paused_hours=paused_hours,
        paused_minutes=paused_minutes,
        days_open=_number(detail, "days_open"),
        score=_number(detail, "score"),
        signatories=_number(detail, "signatories"),
        on_time=detail.get("on_time") is True,
        consented=detail.get("consented") is True,
        joint=detail.get("joint") is True,
        day=_date(detail, "day"),
        day_name=pick(
            en=str(detail.get("name_en", "")),
            ko=str(detail.get("name_ko", "")),
            id=str(detail.get("name_id", "")),
        ),
        withdrawn=detail.get("withdrawn") is True,
        nationwide=detail.get("nationwide") is True,
        due_after=(
            Due(due_after, counting)
            if due_after is not None and due_after != previous_due
            else None
        ),
    )


@dataclass(frozen=True)
class ShownAnswer:
    kind: str
    outcome: str
    official: User
    official_position: str
    unit_name: str
    answered_at: datetime.datetime
    on_time: bool
    due: Due
    working_days_taken: int
    body: str
    legal_basis: str
    refusal_reason: str
    remedy: str
    score: int | None
    rating_comment: str
    attachments: list[Attachment]


def _official(event: ComplaintEvent) -> User | None:
    """The official a step names: the one it concerns, else a member of staff who took it."""
    if event.officer is not None:
        return event.officer
    if event.actor is not None and event.actor.is_government_staff:
        return event.actor
    return None


# Where on the case page each posted form sits, to point the reader to its message.
_ANCHORS = {
    "supplement_form": "supplement",
    "extension_form": "extension",
    "rating_form": "rate",
    "appeal_form": "appeal",
    "invite_form": "cosigners",
    "cosign_form": "cosign",
}


# How long a rendered case record may be served. A step on the case replaces it
# at once (the revision in its key moves); this bounds only how long a renamed
# unit or an official's new position takes to appear on pages already cached.
CASE_RECORD_SECONDS = 600
# Part of every key: raise it when CaseRecord or _case_record.html changes, so
# that a new release never reads records the previous one cached.
CASE_RECORD_FORMAT = 4


@dataclass(frozen=True)
class CaseRecord:
    """What the case page shows of the case's history, built once per revision.

    The history (timeline, answers, the deadline's arithmetic, the information
    asked for and given) changes only by a step, and every step moves
    ``Complaint.revision``. So the record is cached under the revision, the
    reader's language, and whether the reader wrote the case (the author reads
    their own words; anyone else reads them redacted). Reading a case page again
    then costs the permission check and the parts that depend on the reader.
    """

    html: str
    title: str
    signers: list[str]
    to_be_hidden: list[PersonalData]
    # The unanswered supplement requests: what was asked, and the date to answer by.
    open_requests: list[tuple[str, datetime.date]]
    pending_extension: Extension | None
    latest_answer_unrated: bool
    second_review_possible: bool
    citizen_attachments: int


def _case_record_key(complaint: Complaint, is_owner: bool, files_shown: bool) -> str:
    # An invitee who has not signed reads the case without its files.
    reader = "author" if is_owner else "reader" if files_shown else "invitee"
    language = get_language() or "en"
    case = f"{complaint.pk}:{complaint.receipt_number}:{complaint.revision}"
    return f"complaints:case:v{CASE_RECORD_FORMAT}:{case}:{reader}:{language}"


def case_record_for_author(complaint: Complaint) -> CaseRecord:
    """The case's history as its author reads it (the follow page for people with no account)."""
    return _case_record(complaint.citizen, complaint, True)


def _case_record(user: User, complaint: Complaint, is_owner: bool) -> CaseRecord:
    files_shown = rules.can_download_attachments(user, complaint)
    key = _case_record_key(complaint, is_owner, files_shown)
    record = cache.get(key)
    if isinstance(record, CaseRecord):
        return record
    record = _build_case_record(user, complaint, is_owner, files_shown)
    cache.set(key, record, CASE_RECORD_SECONDS)
    return record


def _build_case_record(
    user: User, complaint: Complaint, is_owner: bool, files_shown: bool
) -> CaseRecord:
    def shown(text: str) -> str:
        # The author reads their own words; anyone else reads them as the public would.
        return text if is_owner else redact(text)

    events = (
        ComplaintEvent.objects.timeline(complaint)
        .visible_to_citizen()
        .select_related("unit", "officer__officer", "actor__officer")
    )
    steps: list[Step] = []
    counting = period_of(complaint).counting
    for event in events:
        if event.kind == EventKind.SECOND_REVIEW_OPENED:
            counting = Counting.DAYS  # a second review has its own seven days
        previous_due = steps[-1].event.due_at_after if steps else None
        steps.append(_step(event, shown(event.public_note), previous_due, counting))
    answers = list(
        complaint.answers.select_related("officer__officer", "unit")
        .prefetch_related("attachments")
        .order_by("answered_at", "id")
    )
    shown_answers = [
        ShownAnswer(
            kind=answer.kind,
            outcome=answer.get_outcome_display(),
            official=answer.officer,
            official_position=position_of(answer.officer),
            unit_name=answer.unit.name,
            answered_at=answer.answered_at,
            on_time=answer.on_time,
            due=Due(
                answer.due_at,
                Counting.DAYS
                if answer.kind == AnswerKind.SECOND_REVIEW
                else period_of(complaint).counting,
            ),
            working_days_taken=answer.working_days_taken,
            body=shown(answer.body),
            legal_basis=shown(answer.legal_basis),
            refusal_reason=shown(answer.refusal_reason),
            remedy=shown(answer.remedy),
            score=answer.score,
            rating_comment=shown(answer.rating_comment),
            attachments=list(answer.attachments.all()),
        )
        for answer in answers
    ]
    explanation = explain_deadline(complaint)
    if not is_owner:
        # Officials write the reasons, but may quote the author's details in them.
        explanation = dataclasses.replace(
            explanation,
            extensions=tuple(
                dataclasses.replace(step, reason=redact(step.reason))
                for step in explanation.extensions
            ),
        )
    supplement_requests = [
        (request_, shown(request_.request_text), shown(request_.answer_text))
        for request_ in complaint.supplement_requests.all()
    ]
    citizen_attachments = list(complaint.attachments.filter(answer__isnull=True))
    latest_answer = answers[-1] if answers else None
    html = render_to_string(
        "complaints/_case_record.html",
        {
            "complaint": complaint,
            "steps": steps,
            "answers": shown_answers,
            "explanation": explanation,
            "body": shown(complaint.body),
            "location": shown(complaint.location_text),
            "supplement_requests": supplement_requests,
            "citizen_attachments": citizen_attachments,
            "files_shown": files_shown,
            "follow_ups": list(complaint.follow_ups.all()),
        },
    )
    return CaseRecord(
        html=html,
        title=shown(complaint.title),
        signers=[
            mask_name(signer.user.name)
            for signer in complaint.cosigners.filter(signed_at__isnull=False)
            .select_related("user")
            .order_by("signed_at", "id")
        ],
        to_be_hidden=_personal_data_to_hide(user, complaint),
        open_requests=[
            (asked, request_.respond_by)
            for request_, asked, _given in supplement_requests
            if request_.answered_at is None
        ],
        pending_extension=next(
            (
                extension
                for extension in complaint.extensions.all()
                if extension.status == ExtensionStatus.AWAITING_CONSENT
            ),
            None,
        ),
        latest_answer_unrated=latest_answer is not None and latest_answer.rated_at is None,
        second_review_possible=latest_answer is not None and latest_answer.kind == AnswerKind.FIRST,
        citizen_attachments=len(citizen_attachments),
    )


# Where the cached record's answers end (complaints/_case_record.html).
_AFTER_ANSWERS = "<!-- after the answers -->"


def _case_page(
    request: AuthenticatedRequest,
    complaint: Complaint,
    posted_form: tuple[str, forms.Form] | None = None,
) -> HttpResponse:
    user = request.user
    is_owner = rules.is_owner(user, complaint)
    record = _case_record(user, complaint, is_owner)
    pending_extension = record.pending_extension
    invitation = None if is_owner else complaint.cosigners.filter(user_id=user.pk).first()
    # Each step is offered exactly when its action would accept it (rules.py).
    can = {
        "answer_supplement": rules.may_answer_supplement(user, complaint),
        "decide_extension": rules.may_decide_extension(user, complaint, pending=pending_extension),
        "withdraw": rules.may_withdraw(user, complaint),
        "rate": rules.may_rate(user, complaint, latest_unrated=record.latest_answer_unrated),
        "appeal": rules.may_appeal(user, complaint),
        "invite": rules.may_invite(user, complaint),
        "cosign": rules.may_cosign(user, complaint, invitation=invitation),
    }
    # Only the forms the reader can use are built.
    forms_on_page: dict[str, forms.Form] = {}
    if can["answer_supplement"]:
        forms_on_page["supplement_form"] = SupplementForm(
            existing_attachments=record.citizen_attachments
        )
    if can["rate"]:
        forms_on_page["rating_form"] = RatingForm(
            second_review_possible=record.second_review_possible
        )
    if can["appeal"]:
        forms_on_page["appeal_form"] = AppealForm()
    if can["invite"]:
        forms_on_page["invite_form"] = InviteForm()
    if posted_form is not None:
        forms_on_page[posted_form[0]] = posted_form[1]
    answers_html, _marker, rest_html = record.html.partition(_AFTER_ANSWERS)
    if not _marker:
        answers_html, rest_html = "", record.html
    return render(
        request,
        "complaints/detail.html",
        {
            "complaint": complaint,
            "record": record,
            # Rendered by this module from its own template: already escaped.
            # The answers, then the rating form, then the rest (the page's order of reading).
            "answers_html": mark_safe(answers_html),  # noqa: S308
            "record_html": mark_safe(rest_html),  # noqa: S308
            "is_owner": is_owner,
            "author": complaint.citizen.name if is_owner else mask_name(complaint.citizen.name),
            "invitation": invitation,
            "can": can,
            "posted_form": posted_form[1] if posted_form is not None else None,
            "posted_anchor": _ANCHORS[posted_form[0]] if posted_form is not None else "",
            "time_left": time_left(complaint, timezone.now()),
            "pending_extension": pending_extension,
            "due_if_extended": _due_if_extended(complaint, pending_extension),
            **forms_on_page,
        },
    )


def _due_if_extended(complaint: Complaint, pending: Extension | None) -> Due | None:
    """Where the deadline would be if the citizen agreed to the pending extension."""
    if pending is None:
        return None
    due_at = explain_deadline(complaint, extra_extension=pending.days).due_at
    return Due(due_at, period_of(complaint).counting) if due_at is not None else None


@login_required
@require_GET
def detail(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    return _case_page(request, access_complaint(request.user, receipt_number))


@login_required
@require_GET
def attachment(
    request: AuthenticatedRequest, receipt_number: str, attachment_id: str
) -> FileResponse:
    complaint = access_complaint(request.user, receipt_number)
    found = access_attachment(request.user, complaint, int(attachment_id))
    try:
        stream = found.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(
        stream, as_attachment=True, filename=found.download_name, content_type=found.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


# ---- the citizen's steps -------------------------------------------------------------------
#
# Each is posted from the case page. A GET (a reload, a language switch on a page
# that showed an error) goes back to the case page instead of failing.


def _back_to_case(complaint: Complaint, anchor: str = "") -> HttpResponse:
    url = complaint.get_absolute_url()
    return redirect(f"{url}#{anchor}" if anchor else url)


@login_required
@require_http_methods(["GET", "POST"])
def answer_supplement(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = access_complaint(request.user, receipt_number)
    if request.method == "GET":
        return _back_to_case(complaint, "supplement")
    form = SupplementForm(
        request.POST,
        request.FILES,
        existing_attachments=complaint.attachments.filter(answer__isnull=True).count(),
    )
    if form.is_valid():
        try:
            actions.answer_supplement_request(
                citizen=request.user,
                complaint=complaint,
                answer_text=form.cleaned_data["answer_text"],
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(
                request, _("Thank you. The information was sent and the clock runs again.")
            )
            return _back_to_case(complaint)
    return _case_page(request, complaint, ("supplement_form", form))


def _decide_extension(
    request: AuthenticatedRequest, receipt_number: str, *, consent: bool
) -> HttpResponse:
    complaint = access_complaint(request.user, receipt_number)
    if request.method == "GET":
        return _back_to_case(complaint, "extension")
    form = ConfirmForm(request.POST)
    try:
        if consent:
            actions.consent_to_extension(citizen=request.user, complaint=complaint)
        else:
            actions.refuse_extension(citizen=request.user, complaint=complaint)
    except ValidationError as error:
        show_action_error(form, error)
        return _case_page(request, complaint, ("extension_form", form))
    if consent:
        messages.success(request, _("You agreed to the extension. The new due date is below."))
    else:
        messages.success(request, _("You refused the extension. The due date stays as it was."))
    return _back_to_case(complaint)


@login_required
@require_http_methods(["GET", "POST"])
def consent_extension(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    return _decide_extension(request, receipt_number, consent=True)


@login_required
@require_http_methods(["GET", "POST"])
def refuse_extension(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    return _decide_extension(request, receipt_number, consent=False)


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    """A page of its own, so that a complaint is never withdrawn by a stray click."""
    complaint = access_complaint(request.user, receipt_number)
    rules.require(rules.can_act_as_complainant(request.user, complaint))
    form = ConfirmForm(posted(request))
    if request.method == "POST":
        try:
            actions.withdraw_complaint(citizen=request.user, complaint=complaint)
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Your complaint was withdrawn."))
            return _back_to_case(complaint)
    return render(request, "complaints/withdraw.html", {"complaint": complaint, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def rate(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = access_complaint(request.user, receipt_number)
    if request.method == "GET":
        return _back_to_case(complaint, "rate")
    rules.require(rules.can_act_as_complainant(request.user, complaint))
    latest = complaint.answers.order_by("-answered_at", "-id").first()
    form = RatingForm(
        request.POST,
        second_review_possible=latest is not None and latest.kind == AnswerKind.FIRST,
    )
    if form.is_valid():
        try:
            actions.rate_answer(
                citizen=request.user,
                complaint=complaint,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            complaint.refresh_from_db()
            if complaint.status == Status.SECOND_REVIEW:
                messages.success(
                    request,
                    _(
                        "Thank you for your rating. A second review was opened: a reviewer "
                        "will look at your complaint again."
                    ),
                )
            else:
                messages.success(request, _("Thank you for your rating."))
            return _back_to_case(complaint)
    return _case_page(request, complaint, ("rating_form", form))


@login_required
@require_http_methods(["GET", "POST"])
def appeal(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = access_complaint(request.user, receipt_number)
    if request.method == "GET":
        return _back_to_case(complaint, "appeal")
    rules.require(rules.can_act_as_complainant(request.user, complaint))
    form = AppealForm(request.POST)
    if form.is_valid():
        try:
            actions.appeal_repeat_closure(
                citizen=request.user, complaint=complaint, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Your complaint was reopened and will be answered."))
            return _back_to_case(complaint)
    return _case_page(request, complaint, ("appeal_form", form))


@login_required
@require_http_methods(["GET", "POST"])
def invite_cosigner(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = access_complaint(request.user, receipt_number)
    if request.method == "GET":
        return _back_to_case(complaint, "cosigners")
    rules.require(rules.can_act_as_complainant(request.user, complaint))
    form = InviteForm(request.POST)
    if form.is_valid():
        if form.invitee is not None:
            try:
                actions.add_cosigner(citizen=request.user, complaint=complaint, user=form.invitee)
            except ValidationError as error:
                # A refusal naming fields has no code of its own: it is shown.
                if getattr(error, "code", None) not in _UNREVEALED_INVITATION_ERRORS:
                    show_action_error(form, error)
        if form.is_valid():
            messages.success(
                request,
                _(
                    "If %(email)s belongs to an egov account that can sign complaints, we "
                    "have sent it an invitation."
                )
                % {"email": form.cleaned_data["email"]},
            )
            return _back_to_case(complaint, "cosigners")
    return _case_page(request, complaint, ("invite_form", form))


@login_required
@require_http_methods(["GET", "POST"])
def cosign(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = access_complaint(request.user, receipt_number)
    if request.method == "GET":
        return _back_to_case(complaint, "cosign")
    form = ConfirmForm(request.POST)
    try:
        actions.cosign(citizen=request.user, complaint=complaint)
    except ValidationError as error:
        show_action_error(form, error)
        return _case_page(request, complaint, ("cosign_form", form))
    messages.success(request, _("You signed the complaint. You will hear of every step."))
    return _back_to_case(complaint)
