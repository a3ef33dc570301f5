"""Attachments on complaints: stored under random names, at most five per case."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from egov.accounts.models import User
from egov.complaints import actions
from egov.complaints.models import Attachment, Category, Complaint
from egov.complaints.tests.conftest import answer, submit

PDF_BYTES = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"
PNG_BYTES = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"


def pdf(name: str = "scan.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF_BYTES, content_type="application/pdf")


def test_attachments_are_stored_under_a_random_name_outside_the_web_root(
    citizen: User, category: Category, media_root: Path
) -> None:
    photo = SimpleUploadedFile("../../etc/내 사진.txt", PNG_BYTES, content_type="text/plain")
    complaint = submit(citizen, category, attachments=[pdf(), photo])
    stored = list(Attachment.objects.filter(complaint=complaint))
    assert [(item.original_name, item.content_type) for item in stored] == [
        ("scan.pdf", "application/pdf"),
        ("내 사진.txt", "image/png"),
    ]
    assert stored[1].download_name == "내 사진.png"
    assert stored[1].uploaded_by == citizen
    for item in stored:
        path = Path(item.file.path)
        assert path.is_relative_to(media_root)
        assert path.name != item.original_name
        assert len(path.name) == 32
        assert "." not in path.name
        assert path.stat().st_size == item.size


def test_a_complaint_carries_at_most_five_files(citizen: User, category: Category) -> None:
    with pytest.raises(ValidationError, match="at most 5 files"):
        submit(citizen, category, attachments=[pdf(f"{n}.pdf") for n in range(6)])
    assert not Complaint.objects.exists()


def test_files_sent_with_more_information_count_towards_the_five(
    assigned: Complaint, officer: User, citizen: User
) -> None:
    actions.request_supplement(actor=officer, complaint=assigned, request_text="Photos, please")
    actions.answer_supplement_request(
        citizen=citizen, complaint=assigned, answer_text="", attachments=[pdf("1.pdf")]
    )
    actions.request_supplement(actor=officer, complaint=assigned, request_text="More photos")
    with pytest.raises(ValidationError, match="at most 5 files"):
        actions.answer_supplement_request(
            citizen=citizen,
            complaint=assigned,
            answer_text="",
            attachments=[pdf(f"{n}.pdf") for n in range(5)],
        )


def test_an_answer_carries_its_own_files(assigned: Complaint, officer: User) -> None:
    reply = answer(assigned, officer, attachments=[pdf("reply.pdf")])
    attachment = Attachment.objects.get(complaint=assigned)
    assert attachment.answer == reply
    assert attachment.uploaded_by == officer
