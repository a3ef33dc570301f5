"""Every write to accounts. Each action owns its transaction and its audit event."""

from __future__ import annotations

import datetime
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.core.signing import TimestampSigner
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from egov import audit, notifications
from egov.accounts import messages, mfa
from egov.accounts.models import (
    FailedSignIn,
    RecoveryCode,
    Role,
    SignInStep,
    SignUpEmail,
    TotpDevice,
    User,
)
from egov.accounts.queries import phone_index
from egov.accounts.tokens import (
    email_confirmation_token,
    encode_uid,
    password_reset_token,
    unlock_token,
)
from egov.audit.context import client_address
from egov.audit.models import AuditAction
from egov.privacy.crypto import blind_index

# The session remembers that this sign-in passed two-step verification.
MFA_SESSION_KEY = "egov_mfa_verified"

# Links to confirm a new email address are signed and expire (see EMAIL_CHANGE_MAX_AGE).
email_change_signer = TimestampSigner(salt="egov.accounts.email_change")
EMAIL_CHANGE_MAX_AGE = datetime.timedelta(days=1)


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
        phone_index=phone_index(phone),
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


# Sign-up emails whatever address is typed: at most this many to one address,
# and from one client address, per SIGN_UP_EMAIL_WINDOW.
SIGN_UP_EMAILS_PER_ADDRESS = 3
SIGN_UP_EMAILS_PER_CLIENT = 10
SIGN_UP_EMAIL_WINDOW = datetime.timedelta(hours=1)


def sign_up_blocked(*, ip_address: str | None) -> bool:
    """Whether this client address has had its share of sign-up emails for now.

    Saying so reveals nothing about anyone's account, so the page may.
    """
    if not ip_address:
        return False
    since = timezone.now() - SIGN_UP_EMAIL_WINDOW
    sent = SignUpEmail.objects.filter(ip_address=ip_address, sent_at__gte=since)
    return sent.count() >= SIGN_UP_EMAILS_PER_CLIENT


def _claim_sign_up_email(email: str) -> bool:
    """Count one sign-up email to ``email``, or say no when it has had enough for now."""
    key = sign_in_account_key(email)
    since = timezone.now() - SIGN_UP_EMAIL_WINDOW
    if (
        SignUpEmail.objects.filter(account_key=key, sent_at__gte=since).count()
        >= SIGN_UP_EMAILS_PER_ADDRESS
    ):
        return False
    SignUpEmail.objects.create(account_key=key, ip_address=client_address.get())
    return True


@transaction.atomic
def sign_up(
    *, email: str, name: str, password: str, preferred_language: str, next_url: str = ""
) -> User | None:
    """Register a citizen and send the confirmation link.

    When the address already has an account, nothing is created and its owner
    is told by email instead, so the sign-up page never reveals who has an
    account. Both paths do the same work, so their timing does not tell them
    apart either: the password is hashed (the costly part, Argon2) before the
    address is looked up, and the one email goes the same way, through the
    task queue after the commit. An address that has had its share of
    sign-up emails gets none, on either path. Returns the new user, or None
    when the address was taken.
    """
    email = normalize_email(email)
    password_hash = make_password(password)
    existing = User.objects.filter(email__iexact=email).first()
    may_email = _claim_sign_up_email(email)
    if existing is not None:
        if may_email:
            notifications.send_email(
                to=existing,
                template="accounts/email/already_registered",
                context={"sign_in_url": settings.SITE_URL + sign_in_path(next_url)},
            )
        return None
    user = User(
        email=email,
        name=name,
        role=Role.CITIZEN,
        preferred_language=preferred_language,
        password=password_hash,
    )
    user.save(force_insert=True)
    audit.record(actor=user, action=AuditAction.USER_SIGNED_UP, subject=user)
    if may_email:
        send_email_confirmation(user=user, next_url=next_url)
    return user


def sign_in_path(next_url: str) -> str:
    """The sign-in page, leading on to ``next_url`` (a local path) when there is one."""
    path = reverse("accounts:sign_in")
    return f"{path}?{urlencode({'next': next_url})}" if next_url else path


def send_email_confirmation(*, user: User, next_url: str = "") -> None:
    """Email the confirmation link; ``next_url`` (a local path) is where it leads after sign-in."""
    link = reverse(
        "accounts:confirm_email",
        kwargs={"uidb64": encode_uid(user), "token": email_confirmation_token.make_token(user)},
    )
    if next_url:
        link += "?" + urlencode({"next": next_url})
    notifications.send_email(
        to=user,
        template="accounts/email/confirm_email",
        context={"confirm_url": settings.SITE_URL + link},
    )


