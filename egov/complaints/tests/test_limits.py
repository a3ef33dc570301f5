"""Each limit is one fact: the model, the forms, the actions and the addresses agree on it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import Resolver404, resolve
from django.utils import timezone

from egov.accounts.models import User
from egov.complaints import actions, limits
from egov.complaints.forms.citizen import ComplaintForm, RatingForm, SupplementForm
from egov.complaints.forms.staff import (
    AnswerForm,
    ExtendForm,
    FileOnBehalfForm,
    NoteForm,
)
from egov.complaints.forms.staff import (
    SupplementForm as StaffSupplementForm,
)
from egov.complaints.models import (
    Category,
    Complaint,
    ComplaintType,
    ProcessingPeriod,
    ReceiptCounter,
)
from egov.complaints.tests.conftest import submit

# ---- receipt numbers ----------------------------------------------------------------

RECEIPT_NUMBERS = [
    ("EP-2611-0000123", True),
    ("ep-2611-0000123", True),  # the lookup reads it in capitals
    ("EP-2611-00001234", True),  # an eighth digit, should a month need it
    ("EP-2611-2147483647", True),  # the counter's largest value
    ("XY-0000-0000000", True),  # the shape only; the lookup finds nothing
    ("EP-2611-000012", False),  # six digits: never handed out
    ("EP-2611-21474836470", False),  # eleven: more than the counter can count
    ("EP-26111-0000123", False),
    ("EP-261-0000123", False),
    ("E-2611-0000123", False),
    ("EPP-2611-0000123", False),
    ("EP2611-0000123", False),
    ("EP-2611-0000123x", False),
    ("EP-2611-\u0660\u0660\u0660\u0660\u0661\u0662\u0663", False),  # Arabic-Indic digits
    ("EP-2611-²²²²²²²", False),
    ("가나-2611-0000123", False),
    ("EP-2611-0000123%00", False),
    ("12345", False),
]


def resolves(path: str) -> bool:
    try:
        resolve(path)
    except Resolver404:
        return False
    return True


@pytest.mark.parametrize(("number", "accepted"), RECEIPT_NUMBERS)
def test_citizen_and_staff_addresses_accept_and_refuse_the_same_receipt_numbers(
    number: str, accepted: bool
) -> None:
    citizen_pages = [f"/complaints/{number}/", f"/complaints/public/{number}/"]
    citizen_pages += [f"/complaints/{number}/{step}/" for step in ("receipt", "rating")]
    staff_pages = [f"/staff/complaints/{number}/", f"/staff/complaints/{number}/answer/"]
    assert [resolves(path) for path in citizen_pages + staff_pages] == [accepted] * 6


@pytest.mark.parametrize(
    ("attachment_id", "accepted"),
    [("1", True), ("9" * 18, True), ("9" * 19, False), ("0x1", False), ("\u0661", False)],
)
def test_citizen_and_staff_attachment_addresses_take_the_same_ids(
    attachment_id: str, accepted: bool
) -> None:
    paths = [
        f"/complaints/EP-2611-0000123/attachments/{attachment_id}/",
        f"/staff/complaints/EP-2611-0000123/attachments/{attachment_id}/",
    ]
    assert [resolves(path) for path in paths] == [accepted, accepted]


def test_every_number_the_counter_can_give_fits_the_pattern_and_the_column() -> None:
    counter = ReceiptCounter._meta.get_field("last_number")
    assert counter.get_internal_type() == "PositiveIntegerField"
    # What a PositiveIntegerField holds in every database Django supports (SQLite
    # would store more, but no month comes near two billion complaints).
    highest = 2_147_483_647
    pattern = re.compile(limits.RECEIPT_NUMBER_PATTERN)
    for sequence in (1, 1_200_000, 9_999_999, 10_000_000, highest):
        number = limits.format_receipt_number("2611", sequence)
        assert pattern.fullmatch(number), number
    assert limits.format_receipt_number("2611", 123) == "EP-2611-0000123"
    longest = len("EP-2611-") + limits.RECEIPT_SEQUENCE_MAX_DIGITS
    assert len(str(highest)) <= limits.RECEIPT_SEQUENCE_MAX_DIGITS
    column = Complaint._meta.get_field("receipt_number").max_length
    assert column == limits.RECEIPT_NUMBER_MAX_LENGTH
    assert longest <= column


def test_an_allocated_receipt_number_is_one_the_addresses_accept(db: None) -> None:
    with transaction.atomic():
        number = actions.allocate_receipt_number(timezone.now())
    assert re.fullmatch(limits.RECEIPT_NUMBER_PATTERN, number)
    assert resolves(f"/complaints/{number}/")
    assert resolves(f"/staff/complaints/{number}/")


# ---- lengths ------------------------------------------------------------------------


PERIODS = dict.fromkeys(ComplaintType.values, 7)


def max_length(form: type[forms.Form], field: str, **arguments: Any) -> int | None:
    value: int | None = getattr(form(**arguments).fields[field], "max_length", None)
    return value


def test_the_model_and_both_filing_forms_agree_on_title_and_location() -> None:
    model = Complaint._meta
    assert model.get_field("title").max_length == limits.TITLE_MAX_LENGTH
    assert model.get_field("location_text").max_length == limits.LOCATION_MAX_LENGTH
    for form, arguments in ((ComplaintForm, {"periods": PERIODS}), (FileOnBehalfForm, {})):
        assert max_length(form, "title", **arguments) == limits.TITLE_MAX_LENGTH
        assert max_length(form, "location_text", **arguments) == limits.LOCATION_MAX_LENGTH
    assert max_length(ComplaintForm, "body", periods=PERIODS) == limits.BODY_MAX_LENGTH
    assert max_length(FileOnBehalfForm, "body") == limits.FILED_BODY_MAX_LENGTH


def test_the_forms_take_their_other_lengths_from_the_limits() -> None:
    assert max_length(SupplementForm, "answer_text") == limits.REPLY_MAX_LENGTH
    assert max_length(RatingForm, "comment") == limits.COMMENT_MAX_LENGTH
    assert max_length(AnswerForm, "body") == limits.ANSWER_MAX_LENGTH
    assert max_length(AnswerForm, "remedy") == limits.REASON_MAX_LENGTH
    assert max_length(NoteForm, "body") == limits.NOTE_MAX_LENGTH
    supplement = StaffSupplementForm().fields["respond_within_days"]
    assert isinstance(supplement, forms.IntegerField)
    assert (supplement.max_value, supplement.initial) == (
        limits.MAX_SUPPLEMENT_DAYS,
        limits.DEFAULT_SUPPLEMENT_DAYS,
    )


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("title", limits.TITLE_MAX_LENGTH),
        ("location_text", limits.LOCATION_MAX_LENGTH),
        ("body", limits.BODY_MAX_LENGTH),
    ],
)
def test_the_action_refuses_one_character_more_than_the_form_allows(
    citizen: User, category: Category, field: str, limit: int
) -> None:
    assert submit(citizen, category, **{field: "x" * limit})
    with pytest.raises(ValidationError) as error:
        submit(citizen, category, **{field: "x" * (limit + 1)})
    assert f"at most {limit} characters" in " ".join(error.value.message_dict[field])


def test_an_officer_filing_for_a_citizen_may_type_the_longer_body(
    citizen: User, officer: User, category: Category
) -> None:
    long_body = "x" * limits.FILED_BODY_MAX_LENGTH
    arguments = {"filed_by": officer, "channel": "counter", "body": long_body}
    assert submit(citizen, category, **arguments).body == long_body
    with pytest.raises(ValidationError, match="at most 20000 characters"):
        submit(citizen, category, **{**arguments, "body": long_body + "x"})


def test_the_period_limit_is_the_same_in_the_action_the_database_and_the_form(
    platform_admin: User, db: None
) -> None:
    limit = limits.PERIOD_MAX_WORKING_DAYS
    extend = ExtendForm.base_fields["days"]
    assert isinstance(extend, forms.IntegerField)
    assert extend.max_value == limit
    period = actions.set_processing_period(
        actor=platform_admin, agency=None, type=ComplaintType.GRIEVANCE, working_days=limit
    )
    assert period.working_days == limit
    with pytest.raises(ValidationError, match=f"between 1 and {limit} working days"):
        actions.set_processing_period(
            actor=platform_admin, agency=None, type=ComplaintType.GRIEVANCE, working_days=limit + 1
        )
    check = next(
        constraint
        for constraint in ProcessingPeriod._meta.constraints
        if constraint.name == "period_working_days_in_range"
    )
    assert f"('working_days__lte', {limit})" in str(check)
