"""Complaints for people with no account: filed by an officer, followed by code, claimed by text.

An officer at a counter or on the phone files for the person
(``file_without_account``) and prints the receipt, which carries the receipt
number and the access code; the code is shown on that page once and kept
only as a hash. The person follows the case on the public follow page with
both (``follow``), each address and receipt number trying a few codes an
hour at most, and may claim it into an account of their own with a one-time
code texted to the phone the officer typed in (``claim``). When the answer
goes by post, the officer prints it as a letter in the person's language
(``letter``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.accounts.http import AuthenticatedRequest
from egov.complaints import actions, rules
from egov.complaints.deadlines import explain_deadline, time_left
from egov.complaints.forms.citizen import ClaimForm, FollowForm
from egov.complaints.forms.staff import FileWithoutAccountForm
from egov.complaints.limits import FOLLOW_ATTEMPTS_PER_HOUR
from egov.complaints.models import AnswerKind, OfflineFiling
from egov.complaints.queries import access_complaint
from egov.complaints.views.citizen import case_record_for_author
from egov.lib.forms import show_action_error
from egov.lib.http import client_address, posted
from egov.privacy.access import record_access
from egov.privacy.models import AccessPurpose

_HOUR = 60 * 60


@login_required
@require_http_methods(["GET", "POST"])
def file_without_account(request: AuthenticatedRequest) -> HttpResponse:
    if not rules.can_file_on_behalf(request.user):
        raise Http404
    form = FileWithoutAccountForm(posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            filed = actions.file_without_account(
                officer=request.user,
                name=data["name"],
                phone=data["phone"],
                postal_address=data["postal_address"],
                language=data["language"],
                consent=data["consent"],
                channel=data["channel"],
                type=data["type"],
                category=data["category"],
                district=data["district"],
                title=data["title"],
                body=data["body"],
                location_text=data["location_text"],
                answer_by_post=data["answer_by_post"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            complaint = filed.complaint
            # The receipt is printed for the person in their language, with the code shown once.
            with translation.override(complaint.citizen.preferred_language):
                return render(
                    request,
                    "complaints/staff/offline_receipt.html",
                    {
                        "complaint": complaint,
                        "access_code": filed.access_code,
                        "explanation": explain_deadline(complaint),
                        "page_language": complaint.citizen.preferred_language,
                        "by_text": bool(complaint.citizen.phone),
                    },
                )
    return render(request, "complaints/staff/file_without_account.html", {"form": form})


def _client_address(request: HttpRequest) -> str:
    # The person's address, not the proxy's: behind TRUSTED_PROXIES every
    # visitor would otherwise share one budget of tries.
    return (client_address(request) or "")[:64]


def _tries_left(keys: list[str]) -> bool:
    return all(int(cache.get(key, 0)) < FOLLOW_ATTEMPTS_PER_HOUR for key in keys)


def _count_try(keys: list[str]) -> None:
    for key in keys:
        if cache.add(key, 1, timeout=_HOUR):
            continue
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=_HOUR)


@require_http_methods(["GET", "POST"])
def follow(request: HttpRequest) -> HttpResponse:
    """The public follow page: the receipt number and the access code open the case."""
    form = FollowForm(posted(request))
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["receipt_number"].strip().upper()
        keys = [
            f"complaints:follow:address:{_client_address(request)}",
            f"complaints:follow:receipt:{number}",
        ]
        if not _tries_left(keys):
            form.add_error(
                None, _("Too many tries with this receipt number. Try again in an hour.")
            )
        else:
            complaint = actions.follow_with_access_code(
                receipt_number=number, access_code=form.cleaned_data["access_code"]
            )
            if complaint is None:
                _count_try(keys)
                form.add_error(
                    "access_code",
                    _(
                        "The receipt number and the access code do not match. Check both "
                        "on the receipt."
                    ),
                )
            else:
                record = case_record_for_author(complaint)
                return render(
                    request,
                    "complaints/follow.html",
                    {
                        "complaint": complaint,
                        "record_html": mark_safe(record.html),  # noqa: S308 (our own template)
                        "time_left": time_left(complaint, timezone.now()),
                    },
                )
    return render(request, "complaints/follow.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def claim(request: AuthenticatedRequest) -> HttpResponse:
    """Move a complaint filed for the reader into their account, with a code texted to them."""
    rules.require(rules.can_submit(request.user))
    form = ClaimForm(posted(request))
    sent = False
    if request.method == "POST" and form.is_valid():
        number = form.cleaned_data["receipt_number"].strip().upper()
        code = form.cleaned_data["code"].strip()
        try:
            if request.POST.get("step") == "claim" and code:
                complaint = actions.claim_complaint(
                    claimant=request.user, receipt_number=number, code=code
                )
                messages.success(
                    request,
                    _("Complaint %(number)s is now in your account.") % {"number": number},
                )
                return redirect("complaints:detail", complaint.receipt_number)
            if request.POST.get("step") == "claim":
                form.add_error("code", _("Enter the six digits from the text message."))
            else:
                actions.send_claim_code(claimant=request.user, receipt_number=number)
                sent = True
        except ValidationError as error:
            show_action_error(form, error)
            sent = request.POST.get("step") == "claim"
    return render(request, "complaints/claim.html", {"form": form, "sent": sent})


@login_required
@require_GET
def letter(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    """The answer as a letter to post, in the person's language, with their postal address."""
    complaint = access_complaint(request.user, receipt_number)
    if not rules.can_handle(request.user, complaint):
        raise Http404
    filing = OfflineFiling.objects.filter(complaint=complaint).first()
    answers = list(complaint.answers.order_by("answered_at", "id"))
    if filing is None or not answers:
        raise Http404
    person = complaint.citizen
    record_access(
        viewer=request.user,
        owner=person,
        fields=["name", "address"],
        purpose=AccessPurpose.COMPLAINT_HANDLING,
        subject=complaint,
    )
    with translation.override(person.preferred_language):
        return render(
            request,
            "complaints/staff/letter.html",
            {
                "complaint": complaint,
                "person": person,
                "answers": answers,
                "second_review": AnswerKind.SECOND_REVIEW,
                "page_language": person.preferred_language,
                "today": timezone.now(),
            },
        )
