"""Thin views: parse a form, call an action, redirect or render."""

from __future__ import annotations

import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.signing import BadSignature
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from egov.accounts import actions, mfa
from egov.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    CurrentPasswordForm,
    EnrolmentForm,
    PasswordResetRequestForm,
    ProfileForm,
    SecondFactorForm,
    SetPasswordForm,
    SignInForm,
    SignUpForm,
)
from egov.accounts.http import AuthenticatedRequest
from egov.accounts.language import CHOSEN_COOKIE, remember_language, visitor_choice
from egov.accounts.models import User
from egov.accounts.tokens import (
    DEVICE_COOKIE,
    DEVICE_MAX_AGE,
    decode_uid,
    email_confirmation_token,
    is_known_device,
    known_device_cookie,
    password_reset_token,
    unlock_token,
)
from egov.lib import services
from egov.lib.forms import show_action_error
from egov.lib.http import client_address, posted, safe_next

# Between the password and the second factor, the session holds only who is
# signing in, since when, and a hash of their password (the session auth hash),
# so the half-finished sign-in expires and dies with a change of password.
PENDING_USER_KEY = "egov_mfa_pending_user"
PENDING_NEXT_KEY = "egov_mfa_pending_next"
PENDING_AT_KEY = "egov_mfa_pending_at"
PENDING_HASH_KEY = "egov_mfa_pending_hash"
PENDING_SIGN_IN_SECONDS = 5 * 60


def _user_from_link(uidb64: str) -> User | None:
    uid = decode_uid(uidb64)
    if uid is None:
        return None
    return User.objects.filter(pk=uid, is_active=True).first()


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("portal:dashboard")
    # Where the person was going (a form that needs an account): kept through the
    # confirmation email, so signing up is not a dead end.
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    form = SignUpForm(posted(request), initial={"preferred_language": request.LANGUAGE_CODE})
    if request.method == "POST" and actions.sign_up_blocked(ip_address=client_address(request)):
        return render(
            request,
            "accounts/sign_up.html",
            {
                "form": SignUpForm(initial={"preferred_language": request.LANGUAGE_CODE}),
                "paused": True,
                "next": next_url,
            },
            status=429,
        )
    if request.method == "POST" and form.is_valid():
        actions.sign_up(
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            password=form.cleaned_data["password"],
            preferred_language=form.cleaned_data["preferred_language"],
            next_url=next_url,
        )
        # The same page whether or not the address already had an account.
        return render(
            request,
            "accounts/check_email.html",
            {"email": form.cleaned_data["email"], "next": next_url},
        )
    return render(request, "accounts/sign_up.html", {"form": form, "next": next_url})


@require_http_methods(["GET"])
def confirm_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = _user_from_link(uidb64)
    if user is None or not email_confirmation_token.check_token(user, token):
        return render(request, "accounts/link_invalid.html", status=400)
    actions.confirm_email(user=user)
    messages.success(request, _("Your email address is confirmed. You can sign in now."))
    next_url = safe_next(request.GET.get("next"))
    if next_url:
        return redirect(actions.sign_in_path(next_url))
    return redirect("accounts:sign_in")


def _finish_sign_in(
    request: HttpRequest, user: User, next_url: str, *, second_factor: bool
) -> HttpResponse:
    actions.sign_in(request=request, user=user, second_factor=second_factor)
    # Where they asked to go; else staff start on their work (the first staff
    # link the services give them), everyone else on "My government".
    response = redirect(next_url or services.landing_page(user) or settings.LOGIN_REDIRECT_URL)
    # A language picked on this browser before signing in stays chosen (and becomes
    # the profile's); otherwise the profile's is used.
    chosen = visitor_choice(request)
    if chosen:
        actions.change_language(user=user, language=chosen)
        response.delete_cookie(CHOSEN_COOKIE, samesite="Lax")
    remember_language(response, user.preferred_language)
    # This browser is now known to the account (see tokens.DEVICE_COOKIE).
    response.set_cookie(
        DEVICE_COOKIE,
        known_device_cookie(actions.sign_in_account_key(user.email)),
        max_age=int(DEVICE_MAX_AGE.total_seconds()),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )
    return response


