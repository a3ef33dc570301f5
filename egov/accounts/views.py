"""Thin views: parse a form, call an action, redirect or render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from egov.accounts import actions
from egov.accounts.forms import (
    PasswordResetRequestForm,
    ProfileForm,
    SetPasswordForm,
    SignInForm,
    SignUpForm,
)
from egov.accounts.models import User
from egov.accounts.tokens import decode_uid, email_confirmation_token, password_reset_token
from egov.lib.http import AuthenticatedRequest, posted
from egov.portal.language import remember_language


def _user_from_link(uidb64: str) -> User | None:
    uid = decode_uid(uidb64)
    if uid is None:
        return None
    return User.objects.filter(pk=uid, is_active=True).first()


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    form = SignUpForm(posted(request), initial={"preferred_language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        actions.sign_up(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            password=form.cleaned_data["password"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        # The same page whether or not the address already had an account.
        return render(request, "accounts/check_email.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/sign_up.html", {"form": form})


@require_http_methods(["GET"])
def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = _user_from_link(uidb64)
    if user is None or not email_confirmation_token.check_token(user, token):
        return render(request, "accounts/link_invalid.html", status=400)
    actions.confirm_email(user=user)
    messages.success(request, _("Your email address is confirmed. You can sign in now."))
    return redirect("accounts:sign_in")


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = ""
    form = SignInForm(request, posted(request))
    if request.method == "POST":
        if form.is_valid() and form.user is not None:
            actions.sign_in(request=request, user=form.user)
            response = redirect(next_url or "portal:dashboard")
            remember_language(response, form.user.preferred_language)
            return response
        if form.unconfirmed_user is not None:
            actions.send_email_confirmation(user=form.unconfirmed_user)
        elif form.has_error("__all__", "invalid"):
            email = form.cleaned_data.get("email", "")
            actions.record_failed_sign_in(
                user=User.objects.filter(email__iexact=email).first() if email else None
            )
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    actions.sign_out(request=request)
    messages.info(request, _("You have signed out."))
    return redirect("portal:home")


@require_http_methods(["GET", "POST"])
def forgot_password(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        actions.request_password_reset(email=form.cleaned_data["email"])
        return render(request, "accounts/check_email.html", {"email": form.cleaned_data["email"]})
    return render(request, "accounts/forgot_password.html", {"form": form})


@require_http_methods(["GET", "POST"])
def reset_password(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = _user_from_link(uidb64)
    if user is None or not password_reset_token.check_token(user, token):
        return render(request, "accounts/link_invalid.html", status=400)
    form = SetPasswordForm(user, posted(request))
    if request.method == "POST" and form.is_valid():
        actions.set_password(user=user, password=form.cleaned_data["password"])
        messages.success(request, _("Your password has been changed. You can sign in now."))
        return redirect("accounts:sign_in")
    return render(request, "accounts/reset_password.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def profile(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    form = ProfileForm(
        posted(request),
        initial={
            "name": user.name,
            "phone": user.phone,
            "preferred_language": user.preferred_language,
        },
    )
    if request.method == "POST" and form.is_valid():
        actions.update_profile(
            user=user,
            name=form.cleaned_data["name"],
            phone=form.cleaned_data["phone"],
            preferred_language=form.cleaned_data["preferred_language"],
        )
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        remember_language(response, form.cleaned_data["preferred_language"])
        return response
    return render(request, "accounts/profile.html", {"form": form})
