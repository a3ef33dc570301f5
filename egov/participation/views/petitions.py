"""Petition pages: start, support and sign, the public list and JSON, moderation, response."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from egov.accounts.http import AuthenticatedRequest
from egov.lib import regions
from egov.lib.forms import show_action_error
from egov.lib.http import posted
from egov.lib.masking import mask_name
from egov.participation import actions, rules, throttle
from egov.participation.forms import PetitionForm, RejectForm, ResponseForm, SignForm
from egov.participation.limits import (
    PAGE_SIZE,
    PETITION_TALLY_SECONDS,
    SUPPORTERS_BEFORE_MODERATION,
)
from egov.participation.models import Petition, RejectionReason
from egov.participation.queries import (
    access_petition,
    moderation_queue,
    open_reports,
    published_petitions,
    shared_tally_made_at,
    shown_signers,
    signatures_by_district,
    signatures_by_province,
    signer_exists,
)


@login_required
@require_http_methods(["GET", "POST"])
def new_petition(request: AuthenticatedRequest) -> HttpResponse:
    rules.require(rules.can_start_petition(request.user))
    form = PetitionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            petition = actions.start_petition(
                author=request.user,
                agency=form.cleaned_data["agency"],
                title=form.cleaned_data["title"],
                body=form.cleaned_data["body"],
                district=form.cleaned_data["district"],
                show_name=form.cleaned_data["show_name"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your petition was started. Share its address: it needs %(count)d "
                    "supporters before moderation."
                )
                % {"count": SUPPORTERS_BEFORE_MODERATION},
            )
            return redirect(petition.get_absolute_url())
    return render(request, "participation/petition_new.html", {"form": form})


@require_GET
def petition_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "participation/petitions.html",
        {
            "petitions": published_petitions()[:PAGE_SIZE],
            "response_threshold": settings.PETITION_RESPONSE_THRESHOLD,
            "hearing_threshold": settings.PETITION_HEARING_THRESHOLD,
        },
    )


def _map(petition: Petition, by_district: list[Any]) -> dict[str, Any]:
    """District shapes shaded by their share of the signatures (the table has the figures)."""
    shapes = regions.map_shapes()
    counts = {row.code: row.count for row in by_district}
    top = max(counts.values(), default=0)
    return {
        "width": shapes.width,
        "height": shapes.height,
        "paths": [
            {
                "code": code,
                "path": path,
                "shade": 0 if not counts.get(code) else 1 + (4 * counts[code]) // max(top, 1),
            }
            for code, path in shapes.shapes.items()
        ],
    }


def _regions_html(petition: Petition) -> SafeString:
    """The map and the tables of signatures by region, in the reader's language.

    At 250 districts this is most of the page's work (about 40 ms), so a big
    petition's is kept in the pages cache as long as the shared tally it is
    drawn from (queries.shared_tally_made_at); a small petition's is drawn
    for every reader from its exact tally.
    """
    made_at = shared_tally_made_at(petition)
    key = f"participation:regions:{petition.pk}:{translation.get_language()}:{made_at}"
    pages = caches["pages"]
    if made_at is not None and (kept := pages.get(key)) is not None:
        return mark_safe(str(kept))  # noqa: S308 - rendered by our own template
    by_district = signatures_by_district(petition)
    html = render_to_string(
        "participation/_petition_regions.html",
        {
            "map": _map(petition, by_district) if by_district else None,
            "by_province": signatures_by_province(petition),
            "by_district": by_district,
        },
    )
    if made_at is not None:
        pages.set(key, str(html), PETITION_TALLY_SECONDS * 20)
    return mark_safe(html)  # noqa: S308 - rendered by our own template


def _render(
    request: HttpRequest, petition: Petition, *, status: int | None = None, **forms: Any
) -> HttpResponse:
    user = request.user
    now = timezone.now()
    context: dict[str, Any] = {
        "petition": petition,
        "author_name": mask_name(str(getattr(petition, "author_name", ""))),
        "may_sign": rules.may_sign(user, petition, now=now),
        "signed": signer_exists(user, petition),
        "may_moderate": rules.may_moderate(user, petition),
        "may_respond": rules.may_respond(user, petition),
        "supporters_needed": max(SUPPORTERS_BEFORE_MODERATION - petition.signature_count, 0),
        "signers": shown_signers(petition),
        "response_threshold": settings.PETITION_RESPONSE_THRESHOLD,
        "hearing_threshold": settings.PETITION_HEARING_THRESHOLD,
    }
    if petition.is_published:
        context["regions_html"] = _regions_html(petition)
    context["sign_form"] = forms.get("sign_form") or SignForm(auto_id="sign_%s")
    if context["may_moderate"]:
        context["reject_form"] = forms.get("reject_form") or RejectForm(auto_id="reject_%s")
    if context["may_respond"]:
        context["response_form"] = forms.get("response_form") or ResponseForm(auto_id="respond_%s")
    if status is None:
        status = 400 if forms else 200
    return render(request, "participation/petition.html", context, status=status)


@require_GET
def petition(request: HttpRequest, petition_id: str) -> HttpResponse:
    return _render(request, access_petition(request.user, petition_id))


@require_GET
def petition_json(request: HttpRequest, petition_id: str) -> JsonResponse:
    """The petition as data, in the manner of the UK Parliament's petitions site."""
    found = access_petition(request.user, petition_id)
    if not found.is_published:
        raise Http404

    def moment(value: Any) -> str | None:
        return value.isoformat() if value is not None else None

    data = {
        "links": {
            "self": request.build_absolute_uri(
                reverse("participation:petition_json", args=[found.pk])
            )
        },
        "data": {
            "type": "petition",
            "id": found.pk,
            "attributes": {
                "action": found.title,
                "background": found.body,
                "state": found.status,
                "agency": {
                    "code": found.agency.code,
                    "name_en": found.agency.name_en,
                    "name_ko": found.agency.name_ko,
                },
                "signature_count": found.signature_count,
                "opened_at": moment(found.opened_at),
                "closes_at": moment(found.closes_at),
                "closed_at": moment(found.closed_at),
                "response_threshold": settings.PETITION_RESPONSE_THRESHOLD,
                "response_threshold_reached_at": moment(found.response_threshold_at),
                "response_due_at": moment(found.response_due_at),
                "debate_threshold": settings.PETITION_HEARING_THRESHOLD,
                "debate_threshold_reached_at": moment(found.hearing_threshold_at),
                "government_response": (
                    {"details": found.response, "responded_at": moment(found.responded_at)}
                    if found.responded_at
                    else None
                ),
                "signatures_by_province": [
                    {"code": row.code, "name": row.name, "signature_count": row.count}
                    for row in signatures_by_province(found)
                ],
                "signatures_by_district": [
                    {"code": row.code, "name": row.name, "signature_count": row.count}
                    for row in signatures_by_district(found)
                ],
            },
        },
    }
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False})
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
@require_POST
def sign(request: AuthenticatedRequest, petition_id: str) -> HttpResponse:
    found = access_petition(request.user, petition_id)
    form = SignForm(request.POST, auto_id="sign_%s")
    if not throttle.may_sign_now(request):
        form.add_error(
            None, _("Too many signatures from this account or address. Try again later.")
        )
        return _render(request, found, status=429, sign_form=form)
    if form.is_valid():
        try:
            actions.sign_petition(
                signer=request.user,
                petition=found,
                district=form.cleaned_data["district"],
                show_name=form.cleaned_data["show_name"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("Thank you: your signature was counted."))
            return redirect(found.get_absolute_url())
    return _render(request, found, sign_form=form)


@login_required
@require_POST
def publish(request: AuthenticatedRequest, petition_id: str) -> HttpResponse:
    found = access_petition(request.user, petition_id)
    try:
        actions.publish_petition(actor=request.user, petition=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The petition is published."))
    return redirect(found.get_absolute_url())


@login_required
@require_POST
def reject(request: AuthenticatedRequest, petition_id: str) -> HttpResponse:
    found = access_petition(request.user, petition_id)
    form = RejectForm(request.POST, auto_id="reject_%s")
    if form.is_valid():
        try:
            actions.reject_petition(
                actor=request.user,
                petition=found,
                reason=RejectionReason(form.cleaned_data["reason"]),
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("The petition was rejected; the reason is published."))
            return redirect(found.get_absolute_url())
    return _render(request, found, reject_form=form)


@login_required
@require_POST
def respond(request: AuthenticatedRequest, petition_id: str) -> HttpResponse:
    found = access_petition(request.user, petition_id)
    form = ResponseForm(request.POST, auto_id="respond_%s")
    if form.is_valid():
        try:
            actions.respond_to_petition(
                actor=request.user, petition=found, response=form.cleaned_data["response"]
            )
        except ValidationError as error:
            show_action_error(form, error)
        else:
            messages.success(request, _("The response is published and the author told."))
            return redirect(found.get_absolute_url())
    return _render(request, found, response_form=form)


@login_required
@require_GET
def moderation(request: AuthenticatedRequest) -> HttpResponse:
    if not rules.is_moderator(request.user):
        raise Http404
    return render(
        request,
        "participation/staff/moderation.html",
        {
            "petitions": moderation_queue(request.user)[: PAGE_SIZE * 5],
            "reports": open_reports(request.user),
        },
    )
