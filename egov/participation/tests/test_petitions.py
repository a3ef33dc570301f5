"""Petitions: supporters, moderation, one signature per account, thresholds, closing, data."""

from __future__ import annotations

import threading

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, connections, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from conftest import RunOnCommit, log_in, make_user
from egov.accounts.models import Role, User
from egov.agencies.models import Agency
from egov.audit.models import AuditAction, AuditEvent
from egov.notifications.models import Notification
from egov.participation import actions
from egov.participation.models import Petition, PetitionStatus, RejectionReason, Signature
from egov.participation.queries import (
    scorecard,
    signatures_by_district,
    signatures_by_province,
)
from egov.participation.tests.conftest import district, in_the_past, start, verified


def sign(petition: Petition, signer: User, code: str = "11110", **kwargs: bool) -> Petition:
    return actions.sign_petition(
        signer=signer,
        petition=petition,
        district=district(code),
        show_name=kwargs.get("show", False),
    )


def published(petition: Petition, supporters: list[User], moderator: User) -> Petition:
    for supporter in supporters[:4]:
        sign(petition, supporter)
    return actions.publish_petition(actor=moderator, petition=petition)


def test_five_supporters_bring_a_petition_to_moderation(
    petition: Petition, supporters: list[User]
) -> None:
    assert petition.signature_count == 1
    for supporter in supporters[:3]:
        sign(petition, supporter)
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.GATHERING_SUPPORT
    petition = sign(petition, supporters[3])
    assert (petition.status, petition.signature_count) == (PetitionStatus.AWAITING_MODERATION, 5)
    with pytest.raises(ValidationError, match="waits for moderation"):
        sign(petition, supporters[4])


def test_only_verified_accounts_start_or_sign(agency: Agency, petition: Petition, db: None) -> None:
    unverified = make_user("new@test.example")
    User.objects.filter(pk=unverified.pk).update(email_confirmed_at=None)
    unverified.refresh_from_db()
    with pytest.raises(PermissionDenied):
        start(unverified, agency)
    with pytest.raises(ValidationError, match="Confirm your email"):
        sign(petition, unverified)


def test_one_signature_per_account(petition: Petition, supporters: list[User]) -> None:
    sign(petition, supporters[0])
    with pytest.raises(ValidationError, match="signed this petition already"):
        sign(petition, supporters[0])
    petition.refresh_from_db()
    assert petition.signature_count == Signature.objects.filter(petition=petition).count() == 2


def test_a_signature_that_arrives_as_signing_stops_is_taken_back(
    petition: Petition, supporters: list[User]
) -> None:
    # Nothing locks the petition before the count: if moderation or closing
    # changed it after the signer's check, the count's UPDATE sees the new
    # status under the row lock and the insert is rolled back with the refusal.
    Petition.objects.filter(pk=petition.pk).update(status=PetitionStatus.AWAITING_MODERATION)
    with pytest.raises(ValidationError) as refused, transaction.atomic():
        actions._add_signature(
            petition, supporters[0], district("11110"), False, now=timezone.now()
        )
    assert refused.value.code == "not_open"
    assert not Signature.objects.filter(signer=supporters[0]).exists()
    assert Petition.objects.get(pk=petition.pk).signature_count == 1


def test_moderation_publishes_or_rejects_with_a_published_reason(
    agency: Agency,
    author: User,
    supporters: list[User],
    platform_admin: User,
    officer: User,
    run_on_commit: RunOnCommit,
) -> None:
    first, second = start(author, agency), start(author, agency, title="Call 010-1234-5678")
    for petition in (first, second):
        for supporter in supporters[:4]:
            sign(petition, supporter)
    with pytest.raises(PermissionDenied):
        actions.publish_petition(actor=officer, petition=first)
    with run_on_commit():
        opened = actions.publish_petition(actor=platform_admin, petition=first)
        rejected = actions.reject_petition(
            actor=platform_admin,
            petition=second,
            reason=RejectionReason.PERSONAL_DATA,
            note="It names a phone number, 010-1234-5678.",
        )
    assert opened.status == PetitionStatus.OPEN
    assert opened.closes_at is not None
    assert (opened.closes_at - opened.opened_at).days == 90  # type: ignore[operator]
    assert rejected.status == PetitionStatus.REJECTED
    assert "1234-5678" not in rejected.rejection_note
    with pytest.raises(ValidationError):
        actions.publish_petition(actor=platform_admin, petition=second)
    keys = set(Notification.objects.filter(recipient=author).values_list("key", flat=True))
    assert {"participation.petition_published", "participation.petition_rejected"} <= keys
    for action, subject in (
        (AuditAction.PETITION_PUBLISHED, first),
        (AuditAction.PETITION_REJECTED, second),
    ):
        assert AuditEvent.objects.filter(action=action, subject_id=str(subject.pk)).count() == 1


