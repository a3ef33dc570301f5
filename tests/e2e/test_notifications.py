"""The notification settings and the development outbox, in a real browser."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import LiveServer, assert_accessible, sign_in


def test_a_citizen_chooses_a_daily_summary(page: Page) -> None:
    sign_in(page, "siti@egov.example", DEMO_PASSWORD)
    page.goto("/language/?language=en&next=/my/notifications/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    page.get_by_role("link", name="Choose how you are told").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notification settings")
    expect(page.get_by_label("Every message as it happens")).to_be_checked()
    assert_accessible(page)

    # Siti has no phone number: text messages are explained, and nothing is lost.
    page.get_by_label("One summary a day").check()
    page.get_by_label("A short text message for each message").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#id_sms_error")).to_contain_text("Add a phone number")
    expect(page.get_by_label("One summary a day")).to_be_checked()
    assert_accessible(page)

    page.get_by_label("No text messages").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("status")).to_contain_text("Your notification settings are saved.")
    expect(page.get_by_label("One summary a day")).to_be_checked()
    assert_accessible(page)


def test_sent_mail_is_read_on_the_outbox_page(page: Page, egov_server: LiveServer) -> None:
    page.goto("/accounts/forgot-password/")
    page.get_by_label("Email address").fill("employer@egov.example")
    page.get_by_role("button", name="Send the link").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert "reset-password" in egov_server.latest_mail("employer@egov.example")

    page.goto("/dev/outbox/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outbox")
    assert_accessible(page)
    page.get_by_role("row", name=re.compile("employer@egov.example")).first.get_by_role(
        "link"
    ).click()
    expect(page.locator(".facts")).to_contain_text("employer@egov.example")
    assert_accessible(page)
    # The link in the message can be followed from the page.
    page.get_by_role("link", name=re.compile("reset-password")).click()
    expect(page).to_have_url(re.compile(r"/accounts/reset-password/"))
