"""egov's WSGI application with one extra path: a bare Django view, for ``bench_shell``.

    gunicorn bench.shell_wsgi --workers 2

Every path but ``BARE_PATH`` goes to egov's own ``WSGIHandler``, with all its
middleware and context processors. ``BARE_PATH`` goes to a second handler in
the same process whose middleware chain is only Django's request handling
(resolve the URL, call the view), with a URLconf of its own: its view runs
one ORM query and renders a small template from an ``Engine`` of its own, so
it pays for Django (request, URL resolver, ORM, template engine, response)
and for nothing of the page shell (no session, user, messages, CSRF, locale,
security headers, menu, language switcher, context processors).

The two handlers share the worker, its database connection and the
``request_started``/``request_finished`` signals, so the difference between
the bare view and a page is the shell's price and the page's own work.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

import django
from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler, WSGIRequest
from django.http import HttpRequest, HttpResponse
from django.template import Context, Engine
from django.urls import path

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

# A path egov does not use: the egov handler never sees it.
BARE_PATH = "/__bench/bare/"

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egov.settings")
if os.environ.get("EGOV_ENV") == "production":
    raise SystemExit("Refusing to serve the benchmark's bare view with EGOV_ENV=production.")
django.setup(set_prefix=False)

# An engine of its own: no loaders, no context processors, no project libraries.
_ENGINE = Engine(debug=False, autoescape=True)
_TEMPLATE = _ENGINE.from_string(
    '<!doctype html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>{{ title }}</title></head>\n<body><h1>{{ title }}</h1>\n<ul>\n"
    "{% for agency in agencies %}<li>{{ agency.code }}: {{ agency.name_en }}</li>\n"
    "{% endfor %}</ul></body></html>\n"
)


def bare(request: HttpRequest) -> HttpResponse:
    """One query (five agencies through the ORM), one small template."""
    from egov.agencies.models import Agency

    agencies = list(Agency.objects.order_by("code")[:5])
    return HttpResponse(_TEMPLATE.render(Context({"title": "Agencies", "agencies": agencies})))


# This module is the bare handler's URLconf.
urlpatterns = [path(BARE_PATH.lstrip("/"), bare, name="bare")]


class BareRequest(WSGIRequest):
    # BaseHandler.resolve_request uses request.urlconf when the request has one.
    urlconf = __name__


class BareHandler(WSGIHandler):
    """A WSGIHandler whose middleware chain is only ``_get_response`` (resolve, call the view).

    ``BaseHandler.load_middleware`` wraps ``_get_response`` in
    ``convert_exception_to_response`` and then each MIDDLEWARE entry around it;
    this keeps the innermost step and leaves out the entries.
    """

    request_class = BareRequest

    def load_middleware(self, is_async: bool = False) -> None:
        self._view_middleware: list[Any] = []
        self._template_response_middleware: list[Any] = []
        self._exception_middleware: list[Any] = []
        # _get_response resolves the URL and calls the view (django-stubs leave it out).
        inner = self._get_response  # type: ignore[attr-defined]
        self._middleware_chain = convert_exception_to_response(inner)


_egov = WSGIHandler()
_bare = BareHandler()


def application(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
    handler: Callable[[Any, Any], Iterable[bytes]] = (
        _bare if environ.get("PATH_INFO") == BARE_PATH else _egov
    )
    return handler(environ, start_response)
