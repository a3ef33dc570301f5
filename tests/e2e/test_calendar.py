"""A temporary public holiday, declared on the office calendar, as the people it affects see it."""

from __future__ import annotations

from django.utils import timezone
from playwright.sync_api import Page, expect

from egov.lib.calendar import WorkingCalendar
from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import assert_accessible, sign_in


def sign_out(page: Page) -> None:
    # In whatever language the page is in.
    page.locator("form[action='/accounts/sign-out/'] button").click()
    page.wait_for_load_state()


def test_a_temporary_holiday_moves_open_deadlines_and_each_case_says_why(page: Page) -> None:
    calendar = WorkingCalendar()
    day = calendar.next_working_day(calendar.local_date(timezone.now()))
    sign_in(page, "admin@egov.example", DEMO_PASSWORD)
    page.get_by_role("link", name="Office calendar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Office calendar")
    assert_accessible(page)

    # Nothing typed: every missing part is named, and the page stays accessible.
    page.get_by_role("button", name="Declare the day off").click()
    expect(page).to_have_title("Error: Office calendar | egov")
    # The summary links to the field, whose own message says the same.
    expect(page.locator(".error-summary")).to_contain_text("Enter the day that will be off.")
    expect(page.locator("#id_day_error")).to_contain_text("Enter the day that will be off.")
    assert_accessible(page)

    page.get_by_label("Day", exact=True).fill(day.isoformat())
    page.get_by_label("Name in English").fill("Snow day")
    page.get_by_label("Name in Korean").fill("폭설 휴무")
    page.get_by_label("Name in Indonesian").fill("Libur salju")
    page.get_by_role("button", name="Declare the day off").click()
    expect(page.get_by_role("status")).to_contain_text("is now a day off")
    expect(page.get_by_role("cell", name="Snow day")).to_be_visible()
    assert_accessible(page)
    sign_out(page)

    # A citizen's open complaint now shows the step and the day that did not count.
    sign_in(page, "citizen@egov.example", DEMO_PASSWORD)  # reads Korean
    page.goto("/complaints/mine/")
    # The suggestion on public car parks is open, with fourteen days that span the new holiday.
    page.get_by_role("row", name="공영주차장 야간 개방 제안").get_by_role("link").click()
    timeline = page.locator(".complaint-timeline")
    expect(timeline).to_contain_text("임시공휴일")
    expect(timeline).to_contain_text("폭설 휴무")
    expect(page.locator(".complaint-deadline-days")).to_contain_text("폭설 휴무")
    expect(page.get_by_text("민원 처리에 관한 법률 제19조").first).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator(".complaint-timeline")).to_contain_text("Libur salju")
    assert_accessible(page)
    sign_out(page)

    # Withdrawn, the day counts again (and the other browser tests see the usual calendar).
    sign_in(page, "admin@egov.example", DEMO_PASSWORD)
    page.goto("/staff/calendar/")
    # English writes the day first: "Withdraw 8 December 2026".
    page.get_by_role("button", name=f"Withdraw {day.day} {day.strftime('%B %Y')}").click()
    expect(page.get_by_role("status")).to_contain_text("is a working day again")
    expect(page.get_by_text("No day off is declared from today on.")).to_be_visible()