def test_thresholds_are_settings_and_start_the_response_clock(
    settings: Settings,
    petition: Petition,
    supporters: list[User],
    platform_admin: User,
    officer: User,
) -> None:
    settings.PETITION_RESPONSE_THRESHOLD = 6
    settings.PETITION_HEARING_THRESHOLD = 7
    petition = published(petition, supporters, platform_admin)
    petition = sign(petition, supporters[4])
    assert petition.response_threshold_at is not None
    assert petition.response_due_at is not None
    assert petition.hearing_threshold_at is None
    petition = sign(petition, supporters[5])
    assert petition.hearing_threshold_at is not None
    responded = actions.respond_to_petition(actor=officer, petition=petition, response="We will.")
    assert responded.responded_at is not None
    with pytest.raises(ValidationError):
        actions.respond_to_petition(actor=officer, petition=petition, response="Again")
    event = AuditEvent.objects.get(action=AuditAction.PETITION_RESPONDED)
    assert event.detail == {"count": 7, "on_time": True}


def test_petitions_close_after_their_period(
    petition: Petition, supporters: list[User], platform_admin: User
) -> None:
    petition = published(petition, supporters, platform_admin)
    assert actions.close_due_petitions() == 0
    in_the_past(petition, days=1)
    assert actions.close_due_petitions() == 1
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.CLOSED
    with pytest.raises(ValidationError, match="not open"):
        sign(petition, supporters[4])


def test_signatures_are_counted_by_province_and_district(
    petition: Petition, supporters: list[User], platform_admin: User
) -> None:
    for supporter, code in zip(supporters[:4], ["11110", "11110", "26110", "41111"], strict=True):
        sign(petition, supporter, code)
    by_district = {row.code: row.count for row in signatures_by_district(petition)}
    assert by_district == {"11110": 3, "26110": 1, "41111": 1}
    by_province = {row.code: row.count for row in signatures_by_province(petition)}
    assert by_province == {"11": 3, "26": 1, "41": 1}


