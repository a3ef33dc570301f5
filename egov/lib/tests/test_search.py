from __future__ import annotations

import pytest
from django.db import connection

from egov.lib.search import (
    MAX_QUERY_TERMS,
    MAX_TOKEN_LENGTH,
    Document,
    PostgresSearch,
    SearchTable,
    SQLiteSearch,
    Term,
    backend_for,
    index_terms,
    parse_query,
    tokenize,
)

HOSTILE_QUERIES = [
    "&|!():*'\"",
    "' OR 1=1 --",
    'a" OR "b',
    "경비 & !간호 | (x:*)",
    "NEAR(a b) AND NOT c*",
    "\\'\\\\",
    "\x00\x1f",
    "\uff05\uff06\uff07",  # full-width % & '
    "",
]


# ---- the tokenizer ----------------------------------------------------------------


def test_a_hangul_run_becomes_its_overlapping_bigrams() -> None:
    assert tokenize("경비원") == ["경비", "비원"]
    assert tokenize("아파트경비원") == ["아파", "파트", "트경", "경비", "비원"]


def test_a_two_syllable_word_is_its_own_bigram_and_a_single_syllable_stays_itself() -> None:
    assert tokenize("간호") == ["간호"]
    assert tokenize("물 좀") == ["물", "좀"]


def test_latin_and_indonesian_words_are_lowercased_words_of_two_letters_or_more() -> None:
    assert tokenize("Gaji belum dibayar, a I Pay!") == ["gaji", "belum", "dibayar", "pay"]


def test_numbers_are_kept_so_receipt_numbers_and_addresses_can_be_found() -> None:
    assert tokenize("EP-2611-0000123") == ["ep", "2611", "0000123"]
    assert tokenize("율곡로 3길") == ["율곡", "곡로", "3", "길"]


def test_hangul_and_other_scripts_are_split_where_they_meet() -> None:
    assert tokenize("3개월째 KT전화") == ["3", "개월", "월째", "kt", "전화"]


def test_text_is_normalised_before_it_is_cut() -> None:
    # Full-width letters and digits, and Hangul typed as separate jamo, read as usual.
    assert tokenize("\uff27\uff21\uff2a\uff29 \uff11\uff12\uff13") == ["gaji", "123"]
    assert tokenize("\u1100\u1167\u11bc\u1107\u1175") == ["경비"]
    assert tokenize("STRASSE Straße") == ["strasse", "strasse"]


def test_punctuation_and_operators_are_never_tokens() -> None:
    assert tokenize("&|!():*'\"<->") == []
    assert tokenize("don't") == ["don"]


def test_a_token_longer_than_any_word_is_dropped() -> None:
    pasted = "x" * (MAX_TOKEN_LENGTH + 1)
    assert tokenize(f"see {pasted} here") == ["see", "here"]


def test_a_document_stores_each_term_once_and_the_last_syllable_of_each_hangul_run() -> None:
    terms = index_terms("경비원 경비", "수돗물")
    assert terms == ["경비", "비원", "원", "비", "수돗", "돗물", "물"]


# ---- queries ------------------------------------------------------------------------


def test_a_query_asks_for_every_distinct_token() -> None:
    assert parse_query("아파트 경비 경비") == [Term("아파"), Term("파트"), Term("경비")]


def test_a_lone_syllable_is_asked_for_as_a_prefix() -> None:
    assert parse_query("물 gaji") == [Term("물", prefix=True), Term("gaji")]


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_operators_typed_into_a_query_are_dropped_not_obeyed(query: str) -> None:
    terms = parse_query(query)
    assert all(term.text.isalnum() for term in terms)


def test_a_pasted_paragraph_is_cut_to_the_first_terms() -> None:
    words = [f"word{number}" for number in range(MAX_QUERY_TERMS + 5)]
    assert [term.text for term in parse_query(" ".join(words))] == words[:MAX_QUERY_TERMS]


def test_postgres_quotes_every_term_so_none_is_read_as_an_operator() -> None:
    terms = [Term("it's"), Term("a\\b"), Term("물", prefix=True)]
    assert PostgresSearch.tsquery(terms) == "'it''s' & 'a\\\\b' & '물':*"


def test_sqlite_quotes_every_term_so_none_is_read_as_syntax() -> None:
    terms = [Term('say "no"'), Term("NEAR"), Term("물", prefix=True)]
    assert SQLiteSearch.match_expression(terms) == '"say ""no""" AND "NEAR" AND "물"*'


def test_a_search_table_refuses_names_that_are_not_plain_identifiers() -> None:
    with pytest.raises(ValueError, match="identifier"):
        SearchTable(name='x"; DROP TABLE y; --', key="id")
    with pytest.raises(ValueError, match="identifier"):
        SearchTable(name="ok", key="Key")


# ---- the backend of the database the tests run on ----------------------------------

SCRATCH = SearchTable(name="lib_search_scratch", key="document_id")

DOCUMENTS = {
    1: "아파트경비원 근무 시간",
    2: "간호사 인력 부족",
    3: "Gaji belum dibayar tiga bulan",
    4: "Streetlight dark on 12 Yulgok-ro, EP-2611-0000123",
    5: "수돗물 녹물",
    6: "물가 상승",
}


