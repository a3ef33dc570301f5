"""Typed requests for the views behind ``login_required``."""

from __future__ import annotations

from django.http import HttpRequest

from egov.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a signed-in egov user."""

    user: User
