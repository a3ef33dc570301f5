from __future__ import annotations

from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from egov.privacy.fields import EncryptedTextField


class Role(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    EMPLOYER = "employer", _("Employer")
    OFFICER = "officer", _("Officer")
    SUPERVISOR = "supervisor", _("Supervisor")
    AGENCY_ADMIN = "agency_admin", _("Agency administrator")
    PLATFORM_ADMIN = "platform_admin", _("Platform administrator")


STAFF_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AGENCY_ADMIN, Role.PLATFORM_ADMIN})


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def get_by_natural_key(self, username: str | None) -> User:
        # Email addresses are matched without regard to case.
        return self.get(email__iexact=(username or "").strip())

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        """Used by Django's own commands; the platform creates users through actions."""
        from egov.accounts import actions

        return actions.create_user(actor=None, email=email, password=password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("role", Role.PLATFORM_ADMIN)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), max_length=254, unique=True)
    name = models.CharField(_("name"), max_length=100)
    # Stored encrypted; find a user by phone through phone_index (accounts.queries).
    phone = EncryptedTextField(_("phone number"), blank=True)
    # A blind index of the phone's digits (empty when there is no phone).
    phone_index = models.CharField(max_length=64, blank=True, db_index=True)
    address = EncryptedTextField(_("address"), blank=True)
    # An ISO date (YYYY-MM-DD), encrypted like every other personal field.
    date_of_birth = EncryptedTextField(_("date of birth"), blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices, default=Role.CITIZEN)
    email_confirmed_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["name"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Two accounts must never differ only by the case of their email.
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_ci_unique"),
        ]

    def __str__(self) -> str:
        return self.email

    @property
    def is_staff(self) -> bool:
        """Django's admin is for platform administrators only."""
        return self.role == Role.PLATFORM_ADMIN

    @property
    def is_government_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def must_use_mfa(self) -> bool:
        """Officers, supervisors and administrators cannot reach any page without MFA."""
        return self.role in STAFF_ROLES

    @property
    def has_mfa(self) -> bool:
        device = getattr(self, "totp_device", None)
        return device is not None and device.confirmed_at is not None


class TotpDevice(models.Model):
    """An authenticator app enrolled as the account's second factor."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="totp_device")
    secret = EncryptedTextField()
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    # The newest time step accepted, so that a code can never be used twice.
    last_used_step = models.BigIntegerField(null=True, blank=True)

    def __str__(self) -> str:
        return f"TOTP for user {self.user_id}"


class RecoveryCode(models.Model):
    """A single-use code for when the authenticator is lost. Only its hash is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="recovery_codes")
    code_hash = models.CharField(max_length=64)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Looking a code up by its hash must find at most one row per person.
            models.UniqueConstraint(fields=["user", "code_hash"], name="recovery_code_unique"),
        ]

    def __str__(self) -> str:
        return f"recovery code {self.pk} of user {self.user_id}"


class SignInStep(models.TextChoices):
    """Which step of signing in failed (never shown to anyone, so not translated)."""

    PASSWORD = "password"  # noqa: S105 - the name of a step, not a password
    SECOND_FACTOR = "second_factor"


class FailedSignIn(models.Model):
    """One failed sign-in, kept briefly to throttle guessing.

    The account is named by a keyed hash of the email typed, never by the
    address itself, and it is counted whether or not the account exists, so
    the lockout reveals nothing about who has an account. ``step`` says which
    step failed: the password, or the code after the right password (counted
    per account, whatever the session, so a new session does not start afresh).
    """

    account_key = models.CharField(max_length=64)
    step = models.CharField(max_length=16, choices=SignInStep.choices, default=SignInStep.PASSWORD)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    occurred_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            # Both throttles count recent rows for one key: keep each count an index range.
            models.Index(fields=["account_key", "occurred_at"], name="failed_sign_in_account_idx"),
            models.Index(fields=["ip_address", "occurred_at"], name="failed_sign_in_address_idx"),
        ]

    def __str__(self) -> str:
        return f"failed sign-in at {self.occurred_at:%Y-%m-%d %H:%M:%S}"


class SignUpEmail(models.Model):
    """One email the sign-up form sent, kept briefly to limit them.

    Sign-up emails a stranger's address (a confirmation, or "you already have
    an account"), so they are counted per address written to, by the same
    keyed hash the sign-in throttle uses, and per client address.
    """

    account_key = models.CharField(max_length=64)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["account_key", "sent_at"], name="sign_up_email_account_idx"),
            models.Index(fields=["ip_address", "sent_at"], name="sign_up_email_address_idx"),
        ]

    def __str__(self) -> str:
        return f"sign-up email at {self.sent_at:%Y-%m-%d %H:%M:%S}"
