"""Keyset pagination: a page starts after the last row of the page before, never at an offset.

A list sorted by ``(value, id)`` (a due date, a receipt time...) is read one
page at a time from where the reader stopped, so page 1,000 costs what page 1
costs. The place is a ``Cursor``: the last row's sort value and id, written
into a link as a short URL-safe string and read back strictly, since anyone
can edit a link. A ``Keyset`` names the order (field, direction, cursor type)
once; a service keeps one per list::

    QUEUE = Keyset("due_date", DateCursor)
    NEWEST_FIRST = Keyset("received_at", DateTimeCursor, descending=True)

    page = QUEUE.page(queryset, after=form.cleaned_data["after"], size=50)
    page.items, page.next_cursor            # next_cursor is None on the last page

The form side is ``CursorField``, which turns the ``after`` parameter into a
cursor or one clear message. A new kind of sort key is a ``Cursor`` subclass
with ``write_value`` and ``read_value``.

A list may sort by more than one value before the id: ``then`` names the
fields after the first, and the cursor's value is then a tuple of them all::

    BY_SCORE = Keyset("score", ScoreCursor, descending=True, then=("date_posted",))

The fields may be annotations (a score the database computes per row): the
condition is the same, though the database then computes the value of every
candidate row on each page (there is no index to walk), so a page costs what
the first page costs, in proportion to the candidates rather than to the depth.
"""

from __future__ import annotations

import datetime
import re
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Self, TypeVar

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from egov.lib.http import MAX_ID

# Longer than any cursor we write ("2026-12-01." or 19 digits of a moment, then
# 19 of an id; a score cursor's few digits of a score besides); anything longer
# is not one.
CURSOR_MAX_LENGTH = 48
_ID = re.compile(r"[0-9]{1,19}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MICROSECONDS = re.compile(r"-?[0-9]{1,18}")
_SCORE = re.compile(r"[0-9]{1,4}")
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)

V = TypeVar("V")
C = TypeVar("C", bound="Cursor[Any]")
T = TypeVar("T")
M = TypeVar("M", bound=Model)
QS = TypeVar("QS", bound=QuerySet[Any])


@dataclass(frozen=True)
class Cursor(ABC, Generic[V]):
    """A place in a list sorted by ``(value, id)``: after the row with this value and id.

    The id breaks ties between rows with the same value, so the order is total
    and no row is skipped or shown twice across pages.
    """

    value: V
    id: int

    # How errors name it ("not a queue cursor"); a service may name its own.
    name: ClassVar[str] = "page cursor"

    def __post_init__(self) -> None:
        self.check_value(self.value)
        if not 1 <= self.id <= MAX_ID:
            raise ValueError(f"a {self.name} needs an id from 1 to {MAX_ID}")

    def encode(self) -> str:
        """The cursor as it goes into a link: ``<value>.<id>``, nothing to escape."""
        return f"{self.write_value(self.value)}.{self.id}"

    @classmethod
    def decode(cls, text: str) -> Self:
        """Read a cursor from a link; ValueError for anything that is not one."""
        # ASCII only: str.isdigit() and int() also accept other scripts' digits.
        if len(text) > CURSOR_MAX_LENGTH or not text.isascii():
            raise ValueError(f"not a {cls.name}")
        value, _dot, number = text.rpartition(".")
        if not _ID.fullmatch(number):
            raise ValueError(f"not a {cls.name}")
        try:
            return cls(cls.read_value(value), int(number))
        except (ValueError, OverflowError):
            raise ValueError(f"not a {cls.name}") from None

    @classmethod
    def check_value(cls, value: V) -> None:
        """Raise ValueError if ``value`` is not a sort value of this cursor's kind."""

    @classmethod
    @abstractmethod
    def write_value(cls, value: V) -> str:
        """The sort value as it goes into a link."""

    @classmethod
    @abstractmethod
    def read_value(cls, text: str) -> V:
        """The sort value back from a link; ValueError for anything that is not one."""


