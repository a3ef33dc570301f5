"""Make many realistic complaints, each with its whole history, straight into the database.

    createdb / migrate / load_demo first (see bench/README.md), then:
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_bench \\
        .venv/bin/python -m bench.generate_complaints --count 1000000

It works on whatever DATABASE_URL names. On PostgreSQL rows go in with COPY,
on SQLite with executemany, a chunk per transaction, so an interrupted run
leaves whole complaints behind and a second run simply adds more. A second
thread writes each chunk while the next one is made. It prints rows per
second and the total time.

Bulk loading test data is the one exception to "every write goes through an
action": a million calls to submit_complaint and its successors would take
many hours. The rows are nevertheless the rows the actions write: receipt
numbers from the month's counter (which is moved on, so later submissions
continue the sequence), statuses that follow from the timeline, deadlines as
moments counted by the statutory clock (egov.lib.calendar) exactly as
egov.complaints.deadlines counts them (after each step, for each answer with
its on-time flag and working days taken, for each second review), answers,
transfers, extensions, supplement requests with the clock time they gave back,
second reviews, progress notices, and search rows from the same tokenizer
(egov.complaints.search). ``--verify`` rechecks a sample with the domain code.
Left out on purpose: audit events and notifications, which nobody reads in a
benchmark; the audit chain stays intact and ``manage.py verify_audit`` passes.
Nothing else may write to the database while this runs.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import datetime
import json
import random
import sys
import time
import zoneinfo
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bench import BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, command_line, setup_django

if TYPE_CHECKING:
    from egov.lib.calendar import Period, WorkingCalendar
    from egov.lib.search import Document

UTC = datetime.UTC


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Complaint columns in table order; checked against the model at start.
COMPLAINT_COLUMNS = (
    "id",
    "receipt_number",
    "citizen_id",
    "filed_by_id",
    "channel",
    "type",
    "category_id",
    "agency_id",
    "unit_id",
    "assigned_officer_id",
    "title",
    "body",
    "location_text",
    "is_public",
    "status",
    "received_at",
    "period_days",
    "due_at",
    "content_fingerprint",
    "is_repeat_candidate",
    "repeat_closed_at",
    "repeat_appealed_at",
    "is_joint",
    "transfer_count",
    "transfer_flagged",
    "answered_at",
    "closed_at",
    "closure_reason",
    "progress_notice_sent_at",
    "updated_at",
    "revision",
)
EVENT_COLUMNS = (
    "id",
    "complaint_id",
    "kind",
    "at",
    "actor_id",
    "unit_id",
    "officer_id",
    "public_note",
    "internal",
    "internal_note",
    "due_at_after",
    "detail",
)
ANSWER_COLUMNS = (
    "id",
    "complaint_id",
    "kind",
    "officer_id",
    "unit_id",
    "outcome",
    "body",
    "legal_basis",
    "refusal_reason",
    "remedy",
    "answered_at",
    "due_at",
    "on_time",
    "working_days_taken",
    "score",
    "rating_comment",
    "rated_at",
)
TRANSFER_COLUMNS = (
    "id",
    "complaint_id",
    "from_unit_id",
    "to_unit_id",
    "transferred_by_id",
    "reason",
    "transferred_at",
)
EXTENSION_COLUMNS = (
    "id",
    "complaint_id",
    "number",
    "requested_by_id",
    "days",
    "reason",
    "status",
    "requested_at",
    "decided_at",
)
SUPPLEMENT_COLUMNS = (
    "id",
    "complaint_id",
    "number",
    "requested_by_id",
    "request_text",
    "requested_at",
    "respond_by",
    "answer_text",
    "answered_at",
)
REVIEW_COLUMNS = (
    "id",
    "complaint_id",
    "first_answer_id",
    "reviewer_id",
    "opened_at",
    "period_days",
    "due_at",
    "answer_id",
)
USER_COLUMNS = (
    "id",
    "password",
    "last_login",
    "is_superuser",
    "email",
    "name",
    "phone",
    "phone_index",
    "address",
    "date_of_birth",
    "preferred_language",
    "role",
    "email_confirmed_at",
    "is_active",
    "date_joined",
)

Row = tuple[Any, ...]

# ---- what people write ---------------------------------------------------------------

DONG = _words(
    "청운동 효자동 사직동 삼청동 부암동 평창동 무악동 교남동 가회동 이화동 "
    "혜화동 창신동 숭인동 공덕동 아현동 도화동 용강동 대흥동 염리동 신수동 "
    "서강동 서교동 합정동 망원동 연남동 성산동 상암동 신사동 논현동 압구정동 "
    "청담동 삼성동 대치동 역삼동 도곡동 개포동 일원동 수서동 세곡동"
)
ROADS = _words(
    "율곡로 종로 세종대로 대학로 마포대로 월드컵북로 양화로 테헤란로 강남대로 "
    "도산대로 언주로 봉은사로 삼일대로 창경궁로 독막로 백범로"
)
PLACES = (
    "초등학교 정문",
    "아파트 단지 입구",
    "버스 정류장",
    "지하철역 2번 출구",
    "공영주차장",
    "어린이공원",
    "전통시장 골목",
    "주민센터 앞",
    "편의점 앞",
    "교회 앞",
    "종합병원 응급실 입구",
    "상가 건물 뒤편",
)
VEHICLES = (
    "화물차",
    "승합차",
    "캠핑카",
    "오토바이",
    "택시",
    "렌터카",
    "트럭",
    "SUV 차량",
    "승용차",
)
TIMES = (
    "새벽 5시",
    "아침 7시",
    "출근 시간",
    "점심시간",
    "오후 3시",
    "퇴근 시간",
    "밤 10시",
    "자정",
)
CITIES_ID = ("Ansan", "Hwaseong", "Gimhae", "Pocheon", "Siheung", "Gimpo", "Changwon", "Asan")

KOREAN: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "parking": (
        (
            "{place} 불법 주정차 단속 요청",
            "{road} 이중 주차 신고",
            "소방차 전용구역 불법 주차",
            "장애인 전용 주차구역 위반 차량 신고",
            "횡단보도 위 상습 주차",
            "어린이보호구역 불법 주정차",
            "버스정류장 앞 불법 정차 {vehicle}",
            "{dong} 골목 방치 차량 견인 요청",
        ),
        (
            "매일 {time}마다 {place}에 {vehicle} {n}대가 주차되어 있습니다.",
            "{vehicle}가 {n}주째 방치되어 있습니다.",
            "아이들이 차도로 돌아서 건너고 있어 위험합니다.",
            "단속 카메라 설치를 요청합니다.",
            "아파트 경비원분께 말씀드렸지만 해결되지 않았습니다.",
            "소방차가 진입하지 못할까 걱정됩니다.",
            "주말에는 더 심합니다.",
            "사진을 찍어 두었습니다.",
            "구급차가 돌아가는 것을 여러 번 보았습니다.",
        ),
    ),
    "noise": (
        (
            "{dong} 공사장 야간 소음",
            "상가 확성기 소음",
            "층간소음 중재 요청",
            "새벽 배송 차량 소음",
            "유흥업소 음악 소리",
            "오토바이 배기음 단속 요청",
            "{place} 공사 굴착기 소음",
        ),
        (
            "{time} 이후에도 굴착기 소리가 계속 납니다.",
            "야간 근무하는 간호사라서 낮에 자야 하는데 소음 때문에 잠을 못 잡니다.",
            "야간 작업이 허가된 것인지 확인해 주세요.",
            "소음 측정을 요청합니다.",
            "아기가 깨서 울 정도입니다.",
            "관리사무소와 경비원에게 알렸지만 소용이 없었습니다.",
            "{n}주째 계속되고 있습니다.",
            "창문을 닫아도 들립니다.",
        ),
    ),
    "roads": (
        (
            "도로 파임(포트홀) 보수 요청",
            "{road} 보도블록 파손",
            "가로등 고장 신고",
            "신호등 고장",
            "맨홀 뚜껑 흔들림",
            "{dong} 도로 침하",
            "자전거도로 포장 파손",
            "점자블록 훼손",
        ),
        (
            "{place} 앞 도로가 크게 파여 있어 자전거와 오토바이가 위험합니다.",
            "밤에는 가로등이 꺼져 있어 어둡습니다.",
            "휠체어가 지나가기 어렵습니다.",
            "비가 오면 물이 고입니다.",
            "지난달에도 신고했지만 그대로입니다.",
            "넘어져서 다친 사람이 있습니다.",
            "{road} {n}번지 근처입니다.",
        ),
    ),
    "sanitation": (
        (
            "음식물 쓰레기 수거 지연",
            "{dong} 쓰레기 무단투기",
            "재활용품 수거 요청",
            "대형폐기물 방치",
            "{place} 악취 민원",
            "비둘기 배설물 청소 요청",
        ),
        (
            "우리 골목의 음식물 쓰레기가 {n}일째 수거되지 않아 악취가 심합니다.",
            "밤마다 쓰레기를 버리고 가는 사람이 있습니다.",
            "CCTV 설치를 요청합니다.",
            "쥐가 나옵니다.",
            "여름이라 벌레가 많이 꼬입니다.",
            "수거 요일을 알려 주세요.",
        ),
    ),
    "housing": (
        (
            "긴급 주거지원 신청 결과 재검토 요청",
            "전세 사기 피해 지원 문의",
            "공공임대주택 누수",
            "아파트 경비원 휴게실 개선 요청",
            "관리비 부과 기준 문의",
            "반지하 주택 침수 대책",
            "{dong} 재개발 구역 안전 점검",
        ),
        (
            "전세 사기 피해로 긴급 주거지원을 신청했습니다.",
            "천장에서 물이 새고 곰팡이가 생겼습니다.",
            "아파트경비원들이 쉴 곳이 지하 창고뿐입니다.",
            "소득 산정에 실직 이후 소득이 반영되지 않았습니다.",
            "관리사무소가 답을 주지 않습니다.",
            "장마철마다 침수됩니다.",
            "임대인과 연락이 되지 않습니다.",
        ),
    ),
    "foreign-workers": (
        (
            "외국인 근로자 임금 체불",
            "사업장 변경 신청 문의",
            "고용허가제 재입국 문의",
            "외국인 근로자 숙소 환경",
            "산업재해 처리 문의",
        ),
        (
            "{n}개월째 임금을 받지 못했습니다.",
            "사업장 변경이 가능한지 알고 싶습니다.",
            "숙소가 컨테이너라 겨울에 너무 춥습니다.",
            "공장에서 다쳤는데 치료비를 받지 못했습니다.",
            "통역 지원이 필요합니다.",
        ),
    ),
    "corruption": (
        (
            "입찰 과정의 금품 요구 신고",
            "공사 감독 공무원 향응 수수 의혹",
            "보조금 부정 수급 신고",
            "채용 비리 의혹 신고",
        ),
        (
            "구청 발주 공사 입찰 과정에서 담당자가 금품을 요구했다는 정황이 있습니다.",
            "업체로부터 식사와 선물을 받았다는 이야기를 들었습니다.",
            "서류를 조작해 보조금을 받은 것으로 보입니다.",
            "신분 보장을 요청합니다.",
        ),
    ),
}
INDONESIAN = (
    (
        "Gaji {n} bulan belum dibayar",
        "Cara pindah tempat kerja",
        "Perpanjangan visa E-9",
        "Kecelakaan kerja di pabrik",
        "Asrama pekerja tidak layak",
        "Jam kerja terlalu panjang",
        "Asuransi kesehatan pekerja asing",
    ),
    (
        "Saya pekerja EPS di pabrik di {city}.",
        "Majikan belum membayar gaji saya selama {n} bulan.",
        "Ke mana saya harus melapor dan dokumen apa yang saya perlukan?",
        "Kontrak saya berakhir bulan depan.",
        "Tangan saya terluka karena mesin dan saya belum dibayar biaya pengobatan.",
        "Kami tinggal di kontainer yang sangat dingin pada musim dingin.",
        "Saya bekerja {n} jam setiap hari tanpa lembur.",
        "Saya butuh penerjemah bahasa Indonesia.",
    ),
)
ENGLISH = (
    (
        "Unpaid wages for {n} months",
        "Illegal parking at the {place_en}",
        "Streetlight dark for a week",
        "Noise from night construction",
        "Rubbish not collected",
        "How to change workplace on an E-9 visa",
    ),
    (
        "I work at a factory in {city} and my employer has not paid me.",
        "Cars park on the crossing every morning.",
        "The streetlight in front of {n} Yulgok-ro has been dark for a week.",
        "The excavator runs after 10 pm.",
        "Food waste has not been collected for {n} days.",
        "Please tell me which documents I need.",
    ),
)
PLACES_EN = ("school gate", "bus stop", "station exit", "market", "park")
ANSWERS_KO = {
    "parking": (
        "현장을 확인하고 단속 카메라를 설치하였으며, 등교 시간대 집중 단속을 시작했습니다.",
        "도로교통법 제32조(정차 및 주차의 금지)",
    ),
    "noise": (
        "현장 소음을 측정한 결과 기준을 넘어 공사 시간 준수를 명령하였습니다.",
        "소음·진동관리법 제21조",
    ),
    "roads": ("도로 보수 공사를 마쳤습니다. 불편을 드려 죄송합니다.", "도로법 제31조"),
    "sanitation": ("수거 업체에 시정을 요구하고 수거 일정을 조정했습니다.", "폐기물관리법 제14조"),
    "housing": ("지원 기준을 다시 검토하여 안내드립니다.", "주거기본법 제15조"),
    "foreign-workers": (
        "관할 고용노동지청에 체불 임금 진정을 접수하는 방법을 안내드립니다.",
        "외국인근로자의 고용 등에 관한 법률 제25조",
    ),
    "corruption": (
        "신고 내용을 감사부서에 이첩하여 조사하고 있습니다.",
        "부패방지권익위법 제55조",
    ),
}
ANSWER_ID = (
    "Kami telah menerima laporan Anda dan menghubungi kantor tenaga kerja setempat "
    "untuk memeriksa pembayaran gaji.",
    "Undang-Undang Ketenagakerjaan Pekerja Asing Pasal 25",
)
ANSWER_EN = (
    "We inspected the site and asked the responsible team to act within a week.",
    "Road Act, Article 31",
)
SURNAMES = _words("김 이 박 최 정 강 조 윤 장 임 한 오 서 신 권 황 안 송 류 홍")
GIVEN = _words("민수 서연 지훈 하은 도윤 지우 서준 하린 예준 수아 시우 지민 주원 윤서 건우 채원")
INDONESIAN_NAMES = _words("Siti Budi Agus Dewi Rina Andi Putri Eko Sri Wahyu Ayu Dimas")
ENGLISH_NAMES = _words("Alex Sam Jordan Taylor Morgan Casey Jamie Robin")


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        place=rng.choice(PLACES),
        place_en=rng.choice(PLACES_EN),
        road=rng.choice(ROADS),
        dong=rng.choice(DONG),
        vehicle=rng.choice(VEHICLES),
        time=rng.choice(TIMES),
        city=rng.choice(CITIES_ID),
        n=rng.randint(2, 12),
    )


def write_complaint(category: str, language: str, rng: random.Random) -> tuple[str, str, str]:
    """(title, body, location) as a person would write them."""
    titles: tuple[str, ...]
    sentences: tuple[str, ...]
    if language == "id":
        titles, sentences = INDONESIAN
    elif language == "en":
        titles, sentences = ENGLISH
    else:
        titles, sentences = KOREAN[category]
    title = _fill(rng.choice(titles), rng)
    picked = rng.sample(sentences, k=min(len(sentences), rng.randint(2, 4)))
    body = " ".join(_fill(sentence, rng) for sentence in picked)
    location = ""
    if language == "ko" and category in {"parking", "roads", "noise", "sanitation"}:
        location = f"{rng.choice(DONG)} {rng.choice(ROADS)} {rng.randint(1, 300)}"
    return title, body, location


# ---- the agencies, units and people of the demo ----------------------------------------


@dataclass
class World:
    """The configuration the demo loaded, read once."""

    routings: list[tuple[str, int, int, int]]  # (category code, category id, agency id, unit id)
    routing_weights: list[float]
    agency_of_unit: dict[int, int]
    officers: dict[int, list[int]]  # unit -> officers (role officer), appointment order
    supervisors: dict[int, list[int]]  # unit -> supervisors, appointment order
    agency_admins: dict[int, list[int]]  # agency -> agency admins, appointment order
    every_officer: list[int]
    periods: dict[tuple[int, str], int]
    other_routings: dict[int, list[tuple[int, int]]]  # category id -> (agency, unit)


# How often each subject comes up: illegal parking dominates ePeople, as it does in Korea.
CATEGORY_WEIGHTS = {
    "parking": 0.35,
    "noise": 0.15,
    "roads": 0.15,
    "sanitation": 0.12,
    "housing": 0.08,
    "foreign-workers": 0.10,
    "corruption": 0.05,
}
# Jongno's civil affairs division is the demo's busiest desk (the demo officer's unit).
AGENCY_WEIGHTS = {"seoul-jongno": 3.0, "seoul": 1.0, "moel": 3.0, "acrc": 3.0}


def load_world() -> World:
    from egov.accounts.models import Role
    from egov.agencies.models import Officer, Unit
    from egov.complaints.models import ComplaintType, Routing
    from egov.complaints.queries import processing_period

    routings = list(
        Routing.objects.select_related("category", "agency").order_by("category__code", "id")
    )
    if not routings:
        sys.exit(
            "This database has no complaint routing. Migrate it and load the demo first:\n"
            "  .venv/bin/python manage.py migrate && .venv/bin/python manage.py load_demo"
        )
    per_category: dict[str, list[Routing]] = {}
    for routing in routings:
        per_category.setdefault(routing.category.code, []).append(routing)
    rows, weights = [], []
    for code, group in per_category.items():
        agency_total = sum(AGENCY_WEIGHTS.get(r.agency.code, 1.0) for r in group)
        for routing in group:
            share = AGENCY_WEIGHTS.get(routing.agency.code, 1.0) / agency_total
            rows.append((code, routing.category_id, routing.agency_id, routing.unit_id))
            weights.append(CATEGORY_WEIGHTS.get(code, 0.02) * share)
    officers: dict[int, list[int]] = {}
    supervisors: dict[int, list[int]] = {}
    agency_admins: dict[int, list[int]] = {}
    for position in (
        Officer.objects.filter(user__is_active=True)
        .select_related("user", "unit")
        .order_by("appointed_at", "id")
    ):
        role = position.user.role
        if role == Role.OFFICER:
            officers.setdefault(position.unit_id, []).append(position.user_id)
        elif role == Role.SUPERVISOR:
            supervisors.setdefault(position.unit_id, []).append(position.user_id)
        elif role == Role.AGENCY_ADMIN:
            agency_admins.setdefault(position.unit.agency_id, []).append(position.user_id)
    missing = {unit for *_, unit in rows} - set(officers)
    if missing:
        sys.exit(f"Units {sorted(missing)} handle complaints but have no officer.")
    agencies = {routing.agency_id: routing.agency for routing in routings}
    periods = {
        (agency_id, complaint_type): processing_period(agency, complaint_type)
        for agency_id, agency in agencies.items()
        for complaint_type in ComplaintType.values
    }
    other: dict[int, list[tuple[int, int]]] = {}
    for _, category_id, agency_id, unit_id in rows:
        other.setdefault(category_id, []).append((agency_id, unit_id))
    return World(
        routings=rows,
        routing_weights=weights,
        agency_of_unit=dict(Unit.objects.values_list("id", "agency_id")),
        officers=officers,
        supervisors=supervisors,
        agency_admins=agency_admins,
        every_officer=sorted({user for users in officers.values() for user in users}),
        periods=periods,
        other_routings=other,
    )


# ---- the statutory clock, remembered ----------------------------------------------------


class Clock:
    """The platform's one clock on the loader's own case state, with what repeats remembered.

    Each method is what ``egov.complaints.deadlines`` (or the action that
    calls it) computes from a Complaint, given plain values instead: the
    moment of receipt, the period in days, the extensions applied and the
    stops of the clock as ``(started_at, ended_at or None)``. They call the
    pure clock (``egov.lib.calendar.deadline``, ``elapsed``) with one
    WorkingCalendar: a generated database has no closures (``main`` refuses
    one that has), so every office counts alike. ``--verify`` checks the
    result against the domain code itself.

    A period counted in working days depends on the days alone (of receipt,
    and of each stop's start and end), so those deadlines and day counts are
    remembered: a million cases ask for a few thousand of them. A period
    counted in working hours runs from the moment and is counted each time.
    """

    def __init__(self) -> None:
        from egov.lib.calendar import Counting, Period, Unit, deadline, due_day, elapsed
        from egov.lib.calendar import Stop as ClockStop

        self.calendar = _remembering_calendar()
        self.zone = self.calendar.zone
        self._deadline, self._elapsed, self._due_day = deadline, elapsed, due_day
        self._clock_stop = ClockStop
        self._days_counting = Counting.DAYS
        self._hours_counting = Counting.HOURS
        self._period, self._days_unit = Period, Unit.DAYS
        self._periods: dict[int, Period] = {}
        self._after: dict[tuple[datetime.date, int], datetime.date] = {}
        self._between: dict[tuple[datetime.date, datetime.date], int] = {}
        self._due: dict[tuple[Any, ...], datetime.datetime] = {}
        self._taken: dict[tuple[Any, ...], int] = {}

    def local_date(self, moment: datetime.datetime) -> datetime.date:
        """The office's date of ``moment`` (deadlines.local_date)."""
        return moment.astimezone(self.zone).date()

    def period(self, days: int) -> Period:
        found = self._periods.get(days)
        if found is None:
            found = self._periods[days] = self._period(days, self._days_unit)
        return found

    # -- scheduling the story (not the law): working days before and after --

    def after(self, start: datetime.date, days: int) -> datetime.date:
        """The ``days``-th working day after ``start`` (``start`` itself for 0)."""
        key = (start, days)
        found = self._after.get(key)
        if found is None:
            found = start
            for _ in range(days):
                found = self.calendar.next_working_day(found)
            self._after[key] = found
        return found

    def between(self, first: datetime.date, last: datetime.date) -> int:
        """Working days after ``first`` up to and including ``last``."""
        key = (first, last)
        found = self._between.get(key)
        if found is None:
            found = self._between[key] = self.calendar.working_days_after(first, last)
        return found

    # -- what the actions store --

    def due(
        self,
        received_at: datetime.datetime,
        period_days: int,
        extensions: Sequence[int] = (),
        stops: Sequence[tuple[datetime.datetime, datetime.datetime | None]] = (),
    ) -> datetime.datetime:
        """deadlines.stored_due_at of a case outside a second review: an open stop counts
        as closed at its start. Also due_at_receipt (no extension, no stop),
        review_deadline (the review's period from its opening) and, through
        due_day, the day a request for more information must be answered by."""
        period = self.period(period_days)
        key: tuple[Any, ...] | None = None
        if period.counting == self._days_counting:
            local = self.local_date
            key = (
                local(received_at),
                period_days,
                sum(extensions),
                tuple((local(start), local(end or start)) for start, end in stops),
            )
            found = self._due.get(key)
            if found is not None:
                return found
        due = self._deadline(
            received_at=received_at,
            period=period,
            calendar=self.calendar,
            extensions=list(extensions),
            stops=[self._clock_stop(start, end or start) for start, end in stops],
        ).due_at
        assert due is not None  # every stop is closed
        if key is not None:
            self._due[key] = due
        return due

    def respond_by(self, asked_at: datetime.datetime, days: int) -> datetime.date:
        """The last day to give the information asked for (actions._respond_by)."""
        period = self.period(days)
        return self._due_day(self.due(asked_at, days), period.counting, self.zone)

    def due_day(self, due_at: datetime.datetime, period_days: int) -> datetime.date:
        return self._due_day(due_at, self.period(period_days).counting, self.zone)

    def taken(
        self,
        received_at: datetime.datetime,
        until: datetime.datetime,
        period_days: int,
        stops: Sequence[tuple[datetime.datetime, datetime.datetime | None]] = (),
    ) -> int:
        """deadlines.days_taken (review_days_taken without stops): working days on the clock."""
        period = self.period(period_days)
        known = [
            (start, end if end is not None and end <= until else None)
            for start, end in stops
            if start <= until
        ]
        key: tuple[Any, ...] | None = None
        if period.counting == self._days_counting:
            local = self.local_date
            key = (
                local(received_at),
                local(until),
                tuple((local(start), local(end) if end else None) for start, end in known),
            )
            found = self._taken.get(key)
            if found is not None:
                return found
        taken = self._elapsed(
            received_at=received_at,
            until=until,
            period=period,
            calendar=self.calendar,
            stops=[self._clock_stop(start, end) for start, end in known],
        ).working_days
        if key is not None:
            self._taken[key] = taken
        return taken

    def paused(
        self, period_days: int, started_at: datetime.datetime, ended_at: datetime.datetime
    ) -> dict[str, int]:
        """deadlines.pause_detail: the clock a stop gave back, in the period's unit."""
        if self.period(period_days).counting == self._hours_counting:
            stopped = self.calendar.working_time(started_at, ended_at)
            return {"paused_minutes": int(stopped.total_seconds() // 60)}
        return {"paused_days": self.between(self.local_date(started_at), self.local_date(ended_at))}


def _remembering_calendar() -> WorkingCalendar:
    """A WorkingCalendar without closures that remembers each day's office hours and why
    a day is off: the clock asks about the same few hundred days millions of times."""
    from egov.lib.calendar import DayOff, WorkingCalendar

    class RememberingCalendar(WorkingCalendar):
        def __init__(self) -> None:
            super().__init__(closures=())
            self._days_off: dict[datetime.date, DayOff | None] = {}
            self._spans: dict[datetime.date, list[tuple[datetime.datetime, datetime.datetime]]] = {}

        def day_off(self, day: datetime.date) -> DayOff | None:
            try:
                return self._days_off[day]
            except KeyError:
                found = self._days_off[day] = super().day_off(day)
                return found

        def spans(self, day: datetime.date) -> list[tuple[datetime.datetime, datetime.datetime]]:
            # The clock only reads them.
            found = self._spans.get(day)
            if found is None:
                found = self._spans[day] = super().spans(day)
            return found

    return RememberingCalendar()


# ---- one complaint's life ---------------------------------------------------------------


@dataclass
class Batch:
    """The rows of one chunk, table by table."""

    complaints: list[Row] = field(default_factory=list)
    events: list[Row] = field(default_factory=list)
    answers: list[Row] = field(default_factory=list)
    transfers: list[Row] = field(default_factory=list)
    extensions: list[Row] = field(default_factory=list)
    supplements: list[Row] = field(default_factory=list)
    reviews: list[Row] = field(default_factory=list)
    search: list[Document] = field(default_factory=list)

    def row_count(self) -> int:
        return sum(
            len(rows)
            for rows in (
                self.complaints,
                self.events,
                self.answers,
                self.transfers,
                self.extensions,
                self.supplements,
                self.reviews,
                self.search,
            )
        )


@dataclass
class Ids:
    """The next free id of each table (nothing else writes while the loader runs)."""

    complaint: int
    event: int
    answer: int
    transfer: int
    extension: int
    supplement: int
    review: int

    def take(self, name: str) -> int:
        value: int = getattr(self, name)
        setattr(self, name, value + 1)
        return value


class Stop(Exception):
    """The next step of a case would happen after now: its story ends here."""


class Life:
    """Plays one complaint through the steps the actions allow, writing their rows."""

    def __init__(
        self,
        generator: Generator,
        batch: Batch,
        received_at: datetime.datetime,
        receipt_number: str,
    ) -> None:
        from egov.complaints.fingerprints import content_fingerprint
        from egov.complaints.models import Channel, ComplaintType, EventKind, Status

        self.g, self.batch, self.rng = generator, batch, generator.rng
        self.kinds, self.status_values = EventKind, Status
        world, rng, clock = generator.world, generator.rng, generator.clock
        code, category_id, agency_id, unit_id = rng.choices(
            world.routings, weights=world.routing_weights
        )[0]
        self.category_code = code
        if code == "foreign-workers":
            language = rng.choices(("id", "ko", "en"), weights=(55, 35, 10))[0]
        else:
            # Foreign residents write in English about everything else.
            language = rng.choices(("ko", "en"), weights=(96, 4))[0]
        self.language = language
        self.citizen = generator.pick_citizen(language)
        title, body, location = write_complaint(code, language, rng)
        complaint_type = rng.choices(
            ComplaintType.values, weights=(30, 3, 12, 50, 5) if code != "corruption" else None
        )[0]
        counter = rng.random() < 0.03
        self.filed_by = rng.choice(world.every_officer) if counter else None
        channel = rng.choice((Channel.COUNTER, Channel.PHONE)) if counter else Channel.WEB
        period = world.periods[(agency_id, complaint_type)]
        self.received_on = clock.local_date(received_at)
        # The case's clock as the actions keep it: the extensions applied, the
        # stretches it stood still (ended_at None while it still does), and the
        # second review's deadline once one is open.
        self.extensions: list[int] = []
        self.stops: list[tuple[datetime.datetime, datetime.datetime | None]] = []
        self.review_due: datetime.datetime | None = None
        self.id = generator.ids.take("complaint")
        fingerprint = content_fingerprint(body)
        self.c: dict[str, Any] = {
            "id": self.id,
            "receipt_number": receipt_number,
            "citizen_id": self.citizen,
            "filed_by_id": self.filed_by,
            "channel": str(channel),
            "type": str(complaint_type),
            "category_id": category_id,
            "agency_id": agency_id,
            "unit_id": unit_id,
            "assigned_officer_id": None,
            "title": title,
            "body": body,
            "location_text": location,
            "is_public": rng.random() < 0.4,
            "status": Status.RECEIVED.value,
            "received_at": received_at,
            "period_days": period,
            # deadlines.due_at_receipt
            "due_at": clock.due(received_at, period),
            "content_fingerprint": fingerprint,
            "is_repeat_candidate": generator.repeat_candidate(
                self.citizen, fingerprint, received_at
            ),
            "repeat_closed_at": None,
            "repeat_appealed_at": None,
            "is_joint": False,
            "transfer_count": 0,
            "transfer_flagged": False,
            "answered_at": None,
            "closed_at": None,
            "closure_reason": "",
            "progress_notice_sent_at": None,
            "updated_at": received_at,
            # Moved by every step on the timeline, as actions._event moves it.
            "revision": 0,
        }
        self.answer_texts: list[str] = []
        self.now = generator.now
        self.last_at = received_at
        self.notice_at = received_at + datetime.timedelta(days=30, seconds=rng.randint(0, 3600))
        self.withdraw_at = (
            received_at + datetime.timedelta(hours=rng.uniform(2, 120))
            if rng.random() < 0.015
            else None
        )
        self.event(
            EventKind.RECEIVED,
            received_at,
            actor=self.filed_by or self.citizen,
            officer=self.filed_by,
            detail={"channel": str(channel), "filed_on_behalf": self.filed_by is not None},
        )

    # -- plumbing --

    def event(
        self,
        kind: str,
        at: datetime.datetime,
        *,
        actor: int | None,
        officer: int | None = None,
        public_note: str = "",
        internal_note: str = "",
        detail: dict[str, Any] | None = None,
    ) -> None:
        self.last_at = at
        self.c["revision"] += 1
        self.batch.events.append(
            (
                self.g.ids.take("event"),
                self.id,
                str(kind),
                at,
                actor,
                self.c["unit_id"],
                officer,
                public_note,
                kind == self.kinds.NOTE,
                internal_note,
                self.c["due_at"],
                json.dumps(detail or {}),
            )
        )

    def save(self, at: datetime.datetime, **changes: Any) -> None:
        self.c.update(changes, updated_at=at)

    def recount(self) -> None:
        """What actions._recount stores: deadlines.stored_due_at of the case as it stands."""
        c = self.c
        c["due_at"] = self.review_due or self.g.clock.due(
            c["received_at"], c["period_days"], self.extensions, self.stops
        )

    def is_open(self) -> bool:
        from egov.complaints.models import OPEN_STATUSES

        return self.c["status"] in OPEN_STATUSES

    def step_at(self, at: datetime.datetime) -> datetime.datetime:
        """Let time run to ``at``: a notice or a withdrawal due in between happens first.

        The case keeps its status from the last step until ``at``, so only what
        falls in that stretch can happen, and only while the case is open.
        """
        if (
            self.is_open()
            and self.c["progress_notice_sent_at"] is None
            and self.last_at < self.notice_at < at
        ):
            if self.notice_at > self.now:
                raise Stop
            days_open = (self.notice_at - self.c["received_at"]).days
            self.save(self.notice_at, progress_notice_sent_at=self.notice_at)
            self.event(
                self.kinds.PROGRESS_NOTICE,
                self.notice_at,
                actor=None,
                detail={"days_open": days_open, "status": self.c["status"]},
            )
        if self.withdraw_at is not None and self.last_at < self.withdraw_at < at and self.is_open():
            if self.withdraw_at > self.now:
                raise Stop
            self.save(self.withdraw_at, status=self.status_values.WITHDRAWN.value)
            self.event(self.kinds.WITHDRAWN, self.withdraw_at, actor=self.citizen)
            raise Stop
        if at > self.now:
            raise Stop
        return at

    def later(
        self, after: datetime.datetime, low_hours: float, high_hours: float
    ) -> datetime.datetime:
        return self.step_at(
            after + datetime.timedelta(hours=self.rng.uniform(low_hours, high_hours))
        )

    def on_working_day(self, after: datetime.datetime, days: int) -> datetime.datetime:
        """Office hours (Seoul) on the ``days``-th working day after ``after``, never before it."""
        day = self.g.clock.after(self.g.clock.local_date(after), days)
        moment = datetime.datetime.combine(
            day, datetime.time(9), tzinfo=self.g.seoul
        ) + datetime.timedelta(minutes=self.rng.randint(0, 540))
        moment = moment.astimezone(UTC)
        if moment <= after:
            moment = after + datetime.timedelta(minutes=self.rng.randint(10, 120))
        return self.step_at(moment)

    # -- the story --

    def live(self) -> None:
        with contextlib.suppress(Stop):
            self._live()
        self.step_finally()
        c = self.c
        self.batch.complaints.append(tuple(c[column] for column in COMPLAINT_COLUMNS))
        self.batch.search.append(self.g.search_row(c, self.answer_texts))
        if c["answered_at"] is not None:
            self.g.remember_answered(c["citizen_id"], c["content_fingerprint"], c["answered_at"])

    def step_finally(self) -> None:
        """A case still open a month after receipt has had its progress notice by now."""
        with contextlib.suppress(Stop):
            self.step_at(self.now)

    def _live(self) -> None:
        from egov.complaints.limits import DEFAULT_SUPPLEMENT_DAYS, SECOND_REVIEW_DAYS
        from egov.complaints.models import (
            AnswerKind,
            ClosureReason,
            ExtensionStatus,
            Outcome,
            Status,
        )

        rng, world, c, kinds = self.rng, self.g.world, self.c, self.kinds
        t = c["received_at"]
        if rng.random() < 0.04:
            t = self.later(t, 1, 30)
            choices = [
                pair for pair in world.other_routings[c["category_id"]] if pair[1] != c["unit_id"]
            ]
            to_agency, to_unit = (
                rng.choice(choices)
                if choices
                else rng.choice(
                    [(a, u) for u, a in world.agency_of_unit.items() if u != c["unit_id"]]
                )
            )
            if to_unit not in world.officers:
                to_agency, to_unit = c["agency_id"], c["unit_id"]
            if to_unit != c["unit_id"]:
                actor = rng.choice(world.officers[c["unit_id"]])
                reason = "소관 부서가 아니어서 담당 부서로 이송합니다."
                from_unit, from_agency = c["unit_id"], c["agency_id"]
                self.batch.transfers.append(
                    (self.g.ids.take("transfer"), self.id, from_unit, to_unit, actor, reason, t)
                )
                self.save(
                    t,
                    unit_id=to_unit,
                    agency_id=to_agency,
                    assigned_officer_id=None,
                    status=Status.RECEIVED.value,
                    transfer_count=1,
                    transfer_flagged=False,
                )
                # Recounted by the receiving office's calendar: without closures, the same.
                self.recount()
                self.event(
                    kinds.TRANSFERRED,
                    t,
                    actor=actor,
                    public_note=reason,
                    detail={
                        "from_unit": from_unit,
                        "to_unit": to_unit,
                        "from_agency": from_agency,
                        "to_agency": to_agency,
                        "transfers": 1,
                        "flagged": False,
                    },
                )
        officer = rng.choice(world.officers[c["unit_id"]])
        t = (
            self.on_working_day(t, rng.choice((0, 0, 1, 1, 2)))
            if rng.random() < 0.5
            else (self.later(t, 0.5, 20))
        )
        self.save(t, assigned_officer_id=officer, status=Status.IN_PROGRESS.value)
        self.event(kinds.ASSIGNED, t, actor=officer, officer=officer)
        if rng.random() < 0.10:
            t = self.later(t, 0.2, 30)
            self.event(kinds.NOTE, t, actor=officer, internal_note="현장 확인 일정을 잡았습니다.")
        if rng.random() < 0.05:
            at = self.later(t, 1, 48)
            # An extension must be decided before the deadline passes.
            if at <= c["due_at"]:
                t = at
                days = rng.randint(1, c["period_days"])
                reason = "관계 기관 협의에 시간이 더 필요합니다."
                self.batch.extensions.append(
                    (
                        self.g.ids.take("extension"),
                        self.id,
                        1,
                        officer,
                        days,
                        reason,
                        ExtensionStatus.APPLIED.value,
                        t,
                        t,
                    )
                )
                self.extensions.append(days)
                self.recount()
                self.save(t)
                self.event(
                    kinds.EXTENDED,
                    t,
                    actor=officer,
                    officer=officer,
                    public_note=reason,
                    detail={"number": 1, "days": days, "consented": False},
                )
        if rng.random() < 0.05:
            t = self.later(t, 1, 48)
            request_text = "정확한 위치와 사진을 보내 주십시오."
            respond_by = self.g.clock.respond_by(t, DEFAULT_SUPPLEMENT_DAYS)
            supplement_id = self.g.ids.take("supplement")
            requested_at = t
            # The clock stops; the stored deadline stays until it runs again.
            self.stops.append((t, None))
            self.save(t, status=Status.AWAITING_SUPPLEMENT.value)
            self.event(
                kinds.SUPPLEMENT_REQUESTED,
                t,
                actor=officer,
                officer=officer,
                public_note=request_text,
                detail={"number": 1, "respond_by": respond_by.isoformat()},
            )
            answered = rng.random() < 0.85
            row = [supplement_id, self.id, 1, officer, request_text, t, respond_by, "", None]
            try:
                if answered:
                    t = self.later(t, 2, 96)
                    row[7:9] = ["사진을 첨부합니다. 위치는 본문에 적었습니다.", t]
                    paused = self.g.clock.paused(c["period_days"], requested_at, t)
                    self.stops[-1] = (requested_at, t)
                    self.recount()
                    self.save(t, status=Status.IN_PROGRESS.value)
                    self.event(
                        kinds.SUPPLEMENT_ANSWERED,
                        t,
                        actor=self.citizen,
                        detail={"number": 1, **paused},
                    )
                else:
                    t = self.on_working_day(
                        datetime.datetime.combine(respond_by, datetime.time(23), self.g.seoul),
                        1,
                    )
                    notice = "요청한 자료가 제출되지 않아 민원을 종결합니다."
                    self.save(
                        t,
                        status=Status.CLOSED.value,
                        closure_reason=ClosureReason.NO_SUPPLEMENT.value,
                        closed_at=t,
                    )
                    self.event(
                        kinds.CLOSED,
                        t,
                        actor=officer,
                        officer=officer,
                        public_note=notice,
                        detail={"reason": ClosureReason.NO_SUPPLEMENT.value},
                    )
                    raise Stop
            finally:
                self.batch.supplements.append(tuple(row))
        # The answer: mostly by the due day, some late, a few left overdue.
        clock = self.g.clock
        roll = rng.random()
        # Working days after the day of receipt up to the day the deadline falls on.
        period = max(
            clock.between(self.received_on, clock.due_day(c["due_at"], c["period_days"])), 1
        )
        if roll < 0.85:
            days = rng.randint(1, period)
        elif roll < 0.97:
            days = period + rng.randint(1, 5)
        else:
            days = period + 40
        t = self.on_working_day(
            max(t, datetime.datetime.combine(self.received_on, datetime.time(9), self.g.seoul)),
            max(0, days - clock.between(self.received_on, clock.local_date(t))),
        )
        outcome = rng.choices(
            (
                Outcome.ACCEPTED,
                Outcome.PARTLY_ACCEPTED,
                Outcome.INFORMATION_GIVEN,
                Outcome.NOT_ACCEPTED,
            ),
            weights=(40, 15, 35, 10),
        )[0]
        # answer_complaint: the deadline stored now, and deadlines.days_taken.
        first = self._answer(
            AnswerKind.FIRST.value,
            officer,
            outcome,
            t,
            c["due_at"],
            clock.taken(c["received_at"], t, c["period_days"], self.stops),
        )
        self.save(t, status=Status.ANSWERED.value, answered_at=t)
        self.event(
            kinds.ANSWERED,
            t,
            actor=officer,
            officer=officer,
            detail={"outcome": str(outcome), "on_time": first[12]},
        )
        if rng.random() >= 0.45:
            return
        t = self.later(t, 2, 96)
        score = rng.choices((5, 4, 3, 2, 1), weights=(40, 28, 18, 7, 7))[0]
        comment = rng.choice(("", "", "빠른 조치 감사합니다.", "아직 해결되지 않았습니다."))
        rated = list(first)
        rated[14:17] = [score, comment, t]
        self.batch.answers[-1] = tuple(rated)
        self.event(kinds.RATED, t, actor=self.citizen, detail={"score": score, "answer": "first"})
        if score > 2:
            return
        reviewer = next(
            (user for user in world.supervisors.get(c["unit_id"], []) if user != officer),
            None,
        ) or next(
            (user for user in world.agency_admins.get(c["agency_id"], []) if user != officer),
            None,
        )
        review_id = self.g.ids.take("review")
        # deadlines.review_deadline: the review's own period from the moment it opens.
        review_due = self.review_due = clock.due(t, SECOND_REVIEW_DAYS)
        review = [review_id, self.id, first[0], reviewer, t, SECOND_REVIEW_DAYS, review_due, None]
        opened_at = t
        self.save(t, status=Status.SECOND_REVIEW.value, due_at=review_due)
        self.event(
            kinds.SECOND_REVIEW_OPENED,
            t,
            actor=None,
            officer=reviewer,
            detail={"reviewer_found": reviewer is not None},
        )
        try:
            handlers = [
                user
                for user in (reviewer, *world.officers[c["unit_id"]])
                if user is not None and user != officer
            ]
            if not handlers or rng.random() >= 0.75:
                return
            t = self.on_working_day(t, rng.randint(1, 8))
            second_officer = handlers[0]
            outcome = rng.choice((Outcome.PARTLY_ACCEPTED, Outcome.INFORMATION_GIVEN))
            # answer_second_review: deadlines.review_days_taken.
            second = self._answer(
                AnswerKind.SECOND_REVIEW.value,
                second_officer,
                outcome,
                t,
                review_due,
                clock.taken(opened_at, t, SECOND_REVIEW_DAYS),
            )
            review[7] = second[0]
            self.save(t, status=Status.ANSWERED.value)
            self.event(
                kinds.SECOND_REVIEW_ANSWERED,
                t,
                actor=second_officer,
                officer=second_officer,
                detail={"outcome": str(outcome), "on_time": second[12]},
            )
        finally:
            self.batch.reviews.append(tuple(review))

    def _answer(
        self,
        kind: str,
        officer: int,
        outcome: str,
        at: datetime.datetime,
        due_at: datetime.datetime,
        working_days_taken: int,
    ) -> Row:
        """The answer row as actions._write_answer writes it."""
        from egov.complaints.models import Outcome

        if self.language == "id":
            body, legal_basis = ANSWER_ID
        elif self.language == "en":
            body, legal_basis = ANSWER_EN
        else:
            body, legal_basis = ANSWERS_KO[self.category_code]
        refusal_reason = remedy = ""
        if outcome == Outcome.NOT_ACCEPTED:
            refusal_reason = "현행 기준상 지원 대상에 해당하지 않습니다."
            remedy = "처분을 안 날부터 90일 이내에 행정심판을 청구할 수 있습니다."
        row = (
            self.g.ids.take("answer"),
            self.id,
            kind,
            officer,
            self.c["unit_id"],
            str(outcome),
            body,
            legal_basis,
            refusal_reason,
            remedy,
            at,
            due_at,
            at <= due_at,
            working_days_taken,
            None,
            "",
            None,
        )
        self.batch.answers.append(row)
        self.answer_texts += [body, legal_basis, refusal_reason]
        return row


# ---- the generator -----------------------------------------------------------------------


class Generator:
    def __init__(self, *, count: int, days: int, seed: int, citizens: list[list[int]]) -> None:
        from django.conf import settings
        from django.utils import timezone

        self.rng = random.Random(seed)
        self.world = load_world()
        self.clock = Clock()
        self.seoul = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        self.now = timezone.now()
        self.citizens = citizens
        self.answered: dict[tuple[int, str], list[datetime.datetime]] = {}
        # Each month's receipt numbers continue from the counter in the database.
        self.counters: dict[str, int] = dict(_counters_in_database())
        self.ids = next_ids()
        self.moments = ArrivalClock(self.now, days, count, self.seoul)

    def pick_citizen(self, language: str) -> int:
        pool = self.citizens[{"ko": 0, "id": 1, "en": 2}[language]] or self.citizens[0]
        # A few people write often, most write once or twice.
        return pool[int(len(pool) * self.rng.random() ** 2)]

    def repeat_candidate(
        self, citizen: int, fingerprint: str, received_at: datetime.datetime
    ) -> bool:
        from egov.complaints.limits import ANSWERED_REPEATS_BEFORE_CLOSING

        earlier = self.answered.get((citizen, fingerprint), [])
        answered_before = sum(1 for moment in earlier if moment <= received_at)
        return answered_before >= ANSWERED_REPEATS_BEFORE_CLOSING

    def remember_answered(
        self, citizen: int, fingerprint: str, answered_at: datetime.datetime
    ) -> None:
        self.answered.setdefault((citizen, fingerprint), []).append(answered_at)

    def receipt_number(self, received_at: datetime.datetime) -> str:
        from egov.complaints.limits import format_receipt_number

        period = self.clock.local_date(received_at).strftime("%y%m")
        number = self.counters[period] = self.counters.get(period, 0) + 1
        return format_receipt_number(period, number)

    def search_row(self, c: dict[str, Any], answers: list[str]) -> Document:
        """The case's search row as index_complaint writes it: its terms, unit and agency."""
        from egov.complaints.search import complaint_document, complaint_terms

        terms = complaint_terms(
            receipt_number=c["receipt_number"],
            title=c["title"],
            body=c["body"],
            location_text=c["location_text"],
            answers=answers,
        )
        return complaint_document(
            c["id"], unit_id=c["unit_id"], agency_id=c["agency_id"], terms=terms
        )

    def batch(self, indexes: range) -> Batch:
        batch = Batch()
        for index in indexes:
            received_at = self.moments.at(index, self.rng)
            Life(self, batch, received_at, self.receipt_number(received_at)).live()
        return batch


class ArrivalClock:
    """When the i-th of ``count`` complaints arrives: over ``days`` up to now, in order,
    busier in Seoul's office hours than at night or at weekends."""

    def __init__(
        self, now: datetime.datetime, days: int, count: int, zone: zoneinfo.ZoneInfo
    ) -> None:
        self.count = count
        start = (now - datetime.timedelta(days=days)).replace(minute=0, second=0, microsecond=0)
        self.hours: list[datetime.datetime] = []
        self.cumulative: list[float] = []
        total, hour = 0.0, start
        while hour < now:
            local = hour.astimezone(zone)
            weight = 1.0 if 9 <= local.hour < 19 else 0.35 if 7 <= local.hour < 23 else 0.08
            if local.weekday() >= 5:
                weight *= 0.5
            self.hours.append(hour)
            total += weight
            self.cumulative.append(total)
            hour += datetime.timedelta(hours=1)
        self.total = total
        self.last = now - datetime.timedelta(seconds=1)

    def at(self, index: int, rng: random.Random) -> datetime.datetime:
        target = (index + rng.random()) / self.count * self.total
        slot = min(bisect.bisect_right(self.cumulative, target), len(self.hours) - 1)
        before = self.cumulative[slot - 1] if slot else 0.0
        within = (target - before) / ((self.cumulative[slot] - before) or 1)
        return min(self.hours[slot] + datetime.timedelta(hours=within), self.last)


def next_ids() -> Ids:
    from django.db.models import Max

    from egov.complaints.models import (
        Answer,
        Complaint,
        ComplaintEvent,
        Extension,
        SecondReview,
        SupplementRequest,
        Transfer,
    )

    def after(model: Any) -> int:
        return int(model.objects.aggregate(top=Max("id"))["top"] or 0) + 1

    return Ids(
        complaint=after(Complaint),
        event=after(ComplaintEvent),
        answer=after(Answer),
        transfer=after(Transfer),
        extension=after(Extension),
        supplement=after(SupplementRequest),
        review=after(SecondReview),
    )


def check_columns() -> None:
    """Stop before writing anything if the tables no longer look as this loader expects."""
    from django.apps import apps

    expected = {
        "complaints.Complaint": COMPLAINT_COLUMNS,
        "complaints.ComplaintEvent": EVENT_COLUMNS,
        "complaints.Answer": ANSWER_COLUMNS,
        "complaints.Transfer": TRANSFER_COLUMNS,
        "complaints.Extension": EXTENSION_COLUMNS,
        "complaints.SupplementRequest": SUPPLEMENT_COLUMNS,
        "complaints.SecondReview": REVIEW_COLUMNS,
        "accounts.User": USER_COLUMNS,
    }
    for label, columns in expected.items():
        # Generated columns are the database's to fill.
        actual = tuple(
            field.column
            for field in apps.get_model(label)._meta.concrete_fields
            if not field.generated
        )
        if actual != columns:
            sys.exit(f"{label} changed ({actual}); update bench/generate_complaints.py first.")


def check_no_closures() -> None:
    """The loader counts deadlines without closures (see Clock): refuse a database with some."""
    from egov.agencies.models import Closure

    if Closure.objects.exists():
        sys.exit(
            "This database has closures (temporary holidays or office closures); the generator "
            "counts deadlines without any. Use a dedicated database (see bench/README.md)."
        )


# ---- writing ---------------------------------------------------------------------------

TABLES = (
    ("complaints_complaint", COMPLAINT_COLUMNS, "complaints"),
    ("complaints_complaintevent", EVENT_COLUMNS, "events"),
    ("complaints_answer", ANSWER_COLUMNS, "answers"),
    ("complaints_transfer", TRANSFER_COLUMNS, "transfers"),
    ("complaints_extension", EXTENSION_COLUMNS, "extensions"),
    ("complaints_supplementrequest", SUPPLEMENT_COLUMNS, "supplements"),
    ("complaints_secondreview", REVIEW_COLUMNS, "reviews"),
)


def _sqlite_value(value: Any) -> Any:
    # What Django's SQLite backend stores: naive UTC text for datetimes, ISO dates, 0/1.
    kind = type(value)
    if kind is datetime.datetime:
        return str(value.astimezone(UTC).replace(tzinfo=None))
    if kind is datetime.date:
        return value.isoformat()
    if kind is bool:
        return int(value)
    return value


class Writer:
    """Writes rows in the engine's fastest way, inside the caller's transaction."""

    def __init__(self) -> None:
        from django.db import connection

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        connection.ensure_connection()
        self.raw: Any = connection.connection

    def rows(self, table: str, columns: Sequence[str], rows: list[Row]) -> None:
        if not rows:
            return
        names = ", ".join(columns)
        if self.postgres:
            with (
                self.raw.cursor() as cursor,
                cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy,
            ):
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join("?" for _ in columns)
            self.raw.executemany(
                f"INSERT INTO {table} ({names}) VALUES ({marks})",  # noqa: S608 - our names
                [tuple(_sqlite_value(value) for value in row) for row in rows],
            )

    def search(self, rows: list[Document]) -> None:
        """The search rows, written as ``egov.lib.search`` writes them for one action."""
        from egov.complaints.search import COMPLAINT_INDEX
        from egov.lib.search import PostgresSearch, backend_for

        if not rows:
            return
        if not self.postgres:
            with self.connection.cursor() as cursor:
                backend_for(self.connection).save_many(cursor, COMPLAINT_INDEX, rows)
            return
        # COPY the terms as text, then build the vectors with the very expression
        # PostgresSearch.save_many uses, so the stored rows are identical.
        table, key = COMPLAINT_INDEX.name, COMPLAINT_INDEX.key
        scopes = "".join(f", {column}" for column in COMPLAINT_INDEX.scopes)
        with self.raw.cursor() as cursor:
            cursor.execute(
                "CREATE TEMP TABLE IF NOT EXISTS bench_search_terms "
                "(key bigint, unit_id bigint, agency_id bigint, terms text) ON COMMIT DELETE ROWS"
            )
            with cursor.copy(f"COPY bench_search_terms (key{scopes}, terms) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row((row.key, *row.scope, " ".join(row.terms)))
            cursor.execute(
                f'INSERT INTO "{table}" ("{key}"{scopes}, document) '  # noqa: S608 - our names
                f"SELECT key{scopes}, {PostgresSearch.document_sql('terms')} "
                "FROM bench_search_terms"
            )

    def counters(self, counters: dict[str, int]) -> None:
        """Move each month's receipt counter past the numbers handed out here."""
        from egov.complaints.models import ReceiptCounter

        ReceiptCounter.objects.bulk_create(
            [ReceiptCounter(period=period) for period in counters], ignore_conflicts=True
        )
        for period, last in counters.items():
            ReceiptCounter.objects.filter(period=period, last_number__lt=last).update(
                last_number=last
            )

    def finish(self) -> None:
        """Sequences past the ids used, and fresh planner statistics."""
        with self.connection.cursor() as cursor:
            if self.postgres:
                for table, _, _ in (*TABLES, ("accounts_user", (), "")):
                    cursor.execute(
                        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608
                        f"(SELECT max(id) FROM {table}))"
                    )
                # Visibility maps and statistics, as autovacuum would leave them later.
                tables = ", ".join(table for table, _, _ in TABLES)
                cursor.execute(f"VACUUM (ANALYZE) accounts_user, {tables}, complaints_search_index")
            else:
                cursor.execute("ANALYZE")


def make_citizens(writer: Writer, wanted: int, rng: random.Random) -> list[list[int]]:
    """Generated citizens by language (ko, id, en), created once and reused by later runs."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.utils import timezone

    from egov.accounts.models import Role, User

    existing = list(
        User.objects.filter(email__endswith=f"@{BENCH_EMAIL_DOMAIN}", role=Role.CITIZEN)
        .order_by("id")
        .values_list("id", "preferred_language")
    )
    missing = wanted - len(existing)
    if missing > 0:
        # One Argon2 hash for all: each account still verifies the published password.
        password = make_password(BENCH_PASSWORD)
        now = timezone.now()
        first = int(User.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
        rows = []
        for offset in range(missing):
            number = len(existing) + offset
            language = rng.choices(("ko", "id", "en"), weights=(85, 10, 5))[0]
            if language == "ko":
                name = rng.choice(SURNAMES) + rng.choice(GIVEN)
            elif language == "id":
                name = f"{rng.choice(INDONESIAN_NAMES)} {rng.choice(INDONESIAN_NAMES)}"
            else:
                name = f"{rng.choice(ENGLISH_NAMES)} {rng.choice(('Lee', 'Park', 'Smith'))}"
            email = f"citizen-{number:07d}@{BENCH_EMAIL_DOMAIN}"
            rows.append(
                (
                    first + offset,
                    password,
                    None,
                    False,
                    email,
                    name,
                    "",
                    "",
                    "",
                    "",
                    language,
                    Role.CITIZEN.value,
                    now,
                    True,
                    now,
                )
            )
            existing.append((first + offset, language))
        with transaction.atomic():
            writer.rows("accounts_user", USER_COLUMNS, rows)
    pools: list[list[int]] = [[], [], []]
    for user_id, language in existing:
        pools[{"ko": 0, "id": 1}.get(language, 2)].append(user_id)
    return pools


def verify(sample: int, first_id: int) -> list[str]:
    """Recheck generated cases with the domain code: deadlines, status and timeline agree.

    Every deadline the loader stored is counted again by egov.complaints.deadlines
    from the case's own rows: the case's (stored_due_at; explain_deadline where
    the clock runs, and it stands exactly while a request is open), each
    answer's with its on-time flag and working days (days_taken,
    review_days_taken), the second review's (review_deadline), the one after
    each timeline step (stored_due_at as of that step), the clock time each
    answered request gave back (pause_detail) and the day it was to be
    answered by.
    """
    from egov.agencies.calendar import calendar_for
    from egov.complaints.deadlines import (
        days_taken,
        explain_deadline,
        pause_detail,
        review_days_taken,
        review_deadline,
        stored_due_at,
    )
    from egov.complaints.limits import DEFAULT_SUPPLEMENT_DAYS
    from egov.complaints.models import OPEN_STATUSES, AnswerKind, Complaint, EventKind, Status
    from egov.lib.calendar import Period, Unit, deadline, due_day

    problems: list[str] = []
    ids = list(
        Complaint.objects.filter(id__gte=first_id)
        .order_by("?")
        .values_list("id", flat=True)[:sample]
    )
    last_status = {
        EventKind.RECEIVED: {Status.RECEIVED},
        EventKind.TRANSFERRED: {Status.RECEIVED},
        EventKind.ASSIGNED: {Status.IN_PROGRESS},
        EventKind.EXTENDED: {Status.IN_PROGRESS},
        EventKind.SUPPLEMENT_REQUESTED: {Status.AWAITING_SUPPLEMENT},
        EventKind.SUPPLEMENT_ANSWERED: {Status.IN_PROGRESS},
        EventKind.ANSWERED: {Status.ANSWERED},
        EventKind.RATED: {Status.ANSWERED},
        EventKind.SECOND_REVIEW_OPENED: {Status.SECOND_REVIEW},
        EventKind.SECOND_REVIEW_ANSWERED: {Status.ANSWERED},
        EventKind.WITHDRAWN: {Status.WITHDRAWN},
        EventKind.CLOSED: {Status.CLOSED},
    }
    respond_within = Period(DEFAULT_SUPPLEMENT_DAYS, Unit.DAYS)
    cases = (
        Complaint.objects.filter(id__in=ids)
        .select_related("second_review")
        .prefetch_related("extensions", "supplement_requests", "events", "answers")
    )
    for complaint in cases:
        number = complaint.receipt_number
        calendar = calendar_for(complaint.agency_id)
        review = getattr(complaint, "second_review", None)
        requests = {request.number: request for request in complaint.supplement_requests.all()}

        stored = stored_due_at(complaint)
        if stored != complaint.due_at:
            problems.append(f"{number}: due {complaint.due_at}, stored_due_at gives {stored}")
        explained = explain_deadline(complaint)
        stands_still = review is None and (
            any(request.answered_at is None for request in requests.values())
            or (complaint.repeat_closed_at is not None and complaint.repeat_appealed_at is None)
        )
        if explained.clock_stopped != stands_still:
            problems.append(f"{number}: the clock stands still: {explained.clock_stopped}")
        elif not stands_still and explained.due_at != complaint.due_at:
            problems.append(f"{number}: due {complaint.due_at}, explained {explained.due_at}")
        if review is not None:
            review_due = review_deadline(review.opened_at, review.period_days, calendar=calendar)
            if review.due_at != review_due:
                problems.append(f"{number}: second review due {review.due_at}, not {review_due}")

        for answer in complaint.answers.all():
            if answer.kind == AnswerKind.FIRST:
                due = stored_due_at(complaint, as_of=answer.answered_at)
                taken = days_taken(complaint, answer.answered_at)
            elif review is not None:
                due = review.due_at
                taken = review_days_taken(
                    review.opened_at, review.period_days, answer.answered_at, calendar=calendar
                )
            else:
                problems.append(f"{number}: a second-review answer without a review")
                continue
            expected = (due, answer.answered_at <= due, taken)
            found = (answer.due_at, answer.on_time, answer.working_days_taken)
            if found != expected:
                problems.append(f"{number}: {answer.kind} answer {found}, not {expected}")

        for request in requests.values():
            asked = deadline(
                received_at=request.requested_at, period=respond_within, calendar=calendar
            ).due_at
            assert asked is not None
            respond_by = due_day(asked, respond_within.counting, calendar.zone)
            if request.respond_by != respond_by:
                problems.append(f"{number}: respond by {request.respond_by}, not {respond_by}")

        events = sorted(complaint.events.all(), key=lambda event: (event.at, event.id))
        for event in events:
            as_of = event.at
            if review is not None and event.kind == EventKind.RATED and as_of == review.opened_at:
                # The rating is recorded before the second review it opens.
                as_of -= datetime.timedelta(microseconds=1)
            after = stored_due_at(complaint, as_of=as_of)
            if event.due_at_after != after:
                problems.append(f"{number}: {event.kind} left {event.due_at_after}, not {after}")
            if event.kind == EventKind.SUPPLEMENT_ANSWERED:
                request = requests[event.detail["number"]]
                assert request.answered_at is not None
                paused = pause_detail(complaint, request.requested_at, request.answered_at)
                if event.detail != {"number": request.number, **paused}:
                    problems.append(f"{number}: {event.detail}, pause_detail gives {paused}")
        if events[0].kind != EventKind.RECEIVED or events[-1].due_at_after != complaint.due_at:
            problems.append(f"{number}: timeline and deadline disagree")
        steps = [event for event in events if event.kind in last_status]
        if complaint.status not in last_status[EventKind(steps[-1].kind)]:
            problems.append(f"{number}: {complaint.status} after {steps[-1].kind}")
        if complaint.status in OPEN_STATUSES and complaint.is_open is not True:
            problems.append(f"{number}: open status, closed case")
        if complaint.in_queue is not complaint.is_open:
            problems.append(f"{number}: in_queue disagrees with the status")
    return problems


def orphans() -> list[str]:
    """Rows pointing at nothing (the PostgreSQL loader writes with triggers off), or astray."""
    from django.db import connection

    search_key = "complaint_id" if connection.vendor == "postgresql" else "rowid"
    checks = {
        "events without a complaint": "complaints_complaintevent e LEFT JOIN "
        "complaints_complaint c ON c.id = e.complaint_id WHERE c.id IS NULL",
        "complaints without a citizen": "complaints_complaint c LEFT JOIN accounts_user u "
        "ON u.id = c.citizen_id WHERE u.id IS NULL",
        "answers without a complaint": "complaints_answer a LEFT JOIN complaints_complaint c "
        "ON c.id = a.complaint_id WHERE c.id IS NULL",
        "complaints without a search row": "complaints_complaint c LEFT JOIN "
        f"complaints_search_index s ON s.{search_key} = c.id WHERE s.{search_key} IS NULL",
    }
    if connection.vendor == "postgresql":
        # Only PostgreSQL's search rows hold the scope (see egov.lib.search.SQLiteSearch).
        checks["search rows naming another unit or agency"] = (
            "complaints_complaint c JOIN complaints_search_index s ON s.complaint_id = c.id "
            "WHERE s.unit_id <> c.unit_id OR s.agency_id <> c.agency_id"
        )
    found = []
    with connection.cursor() as cursor:
        for label, joined in checks.items():
            cursor.execute(f"SELECT count(*) FROM {joined}")  # noqa: S608 - fixed text
            (count,) = cursor.fetchone()
            if count:
                found.append(f"{count} {label}")
    return found


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="complaints to add")
    parser.add_argument(
        "--days", type=int, default=45, help="they arrive over this many days up to now"
    )
    parser.add_argument(
        "--citizens", type=int, default=0, help="generated citizens (default: count / 8)"
    )
    parser.add_argument("--chunk", type=int, default=10_000, help="complaints per transaction")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--verify", type=int, default=300, help="cases to recheck (0: none)")
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="first create the PostgreSQL database if missing, migrate, and load the demo",
    )
    parser.add_argument(
        "--fast-references",
        action="store_true",
        help="PostgreSQL, superuser: skip foreign-key triggers while loading (checked after)",
    )
    options = parser.parse_args(argv)
    setup_django()

    from django.db import connection

    if options.prepare:
        prepare()
    check_columns()
    check_no_closures()
    started = time.perf_counter()
    writer = Writer()
    rng = random.Random(options.seed)
    citizens = make_citizens(writer, options.citizens or max(options.count // 8, 50), rng)
    generator = Generator(
        count=options.count, days=options.days, seed=options.seed, citizens=citizens
    )
    first_id = generator.ids.complaint
    print(f"# {command_line()}")
    print(
        f"Adding {options.count:,} complaints over {options.days} days to "
        f"{connection.vendor} ({connection.settings_dict['NAME']}), "
        f"{sum(map(len, citizens)):,} generated citizens, chunks of {options.chunk:,}.",
        flush=True,
    )
    loaded = time.perf_counter()
    rows = complaints = 0

    def report(batch: Batch) -> None:
        nonlocal rows, complaints
        complaints += len(batch.complaints)
        rows += batch.row_count()
        seconds = time.perf_counter() - loaded
        print(
            f"  {complaints:>9,} complaints, {rows:>10,} rows, {seconds:7.1f} s, "
            f"{rows / seconds:9,.0f} rows/s, {complaints / seconds:7,.0f} complaints/s",
            flush=True,
        )

    # Making a chunk is Python's work and writing it mostly the database's, so
    # one thread writes a chunk (on its own connection) while this one makes
    # the next: on two cores that hides most of the writing. At most two
    # chunks are in memory, and each is still written in one transaction.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="loader") as loader:
        loading = loader.submit(Writer).result()
        written: tuple[Future[None], Batch] | None = None
        for start in range(0, options.count, options.chunk):
            batch = generator.batch(range(start, min(start + options.chunk, options.count)))
            # The counters as they stand after this chunk, not as the next one moves them.
            counters = dict(generator.counters)
            if written is not None:
                written[0].result()
                report(written[1])
            written = (
                loader.submit(write, loading, batch, counters, options.fast_references),
                batch,
            )
        if written is not None:
            written[0].result()
            report(written[1])
        loader.submit(loading.finish).result()
        # Looked up in the loader thread: Django's connections are per thread.
        loader.submit(lambda: connection.close()).result()
    total = time.perf_counter() - started
    print(
        f"Done: {complaints:,} complaints and their histories, {rows:,} rows in "
        f"{total:.1f} s ({rows / total:,.0f} rows/s, {complaints / total:,.0f} complaints/s "
        f"including set-up and ANALYZE)."
    )
    if options.verify:
        problems = orphans() + verify(options.verify, first_id)
        print(f"Verified {options.verify} generated cases and every reference:", end=" ")
        print("no problem found." if not problems else f"{len(problems)} problems:")
        for problem in problems[:20]:
            print(f"  {problem}")
        if problems:
            sys.exit(1)


def write(writer: Writer, batch: Batch, counters: dict[str, int], fast_references: bool) -> None:
    """One chunk in one transaction, on the connection of the thread that made ``writer``."""
    from django.db import connection, transaction

    with transaction.atomic():
        if writer.postgres and fast_references:
            # Foreign-key triggers off for the load: the rows are right by
            # construction, and orphans() checks the references afterwards.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        for table, columns, attribute in TABLES:
            writer.rows(table, columns, getattr(batch, attribute))
        writer.search(batch.search)
        writer.counters(counters)


def prepare() -> None:
    """A dedicated database: created on PostgreSQL if missing, migrated, with the demo loaded."""
    from django.core.management import call_command
    from django.db import connection

    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        import psycopg
        from psycopg import sql

        with psycopg.connect(
            dbname="postgres",
            user=settings["USER"],
            password=settings["PASSWORD"] or None,
            host=settings["HOST"] or None,
            port=settings["PORT"] or None,
            autocommit=True,
        ) as server:
            exists = server.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [settings["NAME"]]
            ).fetchone()
            if not exists:
                server.execute(
                    sql.SQL("CREATE DATABASE {}").format(sql.Identifier(settings["NAME"]))
                )
                print(f"Created the database {settings['NAME']}.")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_demo")


def _counters_in_database() -> list[tuple[str, int]]:
    from egov.complaints.models import ReceiptCounter

    return list(ReceiptCounter.objects.values_list("period", "last_number"))


if __name__ == "__main__":
    main()
