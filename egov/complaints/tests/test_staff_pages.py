"""The officer's work queue and case page: who sees them, what they show, what they record."""

from __future__ import annotations

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from conftest import assert_only_these_can_see, log_in
from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.complaints import actions
from egov.complaints.limits import QUEUE_PAGE_SIZE
from egov.complaints.models import Category, Complaint, ComplaintType, Status
from egov.complaints.queries import timeline_for
from egov.complaints.tests.conftest import SEOUL, answer, submit
from egov.lib.calendar import WorkingCalendar, local_date
from egov.privacy.models import AccessEvent, AccessPurpose

QUEUE = "/staff/complaints/"


def case_url(complaint: Complaint) -> str:
    return reverse("complaints_staff:case", args=[complaint.receipt_number])


def due_on(complaint: Complaint, day: datetime.date) -> Complaint:
    """Arrange the scene: the case is due by the end of ``day``."""
    midnight = datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time(0), SEOUL)
    Complaint.objects.filter(pk=complaint.pk).update(due_at=midnight)
    complaint.refresh_from_db()
    return complaint


def working_days_after(day: datetime.date, count: int) -> datetime.date:
    """The ``count``-th working day after ``day``."""
    calendar = WorkingCalendar()
    for _ in range(count):
        day = calendar.next_working_day(day)
    return day


def today() -> datetime.date:
    return local_date(timezone.now())


def signed_in_as(user: User) -> Client:
    return log_in(Client(), user)


def row_titles(html: str) -> list[str]:
    """The case titles of the queue table, top to bottom."""
    return re.findall(r'<th scope="row"><a [^>]*>[^<]*</a></th>\s*<td>([^<]*)</td>', html)


@pytest.fixture
def routed_to_other_unit(platform_admin: User, other_unit: Unit) -> Category:
    roads = actions.create_category(
        actor=platform_admin,
        code="roads",
        name_en="Roads",
        name_ko="도로",
        name_id="Jalan",
        default_agency=other_unit.agency,
    )
    actions.set_routing(
        actor=platform_admin, category=roads, agency=other_unit.agency, unit=other_unit
    )
    return roads


# ---- who sees what -------------------------------------------------------------


def test_only_the_handling_units_staff_and_the_agency_admin_see_the_case_page(
    complaint: Complaint, everyone: dict[str, User]
) -> None:
    # The citizen who wrote it reads it on the citizen pages, never here.
    assert_only_these_can_see(
        case_url(complaint), everyone, {"officer", "supervisor", "agency admin"}
    )


def test_every_case_handler_has_a_queue_and_everyone_else_gets_404(
    everyone: dict[str, User],
) -> None:
    # Platform administrators run the platform; they handle no cases (rules.py).
    assert_only_these_can_see(
        QUEUE, everyone, {"officer", "officer of another unit", "supervisor", "agency admin"}
    )


@pytest.mark.parametrize(
    "path",
    [
        "/staff/complaints/EP-2611-0000001/",  # no such case
        "/staff/complaints/1/",  # a database id is not a receipt number
        "/staff/complaints/²/",  # a digit that int() refuses
        # EP-2611-0000001 in Arabic-Indic digits
        "/staff/complaints/EP-\u0662\u0666\u0661\u0661-\u0660\u0660\u0660\u0660\u0660\u0660\u0661/",
        "/staff/complaints/EP-2611-00000001%00/",
    ],
)
def test_a_case_that_is_not_there_is_a_404(officer: User, path: str) -> None:
    assert signed_in_as(officer).get(path).status_code == 404


def test_the_staff_pages_are_linked_from_the_header_for_staff_only(
    officer: User, citizen: User
) -> None:
    assert f'href="{QUEUE}"' in signed_in_as(officer).get("/my/").text
    assert f'href="{QUEUE}"' not in signed_in_as(citizen).get("/my/").text


# ---- the queue --------------------------------------------------------------------


def test_the_queue_lists_the_units_open_cases_most_urgent_first_with_the_time_left(
    citizen: User,
    category: Category,
    routed_to_other_unit: Category,
    officer: User,
) -> None:
    now = today()
    later = due_on(submit(citizen, category, title="Three days left"), working_days_after(now, 3))
    overdue = due_on(submit(citizen, category, title="Long overdue"), now - datetime.timedelta(30))
    due_today = due_on(submit(citizen, category, title="Due today"), now)
    waiting = submit(citizen, category, title="Waiting for a photo")
    actions.request_supplement(actor=officer, complaint=waiting, request_text="A photo?")
    due_on(waiting, working_days_after(now, 5))
    submit(citizen, routed_to_other_unit, title="Another unit's")
    actions.withdraw_complaint(citizen=citizen, complaint=submit(citizen, category, title="Gone"))

    page = signed_in_as(officer).get(QUEUE)

    assert page.status_code == 200
    html = page.text
    assert row_titles(html) == [
        "Long overdue",
        "Due today",
        "Three days left",
        "Waiting for a photo",
    ]
    late = WorkingCalendar().working_days_after(overdue.due.day, now)
    assert f"Overdue by {late} working days" in html
    assert "Due today" in html
    assert "3 working days left" in html
    assert "Clock stopped: waiting for the information asked for" in html
    assert "Not assigned" in html
    assert later.receipt_number in html
    assert due_today.receipt_number in html