@require_http_methods(["GET", "POST"])
def sign_in(request: HttpRequest) -> HttpResponse:
    next_url = safe_next(request.POST.get("next") or request.GET.get("next"))
    form = SignInForm(request, posted(request))
    if request.method == "POST":
        email = request.POST.get("email", "")[:254]
        blocked_until = actions.sign_in_blocked_until(
            email=email,
            ip_address=client_address(request),
            known_device=is_known_device(
                request.COOKIES.get(DEVICE_COOKIE), actions.sign_in_account_key(email)
            ),
        )
        if blocked_until is not None:
            # Checked before the password, so a locked account cannot be guessed at.
            minutes = max(1, math.ceil((blocked_until - timezone.now()).total_seconds() / 60))
            return render(
                request,
                "accounts/sign_in.html",
                {
                    "form": SignInForm(request, initial={"email": email}),
                    "next": next_url,
                    "locked_minutes": minutes,
                },
                status=429,
            )
        if form.is_valid() and form.user is not None:
            if form.user.has_mfa:
                _begin_pending_sign_in(request, form.user, next_url)
                return redirect("accounts:mfa_verify")
            return _finish_sign_in(request, form.user, next_url, second_factor=False)
        if form.unconfirmed_user is not None:
            actions.send_email_confirmation(user=form.unconfirmed_user)
        elif form.has_error("__all__", "invalid"):
            actions.record_failed_sign_in(
                email=email, user=User.objects.filter(email__iexact=email.strip()).first()
            )
    return render(request, "accounts/sign_in.html", {"form": form, "next": next_url})


def _begin_pending_sign_in(request: HttpRequest, user: User, next_url: str) -> None:
    # A new session key, so a key planted before the password step learns nothing.
    request.session.cycle_key()
    request.session[PENDING_USER_KEY] = user.pk
    request.session[PENDING_NEXT_KEY] = next_url
    request.session[PENDING_AT_KEY] = time.time()
    request.session[PENDING_HASH_KEY] = user.get_session_auth_hash()


def _forget_pending_sign_in(request: HttpRequest) -> None:
    for key in (PENDING_USER_KEY, PENDING_NEXT_KEY, PENDING_AT_KEY, PENDING_HASH_KEY):
        request.session.pop(key, None)


def _pending_user(request: HttpRequest) -> User | None:
    """Who passed the password step in this session, if that was minutes ago and still holds."""
    pending = request.session.get(PENDING_USER_KEY)
    if pending is None:
        return None
    user = User.objects.filter(pk=pending, is_active=True).first()
    started = request.session.get(PENDING_AT_KEY)
    password_hash = request.session.get(PENDING_HASH_KEY)
    fresh = isinstance(started, int | float) and 0 <= time.time() - started <= (
        PENDING_SIGN_IN_SECONDS
    )
    if (
        user is not None
        and fresh
        and isinstance(password_hash, str)
        and constant_time_compare(password_hash, user.get_session_auth_hash())
    ):
        return user
    _forget_pending_sign_in(request)
    messages.info(request, _("Your sign-in has expired. Enter your email and password again."))
    return None


def _refuse_second_factor(request: HttpRequest, user: User) -> HttpResponse | None:
    """A 429 while the account's code step is slowed down or locked, else None."""
    wait_until = actions.second_factor_wait_until(user)
    if wait_until is None:
        return None
    seconds = max(1, math.ceil((wait_until - timezone.now()).total_seconds()))
    context: dict[str, object] = {"form": SecondFactorForm()}
    if actions.second_factor_locked_until(user) is not None:
        # The pending sign-in is over: whoever holds it must start again after the pause.
        if not request.user.is_authenticated:
            _forget_pending_sign_in(request)
        context["locked_minutes"] = max(1, math.ceil(seconds / 60))
    else:
        context["wait_seconds"] = seconds
    return render(request, "accounts/mfa_verify.html", context, status=429)


