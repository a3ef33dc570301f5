from __future__ import annotations

import pytest
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from pytest_django import DjangoAssertNumQueries

from conftest import assert_only_these_can_see, log_in
from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.complaints import actions, rules
from egov.complaints.models import Category, Complaint, Outcome
from egov.complaints.search import COMPLAINT_INDEX, index_complaint, search_complaints
from egov.complaints.tests.conftest import answer, submit
from egov.lib.search import PostgresSearch, Scope, backend_for, parse_query

from .test_queue import routed_to_other_unit  # noqa: F401 - a fixture

URL = reverse("complaints_search:complaints")


def titles(complaints: list[Complaint]) -> list[str]:
    return [complaint.title for complaint in complaints]


@pytest.fixture
def korean(citizen: User, category: Category) -> list[Complaint]:
    return [
        submit(
            citizen,
            category,
            title="아파트경비원 휴게실 개선 요청",
            body="아파트경비원들이 쉴 곳이 지하 창고뿐입니다.",
        ),
        submit(
            citizen, category, title="간호사 인력 부족", body="야간에 병동 간호사가 한 명입니다."
        ),
        submit(
            citizen,
            category,
            title="Gaji belum dibayar",
            body="Majikan belum membayar gaji saya selama tiga bulan.",
        ),
    ]


def test_a_two_syllable_word_finds_a_complaint_with_it_inside_a_longer_word(
    korean: list[Complaint], officer: User
) -> None:
    assert titles(search_complaints(officer, "경비")) == ["아파트경비원 휴게실 개선 요청"]
    assert titles(search_complaints(officer, "간호")) == ["간호사 인력 부족"]


def test_an_indonesian_word_finds_the_complaint_written_in_indonesian(
    korean: list[Complaint], officer: User
) -> None:
    assert titles(search_complaints(officer, "gaji")) == ["Gaji belum dibayar"]
    assert titles(search_complaints(officer, "GAJI bulan")) == ["Gaji belum dibayar"]


def test_an_english_word_is_found_whatever_its_case(complaint: Complaint, officer: User) -> None:
    assert search_complaints(officer, "STREETLIGHT") == [complaint]
    assert search_complaints(officer, "yulgok 12") == [complaint]


def test_every_word_of_the_query_must_match(korean: list[Complaint], officer: User) -> None:
    assert search_complaints(officer, "경비 간호") == []
    assert titles(search_complaints(officer, "간호사 야간")) == ["간호사 인력 부족"]


def test_a_receipt_number_finds_its_complaint(
    complaint: Complaint, citizen: User, category: Category, officer: User
) -> None:
    submit(citizen, category)
    assert search_complaints(officer, complaint.receipt_number) == [complaint]
    assert search_complaints(officer, complaint.receipt_number.lower()) == [complaint]


def test_one_syllable_finds_it_at_the_start_middle_or_end_of_a_word(
    citizen: User, category: Category, officer: User
) -> None:
    start = submit(citizen, category, title="물가 안정", body="물가가 올랐습니다.")
    end = submit(citizen, category, title="수돗물 녹물", body="녹물이 나옵니다.")
    submit(citizen, category, title="도로 파임", body="도로가 파였습니다.")
    assert set(search_complaints(officer, "물")) == {start, end}


def test_the_text_of_an_answer_is_found_once_the_complaint_is_answered(
    assigned: Complaint, officer: User
) -> None:
    assert search_complaints(officer, "가로등") == []
    answer(assigned, officer, body="가로등 전구를 화요일에 교체했습니다.", legal_basis="도로법")
    assert search_complaints(officer, "가로등") == [assigned]
    assert search_complaints(officer, "도로법") == [assigned]


