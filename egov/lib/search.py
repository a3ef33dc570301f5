"""Full-text search in Korean, English and Indonesian behind one small interface.

Text is cut into tokens here, in Python, the same way for what is stored and
for what is asked, and the database only stores and matches those tokens:
PostgreSQL in a ``tsvector`` column with a GIN index, SQLite in an FTS5 table.
Both engines therefore find exactly the same rows.

On PostgreSQL a table may also store, beside each document, a few integer
"scope" columns (who handles a complaint, say), so that a search limited to
one scope is answered inside the index instead of by reading every match and
checking it (SQLite gains nothing from them, see ``SQLiteSearch``).

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
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

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


def query_words(text: str) -> list[list[Term]]:
    """The terms of ``parse_query(text)`` grouped by the word typed that they come from.

    A Korean word is several terms (경비원 → 경비, 비원) and a document holds
    the word when it holds all of them, as ``matching_keys`` decides for the
    whole query; so a ranking can count words, not pieces, whatever the script.

    >>> [[term.text for term in word] for word in query_words("경비원 Seoul 경비원")]
    [['경비', '비원'], ['seoul']]
    """
    kept = {term.text: term for term in parse_query(text)}
    words: dict[tuple[str, ...], list[Term]] = {}
    for run in _runs(text):
        pieces = dict.fromkeys(token for token in _run_tokens(run) if token in kept)
        if pieces:
            words.setdefault(tuple(pieces), [kept[piece] for piece in pieces])
    return list(words.values())


_IDENTIFIER = re.compile(r"[a-z_][a-z0-9_]{0,62}")

# A search limited to documents with these values in these scope columns.
Scope = Mapping[str, int]
Params = tuple[str | int, ...]


@dataclass(frozen=True)
class SearchTable:
    """Where one kind of document is indexed: a table, its key column, its scope columns.

    ``scopes`` name integer columns stored with each document (the unit and
    agency handling a complaint) that a search can be limited to: the index
    then answers "these words in this scope" itself (see ``newest_matching``).

    The names go into SQL text (identifiers cannot be parameters), so they are
    checked to be plain lowercase identifiers; every value is a parameter.
    """

    name: str
    key: str
    scopes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for identifier in (self.name, self.key, *self.scopes):
            if not _IDENTIFIER.fullmatch(identifier):
                raise ValueError(f"not a plain SQL identifier: {identifier!r}")
        if {self.key, "document"} & set(self.scopes) or len(set(self.scopes)) < len(self.scopes):
            raise ValueError(f"not a usable set of scope columns: {self.scopes!r}")

    def scope_condition(self, scope: Scope, *, marker: str = "%s") -> tuple[str, tuple[int, ...]]:
        """`` AND "unit_id" = %s`` for each column of ``scope``, and the values.

        ``marker`` is the SQL standing for each value: a parameter marker, maybe cast.
        """
        unknown = set(scope) - set(self.scopes)
        if unknown:
            # Also what keeps names from outside the table's definition out of the SQL.
            raise ValueError(f"{self.name} has no scope column {sorted(unknown)!r}")
        sql = "".join(f' AND "{column}" = {marker}' for column in scope)
        return sql, tuple(int(value) for value in scope.values())


class Document(NamedTuple):
    """What is stored under one key: its terms, and a value for each scope column."""

    key: int
    terms: Sequence[str]
    scope: Sequence[int] = ()


def _checked(table: SearchTable, documents: Iterable[Document]) -> list[Document]:
    """The documents, each with a value for every scope column of the table."""
    documents = list(documents)
    for document in documents:
        if len(document.scope) != len(table.scopes):
            raise ValueError(f"{table.name} stores {table.scopes!r} with each document")
    return documents


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
        self, cursor: CursorWrapper, table: SearchTable, documents: Iterable[Document]
    ) -> None:
        """Store each document, replacing what was stored under its key before."""

    @abstractmethod
    def matching_keys(
        self, table: SearchTable, terms: Sequence[Term], scope: Scope | None = None
    ) -> tuple[str, Params]:
        """SQL and its parameters selecting the keys whose documents hold every term.

        Limited to ``scope`` where the backend stores the scope (PostgreSQL);
        SQLite does not, and leaves it to the rows the keys are matched with.
        """

    def save(self, cursor: CursorWrapper, table: SearchTable, document: Document) -> None:
        self.save_many(cursor, table, [document])

    def delete_many(self, cursor: CursorWrapper, table: SearchTable, keys: Iterable[int]) -> None:
        """Remove the documents stored under ``keys`` (a key with none is no error)."""
        column = "rowid" if isinstance(self, SQLiteSearch) else f'"{table.key}"'
        cursor.executemany(
            f'DELETE FROM "{table.name}" WHERE {column} = %s',  # noqa: S608 - checked names
            [(int(key),) for key in keys],
        )

    def newest_matching(
        self,
        rows: models.QuerySet[Row],
        table: SearchTable,
        terms: Sequence[Term],
        *,
        scope: Scope | None = None,
        limit: int,
    ) -> list[Row]:
        """The ``limit`` rows of ``rows`` with the highest keys whose documents hold every term.

        ``rows`` (a queryset of the model the table's keys are primary keys of)
        carries the caller's permission filter and its select_related; ``scope``
        says the same in the index table's terms, so that an index that stores
        the scope leaves out everyone else's matches before ``rows`` is read.
        """
        sql, params = self.matching_keys(table, terms, scope)
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
        scopes = "".join(f'"{column}" bigint NOT NULL, ' for column in table.scopes)
        # No foreign key: the row is derived data, and Django's test flush
        # truncates only the tables it knows, which a reference would block.
        cursor.execute(
            f'CREATE TABLE "{table.name}" ('
            f'"{table.key}" bigint PRIMARY KEY, {scopes}document tsvector NOT NULL)'
        )
        # One GIN index over the scope and the document: a search for some
        # words in one unit finds the documents holding the words and the unit
        # together, in the index, so a word common elsewhere but absent from
        # the unit costs next to nothing. btree_gin lets GIN hold the integers.
        if table.scopes:
            cursor.execute("CREATE EXTENSION IF NOT EXISTS btree_gin")
        columns = ", ".join([*(f'"{column}"' for column in table.scopes), "document"])
        cursor.execute(
            f'CREATE INDEX "{table.name}_document" ON "{table.name}" USING gin ({columns})'
        )
        # The planner estimates how many documents hold a lexeme from the most
        # common ones it sampled, and guesses about 1% for any other. With the
        # default sample, a receipt number or a rare place name looks that
        # common, and the planner walks the whole table instead of asking the
        # GIN index; a larger sample keeps rare lexemes rare.
        cursor.execute(f'ALTER TABLE "{table.name}" ALTER COLUMN document SET STATISTICS 10000')

    def save_many(
        self, cursor: CursorWrapper, table: SearchTable, documents: Iterable[Document]
    ) -> None:
        columns = "".join(f', "{column}"' for column in table.scopes)
        marks = ", %s" * len(table.scopes)
        updates = "".join(f', "{column}" = EXCLUDED."{column}"' for column in table.scopes)
        cursor.executemany(
            f'INSERT INTO "{table.name}" ("{table.key}"{columns}, document) '  # noqa: S608 - checked names
            f"VALUES (%s{marks}, {self.document_sql('%s')}) "
            f'ON CONFLICT ("{table.key}") DO UPDATE SET document = EXCLUDED.document{updates}',
            [
                (document.key, *document.scope, " ".join(document.terms))
                for document in _checked(table, documents)
            ],
        )

    @staticmethod
    def tsquery(terms: Sequence[Term]) -> str:
        """``'경비' & '물':*``: every term quoted, so nothing in it is read as an operator."""

        def quoted(term: Term) -> str:
            text = term.text.replace("\\", "\\\\").replace("'", "''")
            return f"'{text}'" + (":*" if term.prefix else "")

        return " & ".join(quoted(term) for term in terms)

    def matching_keys(
        self, table: SearchTable, terms: Sequence[Term], scope: Scope | None = None
    ) -> tuple[str, Params]:
        # A bound number reaches PostgreSQL as an integer, and btree_gin's
        # operators compare a bigint with a bigint only: without the cast the
        # planner cannot put the scope into the GIN index, and checks it row
        # by row after fetching every match.
        in_scope, values = table.scope_condition(scope or {}, marker="%s::bigint")
        return (
            f'SELECT "{table.key}" FROM "{table.name}" '  # noqa: S608 - checked names
            f"WHERE document @@ to_tsquery('simple', %s){in_scope}",
            (self.tsquery(terms), *values),
        )

    # Reading one more row while walking the index table newest first costs
    # about a quarter of fetching one matching document through the GIN index
    # (measured at a million complaints with bench/bench_search.py; checked
    # again at 200,000 once the scope went into the index, see docs/performance.md).
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
        self,
        rows: models.QuerySet[Row],
        table: SearchTable,
        terms: Sequence[Term],
        *,
        scope: Scope | None = None,
        limit: int,
    ) -> list[Row]:
        """Walk the newest documents when matches are common, else fetch them through GIN.

        Left to itself the planner multiplies the frequencies of the terms as
        if they were independent; but the bigrams of one word always come
        together (비둘, 둘기), so it takes a word in 20,000 documents for one in
        400, fetches all 20,000 through the index and sorts them, when walking
        the newest documents would have found 50 in a few milliseconds. So the
        choice is made here, from the planner's estimates for the rarest single
        term (accurate, see ``create_table``) and for the rows in scope.

        With the scope in the index, both ways read only rows in scope: the
        walk checks the scope in each index row it reads, and the GIN index
        fetches only the matches in scope, so that is the number a fetch is
        costed by (taking the terms and the scope to be independent).

        The walk assumes the matches are spread evenly over the rows in scope.
        A word common elsewhere but rare among them (an Indonesian word in a
        Seoul district's cases) breaks that, so the walk stops at a few times
        the expected depth and the GIN index answers for the older rows: from
        the index alone when none of them is in scope.
        """
        sql, params = self.matching_keys(table, terms, scope)
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
        fetched_rows = matches * in_scope / documents if scope else matches
        newest = rows.order_by("-pk")
        column = f'"{rows.model._meta.db_table}"."{rows.model._meta.pk.column}"'
        # Every match through the GIN index; the primary key is then read
        # backwards over just those, stopping at the limit.
        fetched = RawSQL(  # noqa: S611 - checked names; the query text is a parameter
            f"{column} = ANY(ARRAY({sql}))", params, models.BooleanField()
        )
        with transaction.atomic(using=rows.db), _local_settings(connection, self.QUICK):
            if depth > fetched_rows * self.WALKED_ROWS_PER_FETCH:
                return list(newest.filter(fetched)[:limit])
            floor = _key_at_depth(
                connection, table, max(int(depth) * self.WALK_MARGIN, self.MIN_WALK)
            )
            # The walk reads the index table alone, newest key first, until it
            # has the limit (the scope is in the row); then the rows are read by key.
            bounds = f'{sql} AND "{table.key}" >= %s' if floor is not None else sql
            newest_keys = RawSQL(  # noqa: S611 - checked names; values are parameters
                f'{bounds} ORDER BY "{table.key}" DESC LIMIT %s',
                (*params, *([] if floor is None else [floor]), limit),
            )
            with _local_settings(connection, self.WALK):
                found = list(newest.filter(pk__in=newest_keys)[:limit])
            if len(found) == limit or floor is None:
                return found
            return found + list(newest.filter(fetched, pk__lt=floor)[: limit - len(found)])


class SQLiteSearch(SearchBackend):
    """An FTS5 table whose rowid is the key.

    The ``ascii`` tokenizer splits only at ASCII spaces and punctuation, so it
    keeps the tokens made here as they are; ``detail=none`` stores no
    positions, for the same reason as on PostgreSQL.

    The table stores no scope columns, and a search leaves the scope to the
    caller's rows. FTS5 could keep them only UNINDEXED, compared by reading
    each match's row: at 200,000 complaints that made a search for a common
    word four to ten times slower. Without them SQLite walks the scope's own
    rows newest first through their index and checks each against the
    matches, which costs the same whether or not other scopes use the word.
    """

    def create_table(self, cursor: CursorWrapper, table: SearchTable) -> None:
        cursor.execute(
            f'CREATE VIRTUAL TABLE "{table.name}" '
            "USING fts5(document, tokenize='ascii', detail='none')"
        )

    def save_many(
        self, cursor: CursorWrapper, table: SearchTable, documents: Iterable[Document]
    ) -> None:
        rows = [(document.key, " ".join(document.terms)) for document in _checked(table, documents)]
        cursor.executemany(
            f'DELETE FROM "{table.name}" WHERE rowid = %s',  # noqa: S608 - a checked name
            [(key,) for key, _ in rows],
        )
        cursor.executemany(
            f'INSERT INTO "{table.name}" (rowid, document) VALUES (%s, %s)',  # noqa: S608
            rows,
        )

    @staticmethod
    def match_expression(terms: Sequence[Term]) -> str:
        """``"경비" AND "물"*``: every term a quoted string, so none is read as syntax."""

        def quoted(term: Term) -> str:
            text = term.text.replace('"', '""')
            return f'"{text}"' + ("*" if term.prefix else "")

        return " AND ".join(quoted(term) for term in terms)

    def matching_keys(
        self, table: SearchTable, terms: Sequence[Term], scope: Scope | None = None
    ) -> tuple[str, Params]:
        # Checked all the same, so that a wrong scope fails on both engines.
        table.scope_condition(scope or {})
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
