"""Helpers for views and URLs: typed requests, submitted data, ids."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest, QueryDict

if TYPE_CHECKING:
    from egov.accounts.models import User

# The largest id a bigint primary key can hold.
MAX_ID = 2**63 - 1


class AuthenticatedRequest(HttpRequest):
    """A request behind ``login_required``: ``user`` is a signed-in egov user."""

    user: User


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data for a form, or None on GET.

    Not ``request.POST or None``: an empty submission must still be validated,
    so that every missing field is named.
    """
    return request.POST if request.method == "POST" else None
