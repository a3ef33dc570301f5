"""Home, the My government dashboard, and the shell's pages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.views.decorators.http import require_http_methods, require_safe

from egov.accounts import actions as account_actions
from egov.accounts.http import AuthenticatedRequest
from egov.accounts.language import remember_language, remember_visitor_choice
from egov.accounts.models import Role
from egov.lib import services as registry
from egov.lib.http import redirect_to_next, safe_next
from egov.lib.pagination import DateTimeCursor, Keyset
from egov.notifications.queries import notifications_of
from egov.portal.context_processors import service_menu
from egov.portal.forms import AccessLogPageForm, LanguageForm
from egov.privacy.models import AccessEvent
from egov.privacy.queries import accesses_to, subjects_of


@dataclass(frozen=True)
class ShownCard:
    template: str
    context: Mapping[str, Any]


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"services": registry.services()})


@require_safe
def service(request: HttpRequest, slug: str) -> HttpResponse:
    """Old links to /services/<slug>/ lead to the service's own home."""
    found = registry.service(slug)
    if found is None:
        raise Http404
    return redirect(found.home)


@login_required
@require_safe
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    recent = list(notifications_of(request.user)[:5])
    cards = []
    for entry in registry.services():
        if entry.card is None:
            continue
        context = entry.card.context(request)
        if context is not None:
            cards.append(ShownCard(entry.card.template, context))
    return render(
        request, "portal/dashboard.html", {"recent_notifications": recent, "cards": cards}
    )


@dataclass(frozen=True)
class AccessRow:
    event: AccessEvent
    # What it was about ("complaint EP-2612-0000013"), or "" when the page named nothing.
    subject: str

    @property
    def role(self) -> str:
        """The viewer's role when they looked (a later promotion does not rewrite it)."""
        role = self.event.viewer_role
        return str(Role(role).label) if role in Role.values else role


# Newest first, served by the access log's (owner, -occurred_at) index.
NEWEST_ACCESS = Keyset("occurred_at", DateTimeCursor, descending=True)
ACCESS_PAGE_SIZE = 50


@login_required
@require_safe
def data_access(request: AuthenticatedRequest) -> HttpResponse:
    """Who looked at my data: every time staff were shown the person's personal data.

    Personal Information Protection Act art. 35(1) lets a person ask to see
    what is held about them; this page shows, without asking, each time it
    was shown to someone: who, in which position, when, why and what.
    """
    form = AccessLogPageForm(request.GET)
    if not form.is_valid():
        return render(request, "portal/data_access.html", {"form": form}, status=400)
    page = NEWEST_ACCESS.page(
        accesses_to(request.user), after=form.cleaned_data["after"], size=ACCESS_PAGE_SIZE
    )
    subjects = subjects_of(page.items)
    rows = [
        AccessRow(event, subjects.get((event.subject_type, event.subject_id), ""))
        for event in page.items
    ]
    return render(
        request,
        "portal/data_access.html",
        {
            "form": form,
            "rows": rows,
            "next_cursor": page.next_cursor.encode() if page.next_cursor else "",
            "first_page": form.cleaned_data["after"] is None,
        },
    )


@require_http_methods(["GET", "POST"])
def set_language(request: HttpRequest) -> HttpResponse:
    """Switch the interface language; signed-in users keep it in their profile."""
    form = LanguageForm(request.POST or request.GET)
    if not form.is_valid():
        return render(request, "portal/language_error.html", {"form": form}, status=400)
    language = form.cleaned_data["language"]
    if request.method == "POST" and request.user.is_authenticated:
        account_actions.change_language(user=request.user, language=language)
    # Only ever back to a page of this site; anything else goes home.
    response = redirect_to_next(form.cleaned_data["next"], "portal:home")
    if request.user.is_authenticated:
        remember_language(response, language)
    else:
        remember_visitor_choice(response, language)
    return response


@require_safe
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html")


# Error pages are rendered from the request alone, without the context
# processors: a request refused before authentication (a host outside
# ALLOWED_HOSTS, a broken session) has no user, and an error page must not
# depend on the database that may be what failed.


def _error_page(request: HttpRequest, template: str, status: int) -> HttpResponse:
    context = {
        "next": safe_next(request.get_full_path()),
        "service_navigation": service_menu(request),
    }
    return HttpResponse(loader.render_to_string(template, context), status=status)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "errors/400.html", 400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "errors/403.html", 403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error_page(request, "errors/404.html", 404)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponse(loader.render_to_string("errors/500.html"), status=500)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return _error_page(request, "errors/403_csrf.html", 403)
