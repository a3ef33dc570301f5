"""The citizen's pages: filing, the receipt, the list, the case page and its steps."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import RunOnCommit, assert_only_these_can_see, log_in
from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.complaints import actions
from egov.complaints.deadlines import time_left
from egov.complaints.models import (
    Attachment,
    Category,
    Complaint,
    CoSigner,
    ExtensionStatus,
    Status,
)
from egov.complaints.tests.conftest import SEOUL, answer, days_moved, received_on, submit
from egov.complaints.views import citizen as citizen_views
from egov.lib.calendar import WorkingCalendar
from egov.lib.files import MAX_ATTACHMENT_BYTES
from egov.notifications.models import Notification

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01"
HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def pdf(name: str = "scan.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def filing(subject: Category, /, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "grievance",
        "category": subject.code,
        "agency": "",
        "title": "Streetlight dark for a week",
        "body": "The streetlight in front of 12 Yulgok-ro has been dark for a week.",
        "location_text": "12 Yulgok-ro",
        "visibility": "private",
    }
    data.update(overrides)
    return data


def page_of(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    text: str = response.content.decode()
    # The strict CSP would block these: no page may rely on them.
    assert "style=" not in text
    # Scripts only from our static files (the shell's), never inline.
    assert not re.search(r'<script(?![^>]*\ssrc="/static/)', text)
    return text


@pytest.fixture
def citizen_client(client: Client, citizen: User) -> Client:
    return log_in(client, citizen)


def as_user(user: User) -> Client:
    return log_in(Client(), user)


# ---- filing -------------------------------------------------------------------------------


def test_the_form_offers_types_with_their_periods_and_subjects_in_the_reader_s_language(
    citizen_client: Client, category: Category
) -> None:
    page = page_of(citizen_client.get(reverse("complaints:new")))
    assert "Grievance: answered within 7 working days" in page
    assert "Suggestion: answered within 14 working days" in page
    assert "Let egov route it" in page
    # Files are chosen on the check page, which says where the complaint will go.
    assert 'name="step" value="check"' in page
    assert "<legend>What kind of request is it?</legend>" in page
    citizen_client.cookies["django_language"] = "ko"
    assert "가로등" in page_of(citizen_client.get(reverse("complaints:new")))


def test_a_citizen_files_a_complaint_and_sees_the_receipt_at_once(
    citizen_client: Client, citizen: User, category: Category
) -> None:
    response = citizen_client.post(
        reverse("complaints:new"),
        {**filing(category), "attachments": [pdf(), pdf("photo.png", PNG_BYTES)]},
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:receipt", args=[complaint.receipt_number])
    assert (complaint.citizen, complaint.title, complaint.is_public) == (
        citizen,
        "Streetlight dark for a week",
        False,
    )
    assert complaint.location_text == "12 Yulgok-ro"
    assert [a.content_type for a in Attachment.objects.order_by("id")] == [
        "application/pdf",
        "image/png",
    ]
    receipt = page_of(citizen_client.get(response["Location"]))
    assert f'<dd class="complaint-receipt-number">{complaint.receipt_number}</dd>' in receipt
    assert "How the due date was worked out" in receipt
    assert "<dd>7 days</dd>" in receipt
    assert "the day the complaint was received is the first of them" in receipt
    assert "We will hide these" not in receipt


def test_the_receipt_prints_with_the_moment_of_filing_how_to_follow_and_a_real_contact(
    citizen_client: Client, complaint: Complaint
) -> None:
    receipt = page_of(
        citizen_client.get(reverse("complaints:receipt", args=[complaint.receipt_number]))
    )
    received = timezone.localtime(complaint.received_at)
    assert f'<time datetime="{received.isoformat(timespec="seconds")}">' in receipt
    assert f"http://testserver/complaints/{complaint.receipt_number}/" in receipt
    # A contact that exists wherever the citizen is: the government's 110 line.
    assert "110, the Government Call Centre" in receipt
    # The page prints alone: its buttons are marked to be left out.
    assert 'class="complaint-form-page printable receipt"' in receipt
    assert '<p class="actions no-print">' in receipt


def test_the_agency_may_be_chosen(
    citizen_client: Client, category: Category, agency: Agency
) -> None:
    citizen_client.post(reverse("complaints:new"), filing(category, agency=agency.code))
    assert Complaint.objects.get().agency == agency


def test_missing_fields_are_named_and_nothing_is_filed(
    citizen_client: Client, category: Category
) -> None:
    page = page_of(citizen_client.post(reverse("complaints:new"), {}))
    assert "This field is required." not in page
    for message in (
        "Choose the type of complaint.",
        "Choose what the complaint is about.",
        "Give the complaint a title.",
        "Describe what the complaint is about.",
        "Choose who may read the complaint.",
    ):
        # Next to its field, and in the summary as a link to it.
        assert page.count(message) == 2, message
    assert '<a href="#id_type_0">Choose the type of complaint.</a>' in page
    assert "<title>Error: " in page
    assert "There is a problem" in page
    assert not Complaint.objects.exists()


def test_oversized_text_is_refused_and_what_was_typed_is_kept(
    citizen_client: Client, category: Category
) -> None:
    page = page_of(
        citizen_client.post(
            reverse("complaints:new"),
            filing(category, title="T" * 201, body="B" * 10_001, location_text="L" * 301),
        )
    )
    assert "at most 200 characters (it has 201)" in page
    assert "at most 10000 characters (it has 10001)" in page
    assert "at most 300 characters (it has 301)" in page
    assert 'value="' + "T" * 201 + '"' in page
    assert "B" * 10_001 in page
    assert not Complaint.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("type", "complaint"),
        ("type", "<b>inquiry</b>"),
        ("category", "no-such-subject"),
        ("category", "1"),
        ("agency", "no-such-agency"),
        ("visibility", "everyone"),
    ],
)
def test_values_that_are_not_on_offer_are_refused(
    citizen_client: Client, category: Category, field: str, value: str
) -> None:
    page = page_of(
        citizen_client.post(reverse("complaints:new"), filing(category, **{field: value}))
    )
    assert "Select a valid choice." in page
    assert "<b>inquiry</b>" not in page
    assert not Complaint.objects.exists()


def test_an_agency_that_does_not_handle_the_subject_is_explained_on_the_form(
    citizen_client: Client,
    category: Category,
    platform_admin: User,
    other_agency: Agency,
    unit_of_other_agency: Unit,
) -> None:
    # The other agency handles some subject, so it is on offer, but not streetlights.
    other_category = actions.create_category(
        actor=platform_admin, code="noise", name_en="Noise", name_ko="소음", name_id="Kebisingan"
    )
    actions.set_routing(
        actor=platform_admin,
        category=other_category,
        agency=other_agency,
        unit=unit_of_other_agency,
    )
    page = page_of(
        citizen_client.post(reverse("complaints:new"), filing(category, agency=other_agency.code))
    )
    assert "Other District Office does not handle this category; Test District Office does." in page
    assert 'name="use_agency" value="test-district"' in page
    assert 'value="Streetlight dark for a week"' in page
    assert not Complaint.objects.exists()


def test_markup_in_a_complaint_is_shown_as_text_everywhere(
    citizen_client: Client, category: Category
) -> None:
    response = citizen_client.post(
        reverse("complaints:new"), filing(category, title=HOSTILE, body=HOSTILE)
    )
    complaint = Complaint.objects.get()
    assert complaint.title == HOSTILE
    for url in (response["Location"], complaint.get_absolute_url(), reverse("complaints:mine")):
        page = page_of(citizen_client.get(url))
        assert "&lt;script&gt;" in page
        assert "<img src=x" not in page
    # ...and on a form that has to be corrected.
    page = page_of(
        citizen_client.post(reverse("complaints:new"), filing(category, body=HOSTILE, title=""))
    )
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_a_request_too_big_to_read_is_refused_with_a_page_not_an_error(
    citizen_client: Client, category: Category
) -> None:
    response = citizen_client.post(
        reverse("complaints:new"), filing(category, body="B" * 3_000_000)
    )
    assert response.status_code == 400
    assert not Complaint.objects.exists()


def test_a_nul_character_is_refused_rather_than_stored(
    citizen_client: Client, category: Category
) -> None:
    page = page_of(citizen_client.post(reverse("complaints:new"), filing(category, body="a\x00b")))
    assert "Null characters are not allowed." in page
    assert not Complaint.objects.exists()


def test_an_executable_named_like_a_pdf_is_refused(
    citizen_client: Client, category: Category
) -> None:
    program = pdf("invoice.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" * 64)
    page = page_of(
        citizen_client.post(reverse("complaints:new"), {**filing(category), "attachments": program})
    )
    assert "invoice.pdf is not a file type we accept." in page
    assert "choose them again" in page
    assert not Complaint.objects.exists()
    assert not Attachment.objects.exists()


def test_more_than_five_files_are_refused(citizen_client: Client, category: Category) -> None:
    files = [pdf(f"scan{number}.pdf") for number in range(6)]
    page = page_of(
        citizen_client.post(reverse("complaints:new"), {**filing(category), "attachments": files})
    )
    assert "You can attach at most 5 files." in page
    assert not Complaint.objects.exists()


def test_an_empty_file_is_refused(citizen_client: Client, category: Category) -> None:
    page = page_of(
        citizen_client.post(
            reverse("complaints:new"), {**filing(category), "attachments": pdf("blank.pdf", b"")}
        )
    )
    assert "blank.pdf is empty." in page
    assert not Complaint.objects.exists()


def test_a_file_over_10_mb_is_refused(citizen_client: Client, category: Category) -> None:
    huge = pdf("huge.pdf", PDF_BYTES + b"0" * (MAX_ATTACHMENT_BYTES + 1 - len(PDF_BYTES)))
    page = page_of(
        citizen_client.post(reverse("complaints:new"), {**filing(category), "attachments": huge})
    )
    assert "huge.pdf is 10.0\xa0MB; a file can be at most 10.0\xa0MB." in page
    assert not Complaint.objects.exists()


def test_a_file_name_with_markup_is_shown_as_text(
    citizen_client: Client, category: Category
) -> None:
    response = citizen_client.post(
        reverse("complaints:new"),
        {**filing(category), "attachments": pdf('"><svg onload=alert(1)>.pdf')},
    )
    page = page_of(citizen_client.get(response["Location"].replace("receipt/", "")))
    assert "<svg" not in page
    assert "&lt;svg onload=alert(1)&gt;.pdf" in page


def test_staff_file_for_citizens_elsewhere_not_here(officer: User, category: Category) -> None:
    officer_client = as_user(officer)
    assert officer_client.get(reverse("complaints:new")).status_code == 403
    assert officer_client.post(reverse("complaints:new"), filing(category)).status_code == 403
    assert not Complaint.objects.exists()


def test_a_visitor_is_asked_to_sign_in_first(client: Client, db: None) -> None:
    response = client.get(reverse("complaints:new"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_personal_data_in_a_public_complaint_is_pointed_out_but_not_refused(
    citizen_client: Client, category: Category
) -> None:
    body = "Call me on 010-1234-5678 or write to minsu.kim@example.com about the lamp."
    response = citizen_client.post(
        reverse("complaints:new"), filing(category, body=body, visibility="public")
    )
    complaint = Complaint.objects.get()
    assert complaint.is_public
    assert complaint.body == body
    for url in (response["Location"], complaint.get_absolute_url()):
        page = page_of(citizen_client.get(url))
        assert "We will hide these before publishing:" in page
        assert "phone number: 010-1234-5678" in page
        assert "email address: minsu.kim@example.com" in page


def test_a_private_complaint_has_nothing_to_hide_from_the_public(
    citizen_client: Client, category: Category
) -> None:
    response = citizen_client.post(
        reverse("complaints:new"), filing(category, body="Call me on 010-1234-5678.")
    )
    assert "We will hide these" not in page_of(citizen_client.get(response["Location"]))


def test_the_receipt_names_the_holidays_that_did_not_count(
    citizen_client: Client, complaint: Complaint
) -> None:
    # Received on Wednesday 7 October 2026; Friday the 9th is Hangul Day.
    received_on(complaint, datetime.date(2026, 10, 7))
    url = reverse("complaints:receipt", args=[complaint.receipt_number])
    page = page_of(citizen_client.get(url))
    assert "Not counted: Public holiday: Hangul Day" in page
    assert page.count("Not counted: Saturday") == 1
    assert "16 October 2026" in page  # 7 working days, the day of receipt first: 7, 8, 12-16
    citizen_client.cookies["django_language"] = "ko"
    assert "한글날" in page_of(citizen_client.get(url))


# ---- the citizen's list ---------------------------------------------------------------------


def test_my_complaints_lists_mine_and_those_i_signed_newest_first(
    citizen_client: Client,
    citizen: User,
    other_citizen: User,
    category: Category,
) -> None:
    older = submit(citizen, category, title="Older one")
    received_on(older, datetime.date(2026, 1, 5))
    newer = submit(citizen, category, title="Newer one")
    theirs = submit(other_citizen, category, title="Call 010-9876-5432 about it")
    actions.add_cosigner(citizen=other_citizen, complaint=theirs, user=citizen)
    actions.cosign(citizen=citizen, complaint=theirs)
    submit(other_citizen, category, title="Not mine at all")

    page = page_of(citizen_client.get(reverse("complaints:mine")))
    positions = [page.index(c.receipt_number) for c in (theirs, newer, older)]
    assert positions == sorted(positions)
    assert "Not mine at all" not in page
    assert "(co-signed)" in page
    assert "010-****-5432" in page  # someone else's title reads as published
    assert "Overdue by" in page
    assert "working days left" in page


def test_the_time_left_is_told_in_words_in_the_unit_the_law_counts_in() -> None:
    calendar = WorkingCalendar()

    def seoul(day: int, hour: int, minute: int = 0) -> datetime.datetime:
        return datetime.datetime(2026, 11, day, hour, minute, tzinfo=SEOUL)

    def words(case: Complaint, now: datetime.datetime) -> str:
        return time_left(case, now, calendar=calendar).text

    # A grievance (7 days, counted in days) due by the end of Wednesday 4 November 2026.
    case = Complaint(status=Status.IN_PROGRESS, period_days=7, due_at=seoul(5, 0))
    assert words(case, seoul(2, 9)) == "2 working days left"
    assert words(case, seoul(4, 17)) == "Due today"
    assert words(case, seoul(9, 10)) == "Overdue by 3 working days"  # Thu 5, Fri 6, Mon 9
    # An "other" complaint (3 days, counted in hours) due at 10:00 on Wednesday 4 November:
    # at 17:00 on Tuesday one office hour is left that day and one on Wednesday.
    quick = Complaint(status=Status.IN_PROGRESS, period_days=3, due_at=seoul(4, 10))
    assert words(quick, seoul(3, 17)) == "2 working hours left"
    assert words(quick, seoul(4, 11, 30)) == "Overdue by 1 working hour"
    case.status = Status.AWAITING_SUPPLEMENT
    assert "Clock stopped" in words(case, seoul(2, 9))
    case.status = Status.ANSWERED
    assert words(case, seoul(2, 9)) == "Finished"


def test_my_complaints_costs_the_same_queries_for_two_or_ten(
    citizen_client: Client,
    citizen: User,
    category: Category,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for number in range(2):
        submit(citizen, category, title=f"First {number}")
    with django_assert_num_queries(4):  # session, user, unread count, the page
        citizen_client.get(reverse("complaints:mine"))
    for number in range(8):
        submit(citizen, category, title=f"More {number}")
    with django_assert_num_queries(4):
        page_of(citizen_client.get(reverse("complaints:mine")))


def test_my_complaints_pages_by_keyset(
    citizen_client: Client,
    citizen: User,
    category: Category,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(citizen_views, "MY_PAGE_SIZE", 2)
    filed = [submit(citizen, category, title=f"Case {number}") for number in range(5)]
    seen: list[str] = []
    url = reverse("complaints:mine")
    for _page in range(3):
        response = citizen_client.get(url)
        page = page_of(response)
        on_page = [c.receipt_number for c in filed if c.receipt_number in page]
        seen += sorted(on_page, key=page.index)
        next_cursor = response.context["next_cursor"]
        if next_cursor is None:
            break
        url = reverse("complaints:mine") + "?after=" + next_cursor
    assert seen == [c.receipt_number for c in reversed(filed)]
    assert "Newest complaints" in page


@pytest.mark.parametrize("cursor", ["garbage", "1.", ".5", "9" * 30 + ".1", "-1.-1", "١٢.٣"])
def test_a_broken_page_link_is_explained(
    citizen_client: Client, complaint: Complaint, cursor: str
) -> None:
    page = page_of(citizen_client.get(reverse("complaints:mine"), {"after": cursor}))
    assert "This page link is not valid." in page
    assert complaint.receipt_number in page


# ---- the case page ------------------------------------------------------------------------


def test_only_the_people_on_the_case_can_see_it(
    complaint: Complaint, everyone: dict[str, User]
) -> None:
    assert_only_these_can_see(
        complaint.get_absolute_url(),
        everyone,
        allowed={"citizen", "officer", "supervisor", "agency admin"},
    )


def test_the_receipt_is_for_the_same_people(
    complaint: Complaint, everyone: dict[str, User]
) -> None:
    assert_only_these_can_see(
        reverse("complaints:receipt", args=[complaint.receipt_number]),
        everyone,
        allowed={"citizen", "officer", "supervisor", "agency admin"},
    )


@pytest.mark.parametrize("number", ["EP-2611-9999999", "XX-0000-0000000"])
def test_a_case_that_does_not_exist_is_not_found(citizen_client: Client, number: str) -> None:
    assert citizen_client.get(f"/complaints/{number}/").status_code == 404


def test_the_receipt_number_is_read_in_either_case(
    citizen_client: Client, complaint: Complaint
) -> None:
    url = f"/complaints/{complaint.receipt_number.lower()}/"
    assert complaint.receipt_number in page_of(citizen_client.get(url))


@pytest.mark.parametrize("path", ["1", "../admin", "EP-2611-0000001%00", "EP-٢٦١١-0000001"])
def test_anything_but_a_receipt_number_is_not_a_case(
    citizen_client: Client, complaint: Complaint, path: str
) -> None:
    assert citizen_client.get(f"/complaints/{path}/").status_code == 404


def test_the_timeline_names_the_officials_and_never_shows_internal_notes(
    citizen_client: Client,
    assigned: Complaint,
    officer: User,
    other_unit: Any,
) -> None:
    actions.add_internal_note(actor=officer, complaint=assigned, body="Secret: the contractor lied")
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Which lamp post?")
    page = page_of(citizen_client.get(assigned.get_absolute_url()))
    assert "Secret" not in page
    assert "Internal note" not in page
    assert "Received online." in page
    assert "Official: 박공무, Administrative officer" in page
    assert "Which lamp post?" in page
    assert "Test District Office · Civil Affairs Division" in page
    assert "Give the information asked for" in page
    # Times are Seoul's: the received time matches the local clock.
    local = assigned.received_at.astimezone(datetime.timezone(datetime.timedelta(hours=9)))
    assert local.isoformat(timespec="seconds")[:16] in page


def test_the_deadline_explains_extensions_and_pauses(
    citizen_client: Client, assigned: Complaint, officer: User, citizen: User
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Parts on order")
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Photo?")
    actions.answer_supplement_request(citizen=citizen, complaint=assigned, answer_text="Sent")
    page = page_of(citizen_client.get(assigned.get_absolute_url()))
    assert "Extension 1" in page
    assert "2 more days, decided on" in page
    assert "Parts on order" in page
    assert "Clock stopped for more information" in page
    assert "given back" in page
    assert "The deadline was extended by 2 days." in page


def test_answers_show_outcome_legal_basis_reason_and_remedy(
    citizen_client: Client, assigned: Complaint, officer: User
) -> None:
    answer(
        assigned,
        officer,
        outcome="not_accepted",
        body="We cannot move the lamp.",
        legal_basis="Road Act, Article 31",
        refusal_reason="The pole stands on private land.",
        remedy="An administrative appeal within 90 days.",
    )
    page = page_of(citizen_client.get(assigned.get_absolute_url()))
    assert "Answer: Not accepted" in page
    assert "Road Act, Article 31" in page
    assert "The pole stands on private land." in page
    assert "An administrative appeal within 90 days." in page
    assert "Answered by</dt><dd>박공무, Administrative officer" in page
    assert "Rate the answer" in page
    assert "A score of 1 or 2 opens a second review" in page


def test_people_other_than_the_author_see_names_masked_and_personal_data_hidden(
    complaint: Complaint, officer: User, citizen: User, other_citizen: User
) -> None:
    Complaint.objects.filter(pk=complaint.pk).update(
        title="Lamp, call 010-1234-5678", body="My number is 010-1234-5678."
    )
    actions.add_cosigner(citizen=citizen, complaint=complaint, user=other_citizen)
    receipt = reverse("complaints:receipt", args=[complaint.receipt_number])
    for viewer in (officer, other_citizen):
        page = page_of(as_user(viewer).get(complaint.get_absolute_url()))
        assert "010-****-5678" in page
        assert "010-1234-5678" not in page
        assert "김*수" in page
        assert "김민수" not in page
        page = page_of(as_user(viewer).get(receipt))
        assert "Lamp, call 010-****-5678" in page
        assert "We will hide these" not in page
    own = page_of(log_in(Client(), citizen).get(complaint.get_absolute_url()))
    assert "010-1234-5678" in own
    assert "Withdraw the complaint" in own


def test_a_case_page_read_again_costs_four_queries_and_shows_each_new_step_at_once(
    citizen_client: Client,
    complaint: Complaint,
    officer: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    url = complaint.get_absolute_url()
    assert "A named officer now handles the complaint." not in page_of(citizen_client.get(url))
    # The history is cached under the case's revision: session, user, the case, unread count.
    with django_assert_num_queries(4):
        page_of(citizen_client.get(url))
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    page = page_of(citizen_client.get(url))
    assert "A named officer now handles the complaint." in page
    assert "Official: 박공무, Administrative officer" in page
    actions.request_supplement(actor=officer, complaint=complaint, request_text="Which post?")
    page = page_of(citizen_client.get(url))
    assert "Which post?" in page
    assert "Give the information asked for" in page


def test_the_author_s_cached_page_is_never_shown_to_another_reader(
    complaint: Complaint, citizen: User, other_citizen: User
) -> None:
    Complaint.objects.filter(pk=complaint.pk).update(body="Call me on 010-1234-5678.")
    actions.add_cosigner(citizen=citizen, complaint=complaint, user=other_citizen)
    url = complaint.get_absolute_url()
    assert "010-1234-5678" in page_of(log_in(Client(), citizen).get(url))
    page = page_of(as_user(other_citizen).get(url))
    assert "010-1234-5678" not in page
    assert "010-****-5678" in page
    assert "Sign this complaint" in page


def test_the_cached_case_page_follows_the_reader_s_language(
    citizen_client: Client, complaint: Complaint
) -> None:
    url = complaint.get_absolute_url()
    assert "Received online." in page_of(citizen_client.get(url))
    citizen_client.cookies["django_language"] = "ko"
    page = page_of(citizen_client.get(url))
    assert "Received online." not in page
    assert 'lang="ko"' in page


def test_officials_who_open_the_citizen_page_cannot_act_for_the_citizen(
    complaint: Complaint, officer: User
) -> None:
    officer_client = as_user(officer)
    page = page_of(officer_client.get(complaint.get_absolute_url()))
    assert "What you can do now" not in page
    url = reverse("complaints:withdraw", args=[complaint.receipt_number])
    assert officer_client.post(url).status_code == 403
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED


# ---- attachments ---------------------------------------------------------------------------


@pytest.fixture
def with_attachment(citizen: User, category: Category) -> Complaint:
    return submit(citizen, category, attachments=[pdf("잠긴 가로등.pdf")])


def test_the_author_downloads_an_attachment_safely(
    citizen_client: Client, with_attachment: Complaint
) -> None:
    file = with_attachment.attachments.get()
    page = page_of(citizen_client.get(with_attachment.get_absolute_url()))
    url = reverse("complaints:attachment", args=[with_attachment.receipt_number, file.pk])
    assert url in page
    response = citizen_client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "%EC%9E%A0%EA%B8%B4" in response["Content-Disposition"]  # the Korean name, encoded
    assert b"".join(response.streaming_content) == PDF_BYTES  # type: ignore[attr-defined]


def test_attachments_are_for_the_people_on_the_case_only(
    with_attachment: Complaint, everyone: dict[str, User]
) -> None:
    file = with_attachment.attachments.get()
    assert_only_these_can_see(
        reverse("complaints:attachment", args=[with_attachment.receipt_number, file.pk]),
        everyone,
        allowed={"citizen", "officer", "supervisor", "agency admin"},
    )


def test_an_attachment_is_found_only_through_its_own_case(
    citizen_client: Client, with_attachment: Complaint, citizen: User, category: Category
) -> None:
    other = submit(citizen, category, title="Another")
    file = with_attachment.attachments.get()
    for url in (
        reverse("complaints:attachment", args=[other.receipt_number, file.pk]),
        reverse("complaints:attachment", args=[with_attachment.receipt_number, 9_999_999_999]),
    ):
        assert citizen_client.get(url).status_code == 404


def test_a_file_missing_from_storage_is_not_found_rather_than_an_error(
    citizen_client: Client, with_attachment: Complaint
) -> None:
    file = with_attachment.attachments.get()
    assert file.file.name
    file.file.storage.delete(file.file.name)
    url = reverse("complaints:attachment", args=[with_attachment.receipt_number, file.pk])
    assert citizen_client.get(url).status_code == 404


# ---- the citizen's steps -------------------------------------------------------------------


def step_url(name: str, complaint: Complaint) -> str:
    return reverse(f"complaints:{name}", args=[complaint.receipt_number])


@pytest.mark.parametrize(
    "name",
    [
        "answer_supplement",
        "consent_extension",
        "refuse_extension",
        "rate",
        "appeal",
        "invite_cosigner",
        "cosign",
    ],
)
def test_opening_a_step_s_address_leads_back_to_the_case(
    citizen_client: Client, complaint: Complaint, name: str
) -> None:
    response = citizen_client.get(step_url(name, complaint))
    assert response.status_code == 302
    assert response["Location"].startswith(complaint.get_absolute_url())


@pytest.mark.parametrize(
    "name",
    [
        "answer_supplement",
        "consent_extension",
        "refuse_extension",
        "withdraw",
        "rate",
        "appeal",
        "invite_cosigner",
        "cosign",
    ],
)
def test_a_step_on_someone_else_s_case_is_not_found(
    complaint: Complaint, other_citizen: User, name: str
) -> None:
    response = as_user(other_citizen).post(step_url(name, complaint), {"reason": "x"})
    assert response.status_code == 404


STEP_ACTIONS = {
    "answer_supplement": "answer_supplement_request",
    "consent_extension": "consent_to_extension",
    "refuse_extension": "refuse_extension",
    "withdraw": "withdraw_complaint",
    "rate": "rate_answer",
    "appeal": "appeal_repeat_closure",
    "invite_cosigner": "add_cosigner",
    "cosign": "cosign",
}


def refusal_naming_a_field_no_form_has(**arguments: Any) -> None:
    raise ValidationError(
        {"handling_unit": "The unit stopped taking cases today.", "__all__": "Nothing changed."}
    )


@pytest.mark.parametrize("name", STEP_ACTIONS)
def test_a_refused_step_naming_a_field_the_form_lacks_is_a_message_not_a_server_error(
    citizen_client: Client,
    complaint: Complaint,
    other_citizen: User,
    name: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(actions, STEP_ACTIONS[name], refusal_naming_a_field_no_form_has)
    data = {
        "answer_supplement": {"answer_text": "Post 12"},
        "rate": {"score": "4"},
        "appeal": {"reason": "It broke again."},
        "invite_cosigner": {"email": other_citizen.email},
    }.get(name, {})
    page = page_of(citizen_client.post(step_url(name, complaint), data))
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert summary is not None
    assert "The unit stopped taking cases today." in summary.group(1)
    assert "Nothing changed." in summary.group(1)


def test_a_refused_complaint_naming_a_field_the_form_lacks_is_a_message_not_a_server_error(
    citizen_client: Client, category: Category, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(**arguments: Any) -> None:
        raise ValidationError({"channel": "Complaints are taken by phone only today."})

    monkeypatch.setattr(actions, "submit_complaint", refuse)
    page = page_of(citizen_client.post(reverse("complaints:new"), filing(category)))
    summary = re.search(r'<div class="error-summary"[^>]*>(.*?)</div>', page, re.S)
    assert summary is not None
    assert "Complaints are taken by phone only today." in summary.group(1)
    assert 'value="Streetlight dark for a week"' in page
    assert not Complaint.objects.exists()


def test_the_citizen_answers_a_request_for_information_with_a_file(
    citizen_client: Client, assigned: Complaint, officer: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Which post?")
    response = citizen_client.post(
        step_url("answer_supplement", assigned),
        {"answer_text": "Post 12", "attachments": pdf("post.pdf")},
    )
    assert response.status_code == 302
    assigned.refresh_from_db()
    assert assigned.status == Status.IN_PROGRESS
    assert assigned.supplement_requests.get().answer_text == "Post 12"
    assert assigned.attachments.get().original_name == "post.pdf"
    page = page_of(citizen_client.get(assigned.get_absolute_url()))
    assert "The information was sent and the clock runs again." in page
    assert "Post 12" in page


def test_an_empty_answer_to_a_request_is_explained(
    citizen_client: Client, assigned: Complaint, officer: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Which post?")
    for data in ({"answer_text": "   "}, {"answer_text": "x" * 10_001}):
        page = page_of(citizen_client.post(step_url("answer_supplement", assigned), data))
        assert "There is a problem" in page
        # The summary links to the field, and the form's action opens the page at the summary.
        assert 'href="#supplement_answer_text"' in page
        assert 'id="supplement_errors"' in page
        assert "/supplement/#supplement_errors" in page
    assert "Give the information asked for, in words or as attachments." in page_of(
        citizen_client.post(step_url("answer_supplement", assigned), {"answer_text": ""})
    )
    assigned.refresh_from_db()
    assert assigned.status == Status.AWAITING_SUPPLEMENT


def test_markup_given_in_a_step_is_shown_as_text(
    citizen_client: Client, assigned: Complaint, officer: User, closed_as_repeat: Complaint
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Which post?")
    citizen_client.post(step_url("answer_supplement", assigned), {"answer_text": HOSTILE})
    citizen_client.post(step_url("appeal", closed_as_repeat), {"reason": HOSTILE})
    for complaint in (assigned, closed_as_repeat):
        page = page_of(citizen_client.get(complaint.get_absolute_url()))
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
        assert "<img src=x" not in page


def test_answering_when_nothing_was_asked_is_explained(
    citizen_client: Client, complaint: Complaint
) -> None:
    page = page_of(
        citizen_client.post(step_url("answer_supplement", complaint), {"answer_text": "Hi"})
    )
    assert "There is no open request for more information." in page


def test_attachments_to_an_answer_count_with_those_already_sent(
    citizen_client: Client, citizen: User, category: Category, officer: User
) -> None:
    complaint = submit(citizen, category, attachments=[pdf(f"f{n}.pdf") for n in range(4)])
    actions.request_supplement(actor=officer, complaint=complaint, request_text="More?")
    page = page_of(
        citizen_client.post(
            step_url("answer_supplement", complaint),
            {"answer_text": "Here", "attachments": [pdf("a.pdf"), pdf("b.pdf")]},
        )
    )
    assert "You can attach at most 5 files." in page


@pytest.fixture
def awaiting_consent(assigned: Complaint, officer: User) -> Complaint:
    actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Parts")
    actions.extend_deadline(actor=officer, complaint=assigned, days=3, reason="More parts")
    assigned.refresh_from_db()
    return assigned


def test_the_citizen_consents_to_a_second_extension(
    citizen_client: Client, awaiting_consent: Complaint
) -> None:
    page = page_of(citizen_client.get(awaiting_consent.get_absolute_url()))
    assert "May the deadline be extended?" in page
    assert "The officer asks for 3 more days." in page
    # What agreeing means, counted by the clock: three more working days.
    assert "If you agree, the complaint is due by" in page
    before = awaiting_consent.due_at
    response = citizen_client.post(step_url("consent_extension", awaiting_consent))
    assert response.status_code == 302
    assert awaiting_consent.extensions.get(number=2).status == ExtensionStatus.APPLIED
    awaiting_consent.refresh_from_db()
    assert days_moved(awaiting_consent, before) == 3
    # Deciding twice is explained, not an error page.
    page = page_of(citizen_client.post(step_url("refuse_extension", awaiting_consent)))
    assert "No extension is waiting for your answer." in page


def test_the_citizen_refuses_a_second_extension(
    citizen_client: Client, awaiting_consent: Complaint
) -> None:
    due = awaiting_consent.due_at
    citizen_client.post(step_url("refuse_extension", awaiting_consent))
    awaiting_consent.refresh_from_db()
    assert awaiting_consent.extensions.get(number=2).status == ExtensionStatus.REFUSED
    assert awaiting_consent.due_at == due


def test_withdrawing_asks_first_then_withdraws(
    citizen_client: Client, complaint: Complaint
) -> None:
    url = step_url("withdraw", complaint)
    page = page_of(citizen_client.get(url))
    assert "cannot be reopened" in page
    complaint.refresh_from_db()
    assert complaint.status == Status.RECEIVED
    assert citizen_client.post(url).status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.WITHDRAWN
    page = page_of(citizen_client.post(url))
    assert "Only a complaint that is still open can be withdrawn." in page


def test_the_citizen_rates_the_answer(citizen_client: Client, answered: Complaint) -> None:
    response = citizen_client.post(
        step_url("rate", answered), {"score": "4", "comment": "Quick, thanks."}
    )
    assert response.status_code == 302
    rated = answered.answers.get()
    assert (rated.score, rated.rating_comment) == (4, "Quick, thanks.")
    page = page_of(citizen_client.get(answered.get_absolute_url()))
    assert "Thank you for your rating." in page
    assert "4 out of 5: Quick, thanks." in page
    assert "Rate the answer" not in page


def test_a_low_rating_opens_a_second_review_and_says_so(
    citizen_client: Client, answered: Complaint, supervisor: User
) -> None:
    citizen_client.post(step_url("rate", answered), {"score": "1"})
    answered.refresh_from_db()
    assert answered.status == Status.SECOND_REVIEW
    page = page_of(citizen_client.get(answered.get_absolute_url()))
    assert "A second review was opened" in page
    assert "Second review" in page


@pytest.mark.parametrize("score", ["", "0", "6", "four", "<b>5</b>", "1.5"])
def test_a_score_that_is_not_1_to_5_is_refused(
    citizen_client: Client, answered: Complaint, score: str
) -> None:
    page = page_of(citizen_client.post(step_url("rate", answered), {"score": score}))
    assert "There is a problem" in page
    assert "<b>5</b>" not in page
    assert answered.answers.get().score is None


def test_a_rating_comment_has_a_limit(citizen_client: Client, answered: Complaint) -> None:
    page = page_of(
        citizen_client.post(step_url("rate", answered), {"score": "3", "comment": "c" * 2001})
    )
    assert "at most 2000 characters" in page
    assert "c" * 2001 in page


def test_rating_an_unanswered_complaint_is_explained(
    citizen_client: Client, complaint: Complaint
) -> None:
    page = page_of(citizen_client.post(step_url("rate", complaint), {"score": "5"}))
    assert "Only an answered complaint can be rated." in page


@pytest.fixture
def closed_as_repeat(citizen: User, category: Category, officer: User) -> Complaint:
    body = "The streetlight in front of 12 Yulgok-ro has been dark for a week."
    for number in range(2):
        answer(submit(citizen, category, title=f"Again {number}", body=body), officer)
    repeat = submit(citizen, category, body=body)
    actions.close_as_repeat(actor=officer, complaint=repeat, explanation="Answered twice.")
    repeat.refresh_from_db()
    return repeat


def test_the_citizen_appeals_a_repeat_closure(
    citizen_client: Client, closed_as_repeat: Complaint
) -> None:
    page = page_of(citizen_client.get(closed_as_repeat.get_absolute_url()))
    assert "Appeal the closure" in page
    assert "Answered twice." in page
    response = citizen_client.post(
        step_url("appeal", closed_as_repeat), {"reason": "It broke again."}
    )
    assert response.status_code == 302
    closed_as_repeat.refresh_from_db()
    assert closed_as_repeat.status == Status.RECEIVED


def test_an_appeal_needs_a_reason(citizen_client: Client, closed_as_repeat: Complaint) -> None:
    for reason in ("", "r" * 2001):
        page = page_of(
            citizen_client.post(step_url("appeal", closed_as_repeat), {"reason": reason})
        )
        assert 'id="appeal_reason_error"' in page
    closed_as_repeat.refresh_from_db()
    assert closed_as_repeat.status == Status.CLOSED


def test_appealing_an_open_complaint_is_explained(
    citizen_client: Client, complaint: Complaint
) -> None:
    page = page_of(citizen_client.post(step_url("appeal", complaint), {"reason": "Why not"}))
    assert "Only a complaint closed as a repeat can be appealed." in page


def test_the_author_invites_someone_by_email_and_they_sign(
    citizen_client: Client, complaint: Complaint, other_citizen: User, run_on_commit: RunOnCommit
) -> None:
    with run_on_commit():
        response = citizen_client.post(
            step_url("invite_cosigner", complaint), {"email": "OTHER@test.example"}
        )
    assert response.status_code == 302
    invitation = CoSigner.objects.get(complaint=complaint)
    assert invitation.user == other_citizen
    assert Notification.objects.filter(recipient=other_citizen).exists()

    signer = as_user(other_citizen)
    page = page_of(signer.get(complaint.get_absolute_url()))
    assert "Sign this complaint" in page
    assert signer.post(step_url("cosign", complaint)).status_code == 302
    invitation.refresh_from_db()
    assert invitation.signed_at is not None
    page = page_of(signer.post(step_url("cosign", complaint)))
    assert "There is a problem" in page
    assert "Signed also by" in page_of(citizen_client.get(complaint.get_absolute_url()))


@pytest.mark.parametrize("email", ["nobody@test.example", "officer@test.example"])
def test_an_invitation_never_tells_whether_an_address_has_an_account(
    citizen_client: Client, complaint: Complaint, officer: User, other_citizen: User, email: str
) -> None:
    response = citizen_client.post(step_url("invite_cosigner", complaint), {"email": email})
    assert response.status_code == 302
    page = page_of(citizen_client.get(response["Location"]))
    assert f"If {email} belongs to an egov account that can sign complaints" in page
    assert not CoSigner.objects.exists()
    # Inviting someone a second time reads the same as the first time.
    citizen_client.post(step_url("invite_cosigner", complaint), {"email": other_citizen.email})
    response = citizen_client.post(
        step_url("invite_cosigner", complaint), {"email": other_citizen.email}
    )
    assert response.status_code == 302


@pytest.mark.parametrize("email", ["", "not an address", "a@" + "b" * 300 + ".com", HOSTILE])
def test_an_invitation_needs_a_real_address(
    citizen_client: Client, complaint: Complaint, email: str
) -> None:
    page = page_of(citizen_client.post(step_url("invite_cosigner", complaint), {"email": email}))
    assert 'id="invite_email_error"' in page
    assert "<script>alert" not in page


def test_inviting_oneself_is_explained(
    citizen_client: Client, complaint: Complaint, citizen: User
) -> None:
    page = page_of(
        citizen_client.post(step_url("invite_cosigner", complaint), {"email": citizen.email})
    )
    assert "You have signed your own complaint already." in page


def test_nobody_signs_without_an_invitation(citizen_client: Client, complaint: Complaint) -> None:
    # The author may see the case but is not an invitee: the action refuses.
    assert citizen_client.post(step_url("cosign", complaint)).status_code == 403


def test_the_dashboard_lists_the_citizen_s_recent_complaints(
    citizen_client: Client, complaint: Complaint
) -> None:
    page = page_of(citizen_client.get(reverse("portal:dashboard")))
    assert "Your complaints" in page
    assert complaint.receipt_number in page
    assert reverse("complaints:mine") in page


def test_a_notification_links_to_the_case_page(complaint: Complaint) -> None:
    assert complaint.get_absolute_url() == reverse(
        "complaints:detail", args=[complaint.receipt_number]
    )


def test_the_location_is_not_offered_the_citizens_home_address(
    citizen_client: Client, category: Category
) -> None:
    # Where the problem is, not where the citizen lives (HTML autofill: no address token).
    page = page_of(citizen_client.get(reverse("complaints:new")))
    field = re.search(r'<input type="text" name="location_text"[^>]*>', page)
    assert field is not None
    assert 'autocomplete="off"' in field.group(0)
    assert "street-address" not in page


def test_the_case_page_reads_in_order_the_answer_then_its_rating_then_the_timeline(
    citizen_client: Client, answered: Complaint
) -> None:
    page = page_of(citizen_client.get(answered.get_absolute_url()))
    positions = [page.index(f'id="{name}"') for name in ("answers-heading", "rate-heading")]
    positions.append(page.index('id="timeline-heading"'))
    assert positions == sorted(positions)
