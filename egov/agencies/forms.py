"""The only parsers of what platform administrators type about agencies and their calendars."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.agencies.actions import CLOSURE_NAME_MAX_LENGTH
from egov.agencies.models import Agency
from egov.lib import forms as egov_forms


class AgencyChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """Agencies by their name in the active language."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class ClosureForm(egov_forms.Form):
    """A day off to declare: the day, every office or one, and its name in three languages."""

    day = forms.DateField(
        label=_("Day"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Enter the day that will be off."),
            "invalid": _("Enter the day as a date, such as 2026-12-24."),
        },
    )
    agency = AgencyChoiceField(
        label=_("Which offices"),
        queryset=Agency.objects.order_by("name_en"),
        required=False,
        empty_label=_("Every office: a temporary public holiday"),
        help_text=_("Choose one office for a local closure, or every office for a public holiday."),
        error_messages={"invalid_choice": _("Choose an office from the list.")},
    )
    name_en = forms.CharField(
        label=_("Name in English"),
        max_length=CLOSURE_NAME_MAX_LENGTH,
        error_messages={"required": _("Name the day off in English.")},
    )
    name_ko = forms.CharField(
        label=_("Name in Korean"),
        max_length=CLOSURE_NAME_MAX_LENGTH,
        error_messages={"required": _("Name the day off in Korean.")},
    )
    name_id = forms.CharField(
        label=_("Name in Indonesian"),
        max_length=CLOSURE_NAME_MAX_LENGTH,
        error_messages={"required": _("Name the day off in Indonesian.")},
    )
