"""What every page's shell needs: the service navigation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SERVICES = [
    ("complaints", _("Complaints")),
    ("proposals", _("Proposals")),
    ("jobs", _("Jobs")),
    ("permits", _("Permit tracker")),
    ("opendata", _("Open data")),
]
# Services that are open have their own home; the others have a page saying what is coming.
SERVICE_HOMES = {"complaints": "complaints:home"}


@dataclass(frozen=True)
class Service:
    slug: str
    name: str | Promise
    url: str
    current: bool


def services(request: HttpRequest) -> list[Service]:
    entries = []
    for slug, name in SERVICES:
        home = SERVICE_HOMES.get(slug)
        url = reverse(home) if home else reverse("portal:service", args=[slug])
        entries.append(Service(slug, name, url, current=request.path.startswith(url)))
    return entries


def shell(request: HttpRequest) -> dict[str, Any]:
    return {"service_navigation": services(request)}