def test_a_big_petition_s_tally_is_shared_and_at_most_seconds_behind(
    petition: Petition,
    supporters: list[User],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("egov.participation.queries.PETITION_TALLY_MIN_SIGNATURES", 1)
    clock = [1_000_000.0]
    monkeypatch.setattr("egov.participation.queries._clock", lambda: clock[0])

    def districts() -> dict[str, int]:
        fresh = Petition.objects.get(pk=petition.pk)
        return {row.code: row.count for row in signatures_by_district(fresh)}

    assert districts() == {"11110": 1}
    sign(petition, supporters[0], "26110")
    # Within PETITION_TALLY_SECONDS (3) every reader shares the last tally ...
    clock[0] += 2.9
    assert districts() == {"11110": 1}
    assert Petition.objects.get(pk=petition.pk).signature_count == 2  # the count is not behind
    # ... and after it, the next reader makes it again.
    clock[0] += 0.2
    assert districts() == {"11110": 1, "26110": 1}


def test_the_petition_page_json_and_signing_by_form(
    client: Client, petition: Petition, supporters: list[User], platform_admin: User
) -> None:
    petition = published(petition, supporters, platform_admin)
    page = client.get(petition.get_absolute_url())
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    data = client.get(reverse("participation:petition_json", args=[petition.pk])).json()
    attributes = data["data"]["attributes"]
    assert attributes["signature_count"] == 5
    assert attributes["response_threshold"] == 10_000
    assert attributes["signatures_by_province"][0]["signature_count"] == 5
    url = reverse("participation:sign", args=[petition.pk])
    log_in(client, supporters[4])
    for wrong in ({"district": ""}, {"district": "99999"}, {"district": "<b>"}):
        assert client.post(url, wrong).status_code == 400
    assert client.post(url, {"district": "11110", "show_name": "on"}).status_code == 302
    assert client.post(url, {"district": "11110"}).status_code == 400
    petition.refresh_from_db()
    assert petition.signature_count == 6
    assert client.get(reverse("participation:petitions")).status_code == 200


def test_an_unpublished_petition_is_listed_nowhere_and_opened_signed_in_only(
    client: Client, petition: Petition, other_citizen: User, platform_admin: User
) -> None:
    assert client.get(petition.get_absolute_url()).status_code == 404
    assert client.get(reverse("participation:petition_json", args=[petition.pk])).status_code == 404
    assert petition.title not in client.get(reverse("participation:petitions")).content.decode()
    log_in(client, other_citizen)
    assert client.get(petition.get_absolute_url()).status_code == 200
    assert client.get(reverse("participation:petition_json", args=[petition.pk])).status_code == 404
    log_in(client, platform_admin)
    assert client.get(petition.get_absolute_url()).status_code == 200
    assert client.get(reverse("participation_staff:moderation")).status_code == 200


def test_starting_a_petition_on_the_page(client: Client, author: User, agency: Agency) -> None:
    log_in(client, author)
    url = reverse("participation:new_petition")
    assert client.get(url).status_code == 200
    assert client.post(url, {"agency": agency.code, "title": "", "body": "x"}).status_code == 200
    response = client.post(
        url, {"agency": agency.code, "title": "Trees", "body": "Plant them.", "district": "11110"}
    )
    assert response.status_code == 302
    assert Petition.objects.get().signature_count == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite serialises writers itself; the shared-cache test database cannot wait",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_signing_keeps_one_signature_per_account_and_an_exact_count() -> None:
    from egov.agencies import actions as agency_actions
    from egov.agencies.models import AgencyKind

    agency = agency_actions.create_agency(
        actor=None,
        code="seoul",
        kind=AgencyKind.DISTRICT,
        name_en="Seoul",
        name_ko="서울",
        name_id="Seoul",
    )
    moderator = make_user("moderator@test.example", Role.PLATFORM_ADMIN)
    people = [verified(make_user(f"p{number}@test.example")) for number in range(12)]
    petition = start(people[0], agency)
    for person in people[1:5]:
        sign(petition, person)
    actions.publish_petition(actor=moderator, petition=petition)
    accepted: list[int] = []
    refused: list[int] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    signers = people[5:]
    barrier = threading.Barrier(len(signers) * 2)

    def worker(person: User) -> None:
        try:
            barrier.wait()
            try:
                sign(petition, person)
            except ValidationError:
                with lock:
                    refused.append(person.pk)
            else:
                with lock:
                    accepted.append(person.pk)
        except BaseException as failure:
            failures.append(failure)
        finally:
            connections.close_all()

    # Every signer tries twice at the same moment.
    threads = [threading.Thread(target=worker, args=(person,)) for person in signers * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    assert sorted(accepted) == sorted(person.pk for person in signers)
    assert sorted(refused) == sorted(person.pk for person in signers)
    petition.refresh_from_db()
    assert petition.signature_count == Signature.objects.filter(petition=petition).count() == 12


def test_personal_data_is_masked_when_a_petition_is_published(
    agency: Agency, author: User, supporters: list[User], platform_admin: User
) -> None:
    petition = start(author, agency, body="Write to me at minsu@example.com or 010-2222-3333.")
    opened = published(petition, supporters, platform_admin)
    assert "minsu@example.com" not in opened.body
    assert "2222-3333" not in opened.body


def test_the_scorecard_counts_responses_on_time_and_is_downloadable(
    client: Client,
    settings: Settings,
    petition: Petition,
    supporters: list[User],
    platform_admin: User,
    officer: User,
) -> None:
    settings.PETITION_RESPONSE_THRESHOLD = 6
    petition = published(petition, supporters, platform_admin)
    petition = sign(petition, supporters[4])
    actions.respond_to_petition(actor=officer, petition=petition, response="Yes.")
    [score] = scorecard()
    assert (score.responses, score.on_time_percent) == (1, 100)
    assert score.average_response_days == 0.0
    assert client.get(reverse("participation:scorecard")).status_code == 200
    download = client.get(reverse("participation:scorecard_csv"))
    assert download["Content-Type"].startswith("text/csv")
    lines = download.content.decode().splitlines()
    assert lines[0].startswith("agency_code,")
    assert lines[1].split(",")[6:8] == ["1", "1"]
