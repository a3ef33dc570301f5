from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.accounts.forms import LANGUAGE_CHOICES
from egov.lib import forms as egov_forms
from egov.lib.pagination import CursorField, DateTimeCursor


class LanguageForm(egov_forms.Form):
    language = forms.ChoiceField(
        label=_("Language"),
        choices=LANGUAGE_CHOICES,
        error_messages={
            "invalid_choice": _("We do not offer that language. Choose one from the list.")
        },
    )
    next = forms.CharField(required=False, max_length=2000)


class AccessLogPageForm(egov_forms.Form):
    """Which page of "Who looked at my data" to show: after a cursor, or the first."""

    after = CursorField(DateTimeCursor)
