"""The staff console (Django's admin) signs people in and out through the platform.

The admin's own sign-in form would skip the lockout, two-step verification
and the audit log, so the console has none: its sign-in page sends people to
the platform's, which returns them to the console afterwards.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.http import HttpRequest, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse


class ConsoleAdminSite(admin.AdminSite):
    def login(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # A POST here signs nobody in: whatever was typed is dropped.
        target = request.GET.get("next") or reverse("admin:index", current_app=self.name)
        return redirect(f"{reverse('accounts:sign_in')}?{urlencode({'next': target})}")

    # Django's own form changed a password with no audit event and no two-step
    # check of the platform's page: the console sends people there instead.
    def password_change(  # type: ignore[override]
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return redirect("accounts:change_password")

    def password_change_done(  # type: ignore[override]
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        return redirect("accounts:security")

    # The stubs say Django's answers with a page; this one redirects, as the platform's does.
    def logout(  # type: ignore[override]
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        from egov.accounts import actions

        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        actions.sign_out(request=request)
        return redirect("portal:home")


class ConsoleAdminConfig(AdminConfig):
    default_site = "egov.accounts.console.ConsoleAdminSite"
