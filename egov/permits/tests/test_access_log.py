"""An official's view of an applicant's site address or files is in the applicant's access log."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from conftest import log_in
from egov.accounts.models import User
from egov.permits.models import Application
from egov.privacy.models import AccessEvent, AccessPurpose


def _track(application: Application) -> str:
    return reverse("permits:track", args=[application.receipt_number])


def test_an_official_reading_the_full_record_is_logged_against_the_applicant(
    application: Application, citizen: User, officer: User
) -> None:
    page = log_in(Client(), officer).get(_track(application))
    assert page.status_code == 200
    assert "자하문로" in page.content.decode()  # the full record, site address and all
    (event,) = AccessEvent.objects.all()
    assert (event.viewer, event.owner) == (officer, citizen)
    assert event.fields == ["address"]
    assert event.purpose == AccessPurpose.PERMIT_HANDLING
    assert (event.subject_type, event.subject_id) == ("permits.application", str(application.pk))


def test_the_applicant_and_the_public_leave_no_access_event(
    application: Application, citizen: User, other_citizen: User
) -> None:
    log_in(Client(), citizen).get(_track(application))
    public = log_in(Client(), other_citizen).get(_track(application))
    assert "자하문로" not in public.content.decode()
    Client().get(_track(application))
    assert not AccessEvent.objects.exists()


def test_an_official_downloading_the_applicant_s_file_is_logged_and_named_on_their_page(
    application: Application, citizen: User, officer: User
) -> None:
    document = application.attachments.order_by("id").first()
    assert document is not None
    url = reverse("permits:attachment", args=[application.receipt_number, document.pk])
    assert log_in(Client(), officer).get(url).status_code == 200
    assert log_in(Client(), citizen).get(url).status_code == 200  # their own: not logged
    (event,) = AccessEvent.objects.all()
    assert event.fields == ["attachment"]
    page = log_in(Client(), citizen).get(reverse("portal:data_access"), HTTP_ACCEPT_LANGUAGE="en")
    text = page.content.decode()
    assert "Permit handling" in text
    assert f"of permit application {application.receipt_number}" in text