@transaction.atomic
def confirm_email(*, user: User) -> None:
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email_confirmed_at"])
    audit.record(actor=user, action=AuditAction.USER_EMAIL_CONFIRMED, subject=user)
    notifications.on_commit([user], messages.welcome(), url=reverse("portal:dashboard"))


@transaction.atomic
def sign_in(*, request: HttpRequest, user: User, second_factor: bool = False) -> None:
    """Start the session. ``second_factor`` says the user also passed two-step verification."""
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    request.session[MFA_SESSION_KEY] = second_factor
    FailedSignIn.objects.filter(account_key=sign_in_account_key(user.email)).delete()
    audit.record(
        actor=user,
        action=AuditAction.USER_SIGNED_IN,
        subject=user,
        detail={"second_factor": second_factor},
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
    notifications.send_email(
        to=user,
        template="accounts/email/reset_password",
        context={"reset_url": settings.SITE_URL + link},
    )
    audit.record(actor=None, action=AuditAction.USER_PASSWORD_RESET_REQUESTED, subject=user)


@transaction.atomic
def set_password(*, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    # A new password ends any lockout: whoever set it controls the mailbox.
    FailedSignIn.objects.filter(account_key=sign_in_account_key(user.email)).delete()
    audit.record(actor=user, action=AuditAction.USER_PASSWORD_CHANGED, subject=user)
    # Following the link proves the address is theirs.
    if user.email_confirmed_at is None:
        confirm_email(user=user)


@transaction.atomic
def update_profile(
    *,
    user: User,
    name: str,
    phone: str,
    preferred_language: str,
    address: str = "",
    date_of_birth: datetime.date | None = None,
) -> None:
    values = {
        "name": name,
        "phone": phone,
        "preferred_language": preferred_language,
        "address": address,
        "date_of_birth": date_of_birth.isoformat() if date_of_birth else "",
    }
    changed = [field for field, value in values.items() if getattr(user, field) != value]
    if not changed:
        return
    for field, value in values.items():
        setattr(user, field, value)
    user.phone_index = phone_index(phone)
    user.save(update_fields=[*changed, "phone_index"] if "phone" in changed else changed)
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


# ---- Throttling and lockout ------------------------------------------------

ACCOUNT_FAILURE_LIMIT = 10
ADDRESS_FAILURE_LIMIT = 50
THROTTLE_WINDOW = datetime.timedelta(minutes=15)


def sign_in_account_key(email: str) -> str:
    return blind_index(normalize_email(email), context="accounts.sign_in")


def sign_in_blocked_until(
    *, email: str, ip_address: str | None, known_device: bool = False
) -> datetime.datetime | None:
    """When sign-in for this email (or from this address) opens again, if it is paused.

    A ``known_device`` (a browser that signed in to this account before) is not
    held by the account's pause, so that strangers' guessing cannot lock the
    owner out; the pause of its address still applies.
    """
    since = timezone.now() - THROTTLE_WINDOW
    recent = FailedSignIn.objects.filter(occurred_at__gte=since)
    checks = []
    if not known_device:
        checks.append(
            (
                recent.filter(account_key=sign_in_account_key(email), step=SignInStep.PASSWORD),
                ACCOUNT_FAILURE_LIMIT,
            )
        )
    if ip_address:
        checks.append((recent.filter(ip_address=ip_address), ADDRESS_FAILURE_LIMIT))
    for failures, limit in checks:
        times = list(
            failures.order_by("-occurred_at").values_list("occurred_at", flat=True)[:limit]
        )
        if len(times) >= limit:
            return times[-1] + THROTTLE_WINDOW
    return None


@transaction.atomic
def record_failed_sign_in(*, email: str, user: User | None) -> None:
    """Count a failed attempt and, when it locks the account, tell the owner how to unlock.

    The email typed is not logged anywhere: it is personal data, and it may be
    someone else's address mistyped.
    """
    key = sign_in_account_key(email)
    FailedSignIn.objects.create(account_key=key, ip_address=client_address.get())
    audit.record(
        actor=None,
        action=AuditAction.USER_SIGN_IN_FAILED,
        subject=user,
        detail={"known_account": user is not None},
    )
    since = timezone.now() - THROTTLE_WINDOW
    failures = FailedSignIn.objects.filter(
        account_key=key, step=SignInStep.PASSWORD, occurred_at__gte=since
    ).count()
    if user is not None and failures == ACCOUNT_FAILURE_LIMIT:
        audit.record(actor=None, action=AuditAction.USER_LOCKED_OUT, subject=user)
        link = reverse(
            "accounts:unlock",
            kwargs={"uidb64": encode_uid(user), "token": unlock_token.make_token(user)},
        )
        notifications.send_email(
            to=user,
            template="accounts/email/locked_out",
            context={"unlock_url": settings.SITE_URL + link, "minutes": 15},
        )


@transaction.atomic
def unlock_account(*, user: User) -> None:
    FailedSignIn.objects.filter(account_key=sign_in_account_key(user.email)).delete()
    audit.record(actor=user, action=AuditAction.USER_UNLOCKED, subject=user)


# Wrong codes after the right password: whoever types them knows the password,
# and a six-digit code falls to guessing without a limit. They are counted per
# account in every session: after SECOND_FACTOR_SLOWDOWN_AFTER, each next try
# waits SECOND_FACTOR_DELAY; at SECOND_FACTOR_FAILURE_LIMIT the step is refused
# for THROTTLE_WINDOW and the owner is told. NIST SP 800-63B §5.2.2 allows at
# most 100 consecutive failures; five per window, with three codes valid at a
# time, leaves a guesser about a 1-in-66,000 chance per window, and each lock
# emails the owner to change the password the guesser must already hold.
SECOND_FACTOR_SLOWDOWN_AFTER = 3
SECOND_FACTOR_DELAY = datetime.timedelta(seconds=30)
SECOND_FACTOR_FAILURE_LIMIT = 5


def _second_factor_failures(user: User) -> list[datetime.datetime]:
    """The times of the account's recent wrong codes, newest first."""
    return list(
        FailedSignIn.objects.filter(
            account_key=sign_in_account_key(user.email),
            step=SignInStep.SECOND_FACTOR,
            occurred_at__gte=timezone.now() - THROTTLE_WINDOW,
        )
        .order_by("-occurred_at")
        .values_list("occurred_at", flat=True)[:SECOND_FACTOR_FAILURE_LIMIT]
    )


def second_factor_locked_until(user: User) -> datetime.datetime | None:
    """Until when the code step is refused for this account after too many wrong codes."""
    failures = _second_factor_failures(user)
    if len(failures) >= SECOND_FACTOR_FAILURE_LIMIT:
        return failures[-1] + THROTTLE_WINDOW
    return None


def second_factor_wait_until(user: User) -> datetime.datetime | None:
    """Until when the next code is refused unchecked (a lock, or the slowdown before one)."""
    locked = second_factor_locked_until(user)
    if locked is not None:
        return locked
    failures = _second_factor_failures(user)
    if len(failures) >= SECOND_FACTOR_SLOWDOWN_AFTER:
        opens = failures[0] + SECOND_FACTOR_DELAY
        if opens > timezone.now():
            return opens
    return None


def _record_failed_second_factor(user: User) -> None:
    FailedSignIn.objects.create(
        account_key=sign_in_account_key(user.email),
        step=SignInStep.SECOND_FACTOR,
        ip_address=client_address.get(),
    )
    audit.record(actor=user, action=AuditAction.MFA_FAILED, subject=user)
    if len(_second_factor_failures(user)) != SECOND_FACTOR_FAILURE_LIMIT:
        return
    audit.record(
        actor=None,
        action=AuditAction.USER_LOCKED_OUT,
        subject=user,
        detail={"step": str(SignInStep.SECOND_FACTOR)},
    )
    # Whoever typed the codes had the password: the owner should change it.
    link = reverse(
        "accounts:reset_password",
        kwargs={"uidb64": encode_uid(user), "token": password_reset_token.make_token(user)},
    )
    notifications.send_email(
        to=user,
        template="accounts/email/second_factor_locked",
        context={
            "reset_url": settings.SITE_URL + link,
            "minutes": int(THROTTLE_WINDOW.total_seconds() // 60),
        },
    )


# ---- Two-step verification (TOTP) ------------------------------------------


@transaction.atomic
def begin_totp_enrolment(*, user: User, secret: str | None = None) -> TotpDevice:
    """Start (or restart) enrolling an authenticator app; not active until confirmed.

    ``secret`` is for demo data only, whose key is published so reviewers can sign in.
    """
    TotpDevice.objects.filter(user=user, confirmed_at__isnull=True).delete()
    if user.has_mfa:
        raise ValidationError(_("Two-step verification is already on."))
    device = TotpDevice.objects.create(user=user, secret=secret or mfa.new_secret())
    audit.record(actor=user, action=AuditAction.MFA_ENROLMENT_STARTED, subject=user)
    return device


def _replace_recovery_codes(user: User) -> list[str]:
    codes = mfa.new_recovery_codes()
    RecoveryCode.objects.filter(user=user).delete()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(user=user, code_hash=mfa.hash_recovery_code(code)) for code in codes
    )
    return codes


@transaction.atomic
def confirm_totp_enrolment(*, user: User, code: str) -> list[str]:
    """Turn two-step verification on with the first code; returns the recovery codes once."""
    device = TotpDevice.objects.select_for_update().filter(user=user).first()
    if device is None or device.confirmed_at is not None:
        raise ValidationError(_("Start setting up two-step verification again."))
    step = mfa.matching_step(device.secret, code, last_used_step=None)
    if step is None:
        raise ValidationError(
            _("That code is not correct. Check the time on your phone and try again.")
        )
    device.confirmed_at = timezone.now()
    device.last_used_step = step
    device.save(update_fields=["confirmed_at", "last_used_step"])
    codes = _replace_recovery_codes(user)
    audit.record(actor=user, action=AuditAction.MFA_ENABLED, subject=user)
    return codes


@transaction.atomic
def verify_second_factor(*, user: User, code: str) -> bool:
    """Check a code from the authenticator app, or a recovery code (used up on success).

    A wrong code is counted against the account (see SECOND_FACTOR_FAILURE_LIMIT);
    while ``second_factor_wait_until`` says to wait, no code is checked at all.
    """
    device = TotpDevice.objects.select_for_update().filter(user=user).first()
    if device is None or device.confirmed_at is None:
        return False
    if second_factor_wait_until(user) is not None:
        return False
    step = mfa.matching_step(device.secret, code, last_used_step=device.last_used_step)
    if step is not None:
        device.last_used_step = step
        device.save(update_fields=["last_used_step"])
        audit.record(actor=user, action=AuditAction.MFA_VERIFIED, subject=user)
        return True
    recovery = RecoveryCode.objects.filter(
        user=user, code_hash=mfa.hash_recovery_code(code), used_at__isnull=True
    ).first()
    if recovery is not None:
        recovery.used_at = timezone.now()
        recovery.save(update_fields=["used_at"])
        audit.record(actor=user, action=AuditAction.MFA_RECOVERY_CODE_USED, subject=user)
        return True
    _record_failed_second_factor(user)
    return False


@transaction.atomic
def regenerate_recovery_codes(*, user: User) -> list[str]:
    codes = _replace_recovery_codes(user)
    audit.record(actor=user, action=AuditAction.MFA_RECOVERY_CODES_REPLACED, subject=user)
    return codes


@transaction.atomic
def turn_off_mfa(*, user: User) -> None:
    if user.must_use_mfa:
        raise ValidationError(_("Government staff must keep two-step verification on."))
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
    audit.record(actor=user, action=AuditAction.MFA_DISABLED, subject=user)


# ---- Changing the email address --------------------------------------------


def request_email_change(*, user: User, new_email: str) -> None:
    """Send a confirmation link to the new address; nothing changes until it is followed."""
    new_email = normalize_email(new_email)
    token = email_change_signer.sign_object({"user": user.pk, "email": new_email})
    link = reverse("accounts:confirm_email_change", kwargs={"token": token})
    recipient = User(email=new_email, name=user.name, preferred_language=user.preferred_language)
    notifications.send_email(
        to=recipient,
        template="accounts/email/confirm_new_email",
        context={"confirm_url": settings.SITE_URL + link},
    )


@transaction.atomic
def change_email(*, user: User, new_email: str) -> None:
    if User.objects.filter(email__iexact=new_email).exclude(pk=user.pk).exists():
        raise ValidationError(_("That email address cannot be used. Choose another."))
    old_email = user.email
    user.email = normalize_email(new_email)
    user.email_confirmed_at = timezone.now()
    user.save(update_fields=["email", "email_confirmed_at"])
    audit.record(actor=user, action=AuditAction.USER_EMAIL_CHANGED, subject=user)
    # The old address hears about it, so a hijacked account does not go unnoticed.
    notice = User(email=old_email, name=user.name, preferred_language=user.preferred_language)
    notifications.send_email(to=notice, template="accounts/email/email_changed", context={})