class DateCursor(Cursor[datetime.date]):
    """A place in a list sorted by a date: ``2026-12-01.123``."""

    @classmethod
    def check_value(cls, value: datetime.date) -> None:
        # A datetime is a date too, but would not survive the trip through a link.
        if type(value) is not datetime.date:
            raise ValueError(f"a {cls.name} sorts by a date, not {type(value).__name__}")

    @classmethod
    def write_value(cls, value: datetime.date) -> str:
        return value.isoformat()

    @classmethod
    def read_value(cls, text: str) -> datetime.date:
        # fromisoformat alone would also read "20261201" and week dates.
        if not _DATE.fullmatch(text):
            raise ValueError(text)
        return datetime.date.fromisoformat(text)


class DateTimeCursor(Cursor[datetime.datetime]):
    """A place in a list sorted by a moment: microseconds since 1970 (UTC), ``1795...0.123``.

    Whole microseconds, so the moment comes back exactly as the database holds it.
    """

    @classmethod
    def check_value(cls, value: datetime.datetime) -> None:
        if not isinstance(value, datetime.datetime) or value.tzinfo is None:
            raise ValueError(f"a {cls.name} sorts by an aware datetime")

    @classmethod
    def write_value(cls, value: datetime.datetime) -> str:
        return str((value - _EPOCH) // datetime.timedelta(microseconds=1))

    @classmethod
    def read_value(cls, text: str) -> datetime.datetime:
        if not _MICROSECONDS.fullmatch(text):
            raise ValueError(text)
        return _EPOCH + datetime.timedelta(microseconds=int(text))


class NumberCursor(Cursor[int]):
    """A place in a list sorted by a whole number (a salary, a count): ``2100000.7``."""

    @classmethod
    def check_value(cls, value: int) -> None:
        if type(value) is not int or not -MAX_ID <= value <= MAX_ID:
            raise ValueError(f"a {cls.name} sorts by a whole number up to {MAX_ID}")

    @classmethod
    def write_value(cls, value: int) -> str:
        return str(value)

    @classmethod
    def read_value(cls, text: str) -> int:
        if not _MICROSECONDS.fullmatch(text):
            raise ValueError(text)
        return int(text)


class ScoreCursor(Cursor[tuple[int, datetime.datetime]]):
    """A place in a list sorted by a score (a whole number), then a moment: ``3_1795...0.123``.

    For a ranking whose score ties often (how many words matched): the moment
    (when it was posted, say) orders rows of one score, the id rows of one moment.
    """

    # Four digits keep the longest cursor inside CURSOR_MAX_LENGTH.
    MAX_SCORE: ClassVar[int] = 9_999

    @classmethod
    def check_value(cls, value: tuple[int, datetime.datetime]) -> None:
        if not isinstance(value, tuple) or len(value) != 2:
            raise ValueError(f"a {cls.name} sorts by a score and a moment")
        score, moment = value
        if type(score) is not int or not 0 <= score <= cls.MAX_SCORE:
            raise ValueError(f"a {cls.name} sorts by a score from 0 to {cls.MAX_SCORE}")
        DateTimeCursor.check_value(moment)

    @classmethod
    def write_value(cls, value: tuple[int, datetime.datetime]) -> str:
        return f"{NumberCursor.write_value(value[0])}_{DateTimeCursor.write_value(value[1])}"

    @classmethod
    def read_value(cls, text: str) -> tuple[int, datetime.datetime]:
        score, underscore, moment = text.partition("_")
        if not underscore or not _SCORE.fullmatch(score):
            raise ValueError(text)
        return int(score), DateTimeCursor.read_value(moment)


def rows_after(queryset: QS, field: str, value: Any, id: int, *, descending: bool = False) -> QS:
    """The rows after ``(value, id)`` in ``(field, pk)`` order (or after it backwards).

    Written as ``field >= v AND (field > v OR pk > i)`` rather than the plain
    OR, so that the database walks an index on ``(field, id)`` from the cursor
    and stops after one page, instead of collecting every later row to sort.
    """
    return rows_after_values(queryset, (field,), (value,), id, descending=descending)


def rows_after_values(
    queryset: QS,
    fields: Sequence[str],
    values: Sequence[Any],
    id: int,
    *,
    descending: bool = False,
) -> QS:
    """The rows after ``(*values, id)`` in ``(*fields, pk)`` order (or after it backwards).

    ``f1 >= v1 AND (f1 > v1 OR f2 > v2 OR (f2 = v2 AND pk > i))``: the
    lexicographic comparison of a row value, the first field's bound first for
    the index on ``(f1, ..., id)`` if there is one (past it, ``f1 = v1`` goes
    without saying when ``f1 > v1`` does not hold).
    """
    if not fields or len(fields) != len(values):
        raise ValueError("one value for each field of the order")
    beyond = "lt" if descending else "gt"
    condition = Q(**{f"pk__{beyond}": id})
    for field, value in reversed(list(zip(fields[1:], values[1:], strict=True))):
        condition = Q(**{f"{field}__{beyond}": value}) | (Q(**{field: value}) & condition)
    first = Q(**{f"{fields[0]}__{beyond}": values[0]}) | condition
    return queryset.filter(**{f"{fields[0]}__{beyond}e": values[0]}).filter(first)


@dataclass(frozen=True)
class Page(Generic[T, C]):
    """One page of a list, and where the next one starts (None: this is the last)."""

    items: list[T]
    next_cursor: C | None


@dataclass(frozen=True)
class Keyset(Generic[C]):
    """A list's order, ``(field, id)`` ascending or descending, and the cursor that marks a place.

    The database needs an index that hands the rows over in this order
    (``(field, id)``, after any equality filters) for a page to cost one seek.
    ``then`` are further fields between ``field`` and the id, all in the same
    direction; the cursor's value is then the tuple of every field's value.
    """

    field: str
    cursor: type[C]
    descending: bool = False
    then: tuple[str, ...] = ()

    @property
    def fields(self) -> tuple[str, ...]:
        """Every field the list is sorted by before the id."""
        return (self.field, *self.then)

    @property
    def ordering(self) -> tuple[str, ...]:
        """The ``order_by`` of the list."""
        if self.descending:
            return (*(f"-{field}" for field in self.fields), "-pk")
        return (*self.fields, "pk")

    def after(self, queryset: QS, cursor: C) -> QS:
        """The rows after ``cursor`` in this order."""
        values = cursor.value if self.then else (cursor.value,)
        return rows_after_values(
            queryset, self.fields, values, cursor.id, descending=self.descending
        )

    def cursor_of(self, row: Model) -> C:
        """The cursor just after ``row``."""
        if self.then:
            return self.cursor(tuple(getattr(row, field) for field in self.fields), row.pk)
        return self.cursor(getattr(row, self.field), row.pk)

    def page(self, queryset: QuerySet[M], *, after: C | None = None, size: int) -> Page[M, C]:
        """One page of ``queryset`` in this order, starting after ``after``."""
        if size < 1:
            raise ValueError("a page holds at least one row")
        rows = queryset.order_by(*self.ordering)
        if after is not None:
            rows = self.after(rows, after)
        items = list(rows[: size + 1])
        if len(items) <= size:
            return Page(items, None)
        return Page(items[:size], self.cursor_of(items[size - 1]))


class CursorField(forms.CharField):
    """The ``after`` parameter of a paged list: a cursor, None when absent, or one clear error.

    Pages build the value and people never type it, so whatever is wrong with
    it (too long, a NUL, not a cursor) gets the same message, which says what
    to do: start again from the first page.
    """

    widget = forms.HiddenInput
    default_error_messages = {
        "invalid": _("This page link is not valid. Start again from the first page."),
    }

    def __init__(self, cursor: type[Cursor[Any]], **kwargs: Any) -> None:
        self.cursor = cursor
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", CURSOR_MAX_LENGTH)
        super().__init__(**kwargs)
        for code in ("max_length", "null_characters_not_allowed"):
            self.error_messages[code] = self.error_messages["invalid"]

    def clean(self, value: Any) -> Cursor[Any] | None:
        text: str = super().clean(value)
        if not text:
            return None
        try:
            return self.cursor.decode(text)
        except ValueError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
