"""The only parsers of what people type into account pages."""

from __future__ import annotations

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.http import HttpRequest
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from egov.accounts.models import User
from egov.accounts.passwords import LengthForSecondFactorValidator
from egov.lib import forms as egov_forms

# A phone number as people write it (010-1234-5678, +82 10 1234 5678); the
# staff's search for a citizen by phone reads the same shape.
PHONE_PATTERN = r"^\+?[0-9][0-9 -]{6,18}$"
PHONE_MAX_LENGTH = 20

# Each language in its own name, so that anyone can find theirs.
LANGUAGE_CHOICES = [
    (code, get_language_info(code)["name_local"]) for code, _name in settings.LANGUAGES
]


def _password_field(label: StrOrPromise, *, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        max_length=4096,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
    )


class SignUpForm(egov_forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = _password_field(_("Password"), autocomplete="new-password")
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=LANGUAGE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["password"].help_text = LengthForSecondFactorValidator().get_help_text()

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        password = cleaned.get("password")
        if password:
            candidate = User(email=cleaned.get("email", ""), name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class SignInForm(egov_forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "username"}),
    )
    password = _password_field(_("Password"), autocomplete="current-password")

    error_messages = {
        "invalid": _("The email address or password is not correct."),
        "unconfirmed": _(
            "Please confirm your email address first. We have sent you a new confirmation link."
        ),
    }

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        self.unconfirmed_user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        email, password = cleaned.get("email"), cleaned.get("password")
        if email and password:
            user = authenticate(self.request, email=email.strip().lower(), password=password)
            if not isinstance(user, User):
                raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
            if user.email_confirmed_at is None:
                self.unconfirmed_user = user
                raise forms.ValidationError(self.error_messages["unconfirmed"], code="unconfirmed")
            self.user = user
        return cleaned


class PasswordResetRequestForm(egov_forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


class SetPasswordForm(egov_forms.Form):
    password = _password_field(_("New password"), autocomplete="new-password")

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        password_validation.validate_password(password, self.user)
        return password


class ProfileForm(egov_forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    phone = forms.RegexField(
        label=_("Phone number"),
        required=False,
        max_length=PHONE_MAX_LENGTH,
        regex=PHONE_PATTERN,
        error_messages={"invalid": _("Enter a phone number such as 010-1234-5678.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    preferred_language = forms.ChoiceField(label=_("Preferred language"), choices=LANGUAGE_CHOICES)
    address = forms.CharField(
        label=_("Address"),
        required=False,
        max_length=300,
        # The whole postal address, over as many lines as it takes: street-address
        # is the autofill token for a multi-line field (address-line1 is one line).
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"),
        required=False,
        help_text=_("For example 1990-01-31."),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )

    def clean_name(self) -> str:
        return " ".join(self.cleaned_data["name"].split())

    def clean_date_of_birth(self) -> datetime.date | None:
        born: datetime.date | None = self.cleaned_data["date_of_birth"]
        if born is not None and not datetime.date(1900, 1, 1) <= born <= datetime.date.today():
            raise forms.ValidationError(_("Enter a date of birth between 1900 and today."))
        return born


class SecondFactorForm(egov_forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        help_text=_("The 6-digit code from your authenticator app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )


class EnrolmentForm(egov_forms.Form):
    code = forms.CharField(
        label=_("Code from the app"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class CurrentPasswordForm(egov_forms.Form):
    """Sensitive changes ask for the password again, whoever holds the session."""

    current_password = _password_field(_("Your current password"), autocomplete="current-password")

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_current_password(self) -> str:
        password: str = self.cleaned_data["current_password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."), code="wrong")
        return password


class ChangePasswordForm(CurrentPasswordForm):
    new_password = _password_field(_("New password"), autocomplete="new-password")

    def clean_new_password(self) -> str:
        password: str = self.cleaned_data["new_password"]
        password_validation.validate_password(password, self.user)
        return password


class ChangeEmailForm(CurrentPasswordForm):
    new_email = forms.EmailField(
        label=_("New email address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
