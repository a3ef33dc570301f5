"""The accounts' URLs and the staff console's for the attack suite (``egov.lib.attack_surface``).

The console is Django's admin on the platform's own site: every URL it serves
is declared here from the site itself, so that a model registered with the
admin later joins the suite by itself.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.urls import URLPattern, URLResolver

from egov.lib.attack_surface import (
    EVERYONE,
    PLATFORM_ADMIN,
    SIGNED_IN,
    Scenario,
    Url,
    public,
)

_BAD_LINK = {"uidb64": "MQ", "token": "not-a-token"}


def _bad_link(scenario: Scenario) -> dict[str, Any]:
    return dict(_BAD_LINK)


ACCOUNT_URLS = (
    Url(
        "accounts:sign_up",
        get=EVERYONE,
        post=EVERYONE,
        fields=("email", "name", "password", "preferred_language"),
    ),
    public("accounts:confirm_email", kwargs=_bad_link),
    Url(
        "accounts:sign_in",
        get=EVERYONE,
        post=EVERYONE,
        params=("next",),
        fields=("email", "password", "next"),
    ),
    # Without a sign-in half done, it sends everyone back to sign in.
    Url("accounts:mfa_verify", fields=("code",)),
    Url("accounts:sign_out", post=EVERYONE),
    public("accounts:unlock", kwargs=_bad_link),
    Url("accounts:forgot_password", get=EVERYONE, post=EVERYONE, fields=("email",)),
    Url(
        "accounts:reset_password",
        get=EVERYONE,
        post=EVERYONE,
        kwargs=_bad_link,
        fields=("password",),
    ),
    Url(
        "accounts:profile",
        get=SIGNED_IN,
        post=SIGNED_IN,
        fields=("name", "phone", "preferred_language", "address", "date_of_birth"),
    ),
    Url("accounts:security", get=SIGNED_IN),
    Url(
        "accounts:change_password",
        get=SIGNED_IN,
        post=SIGNED_IN,
        fields=("current_password", "new_password"),
    ),
    Url(
        "accounts:change_email",
        get=SIGNED_IN,
        post=SIGNED_IN,
        fields=("new_email", "current_password"),
    ),
    Url(
        "accounts:confirm_email_change",
        get=SIGNED_IN,
        kwargs=lambda s: {"token": "not-a-token"},
    ),
    Url("accounts:mfa_setup", get=SIGNED_IN, post=SIGNED_IN, fields=("code",)),
    Url("accounts:recovery_codes", get=SIGNED_IN, post=SIGNED_IN),
    Url("accounts:turn_off_mfa", get=SIGNED_IN, post=SIGNED_IN, fields=("current_password",)),
)


def _names(patterns: list[URLPattern | URLResolver], namespace: str) -> list[str]:
    names: list[str] = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names += _names(pattern.url_patterns, namespace)
        elif pattern.name:
            names.append(f"{namespace}:{pattern.name}")
    return names


def _object_id(scenario: Scenario) -> dict[str, Any]:
    return {"object_id": scenario["people"][PLATFORM_ADMIN].pk}


ADMIN = frozenset({PLATFORM_ADMIN})


def _without_history() -> set[str]:
    return {
        f"{admin.site.name}:{model._meta.app_label}_{model._meta.model_name}_history"
        for model, model_admin in admin.site._registry.items()
        if type(model_admin).history_view is not admin.ModelAdmin.history_view
    }


def _console(name: str) -> Url:
    """The console is for platform administrators only, and it is read-only."""
    suffix = name.rsplit("_", 1)[-1]
    if name == "admin:login":
        # It signs nobody in: it sends everyone to the platform's sign-in.
        return Url(name)
    if name == "admin:logout":
        # The platform's sign-out: a POST signs out whoever sent it; a GET signs
        # nobody out and goes to the console's front page (refused there but to
        # platform administrators, who are told a GET is not allowed).
        return Url(name, get=EVERYONE - ADMIN, post=EVERYONE)
    if name in {"admin:password_change", "admin:password_change_done"}:
        # Passwords change on the platform's own page, where the console sends its administrators.
        return Url(name, get=ADMIN, post=ADMIN)
    if name == "admin:autocomplete":
        # Only the admin's own select widgets ask it, and a read-only console has none.
        return Url(name)
    if name == "admin:view_on_site":
        # No model in the console has a page of its own on the site.
        return Url(name, kwargs=lambda s: {"content_type_id": 1, "object_id": 1})
    if name == "admin:app_list":
        return Url(name, get=ADMIN, post=ADMIN, kwargs=lambda s: {"app_label": "accounts"})
    if suffix in {"add", "delete"}:
        # Read-only: even a platform administrator may neither add nor delete.
        kwargs = _object_id if suffix == "delete" else (lambda s: {})
        return Url(name, kwargs=kwargs)
    # A platform administrator reads; a POST of theirs is shown the page again
    # and changes nothing (the suite's test of the console proves it).
    if suffix == "history" and name in _without_history():
        # Models holding personal data have no history page (the console never writes).
        return Url(name, kwargs=_object_id)
    if suffix in {"change", "history"}:
        return Url(name, get=ADMIN, post=ADMIN, kwargs=_object_id)
    return Url(name, get=ADMIN, post=ADMIN, params=("q", "o", "p"))


def console_urls() -> tuple[Url, ...]:
    return tuple(_console(name) for name in _names(admin.site.get_urls(), admin.site.name))


URLS = ACCOUNT_URLS + console_urls()
