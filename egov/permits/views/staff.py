"""Officer pages, mounted at /staff/permits/: the queue, the case, one form per action."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.permits import actions, rules
from egov.permits.actions import StepSpec, VersionSpec
from egov.permits.forms import (
    AbsenceForm,
    CompleteStepForm,
    CounterForm,
    ExtendForm,
    FeeForm,
    QuestionAnswerForm,
    QueueForm,
    ReassignForm,
    RejectForm,
    RevisionForm,
    SkipForm,
    StartStepForm,
    SupplementForm,
    TypeChoiceForm,
)
from egov.permits.models import Application, FeeMethod, PermitType
from egov.permits.queries import (
    QueueFilters,
    access_application,
    queue_for,
    queue_page,
    steps_of,
)


def _staff(request: AuthenticatedRequest) -> None:
    rules.require(rules.can_work_queue(request.user))


def _absence_form(request: AuthenticatedRequest, data: Any = None) -> AbsenceForm | None:
    """The off-duty form, for a supervisor of the unit they hold a post in."""
    held = getattr(request.user, "officer", None)
    if held is None or not rules.is_supervisor_of(request.user, held.unit_id):
        return None
    return AbsenceForm(data, unit=held.unit, prefix="absence")


@login_required
@require_GET
def queue(request: AuthenticatedRequest) -> HttpResponse:
    _staff(request)
    form = QueueForm(request.GET)
    absence = _absence_form(request)
    if not form.is_valid():
        return render(
            request,
            "permits/staff/queue.html",
            {"form": form, "page": None, "absence_form": absence},
            status=400,
        )
    rows = queue_for(request.user, QueueFilters(mine=form.cleaned_data["mine"]))
    page = queue_page(rows, after=form.cleaned_data["after"])
    return render(
        request,
        "permits/staff/queue.html",
        {
            "form": form,
            "page": page,
            "mine": form.cleaned_data["mine"],
            "next": page.next_cursor.encode() if page.next_cursor else "",
            "absence_form": absence,
        },
    )


@login_required
@require_POST
def record_absence(request: AuthenticatedRequest) -> HttpResponse:
    _staff(request)
    form = _absence_form(request, request.POST)
    if form is None:
        raise Http404
    if form.is_valid():
        try:
            actions.record_absence(
                actor=request.user,
                officer=form.cleaned_data["officer"],
                first_day=form.cleaned_data["first_day"],
                last_day=form.cleaned_data["last_day"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("permits_staff:queue")
    return render(
        request,
        "permits/staff/queue.html",
        {"form": QueueForm(), "page": None, "absence_form": form},
        status=400,
    )


def _forms(application: Application, data: Any = None, bound: str = "") -> dict[str, forms.Form]:
    def make(name: str, cls: Any, **kwargs: Any) -> forms.Form:
        return cls(data if bound == name else None, prefix=name, **kwargs)  # type: ignore[no-any-return]

    return {
        "start": make("start", StartStepForm),
        "complete": make("complete", CompleteStepForm),
        "supplement": make("supplement", SupplementForm),
        "extend": make("extend", ExtendForm),
        "reject": make("reject", RejectForm),
        "fee": make("fee", FeeForm),
        "reassign": make("reassign", ReassignForm, unit=application.unit),
        "skip": make("skip", SkipForm),
    }


def _case_page(
    request: AuthenticatedRequest,
    application: Application,
    case_forms: dict[str, forms.Form],
    status: int = 200,
) -> HttpResponse:
    steps = list(steps_of(application))
    current = next((s for s in steps if s.status in ("pending", "in_progress")), None)
    user = request.user
    return render(
        request,
        "permits/staff/case.html",
        {
            "application": application,
            "steps": steps,
            "current": current,
            "forms": case_forms,
            "may_work": bool(current and rules.may_work_step(user, application, current)),
            "may_supplement": rules.may_request_supplement(user, application),
            "may_extend": rules.may_extend(user, application),
            "may_handle": rules.may_handle(user, application),
            "may_fee": rules.may_record_fee(user, application),
            "may_reassign": rules.may_reassign(user, application),
            "events": list(application.events.select_related("actor").order_by("id")),
            "questions": [
                (question, QuestionAnswerForm(prefix=f"question-{question.pk}"))
                for question in application.questions.all()
            ],
        },
        status=status,
    )


def _handler_application(request: AuthenticatedRequest, receipt_number: str) -> Application:
    application = access_application(request.user, receipt_number)
    if not rules.is_handler(request.user, application):
        raise Http404
    return application


@login_required
@require_GET
def case(request: AuthenticatedRequest, receipt_number: str) -> HttpResponse:
    application = _handler_application(request, receipt_number)
    return _case_page(request, application, _forms(application))


@login_required
@require_POST
def act(request: AuthenticatedRequest, receipt_number: str, action: str) -> HttpResponse:
    application = _handler_application(request, receipt_number)
    case_forms = _forms(application, request.POST, action)
    if action not in case_forms:
        raise Http404
    form = case_forms[action]
    if form.is_valid():
        data = form.cleaned_data
        step = next(
            (s for s in steps_of(application) if s.status in ("pending", "in_progress")), None
        )
        try:
            if action in ("start", "complete") and step is None:
                raise ValidationError(_("Every step is done."), code="done")
            if action == "start":
                assert step is not None
                actions.start_step(
                    actor=request.user,
                    application=application,
                    step=step,
                    occurred_at=data["occurred_at"],
                )
            elif action == "complete":
                assert step is not None
                actions.complete_step(
                    actor=request.user,
                    application=application,
                    step=step,
                    occurred_at=data["occurred_at"],
                    delay_reason=data["delay_reason"],
                )
            elif action == "supplement":
                actions.request_supplement(
                    actor=request.user,
                    application=application,
                    note=data["note"],
                    days=data["days"],
                )
            elif action == "extend":
                actions.extend(
                    actor=request.user,
                    application=application,
                    amount=data["amount"],
                    reason=data["reason"],
                )
            elif action == "reject":
                actions.reject(
                    actor=request.user,
                    application=application,
                    reason=data["reason"],
                    remedy=data["remedy"],
                )
            elif action == "fee":
                actions.record_fee(
                    actor=request.user,
                    application=application,
                    method=FeeMethod(data["method"]),
                    reference=data["reference"],
                )
            elif action == "skip":
                if step is None:
                    raise ValidationError(_("Every step is done."), code="done")
                actions.skip_step(
                    actor=request.user, application=application, step=step, reason=data["reason"]
                )
            elif action == "reassign":
                actions.reassign(
                    actor=request.user,
                    application=application,
                    officer=data["officer"],
                    reason=data["reason"],
                )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("permits_staff:case", application.receipt_number)
    application.refresh_from_db()
    return _case_page(request, application, case_forms, status=400)


@login_required
@require_http_methods(["GET", "POST"])
def counter(request: AuthenticatedRequest) -> HttpResponse:
    rules.require(rules.can_register_at_counter(request.user))
    chooser = TypeChoiceForm(request.GET or None)
    if not chooser.is_valid():
        return render(request, "permits/staff/counter.html", {"chooser": chooser, "form": None})
    permit_type = chooser.cleaned_data["permit_type"]
    version = permit_type.current_version()
    form = CounterForm(
        posted(request), request.FILES if request.method == "POST" else None, version=version
    )
    if request.method == "POST" and form.is_valid():
        try:
            application = actions.apply_for_permit(
                applicant=form.cleaned_data["applicant_email"],
                permit_type=permit_type,
                summary=form.cleaned_data["summary"],
                site_address=form.cleaned_data["site_address"],
                documents=form.documents,
                filed_by=request.user,
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return redirect("permits_staff:case", application.receipt_number)
    return render(
        request,
        "permits/staff/counter.html",
        {"chooser": chooser, "form": form, "permit_type": permit_type, "version": version},
    )


@login_required
@require_POST
def answer_question(
    request: AuthenticatedRequest, receipt_number: str, question_id: str
) -> HttpResponse:
    application = _handler_application(request, receipt_number)
    question = application.questions.filter(pk=int(question_id)).first()
    if question is None:
        raise Http404
    form = QuestionAnswerForm(request.POST, prefix=f"question-{question.pk}")
    if form.is_valid():
        try:
            actions.answer_question(
                actor=request.user,
                application=application,
                question=question,
                answer=form.cleaned_data["answer"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Recorded."))
            return redirect("permits_staff:case", application.receipt_number)
    return _case_page(request, application, _forms(application), status=400)


def _managed_types(request: AuthenticatedRequest) -> list[PermitType]:
    return [
        permit_type
        for permit_type in PermitType.objects.select_related("agency").order_by("name_en")
        if rules.can_manage_catalogue(request.user, permit_type.agency)
    ]


@login_required
@require_GET
def catalogue(request: AuthenticatedRequest) -> HttpResponse:
    types = _managed_types(request)
    if not types and not rules.can_manage_any_catalogue(request.user):
        raise Http404
    return render(request, "permits/staff/catalogue.html", {"types": types})


@login_required
@require_http_methods(["GET", "POST"])
def revise(request: AuthenticatedRequest, code: str) -> HttpResponse:
    permit_type = PermitType.objects.select_related("agency").filter(code=code).first()
    if permit_type is None or not rules.can_manage_catalogue(request.user, permit_type.agency):
        raise Http404
    version = permit_type.current_version()
    form = RevisionForm(posted(request), version=version)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        spec = VersionSpec(
            unit=version.unit,
            legal_basis_en=data["legal_basis_en"],
            legal_basis_ko=data["legal_basis_ko"],
            legal_basis_id=data["legal_basis_id"],
            period_amount=data["period_amount"],
            period_unit=data["period_unit"],
            fee_won=data["fee_won"],
            documents=version.documents,
            steps=[
                StepSpec(
                    name_en=step.name_en,
                    name_ko=step.name_ko,
                    name_id=step.name_id,
                    unit=step.unit,
                    duration_amount=data[f"step_{step.position}_duration"],
                    duration_unit=step.duration_unit,
                    skippable=data[f"step_{step.position}_skippable"],
                )
                for step in form.steps
            ],
        )
        try:
            actions.revise_permit_type(actor=request.user, permit_type=permit_type, spec=spec)
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(
                request, _("A new version was saved. Applications under way keep theirs.")
            )
            return redirect("permits_staff:catalogue")
    return render(
        request,
        "permits/staff/revise.html",
        {
            "permit_type": permit_type,
            "version": version,
            "form": form,
            "versions": list(permit_type.versions.order_by("-number")),
        },
    )
