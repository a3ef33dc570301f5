"""A citizen files a complaint and follows it; anyone reads the published ones and the figures."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from playwright.sync_api import Page, expect

from egov.portal.demo import DEMO_PASSWORD
from tests.e2e.conftest import ROOT, LiveServer, assert_accessible, sign_in

PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\x90wS\xde"
RECEIPT_NUMBER = re.compile(r"EP-\d{4}-\d{7}")


def test_a_citizen_files_a_complaint_and_follows_it_in_two_languages(page: Page) -> None:
    sign_in(page, "citizen@egov.example", DEMO_PASSWORD)
    # My government lists the citizen's complaints.
    expect(page.locator("#complaints-heading")).to_be_visible()
    assert_accessible(page)
    # The demo citizen reads Korean; this visit is in English (a GET does not change the profile).
    page.goto("/language/?language=en&next=/complaints/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page)

    page.get_by_role("link", name="File a complaint").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("File a complaint")
    assert_accessible(page)
    page.get_by_role("button", name="Continue: check your answers").click()
    expect(page.get_by_role("alert")).to_contain_text("There is a problem")
    assert_accessible(page)

    page.get_by_label(re.compile(r"^Grievance")).check()
    page.get_by_label("What is it about?").select_option("roads")
    page.get_by_label("Title", exact=True).fill("Broken paving stones at the bus stop")
    page.get_by_label("Your complaint", exact=True).fill(
        "Three paving stones are loose at the bus stop. Call me on 010-1234-5678."
    )
    page.get_by_label(re.compile(r"^Location")).fill("Mapo-gu, World Cup-ro 12")
    page.get_by_label(re.compile(r"^Public:")).check()
    page.get_by_role("button", name="Continue: check your answers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers before sending")
    page.locator("input[type=file][name=attachments]").set_input_files(
        {"name": "paving.png", "mimeType": "image/png", "buffer": PNG}
    )
    page.get_by_role("button", name="Send the complaint").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Your complaint was received")
    receipt_number = page.locator(".complaint-receipt-number").inner_text()
    assert RECEIPT_NUMBER.fullmatch(receipt_number)
    expect(page.get_by_text("We will hide these before publishing:")).to_be_visible()
    expect(page.get_by_text("phone number: 010-1234-5678")).to_be_visible()
    # Seven days counted in working days, the day of receipt the first (Act art. 19(2)).
    expect(page.get_by_text("Civil Petitions Treatment Act, article 19")).to_be_visible()
    expect(page.get_by_role("cell", name="Day 7", exact=True)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Follow your complaint").click()
    expect(page).to_have_url(re.compile(rf"/complaints/{receipt_number}/$"))
    expect(page.get_by_role("heading", name="Every step")).to_be_visible()
    expect(page.get_by_text("Received online.")).to_be_visible()
    expect(page.get_by_role("link", name="paving.png")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="한국어").click()
    expect(page).to_have_url(re.compile(rf"/complaints/{receipt_number}/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    timeline = page.locator(".complaint-timeline")
    expect(timeline.get_by_role("heading", name="접수")).to_be_visible()  # "Received"
    expect(page.locator(".complaint-facts")).to_contain_text("도로·보도")  # the subject
    expect(page.locator(".complaint-facts")).to_contain_text("고충")  # grievance
    assert_accessible(page)

    page.goto("/complaints/mine/")
    expect(page.get_by_role("link", name=receipt_number)).to_be_visible()
    assert_accessible(page)


def _refresh_statistics(server: LiveServer) -> None:
    """What the hourly job does, run once against the test server's database."""
    database = server.workdir / "egov.sqlite3"
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "manage.py"),
            "shell",
            "-c",
            "from egov.complaints.actions import refresh_statistics; refresh_statistics()",
        ],
        env={
            **os.environ,
            "EGOV_ENV": "development",
            "DEBUG": "0",
            "DATABASE_URL": f"sqlite:///{database}",
        },
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def test_anyone_reads_published_complaints_and_the_statistics(
    page: Page, egov_server: LiveServer
) -> None:
    page.goto("/complaints/public/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Public complaints")
    assert_accessible(page)
    page.get_by_label("Subject").select_option("parking")
    page.get_by_role("button", name="Show").click()
    expect(page).to_have_url(re.compile(r"category=parking"))
    page.locator("tbody th a").first.click()
    expect(page.get_by_role("heading", name="The complaint")).to_be_visible()
    author = page.locator(".complaint-facts dd").nth(6)
    expect(author).to_contain_text("*")  # the author's name is masked
    assert_accessible(page)

    _refresh_statistics(egov_server)
    page.goto("/complaints/statistics/")
    expect(page.get_by_text("Last refreshed:")).to_be_visible()
    expect(page.locator("figure.complaint-chart").first).to_be_visible()
    expect(page.get_by_role("table")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Seoul Metropolitan Government").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Seoul Metropolitan Government")
    assert_accessible(page)
