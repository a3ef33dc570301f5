"""Consultation pages (국민생각함): the question, voting and comments, results, and opening one."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.agencies.calendar import calendar_for
from egov.lib import surges
from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.participation import actions, rules, throttle
from egov.participation.forms import CommentForm, ConsultationForm, VoteForm
from egov.participation.limits import MIN_GROUP_SIZE, PAGE_SIZE
from egov.participation.models import Consultation
from egov.participation.queries import (
    access_consultation,
    consultations,
    has_voted,
    results_of,
    surge_figures,
)


@require_GET
def consultation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/consultations.html",
        {"consultations": consultations()[:PAGE_SIZE], "now": timezone.now()},
    )


def _render(
    request: HttpRequest, consultation: Consultation, *, status: int | None = None, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    context: dict[str, Any] = {
        "consultation": consultation,
        "is_open": now < consultation.closes_at,
        "may_vote": rules.may_vote(request.user, consultation, now=now),
        "voted": has_voted(request.user, consultation),
        "results": (results := results_of(consultation)),
        "rows": list(zip(results.options, results.counts, strict=True)),
        "minimum": MIN_GROUP_SIZE,
        "comments": list(consultation.comments.all()[:200]),
        "vote_form": forms.get("vote_form")
        or VoteForm(consultation_id=consultation.pk, auto_id="vote_%s"),
        "comment_form": forms.get("comment_form") or CommentForm(auto_id="comment_%s"),
        "figures": surge_figures(surges.FollowUpKind.CONSULTATION, consultation.pk),
    }
    if status is None:
        status = 400 if forms else 200
    return render(request, "participation/consultation.html", context, status=status)


@require_GET
def consultation(request: HttpRequest, consultation_id: str) -> HttpResponse:
    return _render(request, access_consultation(request.user, consultation_id))


@login_required
@require_POST
def vote(request: AuthenticatedRequest, consultation_id: str) -> HttpResponse:
    found = access_consultation(request.user, consultation_id)
    form = VoteForm(request.POST, consultation_id=found.pk, auto_id="vote_%s")
    if form.is_valid():
        try:
            actions.vote(
                voter=request.user,
                consultation=found,
                option=form.cleaned_data["option"],
                district=form.cleaned_data["district"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Your vote was counted."))
            return redirect(found.get_absolute_url())
    return _render(request, found, vote_form=form)


@login_required
@require_POST
def comment(request: AuthenticatedRequest, consultation_id: str) -> HttpResponse:
    found = access_consultation(request.user, consultation_id)
    form = CommentForm(request.POST, auto_id="comment_%s")
    if not throttle.may_comment_now(request):
        form.add_error(None, _("Too many comments from this account or address. Try again later."))
        return _render(request, found, status=429, comment_form=form)
    if form.is_valid():
        try:
            actions.comment(author=request.user, consultation=found, body=form.cleaned_data["body"])
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Your comment is published."))
            return redirect(found.get_absolute_url())
    return _render(request, found, comment_form=form)


@login_required
@require_http_methods(["GET", "POST"])
def new_consultation(request: AuthenticatedRequest) -> HttpResponse:
    rules.require(rules.can_open_consultation(request.user))
    form = ConsultationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        calendar = calendar_for(rules.agency_of(request.user))
        closes_at = calendar.start_of_day(
            form.cleaned_data["closes_on"] + datetime.timedelta(days=1)
        )
        try:
            found = actions.open_consultation(
                actor=request.user,
                question=form.cleaned_data["question"],
                description=form.cleaned_data["description"],
                options=form.option_lines(),
                closes_at=closes_at,
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("The consultation is open."))
            return redirect(found.get_absolute_url())
    return render(request, "participation/staff/consultation_new.html", {"form": form})
