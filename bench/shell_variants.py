"""What-if versions of the pages that ``bench_shell`` measures: candidate changes, simulated.

Nothing here changes egov: each variant swaps a template or a function in the
running process only, so that the gain of a proposed change can be measured
before anyone makes it. ``profile_shell`` switches them on and off between
in-process measurements; ``bench_shell --what-if NAME,...`` serves them over
HTTP (``bench/shell_wsgi.py`` reads ``BENCH_SHELL_WHAT_IF``).

- ``switcher-no-csrf``: the language switcher's form without ``{% csrf_token %}``
  (``set_language`` would be exempt from CSRF, or the switcher made of links):
  an anonymous page then needs no CSRF secret and sets no cookie.
- ``no-switcher``: no language switcher form at all (its whole price).
- ``no-chrome``: no header (switcher, account links, service menu) and no
  footer: the most that caching them as fragments could save.
- ``menu-once``: the service menu's URLs reversed once per language and script
  prefix, only ``current`` worked out per request.
- ``case-revision``: the public case page's content (everything inside
  ``<main>``) cached under the complaint's id, revision and language; a
  request asks the database for the id and revision only.
- ``case-receipt``: the same content cached under the receipt number and the
  language; a request asks the database nothing (every change to the complaint
  would delete the entry after it commits).
- ``persistent-connection``: ``CONN_MAX_AGE=None``, one database connection per
  worker instead of one per request (it speeds up the bare view as well).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from django.http import Http404

# Ablations switched on and off between measurements (see ``install_switches``).
SWITCHES: dict[str, Any] = {"menu_once": False, "case_cached": ""}
# What the ablations cut out of base.html (the named group "cut").
SWITCHER_CSRF = r'<form class="language-switcher"[^>]*>(?P<cut>\s*\{% csrf_token %\})'
SWITCHER_FORM = r'(?P<cut><form class="language-switcher".*?</form>)'
HEADER = r'(?P<cut><header id="krds-header".*?</header>)'
FOOTER = r'(?P<cut><footer id="krds-footer".*?</footer>)'
# The case page when its content comes from the cache: the shell around stored HTML.
CONTENT_TEMPLATE_NAME = "bench_cached_content.html"
CONTENT_TEMPLATE = (
    '{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}'
    "{% block content %}{{ content }}{% endblock %}"
)

VARIANTS: dict[str, dict[str, Any]] = {
    "switcher-no-csrf": {"pattern": [SWITCHER_CSRF]},
    "no-switcher": {"pattern": [SWITCHER_FORM]},
    "no-chrome": {"pattern": [HEADER, FOOTER]},
    "menu-once": {"menu_once": True},
    "case-revision": {"case_cached": "revision"},
    "case-receipt": {"case_cached": "receipt"},
    "persistent-connection": {"persistent": True},
}


def combine(names: list[str]) -> dict[str, Any]:
    """One variant made of the named ones."""
    combined: dict[str, Any] = {}
    for name in names:
        if name not in VARIANTS:
            sys.exit(f"No what-if called {name!r}; there are {', '.join(VARIANTS)}.")
        spec = VARIANTS[name]
        if "pattern" in spec and "pattern" in combined:
            sys.exit("Only one base.html change at a time.")
        combined.update(spec)
    return combined


def template_without(patterns: list[str], folder: Path) -> Path:
    """A copy of base.html with what each pattern's group "cut" matches removed, in ``folder``."""
    from django.conf import settings

    changed = (Path(settings.BASE_DIR) / "templates" / "base.html").read_text()
    for pattern in patterns:
        changed, found = re.subn(
            pattern,
            lambda match: match.group(0).replace(match.group("cut"), ""),
            changed,
            flags=re.DOTALL,
        )
        if not found:
            sys.exit(f"base.html no longer contains {pattern!r}")
    (folder / "base.html").write_text(changed)
    return folder