@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in (or of resuming a staff session)."""
    user: User | None = request.user if request.user.is_authenticated else _pending_user(request)
    if user is None or not user.has_mfa:
        return redirect("accounts:sign_in")
    form = SecondFactorForm(posted(request))
    if request.method == "POST":
        # Checked before the code, so no code is even tried while the account waits.
        refused = _refuse_second_factor(request, user)
        if refused is not None:
            return refused
    if request.method == "POST" and form.is_valid():
        if actions.verify_second_factor(user=user, code=form.cleaned_data["code"]):
            next_url = safe_next(request.session.get(PENDING_NEXT_KEY))
            _forget_pending_sign_in(request)
            return _finish_sign_in(request, user, next_url, second_factor=True)
        refused = _refuse_second_factor(request, user)
        if refused is not None and actions.second_factor_locked_until(user) is not None:
            return refused
        form.add_error("code", _("That code is not correct, or it was already used."))
    return render(request, "accounts/mfa_verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def mfa_setup(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    if user.has_mfa:
        return redirect("accounts:security")
    device = getattr(user, "totp_device", None)
    if device is None or request.method == "GET":
        device = actions.begin_totp_enrolment(user=user)
    form = EnrolmentForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            codes = actions.confirm_totp_enrolment(user=user, code=form.cleaned_data["code"])
        except ValidationError as error:
            show_action_error(form, error, field="code")
        else:
            request.session[actions.MFA_SESSION_KEY] = True
            return render(request, "accounts/recovery_codes.html", {"codes": codes})
    uri = mfa.provisioning_uri(device.secret, account=user.email)
    return render(
        request,
        "accounts/mfa_setup.html",
        {
            "form": form,
            "qr_code": mfa.qr_code_data_uri(uri),
            "secret": " ".join(device.secret[i : i + 4] for i in range(0, len(device.secret), 4)),
            "required": user.must_use_mfa,
        },
    )


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
            "address": user.address,
            "date_of_birth": user.date_of_birth,
        },
    )
    if request.method == "POST" and form.is_valid():
        actions.update_profile(
            user=user,
            name=form.cleaned_data["name"],
            phone=form.cleaned_data["phone"],
            preferred_language=form.cleaned_data["preferred_language"],
            address=form.cleaned_data["address"],
            date_of_birth=form.cleaned_data["date_of_birth"],
        )
        messages.success(request, _("Your profile has been saved."))
        response = redirect("accounts:profile")
        remember_language(response, form.cleaned_data["preferred_language"])
        return response
    return render(request, "accounts/profile.html", {"form": form})


@login_required
@require_safe
def security(request: AuthenticatedRequest) -> HttpResponse:
    unused_codes = request.user.recovery_codes.filter(used_at__isnull=True).count()
    return render(request, "accounts/security.html", {"unused_codes": unused_codes})


@login_required
@require_http_methods(["GET", "POST"])
def change_password(request: AuthenticatedRequest) -> HttpResponse:
    form = ChangePasswordForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        actions.set_password(user=request.user, password=form.cleaned_data["new_password"])
        update_session_auth_hash(request, request.user)
        messages.success(request, _("Your password has been changed."))
        return redirect("accounts:security")
    return render(request, "accounts/change_password.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def change_email(request: AuthenticatedRequest) -> HttpResponse:
    form = ChangeEmailForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        actions.request_email_change(user=request.user, new_email=form.cleaned_data["new_email"])
        return render(
            request, "accounts/check_email.html", {"email": form.cleaned_data["new_email"]}
        )
    return render(request, "accounts/change_email.html", {"form": form})


@login_required
@require_safe
def confirm_email_change(request: AuthenticatedRequest, token: str) -> HttpResponse:
    try:
        change = actions.email_change_signer.unsign_object(
            token, max_age=actions.EMAIL_CHANGE_MAX_AGE
        )
    except BadSignature:
        return render(request, "accounts/link_invalid.html", status=400)
    if change.get("user") != request.user.pk:
        return render(request, "accounts/link_invalid.html", status=400)
    try:
        actions.change_email(user=request.user, new_email=str(change["email"]))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your email address has been changed."))
    return redirect("accounts:security")


@login_required
@require_http_methods(["GET", "POST"])
def recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    if not request.user.has_mfa:
        return redirect("accounts:mfa_setup")
    form = CurrentPasswordForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        codes = actions.regenerate_recovery_codes(user=request.user)
        return render(request, "accounts/recovery_codes.html", {"codes": codes})
    return render(
        request,
        "accounts/confirm_password.html",
        {
            "form": form,
            "title": _("New recovery codes"),
            "explanation": _("Your old recovery codes stop working when you make new ones."),
            "button": _("Make new recovery codes"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def turn_off_mfa(request: AuthenticatedRequest) -> HttpResponse:
    if request.user.must_use_mfa or not request.user.has_mfa:
        return redirect("accounts:security")
    form = CurrentPasswordForm(request.user, posted(request))
    if request.method == "POST" and form.is_valid():
        actions.turn_off_mfa(user=request.user)
        request.session[actions.MFA_SESSION_KEY] = False
        messages.success(request, _("Two-step verification is off."))
        return redirect("accounts:security")
    return render(
        request,
        "accounts/confirm_password.html",
        {
            "form": form,
            "title": _("Turn off two-step verification"),
            "explanation": _(
                "Without it, anyone who learns your password can sign in as you, and your "
                "password must be at least 15 characters long."
            ),
            "button": _("Turn off"),
        },
    )


@require_safe
def unlock(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user = _user_from_link(uidb64)
    if user is None or not unlock_token.check_token(user, token):
        return render(request, "accounts/link_invalid.html", status=400)
    actions.unlock_account(user=user)
    messages.success(request, _("Your account is unlocked. You can sign in now."))
    return redirect("accounts:sign_in")
