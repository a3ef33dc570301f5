"""The only parser of what people type into notification pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from egov.lib import forms as egov_forms
from egov.notifications.models import EmailChoice

ON, OFF = "on", "off"


class PreferencesForm(egov_forms.Form):
    email = forms.ChoiceField(
        label=_("Email"),
        choices=EmailChoice.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you want to be told by email."),
            "invalid_choice": _("Choose one of the ways to be told by email."),
        },
    )
    sms = forms.ChoiceField(
        label=_("Text messages"),
        choices=[
            (ON, _("A short text message for each message")),
            (OFF, _("No text messages")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose whether you want text messages."),
            "invalid_choice": _("Choose whether you want text messages."),
        },
    )

    def __init__(self, *args: Any, offer_sms: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Where no gateway is configured, text messages are not offered at all.
        if not offer_sms:
            del self.fields["sms"]

    def clean_sms(self) -> bool:
        return bool(self.cleaned_data["sms"] == ON)
