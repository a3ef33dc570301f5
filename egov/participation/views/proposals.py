"""Proposal pages: propose, follow, the public list, and the agency's review.

Every proposal page goes through ``access_proposal``. The agency's steps are
small forms on the proposal's page, each posted to its own URL and calling
one action; an action's refusal is shown on the same page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.lib import surges
from egov.lib.files import download_name
from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.lib.masking import mask_name
from egov.lib.redaction import redact
from egov.participation import actions, rules
from egov.participation.forms import (
    AwardForm,
    DecisionForm,
    MilestoneDoneForm,
    MilestoneForm,
    ProposalForm,
    RatingForm,
)
from egov.participation.limits import PAGE_SIZE
from egov.participation.models import Milestone, Proposal, RejectionReason
from egov.participation.queries import (
    access_proposal,
    adoption_rates,
    proposals_of,
    public_proposals,
    rating_of,
    review_queue,
    surge_figures,
)
from egov.participation.search import similar_proposals


@login_required
@require_http_methods(["GET", "POST"])
def new_proposal(request: AuthenticatedRequest) -> HttpResponse:
    rules.require(rules.can_propose(request.user))
    form = ProposalForm(posted(request), request.FILES if request.method == "POST" else None)
    similar: list[Proposal] | None = None
    # "Show similar proposals" re-shows the form with them, without sending it.
    checking = request.method == "POST" and "similar" in request.POST
    if checking:
        similar = similar_proposals(str(request.POST.get("title", ""))[:200])
    elif request.method == "POST" and form.is_valid():
        try:
            proposal = actions.submit_proposal(
                proposer=request.user,
                agency=form.cleaned_data["agency"],
                title=form.cleaned_data["title"],
                problem=form.cleaned_data["problem"],
                current_situation=form.cleaned_data["current_situation"],
                proposed_change=form.cleaned_data["proposed_change"],
                expected_effect=form.cleaned_data["expected_effect"],
                is_public=form.is_public,
                attachments=form.cleaned_data["attachments"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Your proposal was received."))
            return redirect(proposal.get_absolute_url())
    if checking:
        # Checking for similar ones is not sending: no errors shown yet.
        form = ProposalForm(initial=dict(request.POST.items()))
    return render(request, "participation/proposal_new.html", {"form": form, "similar": similar})


@login_required
@require_GET
def my_proposals(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request,
        "participation/proposals_mine.html",
        {"proposals": proposals_of(request.user)[: PAGE_SIZE * 5]},
    )


@require_GET
def public_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/proposals_public.html",
        {
            "proposals": [
                (proposal, redact(proposal.title)) for proposal in public_proposals()[:PAGE_SIZE]
            ],
            "rates": adoption_rates(),
        },
    )


def _render(request: HttpRequest, proposal: Proposal, **forms: Any) -> HttpResponse:
    user = request.user
    is_proposer = user.is_authenticated and user.pk == proposal.proposer_id
    is_reviewer = rules.is_reviewer(user, proposal)
    name = str(getattr(proposal, "proposer_name", ""))

    def shown(text: str) -> str:
        # The proposer and the agency read it as written; everyone else with
        # personal data masked (a public proposal is published as it came in).
        return text if is_proposer or is_reviewer else redact(text)

    context: dict[str, Any] = {
        "proposal": proposal,
        "text": {
            "title": shown(proposal.title),
            "problem": shown(proposal.problem),
            "current_situation": shown(proposal.current_situation),
            "proposed_change": shown(proposal.proposed_change),
            "expected_effect": shown(proposal.expected_effect),
        },
        "due": proposal.due,
        "is_proposer": is_proposer,
        "proposer_name": name if is_proposer or is_reviewer else mask_name(name),
        "milestones": list(proposal.milestones.all()),
        "awards": list(proposal.awards.all()),
        "attachments": list(proposal.attachments.all()) if is_proposer or is_reviewer else [],
        "hidden_reason": (
            RejectionReason(proposal.hidden_reason).label
            if proposal.hidden_reason in RejectionReason.values
            else ""
        ),
        "may_decide": rules.may_decide(user, proposal),
        "may_rate": rules.may_rate_proposal(user, proposal),
        "rating": rating_of(user, proposal),
        "may_follow_up": rules.may_follow_up(user, proposal),
        "figures": surge_figures(surges.FollowUpKind.POLICY_REVIEW, proposal.pk),
    }
    if context["may_decide"]:
        context["decision_form"] = forms.get("decision_form") or DecisionForm(auto_id="decide_%s")
    if context["may_rate"] and context["rating"] is None:
        context["rating_form"] = forms.get("rating_form") or RatingForm(auto_id="rating_%s")
    if context["may_follow_up"]:
        context["milestone_form"] = forms.get("milestone_form") or MilestoneForm(
            auto_id="milestone_%s"
        )
        context["award_form"] = forms.get("award_form") or AwardForm(auto_id="award_%s")
        context["done_form"] = forms.get("done_form") or MilestoneDoneForm(auto_id="done_%s")
    status = 400 if forms else 200
    return render(request, "participation/proposal.html", context, status=status)


@require_GET
def proposal(request: HttpRequest, proposal_id: str) -> HttpResponse:
    return _render(request, access_proposal(request.user, proposal_id))


@login_required
@require_GET
def attachment(request: AuthenticatedRequest, proposal_id: str, attachment_id: str) -> FileResponse:
    found = access_proposal(request.user, proposal_id)
    if not (request.user.pk == found.proposer_id or rules.is_reviewer(request.user, found)):
        raise Http404
    stored = found.attachments.filter(pk=int(attachment_id)).first()
    if stored is None:
        raise Http404
    return FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=download_name(stored.original_name, stored.extension),
        content_type=stored.content_type,
    )


def _done(request: HttpRequest, proposal: Proposal, message: str) -> HttpResponse:
    messages.success(request, message)
    return redirect(proposal.get_absolute_url())


@login_required
@require_POST
def decide(request: AuthenticatedRequest, proposal_id: str) -> HttpResponse:
    found = access_proposal(request.user, proposal_id)
    form = DecisionForm(request.POST, auto_id="decide_%s")
    if form.is_valid():
        try:
            actions.decide_proposal(
                actor=request.user,
                proposal=found,
                outcome=form.cleaned_outcome(),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, found, _("The decision was recorded and the proposer told."))
    return _render(request, found, decision_form=form)


@login_required
@require_POST
def add_milestone(request: AuthenticatedRequest, proposal_id: str) -> HttpResponse:
    found = access_proposal(request.user, proposal_id)
    form = MilestoneForm(request.POST, auto_id="milestone_%s")
    if form.is_valid():
        try:
            actions.add_milestone(
                actor=request.user,
                proposal=found,
                title=form.cleaned_data["title"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, found, _("The step was added and the proposer told."))
    return _render(request, found, milestone_form=form)


@login_required
@require_POST
def complete_milestone(
    request: AuthenticatedRequest, proposal_id: str, milestone_id: str
) -> HttpResponse:
    found = access_proposal(request.user, proposal_id)
    milestone = Milestone.objects.filter(proposal=found, pk=int(milestone_id)).first()
    if milestone is None:
        raise Http404
    form = MilestoneDoneForm(request.POST, auto_id="done_%s")
    if form.is_valid():
        try:
            actions.complete_milestone(
                actor=request.user, milestone=milestone, done_on=form.cleaned_data["done_on"]
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, found, _("The step is marked done and the proposer told."))
    return _render(request, found, done_form=form)


@login_required
@require_POST
def award(request: AuthenticatedRequest, proposal_id: str) -> HttpResponse:
    found = access_proposal(request.user, proposal_id)
    form = AwardForm(request.POST, auto_id="award_%s")
    if form.is_valid():
        try:
            actions.record_award(
                actor=request.user,
                proposal=found,
                description=form.cleaned_data["description"],
                amount=form.cleaned_data["amount"],
                awarded_on=form.cleaned_data["awarded_on"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, found, _("The award was recorded."))
    return _render(request, found, award_form=form)


@login_required
@require_GET
def review_list(request: AuthenticatedRequest) -> HttpResponse:
    if rules.agency_of(request.user) is None:
        raise Http404
    return render(
        request,
        "participation/staff/proposals.html",
        {"proposals": review_queue(request.user)[: PAGE_SIZE * 5]},
    )


@login_required
@require_POST
def rate(request: AuthenticatedRequest, proposal_id: str) -> HttpResponse:
    found = access_proposal(request.user, proposal_id)
    form = RatingForm(request.POST, auto_id="rating_%s")
    if form.is_valid():
        try:
            actions.rate_proposal(
                rater=request.user,
                proposal=found,
                score=form.cleaned_data["score"],
                comment=form.cleaned_data["comment"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            return _done(request, found, _("Thank you for your rating."))
    return _render(request, found, rating_form=form)
