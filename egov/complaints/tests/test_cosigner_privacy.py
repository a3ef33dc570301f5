"""What co-signers may see of the author's data, in every channel, and who took which file."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import RunOnCommit, log_in
from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.complaints import actions
from egov.complaints.models import Attachment, Category, Complaint
from egov.complaints.tests.conftest import answer, submit
from egov.notifications.models import Notification
from egov.privacy.models import AccessEvent, AccessPurpose

PHONE = "010-9876-5432"
RESIDENT_NUMBER = "900101-1234567"
QUOTED = f"The author ({RESIDENT_NUMBER}) asked to be called on {PHONE}."
PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"


def pdf(name: str = "등본.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


@pytest.fixture
def with_file(citizen: User, category: Category) -> Complaint:
    return submit(citizen, category, is_public=False, attachments=[pdf()])


@pytest.fixture
def cosigned(with_file: Complaint, citizen: User, other_citizen: User, officer: User) -> Complaint:
    actions.add_cosigner(citizen=citizen, complaint=with_file, user=other_citizen)
    actions.cosign(citizen=other_citizen, complaint=with_file)
    actions.assign_complaint(actor=officer, complaint=with_file, officer=officer)
    Notification.objects.all().delete()
    mail.outbox.clear()
    return with_file


def _transfer(complaint: Complaint, officer: User, other_unit: Unit) -> None:
    actions.transfer_complaint(
        actor=officer, complaint=complaint, to_unit=other_unit, reason=QUOTED
    )


def _extend(complaint: Complaint, officer: User, other_unit: Unit) -> None:
    actions.extend_deadline(actor=officer, complaint=complaint, days=3, reason=QUOTED)


def _ask(complaint: Complaint, officer: User, other_unit: Unit) -> None:
    actions.request_supplement(actor=officer, complaint=complaint, request_text=QUOTED)


@pytest.mark.parametrize("step", [_transfer, _extend, _ask])
def test_a_cosigner_reads_an_official_s_words_with_the_author_s_data_masked(
    cosigned: Complaint,
    citizen: User,
    other_citizen: User,
    officer: User,
    other_unit: Unit,
    run_on_commit: RunOnCommit,
    step: Callable[[Complaint, User, Unit], None],
) -> None:
    with run_on_commit():
        step(cosigned, officer, other_unit)
    to_author = Notification.objects.get(recipient=citizen)
    to_cosigner = Notification.objects.get(recipient=other_citizen)
    author_text = to_author.text()
    assert PHONE in f"{author_text.title} {author_text.body}"
    cosigner_text = to_cosigner.text()
    for text in (str(cosigner_text.title), str(cosigner_text.body), str(to_cosigner.params)):
        assert PHONE not in text
        assert RESIDENT_NUMBER not in text
    assert "010-****-5432" in cosigner_text.body
    emails = [message for message in mail.outbox if other_citizen.email in message.to]
    assert emails
    for email in emails:
        alternatives = "".join(
            str(content) for content, _type in getattr(email, "alternatives", [])
        )
        whole = f"{email.subject} {email.body} {alternatives}"
        assert PHONE not in whole
        assert RESIDENT_NUMBER not in whole


def test_the_facts_of_a_message_are_not_redacted(
    cosigned: Complaint,
    other_citizen: User,
    officer: User,
    other_unit: Unit,
    run_on_commit: RunOnCommit,
) -> None:
    with run_on_commit():
        _transfer(cosigned, officer, other_unit)
    params = Notification.objects.get(recipient=other_citizen).params
    assert params["number"] == cosigned.receipt_number


def _attachment_url(complaint: Complaint, attachment: Attachment) -> str:
    return reverse("complaints:attachment", args=[complaint.receipt_number, attachment.pk])


def test_an_invitee_who_has_not_signed_cannot_take_the_author_s_files(
    with_file: Complaint, citizen: User, other_citizen: User, client: Client
) -> None:
    actions.add_cosigner(citizen=citizen, complaint=with_file, user=other_citizen)
    client.force_login(other_citizen)
    stored = with_file.attachments.get()
    page = client.get(with_file.get_absolute_url())
    assert page.status_code == 200
    content = page.content.decode()
    assert "등본" not in content
    assert _attachment_url(with_file, stored) not in content
    assert "once they have signed" in content
    assert client.get(_attachment_url(with_file, stored)).status_code == 404
    actions.cosign(citizen=other_citizen, complaint=with_file)
    assert client.get(_attachment_url(with_file, stored)).status_code == 200
    assert (
        _attachment_url(with_file, stored)
        in client.get(with_file.get_absolute_url()).content.decode()
    )


def test_the_author_downloads_their_own_file_unlogged(
    with_file: Complaint, citizen: User, client: Client
) -> None:
    client.force_login(citizen)
    stored = with_file.attachments.get()
    assert client.get(_attachment_url(with_file, stored)).status_code == 200
    assert not AccessEvent.objects.exists()


@pytest.mark.parametrize("page", ["staff", "citizen"])
def test_every_staff_download_of_someone_else_s_file_is_logged(
    with_file: Complaint, citizen: User, officer: User, client: Client, page: str
) -> None:
    log_in(client, officer)
    stored = with_file.attachments.get()
    url = (
        reverse("complaints_staff:attachment", args=[with_file.receipt_number, stored.pk])
        if page == "staff"
        else _attachment_url(with_file, stored)
    )
    for _ in range(2):
        response = client.get(url)
        assert response.status_code == 200
        b"".join(response.streaming_content)  # type: ignore[attr-defined]
    events = list(AccessEvent.objects.order_by("id"))
    assert len(events) == 2
    for event in events:
        assert event.viewer == officer
        assert event.owner == citizen
        assert event.fields == ["attachment"]
        assert event.purpose == AccessPurpose.COMPLAINT_HANDLING
        assert (event.subject_type, event.subject_id) == ("complaints.attachment", str(stored.pk))


def test_an_officer_s_own_answer_file_is_not_logged_but_a_colleague_s_is(
    with_file: Complaint, officer: User, second_officer: User, client: Client
) -> None:
    actions.assign_complaint(actor=officer, complaint=with_file, officer=officer)
    answer(with_file, officer, attachments=[pdf("answer.pdf")])
    own = with_file.attachments.get(answer__isnull=False)
    url = reverse("complaints_staff:attachment", args=[with_file.receipt_number, own.pk])
    log_in(client, officer)
    assert client.get(url).status_code == 200
    assert not AccessEvent.objects.exists()
    log_in(client, second_officer)
    assert client.get(url).status_code == 200
    assert AccessEvent.objects.get().viewer == second_officer


def test_a_missing_file_is_a_404_for_staff_too(
    with_file: Complaint, officer: User, client: Client
) -> None:
    stored = with_file.attachments.get()
    stored.file.delete(save=False)
    log_in(client, officer)
    url = reverse("complaints_staff:attachment", args=[with_file.receipt_number, stored.pk])
    assert client.get(url).status_code == 404
