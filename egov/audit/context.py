"""Where the current request came from, for audit events.

Actions do not take the request; the middleware puts the client address here
for the duration of the request and ``audit.record`` reads it.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

from django.http import HttpRequest, HttpResponse

from egov.lib.http import client_address as request_client_address

client_address: ContextVar[str | None] = ContextVar("client_address", default=None)


class AuditContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # The peer, or the client a trusted proxy names (settings.TRUSTED_PROXIES).
        token = client_address.set(request_client_address(request))
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)
