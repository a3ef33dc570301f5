"""Pages for applicants: apply, the receipt, supplying documents, withdrawing.

Following an application is the public tracker, which shows its applicant the
full record. Every page of one application goes through ``access_application``.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.datastructures import MultiValueDict
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.lib.rules import Verdict
from egov.permits import actions, rules
from egov.permits.forms import AnswerForm, ApplyForm, QuestionForm
from egov.permits.models import Application, PermitType
from egov.permits.queries import access_application
from egov.privacy.access import record_access
from egov.privacy.models import AccessPurpose


def _unless_not_now(
    request: AuthenticatedRequest, application: Application, verdict: Verdict
) -> HttpResponse | None:
    """A step the applicant may never take is refused; one they may not take now
    (nothing is asked for, the case is closed) sends them back to the case, saying why."""
    if verdict.forbidden:
        verdict.require()
    if not verdict:
        messages.error(request, str(verdict.reason))
        return redirect(application)
    return None


def _files(request: AuthenticatedRequest) -> MultiValueDict[str, UploadedFile[Any]] | None:
    return request.FILES if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def apply(request: AuthenticatedRequest, code: str) -> HttpResponse:
    rules.require(rules.can_apply(request.user))
    permit_type = get_object_or_404(PermitType, code=code, is_active=True)
    version = permit_type.current_version()
    form = ApplyForm(posted(request), _files(request), version=version)
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.apply_for_permit(
                applicant=request.user,
                permit_type=permit_type,
                summary=form.cleaned_data["summary"],
                site_address=form.cleaned_data["site_address"],
                documents=form.documents,
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return redirect("permits:receipt", application.receipt_number)
    return render(
        request,
        "permits/apply.html",
        {"form": form, "permit_type": permit_type, "version": version},
    )


@login_required
@require_GET
def receipt(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    application = access_application(request.user, receipt_number)
    return render(request, "permits/receipt.html", {"application": application})


@login_required
@require_http_methods(["GET", "POST"])
def answer_supplement(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    application = access_application(request.user, receipt_number)
    refused = _unless_not_now(
        request, application, rules.may_answer_supplement(request.user, application)
    )
    if refused is not None:
        return refused
    form = AnswerForm(posted(request), _files(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.answer_supplement(
                applicant=request.user,
                application=application,
                answer=form.cleaned_data["answer"],
                files=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return redirect(application)
    supplement = application.supplements.filter(answered_at__isnull=True).last()
    return render(
        request,
        "permits/supplement.html",
        {"application": application, "form": form, "supplement": supplement},
    )


@login_required
@require_POST
def withdraw(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    application = access_application(request.user, receipt_number)
    actions.withdraw_application(applicant=request.user, application=application)
    return redirect(application)


@login_required
@require_GET
def attachment(
    request: AuthenticatedRequest, receipt_number: str, attachment_id: str
) -> HttpResponseBase:
    application = access_application(request.user, receipt_number)
    found = application.attachments.filter(pk=int(attachment_id)).first()
    if found is None:
        raise Http404
    if found.uploaded_by_id != request.user.pk:
        # Someone else's file is personal data whole: who took a copy is logged.
        record_access(
            viewer=request.user,
            owner=application.applicant,
            fields=["attachment"],
            purpose=AccessPurpose.PERMIT_HANDLING,
            subject=found,
        )
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.download_name,
        content_type=found.content_type,
    )


@login_required
@require_http_methods(["GET", "POST"])
def ask(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    application = access_application(request.user, receipt_number)
    refused = _unless_not_now(request, application, rules.may_ask(request.user, application))
    if refused is not None:
        return refused
    form = QuestionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            actions.ask_question(
                applicant=request.user, application=application, text=form.cleaned_data["text"]
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return redirect(application)
    return render(request, "permits/ask.html", {"application": application, "form": form})
