"""Make many realistic job postings, their companies and search rows, straight into the database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/egov_jobs \\
        .venv/bin/python -m bench.generate_jobs --prepare --count 1000000 --live 250000

``--prepare`` creates the PostgreSQL database if it is missing, migrates and
loads the demo. Then come ``--companies`` companies (three in four verified by
the demo employment officer), each with its employer account and
membership, and ``--count`` postings: ``--live`` of them published and open
(applications close on a day still to come), the rest closed (expired, filled,
withdrawn), in review (the companies not verified yet) or drafts. The older
postings spread over two years, the newer ones over the 90 days a posting may
stay open. Titles, descriptions and skills are Korean, English or
Indonesian, written per ISCO-08 occupation group; every region is a real
district of egov.lib.regions with its province.

Bulk loading is the one exception to "every write goes through an action";
the rows are the rows the actions write: the province and major group as
``actions._validate`` derives them, the monthly pay by the same formula,
pay above the minimum wage and texts the checker finds nothing in (so
``findings`` is empty, as for a posting published at once), and the search
rows of every live posting, and only of live ones, from the functions
``index_posting`` calls (``posting_terms``, ``title_terms``) and, on
PostgreSQL, the vector expression of ``PostgresSearch``. ``--verify`` rechecks
a sample with the app's code. On PostgreSQL rows go in with COPY, a chunk per
transaction, written by a second thread while the next chunk is made.
Nothing else may write to the database while this runs.
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from bench import BENCH_EMAIL_DOMAIN, BENCH_PASSWORD, command_line, setup_django
from bench.generate_complaints import USER_COLUMNS, Writer, prepare

if TYPE_CHECKING:
    from egov.lib.search import Document

Row = tuple[Any, ...]

POSTING_COLUMNS = (
    "id",
    "company_id",
    "author_id",
    "source",
    "status",
    "closed_reason",
    "title",
    "description",
    "employment_type",
    "province_code",
    "district_code",
    "remote",
    "applicant_country",
    "salary_min",
    "salary_max",
    "salary_unit",
    "monthly_salary_min",
    "occupation_code",
    "occupation_major",
    "experience_years",
    "education",
    "skills",
    "working_hours",
    "benefits",
    "openings",
    "how_to_apply",
    "work_languages",
    "valid_through",
    "date_posted",
    "closed_at",
    "reminder_sent_at",
    "findings",
    "rejection_reason",
    "created_at",
    "updated_at",
)
COMPANY_COLUMNS = (
    "id",
    "registration_number",
    "name",
    "website",
    "registered_by_id",
    "registered_at",
    "verified_at",
    "verified_by_id",
)
MEMBERSHIP_COLUMNS = ("id", "user_id", "company_id", "joined_at")

# Per ISCO-08 sub-major group: Korean, English and Indonesian titles, and skills.
JOBS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "54": (
        ("아파트경비원", "야간 경비원", "건물 보안요원", "주차관리원", "시설경비원"),
        ("Security guard", "Night watchman", "Parking attendant"),
        ("Satpam", "Penjaga malam"),
        ("순찰", "출입 관리", "CCTV 모니터링", "경비원 신임교육"),
    ),
    "32": (
        ("간호조무사", "요양보호사", "물리치료사", "치과위생사", "방사선사"),
        ("Nursing assistant", "Care worker", "Dental hygienist"),
        ("Perawat", "Asisten perawat"),
        ("간호조무사 자격증", "요양보호사 자격증", "주사", "환자 이송"),
    ),
    "53": (
        ("요양보호사", "방문요양 보호사", "아이돌보미", "장애인활동지원사"),
        ("Home care worker", "Childminder"),
        ("Pengasuh anak", "Perawat lansia"),
        ("요양보호사 자격증", "돌봄", "식사 보조"),
    ),
    "51": (
        ("한식조리사", "중식조리사", "주방보조", "바리스타", "미용사", "제과제빵사"),
        ("Cook", "Barista", "Hairdresser", "Kitchen assistant"),
        ("Juru masak", "Barista", "Penata rambut"),
        ("조리기능사", "바리스타 2급", "위생교육", "커트"),
    ),
    "52": (
        ("매장판매원", "편의점 점원", "마트 계산원", "화장품 판매", "휴대폰 판매원"),
        ("Shop assistant", "Cashier", "Sales associate"),
        ("Pramuniaga", "Kasir"),
        ("POS", "고객 응대", "재고 관리"),
    ),
    "83": (
        ("택배배송기사", "화물차 운전원", "버스 운전기사", "지게차 운전원", "배달 라이더"),
        ("Delivery driver", "Truck driver", "Forklift operator", "Bus driver"),
        ("Sopir truk", "Operator forklift", "Kurir"),
        ("1종 대형면허", "지게차 운전기능사", "운전면허", "화물운송 자격"),
    ),
    "93": (
        ("물류센터 상하차", "택배 분류원", "건설 현장 보조", "공장 생산직", "포장원"),
        ("Warehouse worker", "Construction labourer", "Packer"),
        ("Buruh pabrik", "Pekerja gudang", "Kuli bangunan"),
        ("상하차", "분류", "포장", "안전교육 이수"),
    ),
    "72": (
        ("용접공", "CNC 선반 기능공", "자동차 정비원", "금형 기술자", "배관공"),
        ("Welder", "CNC machinist", "Car mechanic"),
        ("Tukang las", "Mekanik mobil", "Operator mesin CNC"),
        ("용접기능사", "CO2 용접", "las listrik", "자동차정비기능사"),
    ),
    "71": (
        ("도배사", "타일공", "목수", "미장공", "건축 도장공"),
        ("Carpenter", "Tiler", "Painter"),
        ("Tukang kayu", "Tukang cat", "Tukang keramik"),
        ("도배기능사", "목공", "방수"),
    ),
    "74": (
        ("전기기능사", "전기공사 기술자", "통신설비 기사", "태양광 설치기사"),
        ("Electrician", "Solar panel installer"),
        ("Teknisi listrik", "Tukang listrik"),
        ("전기기능사", "전기산업기사", "소방설비"),
    ),
    "81": (
        ("사출기 오퍼레이터", "식품공장 생산직", "반도체 장비 오퍼레이터", "기계조작원"),
        ("Machine operator", "Production line operator"),
        ("Operator produksi", "Operator mesin"),
        ("설비 점검", "품질 검사", "3교대"),
    ),
    "82": (
        ("전자부품 조립원", "자동차부품 조립", "가구 조립원"),
        ("Assembler", "Electronics assembler"),
        ("Perakit", "Operator perakitan"),
        ("조립", "납땜", "검수"),
    ),
    "91": (
        ("건물 청소원", "사무실 미화원", "가사도우미", "호텔 객실 청소"),
        ("Cleaner", "Housekeeper"),
        ("Petugas kebersihan", "Asisten rumah tangga"),
        ("청소", "미화", "분리수거"),
    ),
    "92": (
        ("농장 작업자", "비닐하우스 재배원", "양식장 작업원", "축산 농장 관리"),
        ("Farm worker", "Fish farm worker"),
        ("Pekerja kebun", "Pekerja peternakan", "Nelayan"),
        ("농작업", "수확", "트랙터 운전"),
    ),
    "25": (
        ("백엔드 개발자", "프론트엔드 개발자", "데이터 엔지니어", "정보보안 담당자"),
        ("Backend developer", "Frontend developer", "Data engineer", "DevOps engineer"),
        ("Pengembang perangkat lunak", "Programmer web"),
        ("Python", "Django", "SQL", "React", "Kubernetes", "Java"),
    ),
    "41": (
        ("사무보조원", "경리 사무원", "행정 사무원", "총무 담당"),
        ("Office assistant", "Administrative clerk"),
        ("Staf administrasi", "Asisten kantor"),
        ("엑셀", "한글 문서", "전산회계 2급"),
    ),
    "42": (
        ("고객상담원", "콜센터 상담원", "호텔 프런트", "안내데스크"),
        ("Call centre agent", "Receptionist"),
        ("Resepsionis", "Layanan pelanggan"),
        ("고객 응대", "CS", "전화 상담"),
    ),
    "23": (
        ("영어 강사", "수학 강사", "방과후 교사", "어린이집 보육교사"),
        ("English teacher", "Tutor"),
        ("Guru bahasa Korea", "Pengajar"),
        ("보육교사 2급", "TESOL", "교원자격증"),
    ),
    "61": (
        ("과수원 작업자", "딸기 농장 관리", "원예 재배원"),
        ("Orchard worker", "Greenhouse grower"),
        ("Petani", "Pekerja kebun buah"),
        ("재배", "수확", "농약 살포"),
    ),
    "75": (
        ("제빵 생산직", "김치공장 생산직", "봉제원", "가구 목공"),
        ("Baker", "Sewing machinist"),
        ("Penjahit", "Tukang roti"),
        ("제빵기능사", "봉제", "재단"),
    ),
}
OCCUPATION_WEIGHTS = {
    "54": 8,
    "32": 6,
    "53": 8,
    "51": 10,
    "52": 9,
    "83": 9,
    "93": 12,
    "72": 6,
    "71": 4,
    "74": 3,
    "81": 6,
    "82": 4,
    "91": 6,
    "92": 3,
    "25": 3,
    "41": 5,
    "42": 4,
    "23": 3,
    "61": 2,
    "75": 3,
}
# Where the jobs are: Seoul, Gyeonggi and the industrial south-east weigh most.
PROVINCE_WEIGHTS = {"11": 22, "41": 26, "28": 6, "26": 7, "27": 4, "48": 6, "47": 5, "44": 5}
OTHER_PROVINCE_WEIGHT = 2
EMPLOYMENT = (
    ("FULL_TIME", 55),
    ("PART_TIME", 20),
    ("CONTRACTOR", 10),
    ("TEMPORARY", 7),
    ("PER_DIEM", 6),
    ("INTERN", 2),
)
KO_SENTENCES = (
    "{place}에서 함께 일할 {title}을(를) 모집합니다.",
    "초보자도 교육 후 근무할 수 있습니다.",
    "경력자는 우대하며 급여는 면접 후 협의합니다.",
    "주 5일 근무, 주말은 휴무입니다.",
    "야간 근무가 있으며 야간수당을 지급합니다.",
    "4대 보험 가입, 퇴직금 지급, 중식 제공.",
    "통근버스를 운행하고 기숙사를 제공합니다.",
    "외국인 근로자(E-9, H-2) 지원 가능합니다.",
    "현장 안전교육을 실시하며 작업복을 지급합니다.",
    "성실하고 책임감 있는 분을 기다립니다.",
    "정규직 전환 기회가 있습니다.",
    "근무지는 {place} 인근이며 대중교통으로 출퇴근할 수 있습니다.",
)
EN_SENTENCES = (
    "We are hiring a {title} in {place}.",
    "Training is provided; no experience needed.",
    "Korean or English at work.",
    "Five days a week, weekends off.",
    "Health insurance, pension and severance pay.",
    "Lunch and a shuttle bus are provided.",
    "Night shifts are paid extra.",
    "Visa holders (E-9, E-7) are welcome to apply.",
)
ID_SENTENCES = (
    "Kami mencari {title} untuk bekerja di {place}.",
    "Pelatihan diberikan, tidak perlu pengalaman.",
    "Gaji sesuai peraturan upah minimum, lembur dibayar.",
    "Asrama dan makan siang disediakan.",
    "Pekerja EPS (visa E-9) dipersilakan melamar.",
    "Lima hari kerja seminggu, shift malam ada tunjangan.",
    "Asuransi kesehatan dan pesangon.",
)
HOURS = (
    "주 5일, 09:00-18:00",
    "주 5일, 08:00-17:00",
    "2교대",
    "3교대",
    "주말 09:00-15:00",
    "야간 22:00-07:00",
)
BENEFITS = ("4대 보험", "4대 보험, 퇴직금", "중식 제공, 통근버스", "기숙사 제공", "")
EDUCATIONS = (("", 60), ("high school", 25), ("associate degree", 7), ("bachelor degree", 6))
COMPANY_FIRST = (
    "한빛",
    "대한",
    "새솔",
    "푸른",
    "동양",
    "세진",
    "미래",
    "하나",
    "우리",
    "태평",
    "삼정",
    "금강",
)
COMPANY_LAST = (
    "물산",
    "산업",
    "기업",
    "물류",
    "식품",
    "건설",
    "테크",
    "정밀",
    "의원",
    "요양원",
    "서비스",
    "유통",
)
# Postings published within this many days are the newest share of the table.
OPEN_DAYS = 90
HISTORY_DAYS = 730


@dataclass
class World:
    """What the postings refer to: districts, companies and their employers."""

    districts: list[tuple[str, str, str]]  # code, province code, Korean full name
    district_weights: list[float]
    verified: list[tuple[int, int, str]] = field(default_factory=list)  # company, employer, name
    unverified: list[tuple[int, int, str]] = field(default_factory=list)


@dataclass
class Batch:
    postings: list[Row] = field(default_factory=list)
    search: list[Document] = field(default_factory=list)
    titles: list[Document] = field(default_factory=list)


def load_districts() -> tuple[list[tuple[str, str, str]], list[float]]:
    from egov.lib import regions

    districts, weights = [], []
    for district in regions.districts():
        province = district.province
        districts.append((district.code, province.code, f"{province.name_ko} {district.name_ko}"))
        in_province = len(regions.districts(province.code))
        weights.append(PROVINCE_WEIGHTS.get(province.code, OTHER_PROVINCE_WEIGHT) / in_province)
    return districts, weights


def registration_number(serial: int) -> str:
    from egov.lib import business_numbers

    # Tax offices 100 and up, kind of business 85, a four-digit serial.
    nine = f"{100 + serial // 10_000:03d}85{serial % 10_000:04d}"
    return nine + str(business_numbers.check_digit(nine))


def make_companies(writer: Writer, count: int, rng: random.Random, world: World) -> None:
    """``count`` companies with one employer account each; three in four verified."""
    from django.contrib.auth.hashers import make_password
    from django.db import transaction
    from django.db.models import Max
    from django.utils import timezone

    from egov.accounts.models import Role, User
    from egov.jobs.demo import OFFICER
    from egov.jobs.models import Company, EmployerMembership

    officer = User.objects.get(email=OFFICER)
    prefix = "employer-"
    existing = list(
        EmployerMembership.objects.filter(user__email__startswith=prefix)
        .filter(user__email__endswith=f"@{BENCH_EMAIL_DOMAIN}")
        .values_list("company_id", "user_id", "company__name", "company__verified_at")
    )
    missing = count - len(existing)
    if missing > 0:
        password = make_password(BENCH_PASSWORD)
        now = timezone.now()
        user_id = int(User.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        company_id = int(Company.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        member_id = int(EmployerMembership.objects.aggregate(top=Max("id"))["top"] or 0) + 1
        users, companies, members = [], [], []
        for offset in range(missing):
            number = len(existing) + offset
            name = f"{rng.choice(COMPANY_FIRST)}{rng.choice(COMPANY_LAST)} {number:05d}"
            registered = now - datetime.timedelta(days=HISTORY_DAYS + rng.randrange(365))
            verified = rng.random() < 0.75
            uid, cid = user_id + offset, company_id + offset
            users.append(
                (
                    uid,
                    password,
                    None,
                    False,
                    f"employer-{number:06d}@{BENCH_EMAIL_DOMAIN}",
                    f"{name} 채용담당",
                    "",
                    "",
                    "",
                    "",
                    "ko",
                    Role.EMPLOYER.value,
                    registered,
                    True,
                    registered,
                )
            )
            companies.append(
                (
                    cid,
                    registration_number(number + 1),
                    name,
                    "",
                    uid,
                    registered,
                    registered + datetime.timedelta(days=2) if verified else None,
                    officer.pk if verified else None,
                )
            )
            members.append((member_id + offset, uid, cid, registered))
            existing.append((cid, uid, name, registered if verified else None))
        with transaction.atomic():
            writer.rows("accounts_user", USER_COLUMNS, users)
            writer.rows("jobs_company", COMPANY_COLUMNS, companies)
            writer.rows("jobs_employermembership", MEMBERSHIP_COLUMNS, members)
        with writer.connection.cursor() as cursor:
            for table in ("accounts_user", "jobs_company", "jobs_employermembership"):
                _reset_sequence(writer, cursor, table)
    for company, user, name, verified_at in existing:
        (world.verified if verified_at else world.unverified).append((company, user, name))


def _reset_sequence(writer: Writer, cursor: Any, table: str) -> None:
    if writer.postgres:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - our names
            f"(SELECT max(id) FROM {table}))"
        )


class Generator:
    """Postings in the order they were created, so their ids grow with time as the app's do."""

    def __init__(self, *, count: int, live: int, seed: int, world: World, first_id: int) -> None:
        from django.utils import timezone

        from egov.lib.calendar import local_date

        self.count, self.world, self.first_id = count, world, first_id
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.today = local_date(self.now)
        # The newest postings (the last ``recent`` ids) were created within
        # OPEN_DAYS; ``live`` of them are still open, the rest closed early,
        # waiting for review or left as drafts.
        self.recent = min(count, max(live * 8 // 5, live))
        self.older = count - self.recent
        rest = self.recent - live
        statuses = ["published"] * live + ["closed"] * (rest * 6 // 10)
        statuses += ["in_review"] * (rest // 10)
        statuses += ["draft"] * (self.recent - len(statuses))
        self.rng.shuffle(statuses)
        self.recent_statuses = statuses
        self.occupations = list(OCCUPATION_WEIGHTS)
        self.occupation_cum = _cumulative(OCCUPATION_WEIGHTS.values())
        self.district_cum = _cumulative(world.district_weights)
        # A few big employers post much of the work, as staffing agencies do.
        self.verified_cum = _cumulative(1 / (rank + 10) for rank in range(len(world.verified)))
        self.unverified_cum = _cumulative(1 / (rank + 10) for rank in range(len(world.unverified)))
        self.education_cum = _cumulative(weight for _, weight in EDUCATIONS)
        self.employment_cum = _cumulative(weight for _, weight in EMPLOYMENT)

    def created_at(self, index: int) -> datetime.datetime:
        if index < self.older:
            span = (HISTORY_DAYS - OPEN_DAYS) * 86_400
            ago = HISTORY_DAYS * 86_400 - span * index / max(self.older, 1)
        else:
            # Two days short of OPEN_DAYS, so that even the oldest of them can
            # still be open: at most OPEN_DAYS from its posting, and after today.
            span = (OPEN_DAYS - 2) * 86_400
            ago = span * (1 - (index - self.older) / max(self.recent, 1))
        return self.now - datetime.timedelta(seconds=ago + self.rng.random() * 60)

    def status(self, index: int) -> str:
        if index >= self.older:
            return self.recent_statuses[index - self.older]
        return "draft" if self.rng.random() < 0.06 else "closed"

    def batch(self, indexes: range) -> Batch:
        from egov.jobs.search import posting_terms, title_terms
        from egov.lib.search import Document

        batch = Batch()
        for index in indexes:
            row, live, texts = self.posting(index)
            batch.postings.append(row)
            if live:
                key = row[0]
                batch.search.append(Document(key, posting_terms(**texts)))
                batch.titles.append(Document(key, title_terms(texts["title"])))
        return batch

    def posting(self, index: int) -> tuple[Row, bool, dict[str, str]]:
        from egov.jobs.models import HOURS_IN, SalaryUnit

        rng = self.rng
        status = self.status(index)
        created = self.created_at(index)
        pool, cum = (
            (self.world.unverified, self.unverified_cum)
            if status == "in_review" and self.world.unverified
            else (self.world.verified, self.verified_cum)
        )
        if status == "draft" and rng.random() < 0.3 and self.world.unverified:
            pool, cum = self.world.unverified, self.unverified_cum
        company, author, company_name = rng.choices(pool, cum_weights=cum)[0]
        occupation = rng.choices(self.occupations, cum_weights=self.occupation_cum)[0]
        korean, english, indonesian, skills = JOBS[occupation]
        language = rng.choices(("ko", "en", "id"), weights=(76, 11, 13))[0]
        district, province, place = rng.choices(
            self.world.districts, cum_weights=self.district_cum
        )[0]
        remote = occupation in ("25", "41", "42") and rng.random() < 0.15
        sentences: tuple[str, ...]
        if language == "ko":
            title = rng.choice(korean)
            sentences, work_languages = KO_SENTENCES, "ko"
        elif language == "en":
            title = rng.choice(english)
            sentences, work_languages = EN_SENTENCES, "ko en"
        else:
            title = rng.choice(indonesian)
            sentences, work_languages = ID_SENTENCES, "ko id"
        if rng.random() < 0.3:
            title = f"{title} ({place.split()[-1]})"
        picked = rng.sample(sentences, k=min(len(sentences), rng.randint(3, 5)))
        description = " ".join(s.format(title=title, place=place) for s in picked)
        skill_text = ", ".join(rng.sample(skills, k=rng.randint(1, min(3, len(skills)))))
        employment = rng.choices(EMPLOYMENT, cum_weights=self.employment_cum)[0][0]
        if employment in ("PART_TIME", "PER_DIEM"):
            unit = SalaryUnit.HOUR if employment == "PART_TIME" else SalaryUnit.DAY
            low = rng.randrange(10_500, 16_000, 10) * (8 if unit == SalaryUnit.DAY else 1)
        elif occupation == "25" and rng.random() < 0.5:
            unit = SalaryUnit.YEAR
            low = rng.randrange(36_000_000, 80_000_000, 1_000_000)
        else:
            unit = SalaryUnit.MONTH
            low = rng.randrange(2_200_000, 4_500_000, 10_000)
        high = low + low * rng.randrange(0, 40) // 100
        monthly = int(low * HOURS_IN[SalaryUnit.MONTH] / HOURS_IN[unit])
        created_day = created.date()
        date_posted = closed_at = None
        closed_reason = ""
        updated = created
        if status in ("published", "closed"):
            # Published after the checker (and for some, a moderator) let it
            # through; never later than now.
            date_posted = min(created + datetime.timedelta(minutes=rng.randrange(5, 600)), self.now)
            updated = date_posted
        if status == "published":
            assert date_posted is not None
            latest = min(
                date_posted.date() + datetime.timedelta(days=OPEN_DAYS),
                self.today + datetime.timedelta(days=OPEN_DAYS),
            )
            earliest = max(
                self.today + datetime.timedelta(days=1),
                date_posted.date() + datetime.timedelta(days=7),
            )
            earliest = min(earliest, latest)
            valid_through = earliest + datetime.timedelta(
                days=rng.randrange((latest - earliest).days + 1)
            )
        elif status == "closed":
            assert date_posted is not None
            valid_through = date_posted.date() + datetime.timedelta(
                days=rng.randrange(7, OPEN_DAYS)
            )
            if valid_through < self.today and rng.random() < 0.6:
                closed_reason = "expired"
                closed_at = datetime.datetime.combine(
                    valid_through + datetime.timedelta(days=1),
                    datetime.time(0, 5),
                    tzinfo=datetime.UTC,
                ) - datetime.timedelta(hours=9)
            else:
                closed_reason = rng.choice(("filled", "filled", "withdrawn"))
                room = max((min(self.now, _at(valid_through)) - date_posted).total_seconds(), 60)
                closed_at = date_posted + datetime.timedelta(seconds=rng.random() * room)
            closed_at = min(closed_at, self.now)
            updated = closed_at
        else:
            valid_through = created_day + datetime.timedelta(days=rng.randrange(14, OPEN_DAYS))
        key = self.first_id + index
        row = (
            key,
            company,
            author,
            "employer",
            status,
            closed_reason,
            title,
            description,
            employment,
            "" if remote else province,
            "" if remote else district,
            remote,
            "KR" if remote else "",
            low,
            high,
            unit.value,
            monthly,
            occupation,
            occupation[0],
            rng.choice((0, 0, 0, 1, 2, 3, 5)),
            rng.choices(EDUCATIONS, cum_weights=self.education_cum)[0][0],
            skill_text,
            rng.choice(HOURS),
            rng.choice(BENEFITS),
            rng.choice((1, 1, 1, 2, 3, 5, 10)),
            f"이메일로 이력서를 보내 주세요: jobs-{company}@{BENCH_EMAIL_DOMAIN}",
            work_languages,
            valid_through,
            date_posted,
            closed_at,
            None,
            "[]",
            "",
            created,
            updated,
        )
        texts = {
            "title": title,
            "description": description,
            "company": company_name,
            "skills": skill_text,
        }
        return row, status == "published", texts


def _at(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=datetime.UTC)


def _cumulative(weights: Any) -> list[float]:
    total, out = 0.0, []
    for weight in weights:
        total += weight
        out.append(total)
    return out


def write_search(writer: Writer, table_name: str, rows: list[Document]) -> None:
    """Search rows as ``egov.lib.search`` writes them for ``index_posting``."""
    from egov.jobs.search import POSTING_INDEX, SEARCH_ROW_COLUMNS, TITLE_INDEX
    from egov.lib.search import PostgresSearch, backend_for

    table = POSTING_INDEX if table_name == POSTING_INDEX.name else TITLE_INDEX
    if not rows:
        return
    if not writer.postgres:
        with writer.connection.cursor() as cursor:
            backend_for(writer.connection).save_many(cursor, table, rows)
        return
    # COPY the terms as text, then build the vectors with PostgresSearch's own expression.
    with writer.raw.cursor() as cursor:
        cursor.execute(
            "CREATE TEMP TABLE IF NOT EXISTS bench_job_terms (key bigint, terms text) "
            "ON COMMIT DELETE ROWS"
        )
        with cursor.copy("COPY bench_job_terms (key, terms) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((row.key, " ".join(row.terms)))
        if table is POSTING_INDEX:
            # With the posting's columns beside the terms, as copy_search_columns
            # writes them for index_posting (migration jobs/0005).
            names = "".join(f", {name}" for name in SEARCH_ROW_COLUMNS)
            copied = "".join(f", p.{name}" for name in SEARCH_ROW_COLUMNS)
            cursor.execute(
                f'INSERT INTO "{table.name}" ("{table.key}", document{names}) '  # noqa: S608
                f"SELECT key, {PostgresSearch.document_sql('terms')}{copied} "
                "FROM bench_job_terms JOIN jobs_posting AS p ON p.id = key"
            )
        else:
            cursor.execute(
                f'INSERT INTO "{table.name}" ("{table.key}", document) '  # noqa: S608 - our names
                f"SELECT key, {PostgresSearch.document_sql('terms')} FROM bench_job_terms"
            )
        cursor.execute("TRUNCATE bench_job_terms")


def write(writer: Writer, batch: Batch) -> None:
    """One chunk in one transaction, on the connection of the thread that made ``writer``."""
    from django.db import transaction

    from egov.jobs.search import POSTING_INDEX, TITLE_INDEX

    with transaction.atomic():
        writer.rows("jobs_posting", POSTING_COLUMNS, batch.postings)
        write_search(writer, POSTING_INDEX.name, batch.search)
        write_search(writer, TITLE_INDEX.name, batch.titles)


def finish(writer: Writer) -> None:
    with writer.connection.cursor() as cursor:
        _reset_sequence(writer, cursor, "jobs_posting")
        if writer.postgres:
            cursor.execute(
                "VACUUM (ANALYZE) jobs_posting, jobs_company, jobs_employermembership, "
                "jobs_posting_search_index, jobs_posting_title_index"
            )
        else:
            cursor.execute("ANALYZE")


def check_columns() -> None:
    """Stop before writing anything if the postings table no longer looks as this loader expects."""
    from egov.jobs.models import Company, EmployerMembership, Posting

    for model, columns in (
        (Posting, POSTING_COLUMNS),
        (Company, COMPANY_COLUMNS),
        (EmployerMembership, MEMBERSHIP_COLUMNS),
    ):
        actual = {str(f.column) for f in model._meta.concrete_fields}
        if actual != set(columns):
            sys.exit(
                f"{model.__name__} changed: {sorted(actual ^ set(columns))}; update this loader"
            )


def verify(sample: int, first_id: int, seed: int) -> list[str]:
    """Recheck generated live postings with the app's code: derived fields, checker, search rows."""
    from django.core.exceptions import ValidationError
    from django.db import connection
    from django.utils import timezone

    from egov.jobs.actions import _validate, check_posting
    from egov.jobs.models import Posting, PostingSearchRow, Status
    from egov.jobs.search import (
        POSTING_INDEX,
        SEARCH_ROW_COLUMNS,
        TITLE_INDEX,
        posting_terms,
        title_terms,
    )
    from egov.lib.calendar import local_date
    from egov.lib.search import PostgresSearch

    problems: list[str] = []
    rng = random.Random(seed)
    today = local_date(timezone.now())
    live = list(
        Posting.objects.filter(status=Status.PUBLISHED, pk__gte=first_id).values_list(
            "pk", flat=True
        )
    )
    for pk in rng.sample(live, min(sample, len(live))):
        posting = Posting.objects.select_related("company").get(pk=pk)
        assert posting.date_posted is not None
        posted_on = posting.date_posted.date()
        values = {f.name: getattr(posting, f.name) for f in Posting._meta.concrete_fields}
        try:
            cleaned = _validate(values, today=posted_on)
        except ValidationError as error:
            problems.append(f"posting {pk}: not valid when posted ({error})")
            continue
        for name in ("province_code", "occupation_major", "monthly_salary_min"):
            if cleaned[name] != getattr(posting, name):
                problems.append(f"posting {pk}: {name} is not what the action derives")
        if check_posting(values, today=posted_on):
            problems.append(f"posting {pk}: the checker finds something")
        if not posting.company.is_verified or posting.valid_through <= today:
            problems.append(f"posting {pk}: could not be live")
        terms = posting_terms(
            title=posting.title,
            description=posting.description,
            company=posting.company.name,
            skills=posting.skills,
        )
        for table, expected in ((POSTING_INDEX, terms), (TITLE_INDEX, title_terms(posting.title))):
            text = " ".join(expected)
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    cursor.execute(
                        f"SELECT document = {PostgresSearch.document_sql('%s')} "  # noqa: S608
                        f'FROM "{table.name}" WHERE "{table.key}" = %s',
                        [text, pk],
                    )
                else:
                    cursor.execute(
                        f'SELECT document = %s FROM "{table.name}" WHERE rowid = %s',  # noqa: S608
                        [text, pk],
                    )
                row = cursor.fetchone()
            if row is None or not row[0]:
                problems.append(f"posting {pk}: {table.name} is not what index_posting writes")
        if connection.vendor == "postgresql":
            search_row = PostingSearchRow.objects.filter(pk=pk).values(*SEARCH_ROW_COLUMNS).first()
            if search_row != {name: getattr(posting, name) for name in SEARCH_ROW_COLUMNS}:
                problems.append(f"posting {pk}: its search row's columns differ from the posting")
    with connection.cursor() as cursor:
        for table in (POSTING_INDEX, TITLE_INDEX):
            key = "rowid" if connection.vendor == "sqlite" else f'"{table.key}"'
            cursor.execute(
                f'SELECT count(*) FROM "{table.name}" s LEFT JOIN jobs_posting p '  # noqa: S608
                f"ON p.id = s.{key} WHERE p.status IS DISTINCT FROM 'published'"
            )
            row = cursor.fetchone()
            if row and row[0]:
                problems.append(f"{table.name}: {row[0]} rows of postings that are not live")
    return problems


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="postings to add")
    parser.add_argument("--live", type=int, default=0, help="of them live (default: count / 4)")
    parser.add_argument("--companies", type=int, default=20_000)
    parser.add_argument("--chunk", type=int, default=20_000, help="postings per transaction")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument(
        "--verify", type=int, default=300, help="live postings to recheck (0: none)"
    )
    parser.add_argument(
        "--prepare",
        action="store_true",
        help="first create the PostgreSQL database if missing, migrate, and load the demo",
    )
    options = parser.parse_args(argv)
    setup_django()

    from django.db import connection
    from django.db.models import Max

    from egov.jobs.models import Posting

    if options.prepare:
        prepare()
    check_columns()
    live = options.live or options.count // 4
    if live > options.count:
        sys.exit("--live cannot exceed --count")
    print(f"# {command_line()}")
    started = time.perf_counter()
    writer = Writer()
    rng = random.Random(options.seed)
    districts, weights = load_districts()
    world = World(districts=districts, district_weights=weights)
    make_companies(writer, options.companies, rng, world)
    first_id = int(Posting.objects.aggregate(top=Max("id"))["top"] or 0) + 1
    generator = Generator(
        count=options.count, live=live, seed=options.seed, world=world, first_id=first_id
    )
    print(
        f"Adding {options.count:,} postings ({live:,} live) to {connection.vendor} "
        f"({connection.settings_dict['NAME']}) from {len(world.verified):,} verified and "
        f"{len(world.unverified):,} unverified companies, chunks of {options.chunk:,}.",
        flush=True,
    )
    loaded = time.perf_counter()
    postings = indexed = 0

    def report(batch: Batch) -> None:
        nonlocal postings, indexed
        postings += len(batch.postings)
        indexed += len(batch.search)
        seconds = time.perf_counter() - loaded
        print(
            f"  {postings:>9,} postings, {indexed:>8,} live and indexed, {seconds:7.1f} s, "
            f"{postings / seconds:7,.0f} postings/s",
            flush=True,
        )

    # As generate_complaints: one thread writes a chunk on its own connection
    # while this one makes the next.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="loader") as loader:
        loading = loader.submit(Writer).result()
        written: tuple[Future[None], Batch] | None = None
        for start in range(0, options.count, options.chunk):
            batch = generator.batch(range(start, min(start + options.chunk, options.count)))
            if written is not None:
                written[0].result()
                report(written[1])
            written = (loader.submit(write, loading, batch), batch)
        if written is not None:
            written[0].result()
            report(written[1])
        loaded_at = time.perf_counter() - loaded
        loader.submit(finish, loading).result()
        loader.submit(lambda: connection.close()).result()
    total = time.perf_counter() - started
    print(
        f"Done: {postings:,} postings ({indexed:,} live, with their two search rows) in "
        f"{loaded_at:.1f} s to the last row, {total:.1f} s with companies, VACUUM and ANALYZE "
        f"({postings / total:,.0f} postings/s)."
    )
    if options.verify:
        problems = verify(options.verify, first_id, options.seed)
        print(f"Verified {options.verify} generated live postings:", end=" ")
        print("no problem found." if not problems else f"{len(problems)} problems:")
        for problem in problems[:20]:
            print(f"  {problem}")
        if problems:
            sys.exit(1)


if __name__ == "__main__":
    main()
