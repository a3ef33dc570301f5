"""Home, the My government dashboard, and the shell's pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from egov.accounts import actions as account_actions
from egov.complaints import rules as complaint_rules
from egov.complaints.queries import complaints_of
from egov.lib.http import AuthenticatedRequest
from egov.notifications.queries import notifications_of
from egov.portal.context_processors import SERVICE_HOMES, SERVICES
from egov.portal.context_processors import services as service_entries
from egov.portal.forms import LanguageForm
from egov.portal.language import remember_language

SERVICE_DESCRIPTIONS = {
    "complaints": gettext_lazy(
        "File a complaint, inquiry, suggestion or grievance. It reaches the responsible "
        "agency, a named officer answers within a legal number of working days, and you "
        "rate the answer."
    ),
    "proposals": gettext_lazy(
        "Propose a policy or sign a petition, gather support, and receive an official, "
        "reasoned response."
    ),
    "jobs": gettext_lazy(
        "Search vacancies from verified employers with salary ranges, apply, and choose "
        "who may see your résumé."
    ),
    "permits": gettext_lazy(
        "Follow every permit and licence application step by step: who handled it, when, "
        "and why anything was delayed."
    ),
    "opendata": gettext_lazy(
        "Statistics, datasets and open APIs about public services, free for everyone."
    ),
}


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    services = [(entry, SERVICE_DESCRIPTIONS[entry.slug]) for entry in service_entries(request)]
    return render(request, "portal/home.html", {"services": services})


@require_safe
def service(request: HttpRequest, slug: str) -> HttpResponse:
    names = dict(SERVICES)
    if slug not in names:
        raise Http404
    # An open service lives at its own home; old links to this page still work.
    if slug in SERVICE_HOMES:
        return redirect(SERVICE_HOMES[slug])
    return render(
        request,
        "portal/service.html",
        {"slug": slug, "name": names[slug], "description": SERVICE_DESCRIPTIONS[slug]},
    )


@login_required
@require_safe
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    recent = list(notifications_of(request.user)[:5])
    complaints = list(complaints_of(request.user)[:5])
    return render(
        request,
        "portal/dashboard.html",
        {
            "recent_notifications": recent,
            "recent_complaints": complaints,
            "shows_complaints": bool(complaints) or complaint_rules.can_submit(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; signed-in users keep it in their profile."""
    form = LanguageForm(request.POST or request.GET)
    if not form.is_valid():
        return render(request, "portal/language_error.html", {"form": form}, status=400)
    language = form.cleaned_data["language"]
    next_url = form.cleaned_data["next"] or "/"
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    if request.method == "POST" and request.user.is_authenticated:
        account_actions.change_language(user=request.user, language=language)
    response = redirect(next_url)
    remember_language(response, language)
    return response


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "errors/403_csrf.html", status=403)
