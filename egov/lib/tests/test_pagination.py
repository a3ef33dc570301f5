"""Keyset pagination: cursors that survive a link exactly and refuse anything else; seeks."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django import forms
from django.contrib.contenttypes.models import ContentType

from egov.lib.http import MAX_ID
from egov.lib.pagination import (
    CURSOR_MAX_LENGTH,
    Cursor,
    CursorField,
    DateCursor,
    DateTimeCursor,
    Keyset,
    ScoreCursor,
    rows_after,
    rows_after_values,
)

KST = datetime.timezone(datetime.timedelta(hours=9))


def test_a_date_cursor_reads_as_the_date_and_the_id() -> None:
    cursor = DateCursor(datetime.date(2026, 12, 1), 123)
    assert cursor.encode() == "2026-12-01.123"
    assert DateCursor.decode("2026-12-01.123") == cursor


@pytest.mark.parametrize(
    "moment",
    [
        datetime.datetime(2026, 11, 30, 9, 0, 0, 1, tzinfo=datetime.UTC),
        datetime.datetime(2026, 11, 30, 18, 59, 59, 999_999, tzinfo=KST),
        datetime.datetime(1969, 12, 31, 23, 59, 59, 999_999, tzinfo=datetime.UTC),
        datetime.datetime(9999, 12, 31, 23, 59, 59, 999_999, tzinfo=datetime.UTC),
    ],
)
def test_a_moment_survives_the_link_to_the_microsecond(moment: datetime.datetime) -> None:
    cursor = DateTimeCursor(moment, MAX_ID)
    text = cursor.encode()
    assert re.fullmatch(r"-?[0-9]+\.[0-9]+", text), text  # nothing a URL must escape
    assert len(text) <= CURSOR_MAX_LENGTH
    back = DateTimeCursor.decode(text)
    assert back == cursor
    assert back.value == moment
    assert back.value.tzinfo is not None


def test_a_moment_is_written_as_microseconds_since_1970() -> None:
    moment = datetime.datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=datetime.UTC)
    assert DateTimeCursor(moment, 7).encode() == "1000005.7"


BROKEN = [
    "",
    ".",
    "2026-12-01",
    "2026-12-01.",
    ".5",
    "2026-12-01.x",
    "tomorrow.5",
    "2026-13-45.1",
    "20261201.1",  # fromisoformat alone would read it
    "2026-W48-1.1",  # ...and this week date
    "2026-12-01.0",
    "2026-12-01.-5",
    "2026-12-01.+5",
    "2026-12-01.5 ",
    " 2026-12-01.5",
    "2026-12-01.9223372036854775808",  # one past the largest bigint
    "2026-12-01.99999999999999999999999",
    "2026-12-01.²",
    "\u0662\u0660\u0662\u0666-\u0660\u0661-\u0660\u0661.\u0661",  # Arabic-Indic digits
    "2026-12-01.1' OR '1'='1",
    "<script>alert(1)</script>",
    "2026-12-01." + "9" * 2000,
    "2026-12-01.1\x00",
]


@pytest.mark.parametrize("text", BROKEN)
def test_anything_but_a_date_cursor_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="not a page cursor"):
        DateCursor.decode(text)


BROKEN_MOMENTS = [
    "garbage",
    "1.",
    "1.0",
    "9" * 30 + ".1",
    "9" * 19 + ".1",  # beyond any datetime
    "-1.-1",
    "--1.1",
    "1.5.5",
    "١٢.٣",
    "2026-12-01.5",  # a date is not a moment
    "1e6.5",
    "1.5\x00",
]


@pytest.mark.parametrize("text", BROKEN_MOMENTS)
def test_anything_but_a_moment_cursor_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="not a page cursor"):
        DateTimeCursor.decode(text)


def test_a_service_names_its_own_cursor_in_errors() -> None:
    class QueueCursor(DateCursor):
        name = "queue cursor"

    with pytest.raises(ValueError, match="not a queue cursor"):
        QueueCursor.decode("tomorrow.5")


@pytest.mark.parametrize(
    ("cursor_type", "value", "id"),
    [
        (DateCursor, datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC), 1),
        (DateCursor, "2026-12-01", 1),
        (DateTimeCursor, datetime.datetime(2026, 12, 1), 1),  # naive: which 9 o'clock?
        (DateTimeCursor, datetime.date(2026, 12, 1), 1),
        (DateCursor, datetime.date(2026, 12, 1), 0),
        (DateCursor, datetime.date(2026, 12, 1), MAX_ID + 1),
    ],
)
def test_a_cursor_is_made_only_of_a_value_of_its_kind_and_a_valid_id(
    cursor_type: type[Cursor[Any]], value: Any, id: int
) -> None:
    with pytest.raises(ValueError, match="page cursor"):
        cursor_type(value, id)


class PageForm(forms.Form):
    after = CursorField(DateTimeCursor)


class QueueForm(forms.Form):
    after = CursorField(DateCursor, error_messages={"invalid": "Start again from the queue."})


def test_the_field_reads_a_cursor_or_nothing() -> None:
    moment = datetime.datetime(2026, 11, 30, 9, tzinfo=datetime.UTC)
    cursor = DateTimeCursor(moment, 42)
    form = PageForm({"after": cursor.encode()})
    assert form.is_valid()
    assert form.cleaned_data["after"] == cursor
    for data in ({}, {"after": ""}, {"after": "   "}):
        form = PageForm(data)
        assert form.is_valid()
        assert form.cleaned_data["after"] is None


# The field strips surrounding spaces first, as every text field does.
BROKEN_LINKS = [text for text in BROKEN if text and text == text.strip()]


@pytest.mark.parametrize("text", [*BROKEN_LINKS, "x" * (CURSOR_MAX_LENGTH + 1)])
def test_the_field_answers_every_broken_link_with_the_message_it_was_given(text: str) -> None:
    form = QueueForm({"after": text})
    assert not form.is_valid()
    assert form.errors["after"] == ["Start again from the queue."]


@pytest.mark.parametrize("text", [*BROKEN_MOMENTS, "1" * (CURSOR_MAX_LENGTH + 1)])
def test_the_field_says_by_default_to_start_again_from_the_first_page(text: str) -> None:
    form = PageForm({"after": text})
    assert not form.is_valid()
    assert form.errors["after"] == ["This page link is not valid. Start again from the first page."]


def test_the_field_is_hidden_and_optional() -> None:
    field = PageForm().fields["after"]
    assert field.widget.is_hidden
    assert not field.required


# ---- rows after a cursor, and pages ------------------------------------------------------


def where_clause(sql: str) -> str:
    return sql.split(" WHERE ", 1)[1].split(" ORDER BY ")[0].replace('"', "")


def test_the_rows_after_a_cursor_are_asked_for_so_an_index_can_seek() -> None:
    ascending = rows_after(ContentType.objects.all(), "app_label", "complaints", 9)
    assert where_clause(str(ascending.query)) == (
        "(django_content_type.app_label >= complaints AND "
        "(django_content_type.app_label > complaints OR django_content_type.id > 9))"
    )
    descending = rows_after(
        ContentType.objects.all(), "app_label", "complaints", 9, descending=True
    )
    assert where_clause(str(descending.query)) == (
        "(django_content_type.app_label <= complaints AND "
        "(django_content_type.app_label < complaints OR django_content_type.id < 9))"
    )


class LabelCursor(Cursor[str]):
    """A key of another kind: a lower-case label, which needs no escaping in a link."""

    @classmethod
    def check_value(cls, value: str) -> None:
        if not re.fullmatch(r"[a-z_]+", value):
            raise ValueError(value)

    @classmethod
    def write_value(cls, value: str) -> str:
        return value

    @classmethod
    def read_value(cls, text: str) -> str:
        return text


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.django_db
def test_pages_cover_a_list_with_ties_once_and_in_order(descending: bool) -> None:
    # Content types share their app labels: many ties, broken by the id.
    keyset = Keyset("app_label", LabelCursor, descending=descending)
    everything = list(ContentType.objects.order_by(*keyset.ordering))
    assert len({row.app_label for row in everything}) < len(everything)
    seen: list[ContentType] = []
    after: LabelCursor | None = None
    while True:
        page = keyset.page(ContentType.objects.all(), after=after, size=4)
        assert len(page.items) <= 4
        seen.extend(page.items)
        if page.next_cursor is None:
            break
        after = LabelCursor.decode(page.next_cursor.encode())
    assert seen == everything


@pytest.mark.django_db
def test_a_page_is_a_seek_not_an_offset(django_assert_num_queries: Any) -> None:
    keyset = Keyset("app_label", LabelCursor)
    rows = keyset.after(ContentType.objects.order_by(*keyset.ordering), LabelCursor("auth", 1))
    assert "OFFSET" not in str(rows[:5].query).upper()
    with django_assert_num_queries(1):
        keyset.page(ContentType.objects.all(), after=LabelCursor("auth", 1), size=5)


def test_a_page_holds_at_least_one_row() -> None:
    with pytest.raises(ValueError, match="at least one row"):
        Keyset("app_label", LabelCursor).page(ContentType.objects.all(), size=0)


# ---- two sort values before the id -------------------------------------------------------


def test_a_score_cursor_reads_as_the_score_the_moment_and_the_id() -> None:
    moment = datetime.datetime(1970, 1, 1, 0, 0, 1, 5, tzinfo=datetime.UTC)
    cursor = ScoreCursor((3, moment), 7)
    assert cursor.encode() == "3_1000005.7"
    assert ScoreCursor.decode("3_1000005.7") == cursor
    largest = ScoreCursor(
        (ScoreCursor.MAX_SCORE, datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)), MAX_ID
    )
    assert len(largest.encode()) <= CURSOR_MAX_LENGTH
    assert ScoreCursor.decode(largest.encode()) == largest


@pytest.mark.parametrize(
    "text",
    [
        "3.7",
        "1000005.7",  # a moment cursor
        "_1000005.7",
        "3_.7",
        "3__1000005.7",
        "3_1000005_1.7",
        "-3_1000005.7",
        "+3_1000005.7",
        "10000_1000005.7",  # beyond MAX_SCORE
        "3_1000005.0",
        "3_1000005",
        "\u0663_1000005.7",
        "3_1e6.7",
        "3_1000005.7\x00",
        "3_" + "9" * 19 + ".7",
    ],
)
def test_anything_but_a_score_cursor_is_a_value_error(text: str) -> None:
    with pytest.raises(ValueError, match="not a page cursor"):
        ScoreCursor.decode(text)


@pytest.mark.parametrize(
    "value",
    [
        (-1, datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)),
        (True, datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)),
        (3, datetime.datetime(2026, 12, 1)),
        (3,),
        3,
    ],
)
def test_a_score_cursor_is_made_only_of_a_score_and_an_aware_moment(value: Any) -> None:
    with pytest.raises(ValueError, match="page cursor"):
        ScoreCursor(value, 1)


def test_rows_after_several_values_compare_them_in_order() -> None:
    rows = rows_after_values(ContentType.objects.all(), ("app_label", "model"), ("auth", "user"), 9)
    assert where_clause(str(rows.query)) == (
        "(django_content_type.app_label >= auth AND "
        "(django_content_type.app_label > auth OR django_content_type.model > user OR "
        "(django_content_type.model = user AND django_content_type.id > 9)))"
    )
    with pytest.raises(ValueError, match="one value for each field"):
        rows_after_values(ContentType.objects.all(), ("app_label", "model"), ("auth",), 9)


class PairCursor(Cursor[tuple[str, str]]):
    """Two labels: a keyset with ``then``."""

    @classmethod
    def write_value(cls, value: tuple[str, str]) -> str:
        return "_".join(value)

    @classmethod
    def read_value(cls, text: str) -> tuple[str, str]:
        first, _sep, second = text.partition("_")
        return first, second


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.django_db
def test_pages_in_an_order_of_two_fields_cover_the_list_once(descending: bool) -> None:
    keyset = Keyset("app_label", PairCursor, descending=descending, then=("model",))
    assert keyset.ordering == (
        ("-app_label", "-model", "-pk") if descending else ("app_label", "model", "pk")
    )
    # The models get the same name in every app: sorting by the name first gives ties.
    by_model = Keyset("model", PairCursor, descending=descending, then=("app_label",))
    for order in (keyset, by_model):
        everything = list(ContentType.objects.order_by(*order.ordering))
        seen: list[ContentType] = []
        after: PairCursor | None = None
        while True:
            page = order.page(ContentType.objects.all(), after=after, size=3)
            seen.extend(page.items)
            if page.next_cursor is None:
                break
            after = page.next_cursor
        assert seen == everything
