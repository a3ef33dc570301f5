from __future__ import annotations

import re
import time

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, log_in
from egov.accounts import actions, mfa
from egov.accounts.actions import MFA_SESSION_KEY
from egov.accounts.models import RecoveryCode, TotpDevice, User
from egov.audit.models import AuditAction, AuditEvent


def current_code(user: User, *, offset: int = 0) -> str:
    device = TotpDevice.objects.get(user=user)
    return mfa.code_at(device.secret, time.time() + offset)


def enrol(user: User) -> list[str]:
    device = actions.begin_totp_enrolment(user=user)
    return actions.confirm_totp_enrolment(
        user=user, code=mfa.code_at(device.secret, time.time() - 30)
    )


def test_codes_follow_rfc_6238() -> None:
    # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits); ours are the last 6.
    secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"  # base32 of "12345678901234567890"
    assert mfa.code_at(secret, 59) == "287082"
    assert mfa.code_at(secret, 1111111109) == "081804"


def test_a_code_is_accepted_once_and_one_step_of_drift_either_way() -> None:
    secret = mfa.new_secret()
    now = 1_800_000_000.0
    step = mfa.matching_step(secret, mfa.code_at(secret, now - 30), last_used_step=None, now=now)
    assert step == int(now // 30) - 1
    assert (
        mfa.matching_step(secret, mfa.code_at(secret, now - 30), last_used_step=step, now=now)
        is None
    )
    assert (
        mfa.matching_step(secret, mfa.code_at(secret, now - 90), last_used_step=None, now=now)
        is None
    )
    assert mfa.matching_step(secret, "12345", last_used_step=None, now=now) is None
    assert mfa.matching_step(secret, "abcdef", last_used_step=None, now=now) is None


def test_a_citizen_turns_on_two_step_verification(signed_in: Client, citizen: User) -> None:
    page = signed_in.get(reverse("accounts:mfa_setup")).content.decode()
    assert 'src="data:image/svg+xml' in page
    device = TotpDevice.objects.get(user=citizen)
    assert device.confirmed_at is None
    wrong = signed_in.post(reverse("accounts:mfa_setup"), {"code": "000000"})
    assert "not correct" in wrong.content.decode()
    response = signed_in.post(
        reverse("accounts:mfa_setup"), {"code": mfa.code_at(device.secret, time.time())}
    )
    codes = re.findall(r"<code>([a-z0-9-]{14})</code>", response.content.decode())
    assert len(codes) == 10
    citizen.refresh_from_db()
    assert citizen.has_mfa
    assert AuditEvent.objects.filter(action=AuditAction.MFA_ENABLED).count() == 1
    stored = set(RecoveryCode.objects.values_list("code_hash", flat=True))
    assert not stored & set(codes), "recovery codes are stored only as hashes"


def test_the_secret_is_encrypted_at_rest(citizen: User) -> None:
    from django.db import connection

    device = actions.begin_totp_enrolment(user=citizen)
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM accounts_totpdevice WHERE id = %s", [device.pk])
        raw = cursor.fetchone()[0]
    assert device.secret not in raw


def test_signing_in_with_mfa_asks_for_the_code(client: Client, citizen: User) -> None:
    enrol(citizen)
    response = client.post(
        reverse("accounts:sign_in"), {"email": citizen.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("accounts:mfa_verify")
    assert client.get(reverse("portal:dashboard")).status_code == 302, "not signed in yet"
    wrong = client.post(reverse("accounts:mfa_verify"), {"code": "000000"})
    assert "not correct" in wrong.content.decode()
    response = client.post(reverse("accounts:mfa_verify"), {"code": current_code(citizen)})
    assert response["Location"] == reverse("portal:dashboard")
    assert client.session[MFA_SESSION_KEY] is True
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_a_recovery_code_works_exactly_once(client: Client, citizen: User) -> None:
    codes = enrol(citizen)
    for attempt in range(2):
        client.post(reverse("accounts:sign_in"), {"email": citizen.email, "password": PASSWORD})
        response = client.post(reverse("accounts:mfa_verify"), {"code": codes[0].upper()})
        if attempt == 0:
            assert response.status_code == 302
            client.logout()
        else:
            assert response.status_code == 200
    assert AuditEvent.objects.filter(action=AuditAction.MFA_RECOVERY_CODE_USED).count() == 1


def test_the_verify_page_without_a_pending_sign_in_goes_back(client: Client, db: None) -> None:
    assert client.get(reverse("accounts:mfa_verify"))["Location"] == reverse("accounts:sign_in")


def test_staff_without_mfa_are_refused_every_staff_page(client: Client, officer: User) -> None:
    client.post(reverse("accounts:sign_in"), {"email": officer.email, "password": PASSWORD})
    for url in (reverse("portal:dashboard"), reverse("agencies:my_unit"), "/staff-console/"):
        assert client.get(url)["Location"] == reverse("accounts:mfa_setup"), url
    assert client.get(reverse("accounts:mfa_setup")).status_code == 200
    assert client.get(reverse("portal:accessibility")).status_code == 200


def test_staff_with_mfa_must_pass_it_in_this_session(client: Client, officer: User) -> None:
    enrol(officer)
    client.force_login(officer)
    assert client.get(reverse("portal:dashboard"))["Location"] == reverse("accounts:mfa_verify")
    client.post(reverse("accounts:mfa_verify"), {"code": current_code(officer)})
    assert client.get(reverse("portal:dashboard")).status_code == 200


def test_staff_cannot_turn_mfa_off(officer: User) -> None:
    enrol(officer)
    with pytest.raises(ValidationError):
        actions.turn_off_mfa(user=officer)
    client = log_in(Client(), officer)
    assert client.get(reverse("accounts:turn_off_mfa"))["Location"] == reverse("accounts:security")


def test_a_citizen_turns_mfa_off_with_their_password(signed_in: Client, citizen: User) -> None:
    enrol(citizen)
    wrong = signed_in.post(reverse("accounts:turn_off_mfa"), {"current_password": "guess"})
    assert "not your current password" in wrong.content.decode()
    signed_in.post(reverse("accounts:turn_off_mfa"), {"current_password": PASSWORD})
    citizen.refresh_from_db()
    assert not TotpDevice.objects.filter(user=citizen).exists()


def test_new_recovery_codes_need_the_password_and_replace_the_old(
    signed_in: Client, citizen: User
) -> None:
    old = enrol(citizen)
    response = signed_in.post(reverse("accounts:recovery_codes"), {"current_password": PASSWORD})
    new = re.findall(r"<code>([a-z0-9-]{14})</code>", response.content.decode())
    assert len(new) == 10
    assert not actions.verify_second_factor(user=citizen, code=old[0])
    assert actions.verify_second_factor(user=citizen, code=new[0])


def test_the_admin_console_needs_a_platform_admin_with_mfa(
    platform_admin: User, officer: User
) -> None:
    client = Client()
    client.force_login(platform_admin)
    assert client.get("/staff-console/")["Location"] == reverse("accounts:mfa_setup")
    log_in(client, platform_admin)
    assert client.get("/staff-console/").status_code == 200
    other = log_in(Client(), officer)
    assert client.get("/admin/").status_code == 404
    assert other.get("/staff-console/").status_code == 302
