"""What every page's shell needs: the services' menu and their links for staff."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise

from egov.lib import services as registry


@dataclass(frozen=True)
class MenuEntry:
    slug: str
    name: str | Promise
    url: str
    current: bool


@dataclass(frozen=True)
class HeaderLink:
    label: str | Promise
    url: str


def service_menu(request: HttpRequest) -> list[MenuEntry]:
    entries = []
    for service in registry.services():
        url = reverse(service.home)
        entries.append(MenuEntry(service.slug, service.name, url, request.path.startswith(url)))
    return entries


def staff_links(request: HttpRequest) -> list[HeaderLink]:
    """The links services add to the header for the signed-in person (their queues, search)."""
    user = request.user
    if not user.is_authenticated:
        return []
    return [
        HeaderLink(link.label, reverse(link.url_name)) for link in registry.staff_links_for(user)
    ]


def shell(request: HttpRequest) -> dict[str, Any]:
    return {"service_navigation": service_menu(request), "staff_links": staff_links(request)}
