from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, ClassVar

from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse

from egov.lib.admin import ReadOnlyAdmin
from egov.lib.people import Person
from egov.privacy.access import record_access
from egov.privacy.models import AccessEvent, AccessPurpose

MASKED_PREFIX = "masked_"


class PersonalDataAdmin(ReadOnlyAdmin):
    """The console's view of a model that holds personal data: masked, and logged.

    ``masked_fields`` names each field that holds someone's personal data and
    the function (from ``egov.lib.masking`` or ``egov.lib.redaction``) that
    masks it; the console shows only the masked form, in lists and on the
    record's page. Opening a record writes an access event (``record_access``)
    naming the fields shown, against the person ``personal_data_owner``
    returns, as every other page that shows personal data does. The data
    unmasked is read on the service's own pages, for a purpose.
    """

    masked_fields: ClassVar[Mapping[str, Callable[[str], str]]] = {}
    change_form_template = "admin/personal_data_change_form.html"

    def masked_title(self, obj: Any) -> str:
        """What the record's page is titled: its ``str()``, unless that is personal data."""
        return str(obj)

    def personal_data_owner(self, obj: Any) -> Person | None:
        """Whose personal data ``obj`` holds (an account, a case's author)."""
        raise NotImplementedError

    def __init__(self, model: type[Model], admin_site: admin.AdminSite) -> None:
        super().__init__(model, admin_site)
        for name, mask in self.masked_fields.items():
            setattr(self, MASKED_PREFIX + name, self._masked_display(name, mask))

    def _masked_display(self, name: str, mask: Callable[[str], str]) -> Callable[[Any], str]:
        def display(obj: Any) -> str:
            value = getattr(obj, name)
            return mask("" if value is None else str(value))

        try:
            label = getattr(self.model._meta.get_field(name), "verbose_name", name)
        except FieldDoesNotExist:
            label = name
        display.short_description = label  # type: ignore[attr-defined]
        return display

    def _masked(self, names: Sequence[Any]) -> list[Any]:
        """The names with each personal field replaced by its masked display."""
        return [
            MASKED_PREFIX + name if isinstance(name, str) and name in self.masked_fields else name
            for name in names
        ]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> list[Any]:
        return self._masked(list(super().get_fields(request, obj)))

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        names = list(super().get_readonly_fields(request, obj))
        return [*names, *(MASKED_PREFIX + name for name in self.masked_fields)]

    def get_list_display(self, request: HttpRequest) -> list[Any]:
        return self._masked(list(super().get_list_display(request)))

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        # The console never writes, so there is no history; the page would only
        # repeat the record's name unmasked.
        raise Http404

    def render_change_form(
        self,
        request: HttpRequest,
        context: dict[str, Any],
        add: bool = False,
        change: bool = False,
        form_url: str = "",
        obj: Any = None,
    ) -> HttpResponse:
        if obj is not None:
            context["subtitle"] = self.masked_title(obj)
            shown = [name for name in self.masked_fields if getattr(obj, name, None)]
            owner = self.personal_data_owner(obj)
            if shown and owner is not None:
                record_access(
                    viewer=request.user,  # type: ignore[arg-type]
                    owner=owner,
                    fields=shown,
                    purpose=AccessPurpose.INTEGRITY_AUDIT,
                    subject=obj,
                )
        return super().render_change_form(request, context, add, change, form_url, obj)


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnlyAdmin):
    list_display = ["occurred_at", "viewer", "viewer_role", "owner", "purpose", "subject_type"]
    list_filter = ["purpose", "viewer_role"]
    list_select_related = ["viewer", "owner"]
    ordering = ["-occurred_at", "-id"]
    show_full_result_count = False