def test_the_second_review_answer_is_found_too(
    answered: Complaint, citizen: User, officer: User, supervisor: User
) -> None:
    actions.rate_answer(citizen=citizen, complaint=answered, score=1)
    actions.answer_second_review(
        actor=supervisor,
        complaint=answered,
        outcome=Outcome.PARTLY_ACCEPTED,
        body="재검토 결과 보행등을 추가로 설치합니다.",
        legal_basis="",
    )
    assert search_complaints(officer, "보행등") == [answered]


def indexed_keys(query: str, scope: Scope | None = None) -> set[int]:
    """The keys the index itself holds for ``query``, before any permission filter."""
    sql, params = backend_for(connection).matching_keys(COMPLAINT_INDEX, parse_query(query), scope)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {row[0] for row in cursor.fetchall()}


def test_the_index_row_is_written_in_the_submitting_transaction(
    citizen: User, category: Category
) -> None:
    kept = submit(citizen, category, title="남을 민원", body="저장됩니다.")

    def submit_then_fail() -> None:
        with transaction.atomic():
            submit(citizen, category, title="사라질 민원", body="되돌려집니다.")
            raise RuntimeError("the request failed after the action")

    with pytest.raises(RuntimeError):
        submit_then_fail()
    assert indexed_keys("민원") == {kept.pk}


@pytest.mark.django_db(transaction=True)
def test_indexing_outside_an_action_transaction_is_refused() -> None:
    # A transactional test: no surrounding atomic block, as in real requests.
    with pytest.raises(RuntimeError, match="inside the action's transaction"):
        index_complaint(Complaint(pk=1, receipt_number="EP-2611-0000001", title="t", body="b"))


def test_results_are_newest_first_and_limited(
    citizen: User, category: Category, officer: User
) -> None:
    made = [submit(citizen, category, title=f"보도블록 {n}", body="보도블록") for n in range(5)]
    assert search_complaints(officer, "보도", limit=3) == made[::-1][:3]


def test_officers_see_only_the_cases_of_their_unit_and_agency_admins_their_agency(
    citizen: User,
    category: Category,
    routed_to_other_unit: Category,  # noqa: F811 - the fixture imported above
    officer: User,
    officer_of_other_unit: User,
    agency_admin: User,
    admin_of_other_agency: User,
    platform_admin: User,
) -> None:
    here = submit(citizen, category, title="경비실 소음")
    there = submit(citizen, routed_to_other_unit, title="경비실 앞 도로")
    assert search_complaints(officer, "경비") == [here]
    assert search_complaints(officer_of_other_unit, "경비") == [there]
    assert search_complaints(agency_admin, "경비") == [there, here]
    assert search_complaints(admin_of_other_agency, "경비") == []
    assert search_complaints(platform_admin, "경비") == []
    assert search_complaints(citizen, "경비") == []


