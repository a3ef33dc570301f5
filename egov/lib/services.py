"""The services on the platform, each declared by the service itself.

A service registers one ``Service`` in its ``AppConfig.ready()``: its name
and description, its home page, the links it adds to the staff header, its
card on "My government", its periodic jobs and its demo data. The portal
(home page, menu, dashboard, demo loader) and the scheduler read this
registry only, so adding a service touches the settings and the URLs, and
nothing shared lists services by name. Kernel apps that are not services
register their periodic jobs with ``egov.lib.periodic.register``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.utils.functional import Promise

from egov.lib import periodic


def _government_staff(user: Any) -> bool:
    return bool(getattr(user, "is_government_staff", False))


@dataclass(frozen=True)
class StaffLink:
    """A link a service adds to the header for the people who work in it."""

    label: str | Promise
    url_name: str
    # Who sees it, given the signed-in user: government staff by default.
    shown_to: Callable[[Any], bool] = _government_staff


@dataclass(frozen=True)
class Card:
    """A service's card on "My government".

    ``context`` gets the request of a signed-in person and returns what the
    template needs (the template reads it as ``card``), or None to show no
    card to this person.
    """

    template: str
    context: Callable[[HttpRequest], Mapping[str, Any] | None]


@dataclass(frozen=True)
class Service:
    slug: str
    name: str | Promise
    description: str | Promise
    # The URL name of the service's home page.
    home: str
    # Where it stands in the menu and on the home page (lower first).
    order: int = 100
    staff_links: tuple[StaffLink, ...] = ()
    card: Card | None = None
    periodic_jobs: tuple[periodic.PeriodicJob, ...] = ()
    # Loads the service's demo data (idempotent); returns how much it created.
    load_demo: Callable[[], int] | None = field(default=None)


_services: dict[str, Service] = {}


def register(service: Service) -> None:
    """Add a service to the platform; call it from the service's ``AppConfig.ready()``."""
    if service.slug in _services:
        raise ValueError(f"a service with the slug {service.slug!r} is registered already")
    _services[service.slug] = service
    periodic.register(*service.periodic_jobs)


def services() -> list[Service]:
    """Every registered service, in menu order."""
    return sorted(_services.values(), key=lambda service: (service.order, service.slug))


def service(slug: str) -> Service | None:
    return _services.get(slug)


def staff_links_for(user: Any) -> list[StaffLink]:
    """The staff links of every service shown to ``user``, in menu order."""
    return [link for entry in services() for link in entry.staff_links if link.shown_to(user)]


def landing_page(user: Any) -> str | None:
    """The URL name of where ``user`` starts after signing in, when it is a staff page.

    The first staff link the services give them (an officer's work queue),
    or None for everyone who has none: they start on "My government".
    """
    links = staff_links_for(user)
    return links[0].url_name if links else None
