"""Robustness at the edges: where a request goes next, error pages, demo data, static files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any, cast

import pytest
from django.conf import settings as django_settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.core.management import CommandError, call_command, get_commands, load_command_class
from django.core.management.commands.runserver import Command as RunServer
from django.db import connection
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import get_resolver, reverse
from django.utils.module_loading import import_string
from pytest_django.fixtures import Settings

from conftest import PASSWORD
from egov.accounts.models import User
from egov.lib.http import safe_next

# What an attacker puts in ?next=: relative names that redirect() would try to
# reverse, other hosts in every spelling browsers accept, schemes, controls.
BAD_NEXT = [
    "x",
    "portal:home",
    "accounts:sign_in",
    "evil.example",
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example",
    "https://evil.example/",
    "http:/evil.example",
    "javascript:alert(1)",
    "/\tevil",
    "/\nSet-Cookie: a=b",
    "/" + "a" * 5000,
]


@pytest.mark.parametrize("candidate", [*BAD_NEXT, " /privacy/", "", None, 1])
def test_safe_next_accepts_nothing_but_a_local_path(candidate: object) -> None:
    assert safe_next(candidate) == ""
    assert safe_next(candidate, "/home/") == "/home/"


@pytest.mark.parametrize("candidate", ["/", "/privacy/", "/complaints/mine/?after=abc&x=1"])
def test_safe_next_keeps_a_local_path(candidate: str) -> None:
    assert safe_next(candidate) == candidate


@pytest.mark.django_db
@pytest.mark.parametrize("candidate", BAD_NEXT)
def test_the_language_switch_goes_home_for_a_bad_next(client: Client, candidate: str) -> None:
    for method in (client.get, client.post):
        response = method(reverse("portal:set_language"), {"language": "ko", "next": candidate})
        # A 400 for what the form itself refuses (a NUL, an overlong value), else home.
        assert response.status_code in {302, 400}
        if response.status_code == 302:
            assert response["Location"] == "/"


@pytest.mark.parametrize("candidate", BAD_NEXT)
def test_signing_in_with_a_bad_next_still_signs_in(
    client: Client, citizen: User, candidate: str, settings: Settings
) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    citizen.set_password(PASSWORD)
    citizen.save()
    page = client.get(reverse("accounts:sign_in"), {"next": candidate})
    assert page.status_code == 200
    response = client.post(
        reverse("accounts:sign_in") + "?next=" + "x",
        {"email": citizen.email, "password": PASSWORD, "next": candidate},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:dashboard")
    assert client.get(reverse("portal:dashboard")).status_code == 200


def _bare_requests() -> Iterable[tuple[str, Callable[[], HttpResponse]]]:
    request = RequestFactory().get("/nowhere/")
    resolver = get_resolver()
    # Nothing but the request: no user, no session, no nonce, no messages.
    for status in (400, 403, 404):
        handler = cast(Callable[..., HttpResponse], resolver.resolve_error_handler(status))
        yield str(status), partial(handler, request, None)
    yield "500", lambda: resolver.resolve_error_handler(500)(request)
    yield (
        "403",
        partial(import_string(django_settings.CSRF_FAILURE_VIEW), request, reason="no token"),
    )


@pytest.mark.django_db
def test_error_pages_render_with_nothing_but_the_request() -> None:
    for status, render in _bare_requests():
        with CaptureQueriesContext(connection) as queries:
            response = render()
        assert str(response.status_code) == status
        assert len(queries) == 0
        assert "<main" in response.content.decode()


@pytest.mark.django_db
def test_a_host_outside_allowed_hosts_gets_the_bad_request_page_in_production(
    settings: Settings,
) -> None:
    settings.DEBUG = False
    settings.PRODUCTION = True
    settings.ALLOWED_HOSTS = ["egov.example"]
    client = Client(raise_request_exception=False)
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400
    assert "We could not understand that request" in response.content.decode()


def test_error_pages_keep_the_page_to_return_to_only_when_it_is_local(client: Client) -> None:
    page = client.get("/no-such-page/?a=1").content.decode()
    assert 'name="next" value="/no-such-page/?a=1"' in page


@pytest.mark.django_db
def test_demo_data_is_refused_in_production(settings: Settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("load_demo")
    assert not User.objects.exists()


def _dev_server_handler() -> Callable[..., Any]:
    """The WSGI handler ``manage.py runserver`` serves with, given its default options."""
    command = cast(RunServer, load_command_class(get_commands()["runserver"], "runserver"))
    options = command.create_parser("manage.py", "runserver").parse_args([])
    handler: Callable[..., Any] = command.get_handler(**vars(options))
    return handler


def _dev_server_status(path: str) -> str:
    """The status the development server answers ``path`` with."""
    handler = _dev_server_handler()
    environ = RequestFactory().get(path).environ
    statuses: list[str] = []
    handler(environ, lambda status, headers, exc_info=None: statuses.append(status))
    return statuses[0]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/static/../../etc/passwd",
        "/static/egov/../../../../etc/passwd",
        "/static/..%2f..%2fetc/passwd",
        "/static/%2e%2e/%2e%2e/etc/passwd",
        "/static//etc/passwd",
        "/static/nothing-here.css",
    ],
)
def test_the_development_server_answers_a_path_outside_the_static_folders_with_404(
    settings: Settings, path: str
) -> None:
    settings.DEBUG = True
    assert _dev_server_status(path).startswith("404")


@pytest.mark.django_db
def test_the_development_server_still_serves_static_files(settings: Settings) -> None:
    settings.DEBUG = True
    assert _dev_server_status("/static/egov/egov.css").startswith("200")


def test_django_s_own_static_handler_is_not_the_one_in_use() -> None:
    # WhiteNoise (a middleware) serves static files in development as in production.
    assert not isinstance(_dev_server_handler(), StaticFilesHandler)
