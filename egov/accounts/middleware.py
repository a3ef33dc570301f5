"""Staff accounts: two-step verification before any page, and a 30-minute idle limit."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from egov.accounts.actions import MFA_SESSION_KEY
from egov.accounts.models import User

STAFF_IDLE_SECONDS = 30 * 60
_LAST_SEEN_KEY = "egov_last_seen"
# Pages a staff member may reach before passing two-step verification.
_OPEN_TO_UNVERIFIED = {
    "accounts:mfa_setup",
    "accounts:mfa_verify",
    "accounts:sign_out",
    "portal:set_language",
    "portal:accessibility",
    "portal:privacy",
}


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if isinstance(user, User) and user.is_authenticated and user.must_use_mfa:
            now = time.time()
            last_seen = request.session.get(_LAST_SEEN_KEY, now)
            if now - float(last_seen) > STAFF_IDLE_SECONDS:
                logout(request)
                messages.info(
                    request, _("For your security you were signed out after 30 idle minutes.")
                )
                return redirect(f"{reverse('accounts:sign_in')}?next={request.path}")
            request.session[_LAST_SEEN_KEY] = now
            if not request.session.get(MFA_SESSION_KEY) and not self._open(request):
                target = "accounts:mfa_verify" if user.has_mfa else "accounts:mfa_setup"
                return redirect(target)
        return self.get_response(request)

    @staticmethod
    def _open(request: HttpRequest) -> bool:
        if request.path.startswith(settings.STATIC_URL):
            return True
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in _OPEN_TO_UNVERIFIED
