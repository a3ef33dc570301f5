"""Filing for a person with no account: receipt and access code, texts, follow, claim, letter."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from conftest import RunOnCommit, log_in
from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions
from egov.complaints.limits import FOLLOW_ATTEMPTS_PER_HOUR, NO_ACCOUNT_DOMAIN
from egov.complaints.models import Category, Complaint, OfflineFiling
from egov.complaints.tests.conftest import answer
from egov.notifications import sms
from egov.privacy.models import AccessEvent

FILE = reverse("complaints_staff:file_without_account")
FOLLOW = reverse("complaints:follow")
CLAIM = reverse("complaints:claim")
PHONE = "010-9876-5432"


def person(subject: Category, /, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "박순자",
        "phone": PHONE,
        "postal_address": "",
        "language": "ko",
        "consent": "on",
        "channel": "counter",
        "type": "grievance",
        "category": subject.code,
        "district": "",
        "title": "경로당 앞 가로등 고장",
        "body": "경로당 앞 가로등이 일주일째 꺼져 있습니다.",
        "location_text": "",
    }
    data.update(overrides)
    return data


@pytest.fixture
def officer_client(client: Client, officer: User) -> Client:
    return log_in(client, officer)


def file(client: Client, run_on_commit: RunOnCommit, data: dict[str, Any]) -> tuple[Any, str]:
    with run_on_commit():
        page = client.post(FILE, data)
    text = page.content.decode()
    found = re.search(r'id="access-code">([A-Z0-9]{8})<', text)
    return page, found.group(1) if found else ""


@pytest.mark.django_db
def test_an_officer_files_for_a_person_with_no_account_and_prints_the_receipt(
    officer_client: Client, officer: User, category: Category, run_on_commit: RunOnCommit
) -> None:
    page, code = file(officer_client, run_on_commit, person(category))
    assert page.status_code == 200
    text = page.content.decode()
    complaint = Complaint.objects.get()
    assert complaint.receipt_number in text
    assert code
    # The receipt is in the person's language and says how to follow the case.
    assert 'lang="ko"' in text
    assert "/complaints/follow/" in text
    filing = OfflineFiling.objects.get(complaint=complaint)
    assert filing.consent_recorded_by == officer
    assert code not in filing.access_code_hash
    assert not filing.answer_by_post
    holder = complaint.citizen
    assert holder.email.endswith("@" + NO_ACCOUNT_DOMAIN)
    assert not holder.has_usable_password()
    assert (complaint.filed_by, complaint.channel) == (officer, "counter")
    # The phone is encrypted at rest.
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE id = %s", [holder.pk])
        (stored,) = cursor.fetchone()
    assert PHONE not in stored
    assert "9876" not in stored
    # The receipt number goes out by text message through the platform's SMS channel.
    assert [message.to for message in sms.outbox] == [PHONE]
    assert complaint.receipt_number in sms.outbox[0].body
    assert AuditEvent.objects.filter(action=AuditAction.COMPLAINT_FILED_WITHOUT_ACCOUNT).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"consent": ""}, "Ask for the person&#x27;s consent and tick the box."),
        ({"phone": "", "postal_address": ""}, "Enter a phone number or a postal address"),
        ({"name": "   "}, "Enter the person&#x27;s name."),
        ({"phone": "<script>"}, "Enter a phone number such as 010-1234-5678."),
        ({"language": "xx"}, "Select a valid choice"),
        ({"district": "99999"}, "Choose a district from the list."),
        ({"title": "x" * 201}, "at most 200 characters"),
        ({"postal_address": "x" * 301, "phone": ""}, "at most 300 characters"),
        ({"category": "<b>"}, "Select a valid choice"),
    ],
)
def test_wrong_or_missing_answers_are_shown_in_the_summary_and_nothing_is_filed(
    officer_client: Client, category: Category, changes: dict[str, Any], message: str
) -> None:
    page = officer_client.post(FILE, person(category, **changes))
    assert page.status_code == 200
    text = page.content.decode()
    assert "There is a problem" in text
    assert message in text
    assert "<title>Error: " in text
    assert not Complaint.objects.exists()
    assert not User.objects.filter(email__endswith=NO_ACCOUNT_DOMAIN).exists()


@pytest.mark.django_db
def test_only_counter_staff_may_file_for_someone(client: Client, citizen: User) -> None:
    log_in(client, citizen)
    assert client.get(FILE).status_code == 404


@pytest.mark.django_db
def test_a_postal_address_only_means_the_answer_goes_by_post_as_a_letter(
    officer_client: Client, officer: User, category: Category, run_on_commit: RunOnCommit
) -> None:
    address = "서울특별시 종로구 율곡로 1\n101동 202호"
    _page, _code = file(
        officer_client, run_on_commit, person(category, phone="", postal_address=address)
    )
    complaint = Complaint.objects.get()
    assert OfflineFiling.objects.get().answer_by_post
    assert sms.outbox == []
    letter = reverse("complaints_staff:letter", args=[complaint.receipt_number])
    assert officer_client.get(letter).status_code == 404  # nothing to send yet
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    answer(complaint, officer, body="가로등을 교체했습니다.")
    text = officer_client.get(letter).content.decode()
    assert 'lang="ko"' in text
    assert "가로등을 교체했습니다." in text
    assert "101동 202호" in text
    assert complaint.receipt_number in text
    assert AccessEvent.objects.filter(viewer_id=officer.pk, owner_id=complaint.citizen_id).exists()
    case = officer_client.get(reverse("complaints_staff:case", args=[complaint.receipt_number]))
    assert letter in case.content.decode()


@pytest.mark.django_db
def test_the_person_follows_the_case_with_the_receipt_number_and_the_access_code(
    officer_client: Client, category: Category, run_on_commit: RunOnCommit
) -> None:
    _page, code = file(officer_client, run_on_commit, person(category))
    complaint = Complaint.objects.get()
    visitor = Client()
    assert visitor.get(FOLLOW).status_code == 200
    shown = visitor.post(
        FOLLOW, {"receipt_number": complaint.receipt_number.lower(), "access_code": code.lower()}
    ).content.decode()
    assert complaint.title in shown
    assert str(complaint.unit) in shown
    wrong = visitor.post(
        FOLLOW, {"receipt_number": complaint.receipt_number, "access_code": "AAAAAAAA"}
    ).content.decode()
    assert "do not match" in wrong
    assert complaint.title not in wrong


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        {},
        {"receipt_number": "EP-2612-0000001"},
        {"receipt_number": "<script>", "access_code": "x"},
        {"receipt_number": "EP-2612-0000001' OR 1=1", "access_code": "x" * 5000},
        {"receipt_number": "x" * 5000, "access_code": "\x00"},
    ],
)
def test_the_follow_page_refuses_hostile_input_in_words(data: dict[str, str], db: None) -> None:
    page = Client().post(FOLLOW, data)
    assert page.status_code == 200
    assert "There is a problem" in page.content.decode()


@pytest.mark.django_db
def test_guessing_access_codes_is_stopped_after_a_few_tries(
    officer_client: Client, category: Category, run_on_commit: RunOnCommit
) -> None:
    _page, code = file(officer_client, run_on_commit, person(category))
    number = Complaint.objects.get().receipt_number
    visitor = Client()
    for _ in range(FOLLOW_ATTEMPTS_PER_HOUR):
        visitor.post(FOLLOW, {"receipt_number": number, "access_code": "WRONGONE"})
    page = visitor.post(FOLLOW, {"receipt_number": number, "access_code": code})
    assert "Too many tries" in page.content.decode()


@pytest.mark.django_db
def test_the_person_claims_the_complaint_into_an_account_with_a_texted_code(
    officer_client: Client,
    category: Category,
    run_on_commit: RunOnCommit,
    other_citizen: User,
) -> None:
    _page, access_code = file(officer_client, run_on_commit, person(category))
    complaint = Complaint.objects.get()
    holder = complaint.citizen
    client = log_in(Client(), other_citizen)
    sms.outbox.clear()
    with run_on_commit():
        sent = client.post(CLAIM, {"receipt_number": complaint.receipt_number, "step": "send"})
    assert "We sent a code" in sent.content.decode()
    (message,) = sms.outbox
    assert message.to == PHONE
    code = re.search(r"(?<![0-9])([0-9]{6})(?![0-9])", message.body)
    assert code is not None
    wrong = client.post(
        CLAIM, {"receipt_number": complaint.receipt_number, "code": "000000", "step": "claim"}
    )
    if code.group(1) != "000000":
        assert "not the code we sent" in wrong.content.decode()
    done = client.post(
        CLAIM,
        {"receipt_number": complaint.receipt_number, "code": code.group(1), "step": "claim"},
    )
    assert done.status_code == 302
    complaint.refresh_from_db()
    assert complaint.citizen == other_citizen
    assert complaint.citizen != holder
    assert AuditEvent.objects.filter(action=AuditAction.COMPLAINT_CLAIMED).exists()
    # Claimed, it is followed from the account, no longer with the printed code.
    page = Client().post(
        FOLLOW, {"receipt_number": complaint.receipt_number, "access_code": access_code}
    )
    assert "do not match" in page.content.decode()
    # And it cannot be claimed twice.
    again = client.post(CLAIM, {"receipt_number": complaint.receipt_number, "step": "send"})
    assert "cannot be claimed here" in again.content.decode()


@pytest.mark.django_db
def test_a_claim_code_stops_working_after_five_wrong_tries(
    officer_client: Client, category: Category, run_on_commit: RunOnCommit, other_citizen: User
) -> None:
    file(officer_client, run_on_commit, person(category))
    number = Complaint.objects.get().receipt_number
    actions.send_claim_code(claimant=other_citizen, receipt_number=number)
    filing = OfflineFiling.objects.get()
    for _ in range(5):
        OfflineFiling.objects.filter(pk=filing.pk).update(claim_attempts=5)
    client = log_in(Client(), other_citizen)
    page = client.post(CLAIM, {"receipt_number": number, "code": "123456", "step": "claim"})
    assert "no longer valid" in page.content.decode()


@pytest.mark.django_db
def test_a_complaint_filed_with_an_account_cannot_be_claimed(
    citizen: User, other_citizen: User, category: Category, agency: Agency, unit: Unit
) -> None:
    from egov.complaints.tests.conftest import submit

    complaint = submit(citizen, category)
    client = log_in(Client(), other_citizen)
    page = client.post(CLAIM, {"receipt_number": complaint.receipt_number, "step": "send"})
    assert "cannot be claimed here" in page.content.decode()
    assert client.post(CLAIM, {"receipt_number": "<b>", "step": "send"}).status_code == 200
