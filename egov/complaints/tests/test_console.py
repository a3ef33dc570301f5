"""The staff console (Django admin) shows personal data masked, and logs every record opened."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from conftest import log_in
from egov.accounts.models import User
from egov.complaints.models import Category, Complaint
from egov.complaints.tests.conftest import answer, submit
from egov.privacy.admin import PersonalDataAdmin
from egov.privacy.fields import EncryptedTextField
from egov.privacy.models import AccessEvent, AccessPurpose

PHONE = "010-9876-5432"
RESIDENT_NUMBER = "900101-1234567"
ADDRESS = "서울특별시 종로구 세종대로 209 정부서울청사 101호"


@pytest.fixture
def console(client: Client, platform_admin: User) -> Client:
    return log_in(client, platform_admin)


@pytest.fixture
def resident(citizen: User) -> User:
    # Arranging the scene: the profile form is not under test here.
    citizen.address = ADDRESS
    citizen.date_of_birth = "1990-01-31"
    citizen.save()
    return citizen


@pytest.fixture
def confiding(resident: User, category: Category) -> Complaint:
    return submit(
        resident,
        category,
        title=f"Call me on {PHONE}",
        body=f"My number is {PHONE} and my resident number is {RESIDENT_NUMBER}.",
        location_text=f"Near {PHONE}",
        is_public=False,
    )


def change_url(obj: object) -> str:
    meta = obj._meta  # type: ignore[attr-defined]
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])  # type: ignore[attr-defined]


def test_a_person_s_record_shows_address_and_date_of_birth_masked(
    console: Client, resident: User, platform_admin: User
) -> None:
    response = console.get(change_url(resident))
    assert response.status_code == 200
    page = response.content.decode()
    assert "세종대로" not in page
    assert "101호" not in page
    assert "서울특별시 종로구 ***" in page
    assert "1990-01-31" not in page
    assert "1990-**-**" in page
    assert resident.email not in page
    assert "김*수" in page
    event = AccessEvent.objects.get()
    assert event.viewer == platform_admin
    assert event.owner == resident
    assert event.purpose == AccessPurpose.INTEGRITY_AUDIT
    assert set(event.fields) == {"email", "name", "address", "date_of_birth"}
    assert (event.subject_type, event.subject_id) == ("accounts.user", str(resident.pk))


def test_the_list_of_accounts_shows_them_masked(console: Client, resident: User) -> None:
    page = console.get(reverse("admin:accounts_user_changelist")).content.decode()
    assert resident.email not in page
    assert "ci***@test.example" in page
    assert "김민수" not in page


def test_a_complaint_s_text_is_shown_with_personal_data_masked(
    console: Client, confiding: Complaint, resident: User
) -> None:
    response = console.get(change_url(confiding))
    assert response.status_code == 200
    page = response.content.decode()
    assert PHONE not in page
    assert RESIDENT_NUMBER not in page
    assert "010-****-5432" in page
    assert "900101-1******" in page
    assert resident.email not in page
    event = AccessEvent.objects.get()
    assert event.owner == resident
    assert set(event.fields) == {"citizen", "title", "body", "location_text"}
    assert event.subject_id == str(confiding.pk)


def test_an_answer_quoting_personal_data_is_masked_and_logged(
    console: Client, confiding: Complaint, officer: User, resident: User
) -> None:
    from egov.complaints import actions

    actions.assign_complaint(actor=officer, complaint=confiding, officer=officer)
    written = answer(confiding, officer, body=f"We called you on {PHONE} ({RESIDENT_NUMBER}).")
    page = console.get(change_url(written)).content.decode()
    assert PHONE not in page
    assert RESIDENT_NUMBER not in page
    events = list(AccessEvent.objects.filter(subject_type="complaints.answer"))
    assert [event.owner for event in events] == [resident]
    event = confiding.events.filter(public_note__contains="").first()
    assert event is not None
    console.get(change_url(event))
    assert AccessEvent.objects.filter(subject_type="complaints.complaintevent").exists()


def test_the_console_lists_of_cases_log_nothing_and_show_no_text(
    console: Client, confiding: Complaint
) -> None:
    page = console.get(reverse("admin:complaints_complaint_changelist")).content.decode()
    assert confiding.receipt_number in page
    assert PHONE not in page
    assert not AccessEvent.objects.exists()


@pytest.mark.django_db
def test_every_encrypted_field_in_the_console_is_hidden_or_masked() -> None:
    """A model added to the console later cannot show an encrypted field in clear."""
    for model, model_admin in admin.site._registry.items():
        encrypted = [
            field.name
            for field in model._meta.get_fields()
            if isinstance(field, EncryptedTextField)
        ]
        if not encrypted:
            continue
        assert isinstance(model_admin, PersonalDataAdmin), model
        excluded = set(model_admin.exclude or ())
        for name in encrypted:
            assert name in excluded or name in model_admin.masked_fields, (model, name)
