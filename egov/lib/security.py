"""Response headers that every page carries.

Django's SecurityMiddleware already sends HSTS (production), nosniff,
Referrer-Policy and Cross-Origin-Opener-Policy, and XFrameOptionsMiddleware
sends X-Frame-Options. This adds a Content-Security-Policy with a fresh nonce
per response (pages carry no inline script; a script that must be inline uses
``nonce="{{ csp_nonce }}"``), a Permissions-Policy, and ``no-store`` caching
for pages shown to a signed-in user, so a shared computer's back button does
not show someone else's data.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

PERMISSIONS_POLICY = ", ".join(
    [
        "accelerometer=()",
        "camera=()",
        "geolocation=(self)",  # a complaint may point at where the problem is
        "gyroscope=()",
        "magnetometer=()",
        "microphone=()",
        "payment=()",
        "usb=()",
        "interest-cohort=()",
    ]
)


def content_security_policy(nonce: str) -> str:
    directives = [
        "default-src 'self'",
        f"script-src 'self' 'nonce-{nonce}'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
    if settings.PRODUCTION:
        directives.append("upgrade-insecure-requests")
    return "; ".join(directives)


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        nonce = secrets.token_urlsafe(18)
        request.csp_nonce = nonce  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", content_security_policy(nonce))
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            response.headers["Cache-Control"] = "private, no-store"
        return response


def csp_nonce(request: HttpRequest) -> dict[str, str]:
    """Template context: ``{{ csp_nonce }}`` for the rare script that must be inline."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
