"""Full-text search in Korean, English and Indonesian behind one small interface.

Text is cut into tokens here, in Python, the same way for what is stored and
for what is asked, and the database only stores and matches those tokens:
PostgreSQL in a ``tsvector`` column with a GIN index, SQLite in an FTS5 table.
Both engines therefore find exactly the same rows.

Korean is written without spaces between the parts of a compound (아파트경비원,
간호사), so a Hangul run is indexed as its overlapping two-syllable pieces
(경비원 → 경비, 비원): a one- or two-syllable word is found inside any longer
word, without a dictionary and without ``LIKE '%...%'`` scans. Latin-script
words (English, Indonesian) are indexed whole; numbers are kept, so receipt
numbers and street numbers can be searched. There is no stemming: "gaji"
finds "gaji", not "menggaji".
"""

from __future__ import annotations

import json
import re
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import connections, models, transaction
from django.db.models.expressions import RawSQL

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.backends.utils import CursorWrapper

Row = TypeVar("Row", bound=models.Model)

# Modern Hangul syllables (NFKC has already composed text typed as separate jamo).
_HANGUL = "\uac00-\ud7a3"
# A run of Hangul syllables, or a run of other letters and digits.
_RUN = re.compile(rf"[{_HANGUL}]+|[^\W_{_HANGUL}]+")

# A single Latin letter ("a", "i") matches nearly everything and means nothing.
MIN_WORD_LENGTH = 2
# Longer "words" are pasted links or encoded data: they would bloat the index
# and nobody types them into a search box.
MAX_TOKEN_LENGTH = 64
# A query's cost grows with its terms; more than this is a pasted paragraph.
MAX_QUERY_TERMS = 16


def _is_hangul(character: str) -> bool:
    return "\uac00" <= character <= "\ud7a3"


def _runs(text: str) -> list[str]:
    # NFKC turns full-width letters and digits into ASCII and composes jamo;
    # casefold is lowercasing that also folds ß and the like.
    folded = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
    return _RUN.findall(folded)


def _run_tokens(run: str) -> list[str]:
    if _is_hangul(run[0]):
        if len(run) == 1:
            return [run]
        return [run[start : start + 2] for start in range(len(run) - 1)]
    if len(run) > MAX_TOKEN_LENGTH:
        return []
    if run.isdigit() or len(run) >= MIN_WORD_LENGTH:
        return [run]
    return []


def tokenize(text: str) -> list[str]:
    """The search tokens of ``text`` in order, repeats included.

    >>> tokenize("아파트 경비원 gaji EP-2611-0000123")
    ['아파', '파트', '경비', '비원', 'gaji', 'ep', '2611', '0000123']
    """
    return [token for run in _runs(text) for token in _run_tokens(run)]


def index_terms(*texts: str) -> list[str]:
    """What to store for a document made of ``texts``: each distinct token once.

    Each Hangul run also stores its last syllable on its own. Every syllable
    but the last begins a bigram, so with the last one stored too, a
    one-syllable query (a prefix match, see ``parse_query``) finds the
    syllable wherever it stands: 물 in 물가, 수돗물 and 물.
    """
    terms: dict[str, None] = {}
    for text in texts:
        for run in _runs(text):
            for token in _run_tokens(run):
                terms[token] = None
            if len(run) > 1 and _is_hangul(run[0]):
                terms[run[-1]] = None
    return list(terms)


@dataclass(frozen=True)
class Term:
    """One thing a query asks for; ``prefix`` matches every stored term starting with it."""

    text: str
    prefix: bool = False


def parse_query(text: str) -> list[Term]:
    """The terms every matching document must hold, at most MAX_QUERY_TERMS of them.

    Query text is tokenised exactly like documents, so operators and quotes
    typed into the box (``& | ! ( ) : * ' "``) are dropped, never interpreted.
    A lone Hangul syllable becomes a prefix term (see ``index_terms``).
    """
    terms: dict[str, Term] = {}
    for token in tokenize(text):
        terms.setdefault(token, Term(token, prefix=len(token) == 1 and _is_hangul(token)))
    return list(terms.values())[:MAX_QUERY_TERMS]


