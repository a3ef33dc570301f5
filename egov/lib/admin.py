"""The Django admin is an inspection console: it reads, it never writes.

Every write goes through an action so that it is validated and audited;
an admin form that saved models directly would bypass both.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model, QuerySet
from django.http import HttpRequest

# The longest search the console runs: longer than any value it could find.
SEARCH_MAX_LENGTH = 1000


class ReadOnlyAdmin(admin.ModelAdmin[Model]):
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Model], search_term: str
    ) -> tuple[QuerySet[Model], bool]:
        # No field holds this much; SQLite refuses a LIKE pattern past 50,000
        # bytes, which turned a pasted page into a server error.
        if len(search_term) > SEARCH_MAX_LENGTH:
            return queryset.none(), False
        return super().get_search_results(request, queryset, search_term)
