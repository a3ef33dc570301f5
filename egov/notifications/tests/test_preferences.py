"""Choosing how to be told: a page for the signed-in person, through an audited action."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from conftest import log_in
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.notifications import actions
from egov.notifications.models import EmailChoice, Preference
from egov.notifications.queries import preference_for

URL = reverse("notifications:preferences")
HOSTILE = '"><script>alert(1)</script>'


def changes() -> int:
    return AuditEvent.objects.filter(action=AuditAction.NOTIFICATION_PREFERENCES_CHANGED).count()


def test_the_page_lives_under_the_notification_centre(signed_in: Client) -> None:
    assert URL == "/my/notifications/settings/"
    assert URL in signed_in.get(reverse("notifications:centre")).content.decode()


def test_outsiders_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_citizens_are_emailed_each_message_until_they_choose(citizen: User) -> None:
    preference = preference_for(citizen)
    assert (preference.email, preference.sms) == (EmailChoice.EACH, False)


def test_staff_are_told_in_their_queue_only_until_they_choose(officer: User) -> None:
    preference = preference_for(officer)
    assert (preference.email, preference.sms) == (EmailChoice.OFF, False)


def test_the_page_shows_the_current_choice(signed_in: Client) -> None:
    page = signed_in.get(URL).content.decode()
    assert 'value="each" id="id_email_0" required checked' in page
    assert 'value="off" id="id_sms_1" required checked' in page


def test_choosing_a_daily_summary_and_texts_is_saved_and_audited_once(
    signed_in: Client, citizen: User
) -> None:
    response = signed_in.post(URL, {"email": "digest", "sms": "on"})
    assert response.status_code == 302
    assert response["Location"] == URL
    stored = Preference.objects.get(user=citizen)
    assert (stored.email, stored.sms) == (EmailChoice.DIGEST, True)
    event = AuditEvent.objects.get(action=AuditAction.NOTIFICATION_PREFERENCES_CHANGED)
    assert event.detail == {"email": "digest", "sms": True}
    assert "Your notification settings are saved." in signed_in.get(URL).content.decode()
    # Saving the same choice again changes nothing and records nothing.
    signed_in.post(URL, {"email": "digest", "sms": "on"})
    assert changes() == 1


def test_saving_the_defaults_unchanged_records_nothing(signed_in: Client, citizen: User) -> None:
    assert signed_in.post(URL, {"email": "each", "sms": "off"}).status_code == 302
    assert not Preference.objects.filter(user=citizen).exists()
    assert changes() == 0


def test_texts_need_a_phone_number(client: Client, other_citizen: User) -> None:
    log_in(client, other_citizen)  # Siti has no phone number
    page = client.get(URL).content.decode()
    assert "you have none yet" in page
    assert reverse("accounts:profile") in page
    response = client.post(URL, {"email": "each", "sms": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_sms_error"' in page
    assert "Add a phone number to your profile first" in page
    assert changes() == 0


def test_the_error_is_in_the_readers_language(client: Client, other_citizen: User) -> None:
    log_in(client, other_citizen)
    client.post(reverse("portal:set_language"), {"language": "id", "next": URL})
    page = client.post(URL, {"email": "sangat", "sms": "off"}).content.decode()
    assert "Pilih salah satu cara" in page


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"email": "each"},
        {"sms": "off"},
        {"email": "weekly", "sms": "off"},
        {"email": "each", "sms": "maybe"},
        {"email": "", "sms": ""},
        {"email": HOSTILE, "sms": HOSTILE},
        {"email": "each" * 10_000, "sms": "off"},
    ],
    ids=[
        "nothing",
        "no-sms",
        "no-email",
        "unknown",
        "not-a-choice",
        "blank",
        "hostile",
        "huge",
    ],
)
def test_wrong_input_is_explained_and_changes_nothing(
    signed_in: Client, citizen: User, data: dict[str, object]
) -> None:
    response = signed_in.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Please correct the fields marked below." in page
    assert "<script>alert(1)</script>" not in page
    assert not Preference.objects.filter(user=citizen).exists()
    assert changes() == 0


def test_the_settings_need_a_post_to_change(signed_in: Client) -> None:
    assert signed_in.put(URL).status_code == 405


def test_where_no_gateway_is_configured_texts_are_not_offered(
    signed_in: Client, citizen: User, settings: Settings
) -> None:
    settings.SMS_BACKEND = "egov.notifications.sms.DummyBackend"
    page = signed_in.get(URL).content.decode()
    assert 'name="sms"' not in page
    assert signed_in.post(URL, {"email": "off", "sms": "on"}).status_code == 302
    assert Preference.objects.get(user=citizen).sms is False
    with pytest.raises(ValidationError, match="not offered"):
        actions.set_preferences(user=citizen, email="off", sms=True)


def test_the_action_refuses_an_unknown_email_choice(citizen: User) -> None:
    with pytest.raises(ValidationError, match="Choose how you want to be told"):
        actions.set_preferences(user=citizen, email="sometimes", sms=False)
    assert changes() == 0