_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")


@dataclass(frozen=True)
class SearchTable:
    """Where one kind of document is indexed: a table, and the name of its key column.

    Both names go into SQL text (identifiers cannot be parameters), so they are
    checked to be plain lowercase identifiers; every value is a parameter.
    """

    name: str
    key: str

    def __post_init__(self) -> None:
        for identifier in (self.name, self.key):
            if not _IDENTIFIER.fullmatch(identifier):
                raise ValueError(f"not a plain SQL identifier: {identifier!r}")


class SearchBackend(ABC):
    """Stores token lists under integer keys and finds the keys holding all of some terms."""

    @abstractmethod
    def create_table(self, cursor: CursorWrapper, table: SearchTable) -> None:
        """Create the table and its index (called from a migration)."""

    def drop_table(self, cursor: CursorWrapper, table: SearchTable) -> None:
        """Remove what ``create_table`` made."""
        cursor.execute(f'DROP TABLE IF EXISTS "{table.name}"')

    @abstractmethod
    def save_many(
        self, cursor: CursorWrapper, table: SearchTable, rows: Iterable[tuple[int, Sequence[str]]]
    ) -> None:
        """Store each ``(key, terms)``, replacing what was stored under the key before."""

    @abstractmethod
    def matching_keys(
        self, table: SearchTable, terms: Sequence[Term]
    ) -> tuple[str, tuple[str, ...]]:
        """SQL and its parameters selecting the keys whose documents hold every term."""

    def save(
        self, cursor: CursorWrapper, table: SearchTable, key: int, terms: Sequence[str]
    ) -> None:
        self.save_many(cursor, table, [(key, terms)])

    def newest_matching(
        self, rows: models.QuerySet[Row], table: SearchTable, terms: Sequence[Term], *, limit: int
    ) -> list[Row]:
        """The ``limit`` rows of ``rows`` with the highest keys whose documents hold every term.

        ``rows`` (a queryset of the model the table's keys are primary keys of)
        carries the caller's permission filter and its select_related.
        """
        sql, params = self.matching_keys(table, terms)
        # The SQL names only the index table; the query text is a parameter.
        return list(rows.filter(pk__in=RawSQL(sql, params)).order_by("-pk")[:limit])  # noqa: S611