def test_the_queue_shows_who_holds_each_case(
    citizen: User, category: Category, officer: User, second_officer: User
) -> None:
    case = submit(citizen, category, title="Held")
    actions.assign_complaint(actor=officer, complaint=case, officer=second_officer)
    html = signed_in_as(officer).get(QUEUE).text
    assert second_officer.name in html


def holder_cell(html: str, complaint: Complaint) -> str:
    """The text of the queue's "Held by" cell in the case's row, tags stripped."""
    row = re.search(
        rf"<tr[^>]*>\s*<th scope=\"row\"><a [^>]*>{complaint.receipt_number}</a>.*?</tr>",
        html,
        re.S,
    )
    assert row is not None, complaint.receipt_number
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(0), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", cells[6]).split())


def test_the_queue_says_who_holds_each_case_now_a_reviewer_in_second_review(
    citizen: User,
    category: Category,
    officer: User,
    second_officer: User,
    supervisor: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    User.objects.filter(pk=second_officer.pk).update(name="이담당")
    User.objects.filter(pk=supervisor.pk).update(name="최검토")
    waiting = submit(citizen, category, title="Nobody yet")
    held = submit(citizen, category, title="Held")
    actions.assign_complaint(actor=officer, complaint=held, officer=second_officer)
    reviewed = submit(citizen, category, title="Reviewed")
    actions.assign_complaint(actor=officer, complaint=reviewed, officer=second_officer)
    answer(reviewed, second_officer)
    actions.rate_answer(citizen=citizen, complaint=reviewed, score=1)
    reviewed.refresh_from_db()
    assert reviewed.status == Status.SECOND_REVIEW

    client = signed_in_as(officer)
    html = client.get(QUEUE).text

    assert '<th scope="col">Held by</th>' in html
    assert holder_cell(html, waiting) == "Not assigned"
    assert holder_cell(html, held) == "이담당"
    # The reviewer holds it, not the officer who answered first.
    assert holder_cell(html, reviewed) == "최검토 Second review"

    # The holder costs no query per row: as many with one more case in review.
    with CaptureQueriesContext(connection) as few:
        client.get(QUEUE)
    again = submit(citizen, category, title="Reviewed again")
    actions.assign_complaint(actor=officer, complaint=again, officer=second_officer)
    answer(again, second_officer)
    actions.rate_answer(citizen=citizen, complaint=again, score=2)
    with CaptureQueriesContext(connection) as more:
        assert holder_cell(client.get(QUEUE).text, again) == "최검토 Second review"
    assert len(more.captured_queries) == len(few.captured_queries)


def test_the_queue_names_the_agency_administrators_when_a_review_found_no_reviewer(
    citizen: User, category: Category, officer: User, second_officer: User
) -> None:
    case = submit(citizen, category, title="No reviewer")
    actions.assign_complaint(actor=officer, complaint=case, officer=second_officer)
    answer(case, second_officer)
    actions.rate_answer(citizen=citizen, complaint=case, score=1)
    # The unit has no supervisor and the agency no administrator: nobody was chosen.
    assert case.second_review.reviewer is None
    html = signed_in_as(officer).get(QUEUE).text
    assert holder_cell(html, case) == "An agency administrator Second review"


def test_an_agency_admin_sees_every_unit_of_the_agency_with_the_unit_named(
    citizen: User,
    category: Category,
    routed_to_other_unit: Category,
    agency_admin: User,
) -> None:
    submit(citizen, category, title="Streetlight")
    submit(citizen, routed_to_other_unit, title="Pothole")
    html = signed_in_as(agency_admin).get(QUEUE).text
    assert sorted(row_titles(html)) == ["Pothole", "Streetlight"]
    assert "Roads Division" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?mine=on", ["Mine"]),
        ("?type=inquiry", ["Mine"]),
        ("?status=awaiting_supplement", ["Waiting"]),
        ("?due_today=on", ["Today"]),
        ("?overdue=on", ["Late"]),
        ("?status=received&overdue=on", ["Late"]),
        ("?unknown=ignored", ["Late", "Waiting", "Today", "Mine"]),
    ],
)
def test_the_queue_filters_by_status_type_due_today_overdue_and_mine(
    citizen: User, category: Category, officer: User, query: str, expected: list[str]
) -> None:
    now = today()
    mine = submit(citizen, category, title="Mine", type=ComplaintType.INQUIRY)
    actions.assign_complaint(actor=officer, complaint=mine, officer=officer)
    due_on(mine, working_days_after(now, 9))
    due_on(submit(citizen, category, title="Today"), now)
    due_on(submit(citizen, category, title="Late"), now - datetime.timedelta(days=10))
    waiting = submit(citizen, category, title="Waiting")
    actions.request_supplement(actor=officer, complaint=waiting, request_text="Where?")
    due_on(waiting, now - datetime.timedelta(days=5))

    page = signed_in_as(officer).get(QUEUE + query)

    assert page.status_code == 200
    assert row_titles(page.text) == expected


