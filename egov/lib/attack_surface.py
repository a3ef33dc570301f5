"""Every URL the platform serves, declared with who may use it, for the attack suite.

Each app that serves URLs has a module ``egov/<app>/attack_surface.py`` with a
tuple ``URLS`` of ``Url`` declarations, one per URL name it serves.
``declarations()`` gathers them from every installed app; the attack suite
(``egov/tests/test_attack_suite.py``) fails for a URL name nobody declared and
for a declaration whose URL no longer exists, then attacks each declared URL:
every role not allowed is refused and changes nothing, a POST without a CSRF
token is refused, and hostile values in every declared parameter never cause
a server error.

A role is one of ``ROLES``: the names of the people the suite signs in as
(``conftest.everyone``) and ``VISITOR``, someone not signed in. A
declaration's ``kwargs`` builds the URL's arguments from the suite's
scenario, a dict of objects (a complaint of the citizen's handled in the
officer's unit, an application, a posting...) that the suite creates once.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.apps import apps

VISITOR = "visitor"
CITIZEN = "citizen"
OTHER_CITIZEN = "other citizen"
EMPLOYER = "employer"
OFFICER = "officer"
OTHER_UNIT_OFFICER = "officer of another unit"
SUPERVISOR = "supervisor"
AGENCY_ADMIN = "agency admin"
PLATFORM_ADMIN = "platform admin"

ROLES: tuple[str, ...] = (
    VISITOR,
    CITIZEN,
    OTHER_CITIZEN,
    EMPLOYER,
    OFFICER,
    OTHER_UNIT_OFFICER,
    SUPERVISOR,
    AGENCY_ADMIN,
    PLATFORM_ADMIN,
)
EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {VISITOR}
# Government staff: those who hold a position in a unit.
STAFF = frozenset({OFFICER, OTHER_UNIT_OFFICER, SUPERVISOR, AGENCY_ADMIN})
NOBODY: frozenset[str] = frozenset()

Scenario = Mapping[str, Any]
KwargsBuilder = Callable[[Scenario], dict[str, Any]]


def no_kwargs(scenario: Scenario) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Url:
    """One URL name and who may use it.

    ``get`` and ``post`` are the roles allowed each method; every other role
    must be refused (403, 404, 405, or sent to sign in) and change nothing.
    ``params`` are the query parameters a GET reads, ``fields`` the form
    fields a POST reads: the suite sends hostile values to each.
    """

    name: str
    get: frozenset[str] = NOBODY
    post: frozenset[str] = NOBODY
    kwargs: KwargsBuilder = no_kwargs
    params: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()
    # A valid form for the POST, where the view reads the form before it asks who
    # is asking: a stranger's empty form would be refused as invalid, which
    # proves nothing about who may write.
    data: KwargsBuilder = no_kwargs
    # Why the suite does not attack this URL; a URL is exempt only with a reason.
    exempt: str = ""

    def __post_init__(self) -> None:
        unknown = (self.get | self.post) - EVERYONE
        if unknown:
            raise ValueError(f"{self.name}: unknown roles {sorted(unknown)}")

    @property
    def public(self) -> bool:
        return VISITOR in self.get


def public(name: str, **options: Any) -> Url:
    """A page anyone may read, signed in or not, that accepts no POST."""
    return Url(name, get=EVERYONE, **options)


def exempt(name: str, reason: str) -> Url:
    if not reason:
        raise ValueError(f"{name}: an exemption needs a reason")
    return Url(name, exempt=reason)


MODULE = "attack_surface"


def declarations(app_names: Iterable[str] | None = None) -> dict[str, Url]:
    """Every declared URL of the installed apps, by URL name.

    An app declares its URLs in ``<app>.attack_surface.URLS``; a URL name
    declared twice is an error.
    """
    names = app_names if app_names is not None else [c.name for c in apps.get_app_configs()]
    found: dict[str, Url] = {}
    for app in names:
        module_name = f"{app}.{MODULE}"
        try:
            spec = importlib.util.find_spec(module_name)
        except ModuleNotFoundError:
            continue
        if spec is None:
            continue
        module = importlib.import_module(module_name)
        for url in module.URLS:
            if url.name in found:
                raise ValueError(f"{url.name} is declared twice")
            found[url.name] = url
    return found