class PostgresSearch(SearchBackend):
    """A ``tsvector`` column under a GIN index, built with the 'simple' configuration.

    'simple' neither stems nor drops stop words, so the lexemes are the tokens
    made here. Positions are stripped: results are ordered by date, never by
    proximity, and the vectors stay small.
    """

    @staticmethod
    def document_sql(text_sql: str) -> str:
        """The SQL expression turning space-separated terms into the stored vector."""
        return f"strip(to_tsvector('simple', {text_sql}))"

    def create_table(self, cursor: CursorWrapper, table: SearchTable) -> None:
        # No foreign key: the row is derived data, and Django's test flush
        # truncates only the tables it knows, which a reference would block.
        cursor.execute(
            f'CREATE TABLE "{table.name}" ('
            f'"{table.key}" bigint PRIMARY KEY, document tsvector NOT NULL)'
        )
        cursor.execute(
            f'CREATE INDEX "{table.name}_document" ON "{table.name}" USING gin (document)'
        )
        # The planner estimates how many documents hold a lexeme from the most
        # common ones it sampled, and guesses about 1% for any other. With the
        # default sample, a receipt number or a rare place name looks that
        # common, and the planner walks the whole table instead of asking the
        # GIN index; a larger sample keeps rare lexemes rare.
        cursor.execute(f'ALTER TABLE "{table.name}" ALTER COLUMN document SET STATISTICS 10000')

    def save_many(
        self, cursor: CursorWrapper, table: SearchTable, rows: Iterable[tuple[int, Sequence[str]]]
    ) -> None:
        cursor.executemany(
            f'INSERT INTO "{table.name}" ("{table.key}", document) '  # noqa: S608 - checked names
            f"VALUES (%s, {self.document_sql('%s')}) "
            f'ON CONFLICT ("{table.key}") DO UPDATE SET document = EXCLUDED.document',
            [(row_key, " ".join(terms)) for row_key, terms in rows],
        )

    @staticmethod
    def tsquery(terms: Sequence[Term]) -> str:
        """``'경비' & '물':*``: every term quoted, so nothing in it is read as an operator."""

        def quoted(term: Term) -> str:
            text = term.text.replace("\\", "\\\\").replace("'", "''")
            return f"'{text}'" + (":*" if term.prefix else "")

        return " & ".join(quoted(term) for term in terms)

    def matching_keys(
        self, table: SearchTable, terms: Sequence[Term]
    ) -> tuple[str, tuple[str, ...]]:
        return (
            f'SELECT "{table.key}" FROM "{table.name}" '  # noqa: S608 - checked names
            "WHERE document @@ to_tsquery('simple', %s)",
            (self.tsquery(terms),),
        )

    # Reading one more row while walking the index table newest first costs
    # about a quarter of fetching one matching document through the GIN index
    # (measured at a million complaints with bench/bench_search.py).
    WALKED_ROWS_PER_FETCH = 4
    # How far a walk may go past the depth it was expected to need (and at
    # least how many rows it may read) before the GIN index takes over.
    WALK_MARGIN = 4
    MIN_WALK = 10_000
    # A search reads a few thousand rows: compiling it (JIT) or starting
    # parallel workers costs more than it saves, and a misled planner does both.
    QUICK = {"jit": "off", "max_parallel_workers_per_gather": "0"}
    # GIN answers only bitmap scans, so without them (and without a sequential
    # scan and a sort) the planner walks the primary keys backwards.
    WALK = {"enable_bitmapscan": "off", "enable_seqscan": "off"}

    def newest_matching(
        self, rows: models.QuerySet[Row], table: SearchTable, terms: Sequence[Term], *, limit: int
    ) -> list[Row]:
        """Walk the newest documents when matches are common, else fetch them through GIN.

        Left to itself the planner multiplies the frequencies of the terms as
        if they were independent; but the bigrams of one word always come
        together (비둘, 둘기), so it takes a word in 20,000 documents for one in
        400, fetches all 20,000 through the index and sorts them, when walking
        the newest documents would have found 50 in a few milliseconds. So the
        choice is made here, from the planner's estimates for the rarest single
        term (accurate, see ``create_table``) and for the rows in scope.

        The walk assumes the matches are spread evenly over the rows in scope.
        A word common elsewhere but rare among them (an Indonesian word in a
        Seoul district's cases) breaks that, so the walk stops at a few times
        the expected depth and the GIN index answers for the older rows.
        """
        sql, params = self.matching_keys(table, terms)
        connection = connections[rows.db]
        with connection.cursor() as cursor:
            matches = min(
                _estimated_rows(
                    cursor,
                    f'SELECT 1 FROM "{table.name}" '  # noqa: S608 - checked names
                    "WHERE document @@ to_tsquery('simple', %s)",
                    [self.tsquery([term])],
                )
                for term in terms
            )
            documents = _estimated_rows(cursor, f'SELECT 1 FROM "{table.name}"', [])  # noqa: S608
        in_scope = _plan_rows(json.loads(rows.values("pk").explain(format="json")))
        depth = limit * documents * documents / max(matches * in_scope, 1)
        newest = rows.order_by("-pk")
        column = f'"{rows.model._meta.db_table}"."{rows.model._meta.pk.column}"'
        # Every match through the GIN index; the primary key is then read
        # backwards over just those, stopping at the limit.
        fetched = RawSQL(  # noqa: S611 - checked names; the query text is a parameter
            f"{column} = ANY(ARRAY({sql}))", params, models.BooleanField()
        )
        with transaction.atomic(using=rows.db), _local_settings(connection, self.QUICK):
            if depth > matches * self.WALKED_ROWS_PER_FETCH:
                return list(newest.filter(fetched)[:limit])
            floor = _key_at_depth(
                connection, table, max(int(depth) * self.WALK_MARGIN, self.MIN_WALK)
            )
            walk = newest.filter(pk__in=RawSQL(sql, params))  # noqa: S611
            if floor is not None:
                walk = walk.filter(pk__gte=floor)
            with _local_settings(connection, self.WALK):
                found = list(walk[:limit])
            if len(found) == limit or floor is None:
                return found
            return found + list(newest.filter(fetched, pk__lt=floor)[: limit - len(found)])


