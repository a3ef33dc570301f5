"""Officer pages: the unit's work queue, the case page with its actions, filing for a citizen.

Each POST endpoint parses one small form, calls one action and redirects back
to the case; when the action refuses (ValidationError), the case page is shown
again with the message next to the form and what was typed kept. Nobody but
the case's handlers reaches these pages: everyone else gets the same 404 as
for a case that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.accounts.models import User
from egov.complaints import actions, rules
from egov.complaints.deadlines import explain_deadline, time_left
from egov.complaints.forms.staff import (
    AnswerForm,
    AssignForm,
    CloseAsRepeatForm,
    CloseForNoSupplementForm,
    ExtendForm,
    FileOnBehalfForm,
    FindCitizenForm,
    NoteForm,
    QueueFilterForm,
    SupplementForm,
    TransferForm,
    citizen_token,
)
from egov.complaints.models import (
    Complaint,
    ExtensionStatus,
    OfflineFiling,
)
from egov.complaints.queries import (
    access_attachment,
    access_complaint,
    filtered_queue,
    queue_page,
    timeline_for,
)
from egov.lib.calendar import TimeLeft, local_date
from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.lib.masking import mask_email, mask_name, mask_phone
from egov.privacy.access import record_access
from egov.privacy.models import AccessPurpose

# ---- the work queue ------------------------------------------------------------


@dataclass(frozen=True)
class QueueRow:
    complaint: Complaint
    time_left: TimeLeft


@login_required
@require_GET
def queue(request: AuthenticatedRequest) -> HttpResponse:
    scope = rules.staff_scope(request.user)
    if scope is None:
        raise Http404
    position = request.user.officer
    scope_name = (
        position.unit.agency.name
        if scope.unit_id is None
        else f"{position.unit.agency.name} · {position.unit.name}"
    )
    form = QueueFilterForm(request.GET)
    context: dict[str, Any] = {
        "form": form,
        "scope_name": scope_name,
        "agency_wide": scope.unit_id is None,
        "rows": None,
    }
    if not form.is_valid():
        return render(request, "complaints/staff/queue.html", context, status=400)
    now = timezone.now()
    page = queue_page(
        filtered_queue(request.user, form.filters(), now=now),
        after=form.cleaned_data["after"],
    )
    query = form.query()
    context.update(
        rows=[QueueRow(complaint, time_left(complaint, now)) for complaint in page.items],
        is_later_page=form.cleaned_data["after"] is not None,
        first_page_url=f"?{urlencode(query)}" if query else "?",
        next_page_url=(
            f"?{urlencode({**query, 'after': page.next_cursor.encode()})}"
            if page.next_cursor is not None
            else ""
        ),
    )
    return render(request, "complaints/staff/queue.html", context)


# ---- the case page ----------------------------------------------------------------


def _handled_complaint(user: User, receipt_number: str) -> Complaint:
    """The case if ``user`` handles it; 404 otherwise, even for its own author."""
    complaint = access_complaint(user, receipt_number)
    if not rules.can_handle(user, complaint):
        raise Http404
    return complaint


def _case_url(complaint: Complaint) -> str:
    return reverse("complaints_staff:case", args=[complaint.receipt_number])


def _render_case(
    request: AuthenticatedRequest,
    complaint: Complaint,
    *,
    show_phone: bool = False,
    **bound: forms.Form,
) -> HttpResponse:
    """The case page, with any form that failed shown bound, and its access recorded."""
    user, citizen = request.user, complaint.citizen
    fields = ["name", "email"]
    if show_phone and citizen.phone:
        fields.append("phone")
    record_access(
        viewer=user,
        owner=citizen,
        fields=fields,
        purpose=AccessPurpose.COMPLAINT_HANDLING,
        subject=complaint,
    )
    now = timezone.now()
    extensions = list(complaint.extensions.all())
    requests = list(complaint.supplement_requests.all())
    open_request = next((item for item in requests if item.answered_at is None), None)
    review = getattr(complaint, "second_review", None)
    pending_extension = any(item.status == ExtensionStatus.AWAITING_CONSENT for item in extensions)
    # Each form is offered exactly when its action would accept the step (rules.py).
    may = {
        "assign": rules.may_assign(user, complaint),
        "transfer": rules.may_transfer(user, complaint),
        "supplement": rules.may_request_supplement(user, complaint, asked_before=len(requests)),
        "extend": rules.may_extend(user, complaint, extensions=extensions, now=now),
        "answer": rules.may_answer(user, complaint),
        "review": rules.may_answer_second_review(user, complaint, review=review),
        "close_no_supplement": rules.may_close_for_no_supplement(
            user, complaint, open_request=open_request, today=local_date(now)
        ),
        "close_repeat": rules.may_close_as_repeat(user, complaint),
    }
    forms_shown: dict[str, forms.Form | None] = {
        "assign_form": AssignForm(
            complaint,
            initial={"officer": complaint.assigned_officer_id or user.pk},
            auto_id="assign_%s",
        )
        if may["assign"]
        else None,
        "note_form": NoteForm(auto_id="note_%s"),
        "transfer_form": TransferForm(complaint, auto_id="transfer_%s")
        if may["transfer"]
        else None,
        "supplement_form": SupplementForm(auto_id="supplement_%s") if may["supplement"] else None,
        "extend_form": ExtendForm(complaint, auto_id="extend_%s") if may["extend"] else None,
        "answer_form": AnswerForm(auto_id="answer_%s") if may["answer"] else None,
        "review_form": AnswerForm(auto_id="review_%s") if may["review"] else None,
        "close_no_supplement_form": CloseForNoSupplementForm(auto_id="close_notice_%s")
        if may["close_no_supplement"]
        else None,
        "close_repeat_form": CloseAsRepeatForm(auto_id="close_repeat_%s")
        if may["close_repeat"]
        else None,
    }
    forms_shown.update(bound)
    deadline = explain_deadline(complaint)
    return render(
        request,
        "complaints/staff/case.html",
        {
            "complaint": complaint,
            # Filed for a person with no account: the answer may go as a printed letter.
            "offline": OfflineFiling.objects.filter(complaint=complaint).first(),
            "citizen": citizen,
            "phone": citizen.phone if show_phone else mask_phone(citizen.phone),
            "phone_shown": show_phone,
            "time_left": time_left(complaint, now) if complaint.is_open else None,
            "explanation": deadline,
            "events": list(timeline_for(user, complaint)),
            "attachments": list(complaint.attachments.filter(answer__isnull=True)),
            "answers": list(
                complaint.answers.select_related("officer").prefetch_related("attachments")
            ),
            "supplement_requests": requests,
            "open_request": open_request,
            "extensions": extensions,
            "pending_extension": pending_extension,
            "review": review,
            "second_extension_next": len(extensions) == 1,
            **forms_shown,
        },
        status=400 if any(form.errors for form in bound.values()) else 200,
    )


def _transferable(user: User, receipt_number: str) -> Complaint:
    """The case, if ``user`` may transfer it now; 404 otherwise, as for the transfer itself."""
    complaint = _handled_complaint(user, receipt_number)
    if not rules.may_transfer(user, complaint):
        raise Http404
    return complaint


@login_required
@require_GET
def case(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    return _render_case(request, _handled_complaint(request.user, receipt_number))


@login_required
@require_POST
def show_contact(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    """The citizen's full phone number, shown on purpose and recorded as such."""
    complaint = _handled_complaint(request.user, receipt_number)
    return _render_case(request, complaint, show_phone=True)