def test_the_filters_stay_chosen_on_the_page(citizen: User, officer: User) -> None:
    html = signed_in_as(officer).get(QUEUE + "?status=in_progress&mine=on").text
    assert '<option value="in_progress" selected>' in html
    assert re.search(r'<input type="checkbox" name="mine"[^>]* checked', html)


def test_an_empty_queue_says_so(officer: User) -> None:
    assert "No open complaint matches these filters." in signed_in_as(officer).get(QUEUE).text


@pytest.mark.parametrize("count", [3, 30])
def test_the_queue_costs_the_same_few_queries_for_3_or_30_cases(
    citizen: User,
    category: Category,
    officer: User,
    second_officer: User,
    count: int,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    for number in range(count):
        case = submit(citizen, category, title=f"Case {number}")
        if number % 2:
            actions.assign_complaint(actor=officer, complaint=case, officer=second_officer)
    client = signed_in_as(officer)
    # The session, the user, their position, unit and agency, one page of the queue,
    # whether the unit is an employment office (the header's link to the jobs
    # service), the unread count, and the staff session's last-seen time saved
    # (three statements).
    with django_assert_num_queries(11):
        page = client.get(QUEUE)
    assert len(row_titles(page.text)) == count


def test_the_next_page_link_carries_the_cursor_and_the_filters(
    citizen: User, category: Category, officer: User
) -> None:
    for number in range(QUEUE_PAGE_SIZE + 3):
        submit(citizen, category, title=f"Case {number:02d}", type=ComplaintType.INQUIRY)
    client = signed_in_as(officer)

    first = client.get(QUEUE + "?type=inquiry")
    match = re.search(r'<a href="(\?[^"]+)" rel="next">Next page</a>', first.text)
    assert match is not None
    next_url = match.group(1).replace("&amp;", "&")
    assert "type=inquiry" in next_url
    assert "after=" in next_url
    second = client.get(QUEUE + next_url)

    titles = row_titles(first.text) + row_titles(second.text)
    assert titles == [f"Case {number:02d}" for number in range(QUEUE_PAGE_SIZE + 3)]
    assert 'rel="next"' not in second.text
    assert "First page" in second.text


@pytest.mark.parametrize(
    "cursor",
    [
        "not-a-cursor",
        "1796000000000000x.1",
        "1796000000000000.",
        "1796000000000000.-5",
        "1796000000000000.0",
        "1796000000000000.99999999999999999999999",
        "1796000000000000.²",
        "\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0661.\u0661",  # Arabic-Indic digits
        "1796000000000000.1' OR '1'='1",
        "<script>alert(1)</script>",
        "1796000000000000." + "9" * 2000,
        "1796000000000000.1\x00",
    ],
)
def test_a_broken_or_hostile_cursor_is_a_clear_400_never_a_server_error(
    complaint: Complaint, officer: User, cursor: str
) -> None:
    page = signed_in_as(officer).get(QUEUE, {"after": cursor})
    assert page.status_code == 400
    assert "Start again from the first page of the queue" in page.text
    assert "<script>alert(1)</script>" not in page.text
    assert f'href="{QUEUE}"' in page.text


@pytest.mark.parametrize("query", ["?status=closed", "?status=%3Cb%3E", "?type=" + "x" * 500])
def test_a_filter_that_is_not_offered_is_refused_with_a_message(officer: User, query: str) -> None:
    page = signed_in_as(officer).get(QUEUE + query)
    assert page.status_code == 400
    assert "Select a valid choice" in page.text


def test_a_cursor_from_another_query_still_gives_a_page(
    complaint: Complaint, officer: User
) -> None:
    # A well-formed cursor is only a position in the queue: it never shows another unit's case.
    page = signed_in_as(officer).get(QUEUE, {"after": "946684800000000.1"})
    assert page.status_code == 200
    assert row_titles(page.text) == [complaint.title]


# ---- the case page ----------------------------------------------------------------


def test_the_case_page_shows_the_case_its_deadline_and_its_whole_timeline(
    assigned: Complaint, officer: User
) -> None:
    actions.extend_deadline(actor=officer, complaint=assigned, days=2, reason="Parts on order")
    actions.add_internal_note(actor=officer, complaint=assigned, body="Called the contractor.")

    html = signed_in_as(officer).get(case_url(assigned)).text

    assert assigned.title in html
    assert assigned.body in html
    assert "How the deadline is counted" in html
    assert "<dd>7 days</dd>" in html
    assert "Which days counted" in html
    assert "Extension 1" in html
    assert "Parts on order" in html
    assert "Called the contractor." in html
    assert "Staff only" in html
    assert "Transferred 0 times" in html
    assert html.count("<h1>") == 1


def test_the_case_page_flags_a_case_moved_too_often_and_a_repeat_candidate(
    complaint: Complaint, officer: User, officer_of_other_unit: User, unit: Unit, other_unit: Unit
) -> None:
    for actor, to_unit in ((officer, other_unit), (officer_of_other_unit, unit)) * 2:
        actions.transfer_complaint(
            actor=actor, complaint=complaint, to_unit=to_unit, reason="Not ours"
        )
    Complaint.objects.filter(pk=complaint.pk).update(is_repeat_candidate=True)

    html = signed_in_as(officer).get(case_url(complaint)).text

    assert "Transferred 4 times" in html
    assert "Flagged: moved more than twice" in html
    assert "Possible repeat" in html
    assert "Close as a repeat" in html


def test_only_the_forms_the_case_allows_are_offered(answered: Complaint, officer: User) -> None:
    html = signed_in_as(officer).get(case_url(answered)).text
    assert "Add an internal note" in html
    for heading in ("Send the answer", "Ask for more information", "Transfer to another unit"):
        assert heading not in html


def action_menu(html: str) -> list[tuple[str, str]]:
    """The case page's action menu: (target id, link text) for each link, in order."""
    menu = re.search(r'<nav class="staff-action-menu" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    assert menu is not None, "no action menu"
    assert menu.group(1) == "What you can do"
    return re.findall(r'<a href="#([a-z-]+)">([^<]+)</a>', menu.group(2))


def test_the_case_page_puts_the_deadline_first_and_a_menu_that_jumps_to_each_form(
    assigned: Complaint, officer: User
) -> None:
    html = signed_in_as(officer).get(case_url(assigned)).text

    facts = html[html.index('<dl class="facts staff-case-facts">') :]
    assert facts.index("<dt>Due</dt>") < facts.index("<dt>Status</dt>")
    # Deadline and menu come before the complaint's text, the timeline and the forms.
    menu_at = html.index('<nav class="staff-action-menu"')
    assert html.index("<dt>Due</dt>") < menu_at < html.index('id="complaint-heading"')
    assert menu_at < html.index('id="timeline-heading"') < html.index('id="action-assign"')
    assert action_menu(html) == [
        ("action-assign", "Assign"),
        ("action-answer", "Answer"),
        ("action-supplement", "Ask for more information"),
        ("action-extend", "Extend the deadline"),
        ("action-transfer", "Transfer to another unit"),
        ("action-note", "Add an internal note"),
    ]
    for target, _ in action_menu(html):
        # Each link lands on the section holding its form, once on the page.
        section = re.search(
            rf'<section class="staff-action" id="{target}"[^>]*>(.*?)</section>', html, re.S
        )
        assert section is not None, target
        assert html.count(f'id="{target}"') == 1
        assert '<form method="post"' in section.group(1)


def test_the_menu_offers_only_what_the_rules_allow_now(
    answered: Complaint, officer: User, citizen: User, supervisor: User
) -> None:
    assert action_menu(signed_in_as(officer).get(case_url(answered)).text) == [
        ("action-note", "Add an internal note")
    ]
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    assert action_menu(signed_in_as(supervisor).get(case_url(answered)).text) == [
        ("action-review", "Answer the second review"),
        ("action-note", "Add an internal note"),
    ]


def test_a_case_waiting_for_information_offers_no_answer_and_no_transfer(
    assigned: Complaint, officer: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="A photo?")
    targets = [
        target for target, _ in action_menu(signed_in_as(officer).get(case_url(assigned)).text)
    ]
    assert targets == ["action-assign", "action-note"]


def test_a_refused_form_opens_at_its_own_error_summary(assigned: Complaint, officer: User) -> None:
    client = signed_in_as(officer)
    html = client.get(case_url(assigned)).text
    # Each form posts to an address that ends at its summary, so the page opens there.
    action = re.search(r'<form method="post" action="([^"]+/extend/#[^"]+)"', html)
    assert action is not None
    path, anchor = action.group(1).split("#")
    response = client.post(path, {"days": "", "reason": ""})
    assert response.status_code == 400
    assert f'<div class="error-summary" id="{anchor}"' in response.text
    assert response.text.count('class="error-summary"') == 1
    # The menu still leads to every form.
    assert ("action-extend", "Extend the deadline") in action_menu(response.text)


def test_the_case_page_shows_the_citizens_phone_masked_and_records_the_viewing(
    complaint: Complaint, officer: User, citizen: User
) -> None:
    html = signed_in_as(officer).get(case_url(complaint)).text

    assert "010-****-5678" in html
    assert "010-1234-5678" not in html
    assert citizen.email in html
    event = AccessEvent.objects.get()
    assert (event.viewer, event.owner, event.purpose) == (
        officer,
        citizen,
        AccessPurpose.COMPLAINT_HANDLING,
    )
    assert event.fields == ["name", "email"]
    assert (event.subject_type, event.subject_id) == ("complaints.complaint", str(complaint.pk))


def test_every_viewing_of_the_case_page_is_recorded(complaint: Complaint, supervisor: User) -> None:
    client = signed_in_as(supervisor)
    for _ in range(3):
        client.get(case_url(complaint))
    assert AccessEvent.objects.filter(viewer=supervisor).count() == 3


def test_showing_the_contact_details_reveals_the_phone_and_records_it(
    complaint: Complaint, officer: User, citizen: User
) -> None:
    page = signed_in_as(officer).post(
        reverse("complaints_staff:show_contact", args=[complaint.receipt_number])
    )
    assert page.status_code == 200
    assert "010-1234-5678" in page.text
    assert "Show contact details" not in page.text
    event = AccessEvent.objects.get()
    assert event.fields == ["name", "email", "phone"]
    assert event.purpose == AccessPurpose.COMPLAINT_HANDLING


def test_without_a_phone_there_is_nothing_more_to_show(
    other_citizen: User, category: Category, officer: User
) -> None:
    case = submit(other_citizen, category)
    html = signed_in_as(officer).get(case_url(case)).text
    assert "No phone number given" in html
    assert "Show contact details" not in html


def test_contact_details_cannot_be_shown_by_a_get_or_to_another_unit(
    complaint: Complaint, officer: User, officer_of_other_unit: User
) -> None:
    url = reverse("complaints_staff:show_contact", args=[complaint.receipt_number])
    assert signed_in_as(officer).get(url).status_code == 405
    assert signed_in_as(officer_of_other_unit).post(url).status_code == 404
    assert not AccessEvent.objects.exists()


def test_internal_notes_never_reach_the_citizens_timeline(
    complaint: Complaint, officer: User, citizen: User
) -> None:
    url = reverse("complaints_staff:add_note", args=[complaint.receipt_number])
    signed_in_as(officer).post(url, {"body": "Citizen sounded upset; call back Monday."})

    assert "Citizen sounded upset" in signed_in_as(officer).get(case_url(complaint)).text
    citizen_view = timeline_for(citizen, complaint)
    assert all(not event.internal for event in citizen_view)
    assert not any("upset" in event.internal_note for event in citizen_view)
    citizen_page = signed_in_as(citizen).get(
        reverse("complaints:detail", args=[complaint.receipt_number])
    )
    assert citizen_page.status_code == 200
    assert complaint.title in citizen_page.text
    assert "upset" not in citizen_page.text
    assert complaint.status == Status.RECEIVED


def test_the_case_page_reads_a_long_timeline_in_the_same_number_of_queries(
    assigned: Complaint,
    officer: User,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    client = signed_in_as(officer)
    actions.add_internal_note(actor=officer, complaint=assigned, body="First call.")
    with CaptureQueriesContext(connection) as short:
        client.get(case_url(assigned))
    for number in range(20):
        actions.add_internal_note(actor=officer, complaint=assigned, body=f"Call {number}.")
    actions.extend_deadline(actor=officer, complaint=assigned, days=1, reason="Parts")
    with django_assert_max_num_queries(len(short.captured_queries)):
        page = client.get(case_url(assigned))
    assert "Call 19." in page.text
