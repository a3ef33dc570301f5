"""Helpers for views and URLs: submitted data, ids in paths."""

from __future__ import annotations

from django.http import HttpRequest, QueryDict

# The largest id a bigint primary key can hold.
MAX_ID = 2**63 - 1
# An id in a URL: ASCII digits only (no other script's digits reach int()), and at
# most 18 of them, so that every match is a valid bigint and none overflows a lookup.
ID_PATTERN = r"[0-9]{1,18}"


def posted(request: HttpRequest) -> QueryDict | None:
    """The submitted data for a form, or None on GET.

    Not ``request.POST or None``: an empty submission must still be validated,
    so that every missing field is named.
    """
    return request.POST if request.method == "POST" else None