class SQLiteSearch(SearchBackend):
    """An FTS5 table whose rowid is the key.

    The ``ascii`` tokenizer splits only at ASCII spaces and punctuation, so it
    keeps the tokens made here as they are; ``detail=none`` stores no
    positions, for the same reason as on PostgreSQL.
    """

    def create_table(self, cursor: CursorWrapper, table: SearchTable) -> None:
        cursor.execute(
            f'CREATE VIRTUAL TABLE "{table.name}" '
            "USING fts5(document, tokenize='ascii', detail='none')"
        )

    def save_many(
        self, cursor: CursorWrapper, table: SearchTable, rows: Iterable[tuple[int, Sequence[str]]]
    ) -> None:
        documents = [(row_key, " ".join(terms)) for row_key, terms in rows]
        cursor.executemany(
            f'DELETE FROM "{table.name}" WHERE rowid = %s',  # noqa: S608 - a checked name
            [(row_key,) for row_key, _ in documents],
        )
        cursor.executemany(
            f'INSERT INTO "{table.name}" (rowid, document) VALUES (%s, %s)',  # noqa: S608
            documents,
        )

    @staticmethod
    def match_expression(terms: Sequence[Term]) -> str:
        """``"경비" AND "물"*``: every term a quoted string, so none is read as syntax."""

        def quoted(term: Term) -> str:
            text = term.text.replace('"', '""')
            return f'"{text}"' + ("*" if term.prefix else "")

        return " AND ".join(quoted(term) for term in terms)

    def matching_keys(
        self, table: SearchTable, terms: Sequence[Term]
    ) -> tuple[str, tuple[str, ...]]:
        return (
            f'SELECT rowid FROM "{table.name}" WHERE "{table.name}" MATCH %s',  # noqa: S608
            (self.match_expression(terms),),
        )


@contextmanager
def _local_settings(connection: BaseDatabaseWrapper, settings: dict[str, str]) -> Iterator[None]:
    """Planner settings for the rest of this transaction, put back as they were after."""
    with connection.cursor() as cursor:
        previous = {}
        for name, value in settings.items():
            cursor.execute(
                "SELECT current_setting(%s), set_config(%s, %s, true)", [name] * 2 + [value]
            )
            row = cursor.fetchone()
            previous[name] = row[0] if row else value
        try:
            yield
        finally:
            for name, value in previous.items():
                cursor.execute("SELECT set_config(%s, %s, true)", [name, value])


def _key_at_depth(connection: BaseDatabaseWrapper, table: SearchTable, depth: int) -> int | None:
    """The key ``depth`` rows down from the newest, or None when the table is not that deep."""
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "{table.key}" FROM "{table.name}" '  # noqa: S608 - checked names
            f'ORDER BY "{table.key}" DESC OFFSET %s LIMIT 1',
            [depth],
        )
        row = cursor.fetchone()
    return int(row[0]) if row else None


def _plan_rows(plan: Any) -> int:
    """The estimated row count at the top of an ``EXPLAIN (FORMAT JSON)`` result."""
    if isinstance(plan, str):
        plan = json.loads(plan)
    return max(int(plan[0]["Plan"]["Plan Rows"]), 1)


def _estimated_rows(cursor: CursorWrapper, sql: str, params: Sequence[str]) -> int:
    """The planner's estimate of how many rows ``sql`` returns; nothing is run."""
    cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
    row = cursor.fetchone()
    if row is None:
        return 1
    return _plan_rows(row[0])


def backend_for(connection: BaseDatabaseWrapper) -> SearchBackend:
    """The search backend of the database behind ``connection``."""
    if connection.vendor == "postgresql":
        return PostgresSearch()
    if connection.vendor == "sqlite":
        return SQLiteSearch()
    # egov supports exactly these two engines (settings.parse_database_url refuses others).
    raise ImproperlyConfigured(
        f"egov search supports PostgreSQL and SQLite, not {connection.vendor}"
    )