@pytest.fixture
def scratch(db: None) -> SearchTable:
    """A scratch index on this engine, made inside the test's transaction."""
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        backend.create_table(cursor, SCRATCH)
        backend.save_many(
            cursor, SCRATCH, [Document(k, index_terms(t)) for k, t in DOCUMENTS.items()]
        )
    return SCRATCH


def found(table: SearchTable, query: str) -> set[int]:
    sql, params = backend_for(connection).matching_keys(table, parse_query(query))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("경비", {1}),
        ("간호", {2}),
        ("경비원", {1}),
        ("gaji", {3}),
        ("GAJI bulan", {3}),
        ("EP-2611-0000123", {4}),
        ("yulgok 12", {4}),
        ("물", {5, 6}),
        ("녹물", {5}),
        ("경비 간호", set()),
        ("gaj", set()),
    ],
)
def test_the_database_finds_every_document_holding_all_the_terms(
    scratch: SearchTable, query: str, expected: set[int]
) -> None:
    assert found(scratch, query) == expected


def test_saving_a_document_again_replaces_what_it_held(scratch: SearchTable) -> None:
    with connection.cursor() as cursor:
        backend_for(connection).save(cursor, scratch, Document(2, index_terms("요양보호사")))
    assert found(scratch, "간호") == set()
    assert found(scratch, "요양") == {2}


@pytest.mark.parametrize("query", HOSTILE_QUERIES)
def test_hostile_queries_reach_the_database_without_error(scratch: SearchTable, query: str) -> None:
    terms = parse_query(query) or [Term("&|!():*'\""), Term('"NEAR(', prefix=True)]
    sql, params = backend_for(connection).matching_keys(scratch, terms)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        assert cursor.fetchall() is not None


def test_postgres_keeps_the_tokens_as_they_are(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the 'simple' configuration is PostgreSQL's")
    terms = index_terms("아파트경비원 gaji EP-2611-0000123 café Straße 3개월 naïve")
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT tsvector_to_array({PostgresSearch.document_sql('%s')})", [" ".join(terms)]
        )
        (lexemes,) = cursor.fetchone()
    assert sorted(lexemes) == sorted(terms)


# ---- scope columns ----------------------------------------------------------------

SCOPED = SearchTable(name="lib_search_scoped", key="document_id", scopes=("unit_id", "agency_id"))


@pytest.fixture
def scoped(db: None) -> SearchTable:
    """A scratch index whose documents each belong to a unit of an agency."""
    backend = backend_for(connection)
    with connection.cursor() as cursor:
        backend.create_table(cursor, SCOPED)
        backend.save_many(
            cursor,
            SCOPED,
            [Document(key, index_terms(text), (key % 2, 10)) for key, text in DOCUMENTS.items()],
        )
    return SCOPED


def scoped_found(table: SearchTable, query: str, scope: dict[str, int]) -> set[int]:
    sql, params = backend_for(connection).matching_keys(table, parse_query(query), scope)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def test_a_search_can_be_limited_to_the_documents_of_one_scope(scoped: SearchTable) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite stores no scope (see SQLiteSearch): the caller's rows carry it")
    assert scoped_found(scoped, "물", {}) == {5, 6}
    assert scoped_found(scoped, "물", {"unit_id": 1}) == {5}
    assert scoped_found(scoped, "물", {"unit_id": 0}) == {6}
    assert scoped_found(scoped, "물", {"agency_id": 10}) == {5, 6}
    assert scoped_found(scoped, "물", {"unit_id": 1, "agency_id": 11}) == set()


def test_saving_a_document_again_replaces_its_scope_too(scoped: SearchTable) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite stores no scope (see SQLiteSearch)")
    with connection.cursor() as cursor:
        backend_for(connection).save(cursor, scoped, Document(5, index_terms("녹물"), (0, 11)))
    assert scoped_found(scoped, "녹물", {"unit_id": 1}) == set()
    assert scoped_found(scoped, "녹물", {"unit_id": 0, "agency_id": 11}) == {5}


def test_a_document_must_carry_a_value_for_each_scope_column(scoped: SearchTable) -> None:
    with connection.cursor() as cursor, pytest.raises(ValueError, match="stores"):
        backend_for(connection).save(cursor, scoped, Document(7, ["x"], (1,)))


def test_a_scope_names_only_the_columns_of_its_table(scoped: SearchTable) -> None:
    with pytest.raises(ValueError, match="no scope column"):
        SCOPED.scope_condition({'unit_id" = 1 OR "1': 1})
    with pytest.raises(ValueError, match="no scope column"):
        backend_for(connection).matching_keys(scoped, parse_query("물"), {"citizen_id": 1})
    with pytest.raises(ValueError, match="identifier"):
        SearchTable(name="ok", key="id", scopes=("Unit",))
    with pytest.raises(ValueError, match="scope columns"):
        SearchTable(name="ok", key="id", scopes=("id",))
    with pytest.raises(ValueError, match="scope columns"):
        SearchTable(name="ok", key="id", scopes=("unit_id", "unit_id"))
    assert SCOPED.scope_condition({"agency_id": 3}) == (' AND "agency_id" = %s', (3,))