@login_required
@require_GET
def attachment(
    request: AuthenticatedRequest, receipt_number: str, attachment_id: str
) -> FileResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    # The URL pattern lets through at most 18 ASCII digits, so this is a valid bigint.
    stored = access_attachment(request.user, complaint, int(attachment_id))
    try:
        stream = stored.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        stream,
        as_attachment=True,
        filename=stored.download_name,
        content_type=stored.content_type,
    )


def _done(request: AuthenticatedRequest, complaint: Complaint, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(_case_url(complaint))


@login_required
@require_POST
def assign(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = AssignForm(complaint, request.POST, auto_id="assign_%s")
    if form.is_valid():
        officer = form.cleaned_data["officer"]
        try:
            actions.assign_complaint(actor=request.user, complaint=complaint, officer=officer)
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(
                request,
                complaint,
                _("%(name)s now handles the complaint.") % {"name": officer.name},
            )
    return _render_case(request, complaint, assign_form=form)


@login_required
@require_POST
def add_note(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = NoteForm(request.POST, auto_id="note_%s")
    if form.is_valid():
        try:
            actions.add_internal_note(
                actor=request.user, complaint=complaint, body=form.cleaned_data["body"]
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, complaint, _("Your note was added. The citizen does not see it."))
    return _render_case(request, complaint, note_form=form)


@login_required
@require_POST
def transfer(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = TransferForm(complaint, request.POST, auto_id="transfer_%s")
    if form.is_valid():
        to_unit = form.cleaned_data["to_unit"]
        try:
            actions.transfer_complaint(
                actor=request.user,
                complaint=complaint,
                to_unit=to_unit,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(
                request,
                _("Complaint %(number)s was transferred to %(unit)s.")
                % {
                    "number": complaint.receipt_number,
                    "unit": f"{to_unit.agency.name} {to_unit.name}",
                },
            )
            # The case has left the unit: unless the officer also handles the new one
            # (an agency administrator may), its page is no longer theirs to see.
            if rules.can_handle(request.user, complaint):
                return redirect(_case_url(complaint))
            return redirect("complaints_staff:queue")
    return _render_case(request, complaint, transfer_form=form)


@login_required
@require_POST
def find_transfer_unit(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    """The transfer form's "Find unit" button: the page again, the matching units listed.

    A POST, not a GET, so that the reason the officer typed, which the citizen
    will read, never lands in an address, a history or a log; nothing is changed.
    """
    complaint = _transferable(request.user, receipt_number)
    form = TransferForm(complaint, request.POST, auto_id="transfer_%s", search=True)
    return _render_case(request, complaint, transfer_form=form)


@login_required
@require_GET
def transfer_units(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    """The units matching ``?unit_query=``, as the transfer form lists them (for the script)."""
    complaint = _transferable(request.user, receipt_number)
    form = TransferForm(complaint, request.GET, auto_id="transfer_%s", search=True)
    return render(
        request,
        "complaints/staff/_unit_matches.html",
        # The list alone: the query's own error is shown in it, above the units.
        {"form": form, "fragment": True},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def request_supplement(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = SupplementForm(request.POST, auto_id="supplement_%s")
    if form.is_valid():
        try:
            actions.request_supplement(
                actor=request.user,
                complaint=complaint,
                request_text=form.cleaned_data["request_text"],
                respond_within_days=form.cleaned_data["respond_within_days"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(
                request,
                complaint,
                _("The citizen was asked for more information. The clock stops until they answer."),
            )
    return _render_case(request, complaint, supplement_form=form)


@login_required
@require_POST
def extend(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = ExtendForm(complaint, request.POST, auto_id="extend_%s")
    if form.is_valid():
        try:
            extension = actions.extend_deadline(
                actor=request.user,
                complaint=complaint,
                days=form.cleaned_data["days"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            if extension.status == ExtensionStatus.APPLIED:
                message = _("The deadline is now %(date)s.") % {"date": complaint.due.text}
            else:
                message = _(
                    "The citizen was asked to consent to the extension. The deadline moves "
                    "only if they agree."
                )
            return _done(request, complaint, message)
    return _render_case(request, complaint, extend_form=form)


def _answer_arguments(form: AnswerForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "outcome": data["outcome"],
        "body": data["body"],
        "legal_basis": data["legal_basis"],
        "refusal_reason": data["refusal_reason"],
        "remedy": data["remedy"],
        "attachments": data["attachments"],
    }


@login_required
@require_POST
def answer(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = AnswerForm(request.POST, request.FILES, auto_id="answer_%s")
    if form.is_valid():
        try:
            actions.answer_complaint(
                actor=request.user, complaint=complaint, **_answer_arguments(form)
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, complaint, _("The answer was sent to the citizen."))
    return _render_case(request, complaint, answer_form=form)


@login_required
@require_POST
def answer_second_review(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = AnswerForm(request.POST, request.FILES, auto_id="review_%s")
    if form.is_valid():
        try:
            actions.answer_second_review(
                actor=request.user, complaint=complaint, **_answer_arguments(form)
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, complaint, _("The second-review answer was sent to the citizen."))
    return _render_case(request, complaint, review_form=form)


@login_required
@require_POST
def close_for_no_supplement(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = CloseForNoSupplementForm(request.POST, auto_id="close_notice_%s")
    if form.is_valid():
        try:
            actions.close_for_no_supplement(
                actor=request.user, complaint=complaint, notice=form.cleaned_data["notice"]
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(
                request, complaint, _("The complaint was closed and the citizen told why.")
            )
    return _render_case(request, complaint, close_no_supplement_form=form)


@login_required
@require_POST
def close_as_repeat(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    complaint = _handled_complaint(request.user, receipt_number)
    form = CloseAsRepeatForm(request.POST, auto_id="close_repeat_%s")
    if form.is_valid():
        try:
            actions.close_as_repeat(
                actor=request.user,
                complaint=complaint,
                explanation=form.cleaned_data["explanation"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, complaint, _("The complaint was closed as a repeat."))
    return _render_case(request, complaint, close_repeat_form=form)


# ---- filing for a citizen -----------------------------------------------------------


def _require_counter_staff(user: User) -> None:
    if not rules.can_file_on_behalf(user):
        raise Http404


def _show_match(
    request: AuthenticatedRequest, citizen: User, found_by: str, form: FileOnBehalfForm
) -> HttpResponse:
    """The filing form under the citizen found, masked; showing them is recorded."""
    record_access(
        viewer=request.user,
        owner=citizen,
        fields=["name", found_by],
        purpose=AccessPurpose.COUNTER_ASSISTANCE,
    )
    contact = mask_phone(citizen.phone) if found_by == "phone" else mask_email(citizen.email)
    return render(
        request,
        "complaints/staff/file.html",
        {
            "match": {"name": mask_name(citizen.name), "contact": contact, "by": found_by},
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def file_on_behalf(request: AuthenticatedRequest) -> HttpResponse:
    """Step one: find the citizen's account by phone or email."""
    _require_counter_staff(request.user)
    form = FindCitizenForm(posted(request), auto_id="find_%s")
    if request.method == "POST" and form.is_valid():
        if form.citizen is not None:
            filing = FileOnBehalfForm(
                initial={"citizen": citizen_token(form.citizen, found_by=form.found_by)},
                auto_id="file_%s",
            )
            return _show_match(request, form.citizen, form.found_by, filing)
        return render(request, "complaints/staff/file.html", {"find_form": form, "not_found": True})
    return render(
        request,
        "complaints/staff/file.html",
        {"find_form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def file_complaint(request: AuthenticatedRequest) -> HttpResponse:
    """Step two: the complaint itself, filed in the citizen's name by this officer."""
    _require_counter_staff(request.user)
    form = FileOnBehalfForm(request.POST, request.FILES, auto_id="file_%s")
    if not form.is_valid() and form.has_error("citizen"):
        return render(
            request,
            "complaints/staff/file.html",
            {
                "find_form": FindCitizenForm(auto_id="find_%s"),
                "search_again": form.errors["citizen"],
            },
            status=400,
        )
    if form.is_valid():
        data = form.cleaned_data
        try:
            complaint = actions.submit_complaint(
                citizen=data["citizen"],
                filed_by=request.user,
                channel=data["channel"],
                type=data["type"],
                category=data["category"],
                agency=data["agency"],
                title=data["title"],
                body=data["body"],
                location_text=data["location_text"],
                is_public=data["is_public"],
                attachments=data["attachments"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Complaint %(number)s was received for the citizen. Give them the receipt "
                    "number; they are told of every step."
                )
                % {"number": complaint.receipt_number},
            )
            if rules.can_handle(request.user, complaint):
                return redirect(_case_url(complaint))
            # Routed to a unit this officer does not handle: its page is not theirs to open.
            messages.info(
                request,
                _("%(unit)s handles it.")
                % {"unit": f"{complaint.unit.agency.name} {complaint.unit.name}"},
            )
            return redirect("complaints_staff:file")
    return _show_match(request, form.cleaned_data["citizen"], form.found_by, form)
