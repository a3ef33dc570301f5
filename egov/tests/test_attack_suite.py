"""The standing attack suite: every URL the platform serves, attacked by every role.

Each app declares its URLs in ``<app>/attack_surface.py`` (see
``egov.lib.attack_surface``). Here we prove that every URL is declared, that
every role a URL does not allow is refused and changes nothing, that a POST
without a CSRF token is refused, and that hostile values in every declared
parameter get a 4xx or a normal page, never a server error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.http.response import HttpResponseBase
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import log_in
from egov.audit.models import AuditEvent
from egov.lib import attack_surface as surface
from egov.tests import attack_scenario

DECLARED = surface.declarations()
ATTACKED = [url for url in DECLARED.values() if not url.exempt]
REFUSED = {403, 404, 405}
SIGN_IN = ("/accounts/sign-in/", "/staff-console/login/")

SCRIPT = "<script>alert('egov')</script>"
# What an attacker puts in a parameter. Invalid UTF-8 goes in percent-encoded,
# as it arrives from a browser's address bar.
HOSTILE: dict[str, str] = {
    "overlong": "x" * 100_000,
    "nul": "a\x00b",
    "script": SCRIPT,
    "huge": str(10**30),
    "negative": "-1",
    "date": "2026-13-45",
    "cursor": "9999999999999999999999.-1",
}
INVALID_UTF8 = "%FF%FE"
UNCOUNTED = {"sessions.Session"}


def served_url_names() -> set[str]:
    """Every named URL pattern of the platform, with its namespaces."""

    def walk(patterns: list[URLPattern | URLResolver], namespace: str) -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner)
            elif pattern.name:
                yield f"{namespace}:{pattern.name}" if namespace else pattern.name

    return set(walk(get_resolver().url_patterns, ""))


def test_every_url_the_platform_serves_is_declared() -> None:
    served = served_url_names()
    undeclared = sorted(served - set(DECLARED))
    assert not undeclared, f"declare these in their app's attack_surface.py: {undeclared}"
    gone = sorted(set(DECLARED) - served)
    assert not gone, f"declared but no longer served: {gone}"


def test_an_exemption_needs_a_reason_and_roles_must_be_known() -> None:
    with pytest.raises(ValueError, match="reason"):
        surface.exempt("portal:home", "")
    with pytest.raises(ValueError, match="unknown roles"):
        surface.Url("portal:home", get=frozenset({"janitor"}))
    assert all(url.exempt.strip() for url in DECLARED.values() if url.exempt)


# ---- the scenario -------------------------------------------------------------------


@pytest.fixture(scope="module")
def scenario(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Any]]:
    """Built once for the module, in a transaction rolled back at its end."""
    with (
        django_db_blocker.unblock(),
        override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
            MEDIA_ROOT=tmp_path_factory.mktemp("attack-media"),
        ),
        transaction.atomic(),
    ):
        built = attack_scenario.build()
        # One session per role, signed in once: each test's client carries its cookie.
        built["sessions"] = {
            role: log_in(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
            for role, user in built["people"].items()
        }
        yield built
        transaction.set_rollback(True)


def client_for(scenario: dict[str, Any], role: str, **options: Any) -> Client:
    client = Client(raise_request_exception=False, **options)
    if role != surface.VISITOR:
        client.cookies[settings.SESSION_COOKIE_NAME] = scenario["sessions"][role]
    return client


def fingerprint() -> tuple[Any, ...]:
    """Row counts of every model, and the last audit event: what a write would change."""
    counts = tuple(
        (model._meta.label, model._default_manager.count())
        for model in apps.get_models()
        # Every request of a signed-in person touches their session.
        if model._meta.managed and not model._meta.proxy and model._meta.label not in UNCOUNTED
    )
    return (counts, AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first())


def is_refusal(response: HttpResponseBase) -> bool:
    if response.status_code in REFUSED:
        return True
    if response.status_code == 400:
        # A form read before the view asks who is asking (see ``Url.data``).
        return True
    return response.status_code == 302 and response["Location"].startswith(SIGN_IN)


def _status(response: HttpResponseBase) -> str:
    location = response.get("Location", "")
    return f"{response.status_code} {location[:60]}".strip()


def address(url: surface.Url, scenario: dict[str, Any]) -> str:
    return reverse(url.name, kwargs=url.kwargs(scenario))


def _ids(urls: list[surface.Url]) -> list[str]:
    return [url.name for url in urls]


# ---- who may read and write -----------------------------------------------------------


@pytest.mark.parametrize("url", ATTACKED, ids=_ids(ATTACKED))
def test_roles_not_allowed_are_refused_and_change_nothing(
    scenario: dict[str, Any], db: None, url: surface.Url
) -> None:
    target = address(url, scenario)
    before = fingerprint()
    wrong: list[str] = []
    for role in surface.ROLES:
        client = client_for(scenario, role)
        if role not in url.get:
            response = client.get(target)
            if not is_refusal(response):
                wrong.append(f"GET by {role}: {_status(response)}")
        if role not in url.post:
            response = client.post(target, url.data(scenario))
            if not is_refusal(response):
                wrong.append(f"POST by {role}: {_status(response)}")
    assert not wrong, f"{target} was not refused: {wrong}"
    assert fingerprint() == before, f"a refused request to {target} changed the database"


READABLE = [url for url in ATTACKED if url.get]


@pytest.mark.parametrize("url", READABLE, ids=_ids(READABLE))
def test_roles_allowed_can_read(scenario: dict[str, Any], db: None, url: surface.Url) -> None:
    """The declaration is true, and the scenario names a real object: the refusals above
    are refusals of who asks, not of a missing object."""
    target = address(url, scenario)
    for role in sorted(url.get):
        response = client_for(scenario, role).get(target)
        assert response.status_code < 500, f"GET by {role}: {response.status_code}"
        assert response.status_code not in REFUSED, f"GET by {role}: {response.status_code}"
        if response.status_code == 302:
            assert not response["Location"].startswith(SIGN_IN), f"{role} sent to sign in"


# ---- cross-site request forgery -------------------------------------------------------

WRITABLE = [url for url in ATTACKED if url.post]


def _writer(url: surface.Url) -> str:
    """The role the suite writes as: a signed-in one where the URL allows one."""
    signed_in = sorted(url.post - {surface.VISITOR})
    return signed_in[0] if signed_in else surface.VISITOR


@pytest.mark.parametrize("url", WRITABLE, ids=_ids(WRITABLE))
def test_a_post_without_a_csrf_token_is_refused_and_changes_nothing(
    scenario: dict[str, Any], db: None, url: surface.Url
) -> None:
    target = address(url, scenario)
    client = client_for(scenario, _writer(url), enforce_csrf_checks=True)
    before = fingerprint()
    response = client.post(target, url.data(scenario))
    assert response.status_code == 403, f"{target}: {_status(response)}"
    assert fingerprint() == before


# ---- hostile input --------------------------------------------------------------------

HOSTILE_TARGETS = [
    (url, method)
    for url in ATTACKED
    for method, names, allowed in (("get", url.params, url.get), ("post", url.fields, url.post))
    if names and allowed
]


def _reader(url: surface.Url, method: str) -> str:
    allowed = url.get if method == "get" else url.post
    signed_in = sorted(allowed - {surface.VISITOR})
    return signed_in[0] if signed_in else surface.VISITOR


def _assert_handled(response: HttpResponseBase, what: str) -> None:
    assert response.status_code < 500, f"{what}: {response.status_code}"
    if response.status_code == 200 and "html" in response.get("Content-Type", ""):
        body = b"".join(response) if response.streaming else response.content  # type: ignore[attr-defined]
        assert SCRIPT.encode() not in body, f"{what}: the script came back unescaped"


@pytest.mark.parametrize(
    ("url", "method"),
    HOSTILE_TARGETS,
    ids=[f"{url.name}-{method}" for url, method in HOSTILE_TARGETS],
)
def test_hostile_values_in_every_parameter_never_cause_a_server_error(
    scenario: dict[str, Any], db: None, url: surface.Url, method: str
) -> None:
    """Each hostile value in every parameter at once (a form checks every field, so one
    request reaches each field's cleaning), and invalid UTF-8 bytes in every parameter."""
    target = address(url, scenario)
    client = client_for(scenario, _reader(url, method))
    names = url.params if method == "get" else url.fields
    for kind, value in HOSTILE.items():
        values = {**url.data(scenario), **dict.fromkeys(names, value)}
        send = client.get if method == "get" else client.post
        response = send(target, values)
        _assert_handled(response, f"{method.upper()} {target} with {kind} values")
    raw = "&".join(f"{quote(name)}={INVALID_UTF8}" for name in names)
    if method == "get":
        response = client.get(f"{target}?{raw}")
    else:
        response = client.post(target, raw, content_type="application/x-www-form-urlencoded")
    _assert_handled(response, f"{method.upper()} {target} with invalid UTF-8")
