"""Consultations (국민생각함): one vote per citizen, comments, results that hide small groups."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import log_in, make_user
from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent
from egov.participation import actions
from egov.participation.models import AgeBand, Consultation, Vote
from egov.participation.queries import Group, results_of, suppress_small_groups
from egov.participation.tests.conftest import district


@pytest.fixture
def consultation(officer: User) -> Consultation:
    return actions.open_consultation(
        actor=officer,
        question="Should the market close on Sundays?",
        description="",
        options=["Yes", "No"],
        closes_at=timezone.now() + datetime.timedelta(days=7),
    )


def group(key: str, *counts: int) -> Group:
    return Group(key, key, counts)


# ---- suppression, worked examples -----------------------------------------------------------


def test_groups_of_ten_or_more_are_shown_and_smaller_ones_merged() -> None:
    # Seoul 12 (7 yes, 5 no) and Busan 10 are shown; Daegu 6 and Incheon 4 are
    # each too small, but together they are 10 people: one "other groups" row.
    breakdown = suppress_small_groups(
        [group("seoul", 7, 5), group("busan", 4, 6), group("daegu", 6, 0), group("incheon", 1, 3)]
    )
    assert [shown.key for shown in breakdown.shown] == ["seoul", "busan"]
    assert breakdown.others is not None
    assert breakdown.others.counts == (7, 3)
    assert breakdown.suppressed == 2


def test_a_small_remainder_takes_the_smallest_shown_group_with_it() -> None:
    # Seoul 30, Busan 11, Daegu 3: a row of 3 "others" could be read off the
    # total, and so could Daegu's votes; Busan joins it, making 14.
    breakdown = suppress_small_groups(
        [group("seoul", 20, 10), group("busan", 5, 6), group("daegu", 3, 0)]
    )
    assert [shown.key for shown in breakdown.shown] == ["seoul"]
    assert breakdown.others is not None
    assert breakdown.others.counts == (8, 6)
    assert breakdown.suppressed == 2


def test_nothing_is_broken_down_when_everyone_together_is_too_few() -> None:
    breakdown = suppress_small_groups([group("seoul", 5, 1), group("busan", 2, 1)])
    assert breakdown.shown == ()
    assert breakdown.others is None
    assert breakdown.suppressed == 2


def test_every_group_large_enough_is_shown_as_it_is() -> None:
    breakdown = suppress_small_groups([group("a", 10, 0), group("b", 0, 10)])
    assert [shown.key for shown in breakdown.shown] == ["a", "b"]
    assert breakdown.others is None
    assert breakdown.suppressed == 0


def test_results_by_region_and_age_hide_groups_under_ten(
    consultation: Consultation, db: None
) -> None:
    yes, no = consultation.options.order_by("position")
    # 12 people in Seoul in their 30s, 3 in Busan in their 60s.
    for number in range(15):
        voter = make_user(f"voter{number}@test.example")
        born = "1990-05-01" if number < 12 else "1950-05-01"
        User.objects.filter(pk=voter.pk).update(date_of_birth=born)
        voter.refresh_from_db()
        actions.vote(
            voter=voter,
            consultation=consultation,
            option=yes if number % 3 else no,
            district=district("11110" if number < 12 else "26110"),
        )
    results = results_of(consultation)
    assert results.total == 15
    assert results.counts == (10, 5)
    assert [shown.key for shown in results.by_province.shown] == []
    assert results.by_province.others is not None
    assert results.by_province.others.total == 15
    assert {vote.age_band for vote in Vote.objects.all()} == {AgeBand.THIRTIES, AgeBand.SIXTY_PLUS}


# ---- voting and commenting -----------------------------------------------------------------


def test_one_vote_per_citizen_and_every_vote_audited(
    consultation: Consultation, citizen: User
) -> None:
    yes = consultation.options.first()
    assert yes is not None
    actions.vote(voter=citizen, consultation=consultation, option=yes, district=district())
    with pytest.raises(ValidationError, match="voted"):
        actions.vote(voter=citizen, consultation=consultation, option=yes, district=district())
    assert AuditEvent.objects.filter(action=AuditAction.CONSULTATION_VOTED).count() == 1


def test_no_vote_after_closing_nor_for_another_consultations_option(
    consultation: Consultation, citizen: User, officer: User
) -> None:
    other = actions.open_consultation(
        actor=officer,
        question="Another?",
        description="",
        options=["A", "B"],
        closes_at=timezone.now() + datetime.timedelta(days=1),
    )
    foreign = other.options.first()
    assert foreign is not None
    with pytest.raises(ValidationError):
        actions.vote(voter=citizen, consultation=consultation, option=foreign, district=district())
    Consultation.objects.filter(pk=consultation.pk).update(closes_at=timezone.now())
    yes = consultation.options.first()
    assert yes is not None
    with pytest.raises(ValidationError, match="closed"):
        actions.vote(voter=citizen, consultation=consultation, option=yes, district=district())


def test_comments_are_published_without_personal_data(
    consultation: Consultation, citizen: User
) -> None:
    posted = actions.comment(
        author=citizen, consultation=consultation, body="Call me on 010-9876-5432 please"
    )
    assert "9876-5432" not in posted.body
    assert AuditEvent.objects.filter(action=AuditAction.CONSULTATION_COMMENTED).count() == 1


def test_only_agency_staff_open_consultations_with_sound_options(
    citizen: User, officer: User
) -> None:
    closes = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(PermissionDenied):
        actions.open_consultation(
            actor=citizen, question="Q", description="", options=["A", "B"], closes_at=closes
        )
    for options in (["Only one"], ["Same", "Same"], [str(n) for n in range(11)], ["A", "x" * 201]):
        with pytest.raises(ValidationError):
            actions.open_consultation(
                actor=officer, question="Q", description="", options=options, closes_at=closes
            )
    with pytest.raises(ValidationError):
        actions.open_consultation(
            actor=officer,
            question="Q",
            description="",
            options=["A", "B"],
            closes_at=timezone.now() - datetime.timedelta(days=1),
        )


# ---- pages --------------------------------------------------------------------------------


def test_voting_and_commenting_on_the_page(
    client: Client, consultation: Consultation, citizen: User
) -> None:
    yes = consultation.options.first()
    assert yes is not None
    assert client.get(reverse("participation:consultations")).status_code == 200
    assert client.get(consultation.get_absolute_url()).status_code == 200
    log_in(client, citizen)
    vote_url = reverse("participation:vote", args=[consultation.pk])
    for wrong in ({"option": "999999", "district": "11110"}, {"option": yes.pk}, {"option": "x"}):
        assert client.post(vote_url, wrong).status_code == 400
    assert client.post(vote_url, {"option": yes.pk, "district": "11110"}).status_code == 302
    assert client.post(vote_url, {"option": yes.pk, "district": "11110"}).status_code == 400
    comment_url = reverse("participation:comment", args=[consultation.pk])
    assert client.post(comment_url, {"body": ""}).status_code == 400
    assert client.post(comment_url, {"body": "y" * 2001}).status_code == 400
    assert client.post(comment_url, {"body": "Good question"}).status_code == 302
    assert "Good question" in client.get(consultation.get_absolute_url()).content.decode()


def test_staff_open_a_consultation_on_the_page(client: Client, officer: User) -> None:
    log_in(client, officer)
    url = reverse("participation_staff:new_consultation")
    assert client.get(url).status_code == 200
    closes = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    assert (
        client.post(url, {"question": "Q?", "options": "A", "closes_on": closes}).status_code == 200
    )
    assert (
        client.post(url, {"question": "Q?", "options": "A\nB", "closes_on": "tomorrow"}).status_code
        == 200
    )
    for far in ("9999-12-31", "2000-01-01", "0001-01-01"):
        answer = client.post(url, {"question": "Q?", "options": "A\nB", "closes_on": far})
        assert answer.status_code == 200
    assert Consultation.objects.count() == 0
    response = client.post(url, {"question": "Q?", "options": "A\nB", "closes_on": closes})
    assert response.status_code == 302
    assert Consultation.objects.get().options.count() == 2