def install_switches() -> None:
    """Versions of the service menu and the public case page that the ablations switch on.

    ``menu_once``: the menu's URLs reversed once per language, only ``current``
    worked out per request. ``case_cached``: the case page takes its content
    (everything inside ``<main>``) from the cache and renders only the shell
    around it; with ``"revision"`` it first asks the database for the
    complaint's id and revision (the key), with ``"receipt"`` it asks nothing
    (the key is the receipt number and the language, which every change to the
    complaint would have to delete after it commits).
    """
    from django.core.cache import cache
    from django.shortcuts import render
    from django.urls import get_script_prefix
    from django.utils.safestring import mark_safe
    from django.utils.translation import get_language

    from egov.complaints.models import Complaint, Status
    from egov.complaints.views import public
    from egov.portal import context_processors as portal_processors
    from egov.portal import views as portal_views

    built = portal_processors.services
    menus: dict[tuple[str, str], list[tuple[str, Any, str]]] = {}

    def services(request: Any) -> list[portal_processors.Service]:
        if not SWITCHES["menu_once"]:
            return built(request)
        key = (get_language(), get_script_prefix())
        entries = menus.get(key)
        if entries is None:
            entries = menus[key] = [(e.slug, e.name, e.url) for e in built(request)]
        return [
            portal_processors.Service(slug, name, url, current=request.path.startswith(url))
            for slug, name, url in entries
        ]

    portal_processors.services = services
    portal_views.service_entries = services  # type: ignore[attr-defined]

    detail = public.public_detail

    def public_detail(request: Any, receipt_number: str) -> Any:
        if not SWITCHES["case_cached"]:
            return detail(request, receipt_number)
        if SWITCHES["case_cached"] == "revision":
            row = (
                Complaint.objects.filter(is_public=True, receipt_number=receipt_number.upper())
                .exclude(status=Status.WITHDRAWN)
                .values_list("pk", "revision")
                .first()
            )
            if row is None:
                raise Http404
            key = f"bench-public-case:{row[0]}:{row[1]}:{get_language()}"
        else:
            key = f"bench-public-case:{receipt_number.upper()}:{get_language()}"
        stored = cache.get(key)
        if stored is None:
            page = detail(request, receipt_number).content.decode()
            title = page.split("<title>", 1)[1].split(" | ", 1)[0]
            content = page.split('<main id="main" class="inner" tabindex="-1">', 1)[1]
            stored = (title, content.rsplit("</main>", 1)[0])
            cache.set(key, stored, 3600)
        title, content = stored
        return render(
            request,
            CONTENT_TEMPLATE_NAME,
            {"title": mark_safe(title), "content": mark_safe(content)},  # noqa: S308 - our own page
        )

    public.public_detail = public_detail


def template_folder(variant: dict[str, Any], parent: Path | None = None) -> Path:
    """A folder of templates to put first: base.html as the variant has it, and the shell
    around cached content."""
    target = Path(tempfile.mkdtemp(prefix="bench-shell-", dir=parent))
    if "pattern" in variant:
        template_without(variant["pattern"], target)
    (target / CONTENT_TEMPLATE_NAME).write_text(CONTENT_TEMPLATE)
    return target


def apply_to_process(names: list[str]) -> None:
    """Put the named variants in force for good in this process (a benchmark server).

    Call it after ``django.setup()`` and before the first request.
    """
    from django.conf import settings
    from django.db import connection

    variant = combine(names)
    install_switches()
    SWITCHES["menu_once"] = variant.get("menu_once", False)
    SWITCHES["case_cached"] = variant.get("case_cached", "")
    if "pattern" in variant or variant.get("case_cached"):
        folder = template_folder(variant)
        engine: dict[str, Any] = settings.TEMPLATES[0]
        engine["DIRS"] = [folder, *engine["DIRS"]]
    if variant.get("persistent"):
        connection.settings_dict["CONN_MAX_AGE"] = None
