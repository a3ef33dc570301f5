"""Pages anyone may read: the service home, published complaints and the statistics."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from conftest import RunOnCommit
from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.complaints import actions
from egov.complaints.models import Answer, Category, Complaint, ComplaintType
from egov.complaints.tests.conftest import answer, submit
from egov.complaints.views import public as public_views

PERSONAL_BODY = (
    "My phone is 010-1234-5678 and my email minsu.kim@example.com; "
    "resident number 900101-1234567. The lamp at 12 Yulgok-ro is dark."
)


def page_of(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    text: str = response.content.decode()
    assert "style=" not in text  # the CSP allows no inline styles
    # Scripts only from our static files (the shell's), never inline.
    assert not re.search(r'<script(?![^>]*\ssrc="/static/)', text)
    return text


# ---- the service home ---------------------------------------------------------------------


def test_the_service_home_explains_the_service_and_its_periods(client: Client, db: None) -> None:
    page = page_of(client.get(reverse("complaints:home")))
    assert "<h1>Complaints, inquiries and suggestions</h1>" in page
    for link in ("new", "mine", "public_list", "statistics"):
        assert f'href="{reverse(f"complaints:{link}")}"' in page
    assert "File a complaint" in page
    assert '<th scope="row">Grievance</th><td>7 working days</td>' in page
    assert (
        '<th scope="row">Inquiry needing a legal interpretation</th><td>14 working days</td>'
        in page
    )
    assert "an officer at the counter can file the complaint for you" in page


def test_the_periods_shown_are_the_configured_ones(
    client: Client, platform_admin: User, agency_admin: User, agency: Agency
) -> None:
    actions.set_processing_period(
        actor=platform_admin, agency=None, type=ComplaintType.GRIEVANCE, working_days=5
    )
    actions.set_processing_period(
        actor=agency_admin, agency=agency, type=ComplaintType.SUGGESTION, working_days=10
    )
    page = page_of(client.get(reverse("complaints:home")))
    assert '<th scope="row">Grievance</th><td>5 working days</td>' in page
    assert "Agencies that promise a different period" in page
    assert (
        '<th scope="row">Test District Office</th><td>Suggestion</td><td>10 working days</td>'
        in page
    )


def test_staff_are_not_offered_to_file_for_themselves(client: Client, officer: User) -> None:
    from conftest import log_in

    page = page_of(log_in(client, officer).get(reverse("complaints:home")))
    assert f'href="{reverse("complaints:new")}"' not in page


def test_the_complaints_service_is_reached_from_the_portal(client: Client, db: None) -> None:
    response = client.get(reverse("portal:service", args=["complaints"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:home")
    home = page_of(client.get(reverse("portal:home")))
    assert f'href="{reverse("complaints:home")}"' in home


# ---- published complaints ----------------------------------------------------------------


@pytest.fixture
def published(citizen: User, category: Category, officer: User) -> Complaint:
    complaint = submit(
        citizen,
        category,
        title="Dark lamp, call 010-1234-5678",
        body=PERSONAL_BODY,
        location_text="Near 010-2222-3333",
        attachments=[
            SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "image/png")
        ],
    )
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    actions.add_internal_note(actor=officer, complaint=complaint, body="Internal: call the mayor")
    answer(complaint, officer, body="We called you on 010-1234-5678 and fixed the lamp.")
    return complaint


def test_anyone_reads_a_published_complaint_with_personal_data_masked(
    client: Client, published: Complaint
) -> None:
    page = page_of(client.get(reverse("complaints:public_detail", args=[published.receipt_number])))
    assert "김*수" in page
    assert "김민수" not in page
    assert "010-1234-5678" not in page
    assert "010-****-5678" in page
    assert "mi***@example.com" in page
    assert "900101-1******" in page
    assert "1234567" not in page
    assert "010-****-3333" in page  # the location too
    assert "We called you on 010-****-5678 and fixed the lamp." in page
    assert "Road Act, Article 31" in page
    assert "Answer: Accepted" in page
    assert "박공무, Administrative officer" in page
    assert "Internal" not in page
    assert "photo.png" not in page
    assert "/attachments/" not in page


def test_a_published_complaint_is_found_by_its_number_in_either_case(
    client: Client, published: Complaint
) -> None:
    lower = f"/complaints/public/{published.receipt_number.lower()}/"
    assert published.receipt_number in page_of(client.get(lower))
    for path in ("EP-2611-9999999", "EP-2611-0000001x", "<script>", "1"):
        assert client.get(f"/complaints/public/{path}/").status_code == 404


def test_a_published_case_is_read_again_without_a_query(
    client: Client, published: Complaint, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    url = reverse("complaints:public_detail", args=[published.receipt_number])
    first = page_of(client.get(url))
    with django_assert_num_queries(0):
        again = page_of(client.get(url))
    assert again == first
    # Each language is rendered in its own words, and kept apart.
    client.cookies["django_language"] = "ko"
    korean = page_of(client.get(url))
    assert "답변" in korean
    assert korean != first


def test_every_step_on_a_published_case_clears_its_page_everywhere(
    client: Client, published: Complaint, citizen: User, run_on_commit: RunOnCommit
) -> None:
    url = reverse("complaints:public_detail", args=[published.receipt_number])
    assert "4 out of 5" not in page_of(client.get(url))
    with run_on_commit():
        actions.rate_answer(citizen=citizen, complaint=published, score=4)
    assert "4 out of 5" in page_of(client.get(url))


def test_a_withdrawn_case_leaves_the_public_pages_at_once(
    client: Client, citizen: User, category: Category, run_on_commit: RunOnCommit
) -> None:
    complaint = submit(citizen, category, title="Withdrawn soon")
    url = reverse("complaints:public_detail", args=[complaint.receipt_number])
    assert "Withdrawn soon" in page_of(client.get(url))
    with run_on_commit():
        actions.withdraw_complaint(citizen=citizen, complaint=complaint)
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("visibility", ["private", "withdrawn"])
def test_private_and_withdrawn_complaints_are_not_published(
    client: Client, citizen: User, category: Category, visibility: str
) -> None:
    complaint = submit(citizen, category, is_public=visibility != "private")
    if visibility == "withdrawn":
        actions.withdraw_complaint(citizen=citizen, complaint=complaint)
    url = reverse("complaints:public_detail", args=[complaint.receipt_number])
    assert client.get(url).status_code == 404
    assert complaint.receipt_number not in page_of(client.get(reverse("complaints:public_list")))


def test_the_public_list_shows_published_complaints_newest_first_redacted(
    client: Client, published: Complaint, citizen: User, category: Category
) -> None:
    newer = submit(citizen, category, title="Bench broken")
    submit(citizen, category, title="Private matter", is_public=False)
    page = page_of(client.get(reverse("complaints:public_list")))
    assert page.index(newer.receipt_number) < page.index(published.receipt_number)
    assert "Dark lamp, call 010-****-5678" in page
    assert "010-1234-5678" not in page
    assert "Private matter" not in page
    assert "Accepted" in page
    assert "Not answered yet" in page
    assert "<caption" in page


def test_the_public_list_is_filtered_by_subject_and_agency(
    client: Client,
    citizen: User,
    category: Category,
    platform_admin: User,
    agency: Agency,
    other_agency: Agency,
    unit_of_other_agency: Unit,
) -> None:
    parks = actions.create_category(
        actor=platform_admin,
        code="parks",
        name_en="Parks",
        name_ko="공원",
        name_id="Taman",
        default_agency=other_agency,
    )
    actions.set_routing(
        actor=platform_admin, category=parks, agency=other_agency, unit=unit_of_other_agency
    )
    lamp = submit(citizen, category, title="Lamp")
    park = submit(citizen, parks, title="Park")
    by_subject = page_of(client.get(reverse("complaints:public_list"), {"category": "parks"}))
    assert park.receipt_number in by_subject
    assert lamp.receipt_number not in by_subject
    by_agency = page_of(client.get(reverse("complaints:public_list"), {"agency": agency.code}))
    assert lamp.receipt_number in by_agency
    assert park.receipt_number not in by_agency


@pytest.mark.parametrize(
    "query",
    [
        {"category": "no-such"},
        {"agency": "<script>alert(1)</script>"},
        {"category": "x" * 5000},
        {"after": "not-a-cursor"},
    ],
)
def test_bad_filters_are_explained_not_failed(
    client: Client, published: Complaint, query: dict[str, str]
) -> None:
    page = page_of(client.get(reverse("complaints:public_list"), query))
    assert "Select a valid choice" in page or "This page link is not valid" in page
    assert "<script>alert(1)" not in page


def test_the_public_list_pages_by_keyset_and_keeps_the_filters(
    client: Client, citizen: User, category: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(public_views, "PUBLIC_PAGE_SIZE", 2)
    filed = [submit(citizen, category, title=f"Case {number}") for number in range(5)]
    url = reverse("complaints:public_list") + f"?category={category.code}"
    seen: list[str] = []
    while url:
        response = client.get(url)
        page = page_of(response)
        on_page = [c.receipt_number for c in filed if c.receipt_number in page]
        assert len(on_page) <= 2
        seen += sorted(on_page, key=page.index)
        match = re.search(r'href="([^"]*after=[^"]*)"', page)
        url = match.group(1).replace("&amp;", "&") if match else ""
        if url:
            assert f"category={category.code}" in url
    assert seen == [c.receipt_number for c in reversed(filed)]


def test_the_public_list_costs_the_same_queries_for_two_or_ten(
    client: Client,
    citizen: User,
    category: Category,
    officer: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    def publish(count: int) -> None:
        for number in range(count):
            answer(submit(citizen, category, title=f"Case {number}"), officer)

    publish(2)
    # A visitor has no session: the form's two lists, the page, and its answers.
    with django_assert_num_queries(4):
        page_of(client.get(reverse("complaints:public_list")))
    publish(8)
    with django_assert_num_queries(4):
        page_of(client.get(reverse("complaints:public_list")))


# ---- statistics ----------------------------------------------------------------------------


def test_statistics_say_when_there_are_none_yet(client: Client, db: None) -> None:
    page = page_of(client.get(reverse("complaints:statistics")))
    assert "No figures yet" in page


@pytest.fixture
def with_statistics(
    citizen: User, category: Category, officer: User, other_unit: Unit, platform_admin: User
) -> Complaint:
    rated = submit(citizen, category, title="Rated")
    reply = answer(rated, officer)
    # Answered on its third working day (the day of receipt is the first).
    Answer.objects.filter(pk=reply.pk).update(working_days_taken=3)
    actions.rate_answer(citizen=citizen, complaint=rated, score=4)
    submit(citizen, category, title="Open")
    actions.refresh_statistics()
    return rated


def test_statistics_show_charts_and_the_same_numbers_in_a_table(
    client: Client, with_statistics: Complaint
) -> None:
    page = page_of(client.get(reverse("complaints:statistics")))
    assert "Last refreshed: " in page
    assert "<caption" in page
    assert '<th scope="col">Answered on time</th>' in page
    row = re.search(r"<tr>\s*<th scope=\"row\">.*?</tr>", page, re.S)
    assert row is not None
    cells = re.findall(r"<td>(.*?)</td>", row.group(0))
    assert cells == ["2", "1", "100%", "3.0", "4.0 of 5", "0%"]
    assert 'class="complaint-chart-bar complaint-bar-100"' in page  # received, the most
    assert 'class="complaint-chart-bar complaint-bar-80"' in page  # satisfaction 4 of 5
    assert 'aria-hidden="true"' in page  # the bars; the numbers beside them are read


def test_statistics_of_one_agency_show_its_units(
    client: Client, with_statistics: Complaint, agency: Agency
) -> None:
    page = page_of(client.get(reverse("complaints:statistics"), {"agency": agency.code}))
    assert "Complaint statistics: Test District Office" in page
    assert "Whole agency" in page
    assert "Civil Affairs Division" in page


@pytest.mark.parametrize("code", ["no-such", "<b>x</b>", "x" * 5000])
def test_statistics_explain_an_unknown_agency(
    client: Client, with_statistics: Complaint, code: str
) -> None:
    page = page_of(client.get(reverse("complaints:statistics"), {"agency": code}))
    assert "Select a valid choice" in page
    assert "<b>x</b>" not in page


def test_statistics_are_read_not_counted(
    client: Client, with_statistics: Complaint, django_assert_num_queries: DjangoAssertNumQueries
) -> None:
    with django_assert_num_queries(2):  # the agency list and the precomputed figures
        page_of(client.get(reverse("complaints:statistics")))
