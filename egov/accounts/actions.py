"""Every write to accounts. Each action owns its transaction and its audit event."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import login, logout
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from egov import audit
from egov.accounts.models import Role, User
from egov.accounts.tokens import email_confirmation_token, encode_uid, password_reset_token
from egov.audit.models import AuditAction
from egov.portal import emails
from egov.portal.actions import notify
from egov.portal.models import NotificationKind


def normalize_email(email: str) -> str:
    return email.strip().lower()


@transaction.atomic
def create_user(
    *,
    actor: User | None,
    email: str,
    password: str | None,
    name: str = "",
    role: str = Role.CITIZEN,
    phone: str = "",
    preferred_language: str = settings.LANGUAGE_CODE,
    email_confirmed: bool = True,
    **extra: Any,
) -> User:
    """Create an account directly (demo data, administrators, Django's commands)."""
    user = User(
        email=normalize_email(email),
        name=name,
        role=role,
        phone=phone,
        preferred_language=preferred_language,
        email_confirmed_at=timezone.now() if email_confirmed else None,
        is_superuser=role == Role.PLATFORM_ADMIN,
        **extra,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save(force_insert=True)
    audit.record(actor=actor, action=AuditAction.USER_CREATED, subject=user, detail={"role": role})
    return user


@transaction.atomic
def sign_up(*, email: str, name: str, password: str, preferred_language: str) -> User | None:
    """Register a citizen and send the confirmation link.

    When the address already has an account, nothing is created and its owner
    is told by email instead, so the sign-up page never reveals who has an
    account. Returns the new user, or None when the address was taken.
    """
    email = normalize_email(email)
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        emails.send(
            to=existing,
            template="accounts/email/already_registered",
            context={"sign_in_url": settings.SITE_URL + reverse("accounts:sign_in")},
        )
        return None
    user = User(
        email=email,
        name=name,
        role=Role.CITIZEN,
        preferred_language=preferred_language,
    )
    user.set_password(password)
    user.save(force_insert=True)
    audit.record(actor=user, action=AuditAction.USER_SIGNED_UP, subject=user)
    send_email_confirmation(user=user)
    return user


def send_email_confirmation(*, user: User) -> None:
    link = reverse(
        "accounts:confirm_email",
        kwargs={"uidb64": encode_uid(user), "token": email_confirmation_token.make_token(user)},
    )
    emails.send(
        to=user,
        template="accounts/email/confirm_email",
        context={"confirm_url": settings.SITE_URL + link},
    )


@transaction.atomic
def confirm_email(*, user: User) -> None:
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    audit.record(actor=user, action=AuditAction.USER_EMAIL_CONFIRMED, subject=user)
    with override(user.preferred_language):
        notify(
            recipient=user,
            kind=NotificationKind.ACCOUNT,
            title=_("Welcome to egov"),
            body=_(
                "Your email address is confirmed. Your services are all reachable "
                "from My government."
            ),
            url=reverse("portal:dashboard"),
            email=False,
        )


@transaction.atomic
def sign_in(*, request: HttpRequest, user: User) -> None:
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    audit.record(actor=user, action=AuditAction.USER_SIGNED_IN, subject=user)


@transaction.atomic
def record_failed_sign_in(*, user: User | None) -> None:
    """Remember a failed attempt. The email typed is not logged: it is personal data."""
    audit.record(
        actor=None,
        action=AuditAction.USER_SIGN_IN_FAILED,
        subject=user,
        detail={"known_account": user is not None},
    )


@transaction.atomic
def sign_out(*, request: HttpRequest) -> None:
    user = request.user if request.user.is_authenticated else None
    if isinstance(user, User):
        audit.record(actor=user, action=AuditAction.USER_SIGNED_OUT, subject=user)
    logout(request)


@transaction.atomic
def request_password_reset(*, email: str) -> None:
    """Send a reset link if the address has an account; say the same thing either way."""
    user = User.objects.filter(email__iexact=normalize_email(email), is_active=True).first()
    if user is None or not user.has_usable_password():
        return
    link = reverse(
        "accounts:reset_password",
        kwargs={"uidb64": encode_uid(user), "token": password_reset_token.make_token(user)},
    )
    emails.send(
        to=user,
        template="accounts/email/reset_password",
        context={"reset_url": settings.SITE_URL + link},
    )
    audit.record(actor=None, action=AuditAction.USER_PASSWORD_RESET_REQUESTED, subject=user)


@transaction.atomic
def set_password(*, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit.record(actor=user, action=AuditAction.USER_PASSWORD_CHANGED, subject=user)
    # Following the link proves the address is theirs.
    if user.email_confirmed_at is None:
        confirm_email(user=user)


@transaction.atomic
def update_profile(*, user: User, name: str, phone: str, preferred_language: str) -> None:
    changed = [
        field
        for field, value in (
            ("name", name),
            ("phone", phone),
            ("preferred_language", preferred_language),
        )
        if getattr(user, field) != value
    ]
    if not changed:
        return
    user.name = name
    user.phone = phone
    user.preferred_language = preferred_language
    user.save(update_fields=changed)
    audit.record(
        actor=user,
        action=AuditAction.USER_PROFILE_UPDATED,
        subject=user,
        detail={"fields": ",".join(changed)},
    )


@transaction.atomic
def change_language(*, user: User, language: str) -> None:
    if user.preferred_language == language:
        return
    user.preferred_language = language
    user.save(update_fields=["preferred_language"])
    audit.record(
        actor=user,
        action=AuditAction.USER_LANGUAGE_CHANGED,
        subject=user,
        detail={"language": language},
    )