@pytest.fixture(
    params=[
        pytest.param((0, 10_000, 4), id="every match through the GIN index"),
        pytest.param((10**9, 10**9, 4), id="a walk over every row"),
        pytest.param((10**9, 2, 0), id="a short walk, then the GIN index for older rows"),
    ]
)
def read_the_index(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each way PostgreSQL may read its index (see PostgresSearch.newest_matching).

    On SQLite these settings change nothing: the three are the same search.
    """
    walked_rows_per_fetch, min_walk, walk_margin = request.param
    monkeypatch.setattr(PostgresSearch, "WALKED_ROWS_PER_FETCH", walked_rows_per_fetch)
    monkeypatch.setattr(PostgresSearch, "MIN_WALK", min_walk)
    monkeypatch.setattr(PostgresSearch, "WALK_MARGIN", walk_margin)


@pytest.mark.usefixtures("read_the_index")
def test_a_transferred_case_is_found_by_its_new_unit_only(
    citizen: User,
    category: Category,
    officer: User,
    officer_of_other_unit: User,
    other_unit: Unit,
) -> None:
    moved, *stayed = (submit(citizen, category, title=f"가로등 {n}") for n in range(3))
    actions.transfer_complaint(
        actor=officer, complaint=moved, to_unit=other_unit, reason="도로과 소관입니다."
    )
    assert search_complaints(officer, "가로등") == stayed[::-1]
    assert search_complaints(officer_of_other_unit, "가로등") == [moved]


@pytest.mark.usefixtures("read_the_index")
def test_a_case_transferred_to_another_agency_is_found_by_that_agency_only(
    complaint: Complaint,
    officer: User,
    agency_admin: User,
    officer_of_other_agency: User,
    admin_of_other_agency: User,
    unit_of_other_agency: Unit,
) -> None:
    actions.transfer_complaint(
        actor=officer, complaint=complaint, to_unit=unit_of_other_agency, reason="소관 기관."
    )
    assert search_complaints(officer, "streetlight") == []
    assert search_complaints(agency_admin, "streetlight") == []
    assert search_complaints(officer_of_other_agency, "streetlight") == [complaint]
    assert search_complaints(admin_of_other_agency, "streetlight") == [complaint]


def test_the_search_row_holds_the_unit_and_agency_handling_the_case(
    complaint: Complaint,
    officer: User,
    unit: Unit,
    other_unit: Unit,
    agency: Agency,
    unit_of_other_agency: Unit,
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's index stores no scope (see SQLiteSearch)")
    assert indexed_keys("streetlight", {"unit_id": unit.pk}) == {complaint.pk}
    assert indexed_keys("streetlight", {"agency_id": agency.pk}) == {complaint.pk}
    assert indexed_keys("streetlight", {"unit_id": other_unit.pk}) == set()
    actions.transfer_complaint(
        actor=officer, complaint=complaint, to_unit=unit_of_other_agency, reason="소관 기관."
    )
    assert indexed_keys("streetlight", {"unit_id": unit.pk}) == set()
    assert indexed_keys("streetlight", {"agency_id": agency.pk}) == set()
    assert indexed_keys("streetlight", {"unit_id": unit_of_other_agency.pk}) == {complaint.pk}
    assert indexed_keys("streetlight", {"agency_id": unit_of_other_agency.agency_id}) == {
        complaint.pk
    }


def test_postgres_indexes_the_unit_and_agency_with_the_document(db: None) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's index stores no scope (see SQLiteSearch)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = %s AND indexname = %s",
            [COMPLAINT_INDEX.name, f"{COMPLAINT_INDEX.name}_document"],
        )
        (definition,) = cursor.fetchone()
    assert definition.endswith("USING gin (unit_id, agency_id, document)")


def test_postgres_asks_the_index_for_the_words_and_the_unit_together(
    complaint: Complaint, unit: Unit
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("SQLite's index stores no scope (see SQLiteSearch)")
    sql, params = backend_for(connection).matching_keys(
        COMPLAINT_INDEX, parse_query("gaji"), {"unit_id": unit.pk}
    )
    with transaction.atomic(), connection.cursor() as cursor:
        # A few rows would rightly be read without any index.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    # Not "Filter: (unit_id = ...)" after fetching every match of the word.
    assert "Index Cond: ((unit_id = " in plan, plan
    assert "Filter" not in plan, plan


def test_every_hit_is_a_case_the_searcher_may_open(
    korean: list[Complaint], officer: User, officer_of_other_unit: User
) -> None:
    for user in (officer, officer_of_other_unit):
        assert all(rules.can_view(user, hit) for hit in search_complaints(user, "경비 아파트"))


# ---- the page ----------------------------------------------------------------------


def test_only_case_handlers_reach_the_search_page(
    complaint: Complaint, everyone: dict[str, User]
) -> None:
    assert_only_these_can_see(
        f"{URL}?q=streetlight",
        everyone,
        {"officer", "officer of another unit", "supervisor", "agency admin"},
    )


def test_the_page_lists_receipt_title_status_unit_date_and_the_masked_name(
    client: Client, complaint: Complaint, officer: User
) -> None:
    log_in(client, officer)
    page = client.get(URL, {"q": "streetlight"}).content.decode()
    assert complaint.receipt_number in page
    assert reverse("complaints_staff:case", args=[complaint.receipt_number]) in page
    assert "Streetlight dark for a week" in page
    assert "Received" in page
    assert "Civil Affairs Division" in page
    assert date_format(localtime(complaint.received_at), "SHORT_DATE_FORMAT") in page
    assert "김*수" in page
    assert "김민수" not in page


def test_the_page_has_one_heading_a_labelled_search_field_and_a_captioned_table(
    client: Client, complaint: Complaint, officer: User
) -> None:
    log_in(client, officer)
    page = client.get(URL, {"q": "streetlight"}).content.decode()
    assert page.count("<h1") == 1
    assert '<label for="id_q">' in page
    assert 'type="search"' in page
    assert "<caption>" in page


def test_the_page_says_when_nothing_matches_and_keeps_the_query(
    client: Client, complaint: Complaint, officer: User
) -> None:
    log_in(client, officer)
    page = client.get(URL, {"q": "zebra"}).content.decode()
    assert "No complaint you handle matches" in page
    assert 'value="zebra"' in page
    assert "<table" not in page


def test_an_empty_page_shows_the_box_without_a_complaint(
    client: Client, complaint: Complaint, officer: User
) -> None:
    log_in(client, officer)
    page = client.get(URL).content.decode()
    assert 'type="search"' in page
    assert complaint.receipt_number not in page
    assert "Type what to search for" not in page


@pytest.mark.parametrize(
    "query",
    ["&|!():*'\"", "' OR 1=1 --", '"NEAR(a b)"*', "경비 & !간호 | (x:*)", "\\", "a", "\x00경비"],
)
def test_hostile_queries_get_an_answer_never_an_error(
    client: Client, korean: list[Complaint], officer: User, query: str
) -> None:
    log_in(client, officer)
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    assert search_complaints(officer, query) in ([], [korean[0]])


def test_an_empty_search_asks_for_words(client: Client, officer: User) -> None:
    log_in(client, officer)
    page = client.get(URL, {"q": "  "}).content.decode()
    assert "Type what to search for." in page


def test_a_query_with_nothing_searchable_is_explained(client: Client, officer: User) -> None:
    log_in(client, officer)
    page = client.get(URL, {"q": "&|!"}).content.decode()
    assert "Type at least one word of two letters, a Korean syllable or a number." in page


def test_an_over_long_query_is_refused_with_a_message(client: Client, officer: User) -> None:
    log_in(client, officer)
    page = client.get(URL, {"q": "경비" * 101}).content.decode()
    assert "at most 200 characters" in page


def test_the_page_costs_the_same_queries_for_one_hit_or_many(
    client: Client,
    citizen: User,
    category: Category,
    officer: User,
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    log_in(client, officer)
    submit(citizen, category, title="보도블록 파손")
    with CaptureQueriesContext(connection) as one_hit:
        assert client.get(URL, {"q": "보도"}).content.decode().count("<tr>") == 2
    for _ in range(4):
        submit(citizen, category, title="보도블록 파손")
    with django_assert_num_queries(len(one_hit.captured_queries)):
        assert client.get(URL, {"q": "보도"}).content.decode().count("<tr>") == 6


@pytest.mark.usefixtures("read_the_index")
def test_postgres_finds_the_same_cases_whichever_way_it_reads_the_index(
    citizen: User, category: Category, officer: User
) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("only PostgreSQL chooses how to read its index")
    made = [submit(citizen, category, title=f"보도블록 {n}", body="보도블록") for n in range(6)]
    submit(citizen, category, title="가로등", body="가로등")
    assert search_complaints(officer, "보도블록", limit=4) == made[::-1][:4]
    assert search_complaints(officer, "보도블록 가로등") == []
