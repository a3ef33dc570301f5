""" "Was this page useful?": the answer from any public page, and the summary per page."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from egov.participation import actions, throttle
from egov.participation.forms import PageFeedbackForm
from egov.participation.limits import FEEDBACK_PATH_MAX_LENGTH
from egov.participation.queries import feedback_by_page, satisfaction_by_service


def _back_to(path: object) -> str:
    text = str(path or "")
    if (
        text.startswith("/")
        and len(text) <= FEEDBACK_PATH_MAX_LENGTH
        and text.isprintable()
        and url_has_allowed_host_and_scheme(text, allowed_hosts=None)
    ):
        return text
    return "/"


@require_http_methods(["GET", "POST"])
def page_feedback(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        back = _back_to(request.GET.get("path"))
        form = PageFeedbackForm(initial={"path": back}, auto_id="feedback_%s")
        return render(request, "participation/feedback_form.html", {"form": form, "path": back})
    form = PageFeedbackForm(request.POST, auto_id="feedback_%s")
    back = _back_to(request.POST.get("path"))
    if not throttle.may_give_feedback_now(request):
        form.add_error(None, _("Too many answers from this address. Try again later."))
        return _again(request, form, back, status=429)
    if not form.is_valid():
        return _again(request, form, back, status=400)
    try:
        actions.give_page_feedback(
            account=request.user if request.user.is_authenticated else None,
            path=form.cleaned_data["path"],
            useful=form.cleaned_data["useful"] == "yes",
            comment=form.cleaned_data["comment"],
            language=get_language() or "",
        )
    except ValidationError:
        return redirect("/")
    messages.success(request, _("Thank you: your answer helps improve this page."))
    return redirect(back)


def _again(request: HttpRequest, form: PageFeedbackForm, back: str, *, status: int) -> HttpResponse:
    return render(
        request, "participation/feedback_form.html", {"form": form, "path": back}, status=status
    )


@require_GET
def feedback_summary(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/feedback.html",
        {"pages": feedback_by_page(), "services": satisfaction_by_service()},
    )
