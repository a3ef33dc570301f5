"""Demo complaints: categories, routing, one agency's own period, and cases in every state.

Called at the end of ``egov.portal.demo.load_demo`` (which creates the
agencies, units and people first). Everything goes through the actions, so
the demo has a real timeline and audit trail. Idempotent: a category, a
routing or a complaint (matched by its author and title) that exists is left
alone.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from egov.accounts.models import Role, User
from egov.agencies.models import Agency, Officer, Unit
from egov.complaints import actions
from egov.complaints.deadlines import stored_due_at
from egov.complaints.models import (
    Category,
    Channel,
    Complaint,
    ComplaintType,
    DistrictOffice,
    Outcome,
    Routing,
)
from egov.complaints.surges import weeks_before
from egov.lib import regions

# (code, English, Korean, Indonesian, default agency)
CATEGORIES = (
    ("roads", "Roads and pavements", "도로·보도", "Jalan dan trotoar", "seoul-mapo"),
    ("parking", "Illegal parking", "불법 주정차", "Parkir liar", "seoul-jongno"),
    ("noise", "Noise", "소음", "Kebisingan", "seoul"),
    ("sanitation", "Waste and sanitation", "쓰레기·위생", "Sampah dan kebersihan", "seoul-gangnam"),
    ("housing", "Housing", "주택", "Perumahan", "seoul"),
    (
        "foreign-workers",
        "Employment of foreign workers",
        "외국인 근로자 고용",
        "Ketenagakerjaan pekerja asing",
        "moel",
    ),
    ("corruption", "Corruption report", "부패 신고", "Laporan korupsi", "acrc"),
)

# (category, agency, unit): which unit of each agency handles what.
ROUTING = (
    ("roads", "seoul-mapo", "roads"),
    ("roads", "seoul-jongno", "construction"),
    ("roads", "seoul-gangnam", "civil-affairs"),
    ("parking", "seoul", "transport"),
    ("parking", "seoul-jongno", "civil-affairs"),
    ("parking", "seoul-gangnam", "civil-affairs"),
    ("parking", "seoul-mapo", "civil-affairs"),
    ("noise", "seoul", "climate"),
    ("noise", "seoul-jongno", "civil-affairs"),
    ("noise", "seoul-mapo", "civil-affairs"),
    ("noise", "seoul-gangnam", "civil-affairs"),
    ("sanitation", "seoul-gangnam", "sanitation"),
    ("sanitation", "seoul-jongno", "civil-affairs"),
    ("sanitation", "seoul-mapo", "civil-affairs"),
    ("housing", "seoul", "housing"),
    ("housing", "seoul-jongno", "construction"),
    ("housing", "seoul-gangnam", "civil-affairs"),
    ("housing", "seoul-mapo", "civil-affairs"),
    ("foreign-workers", "moel", "foreign-workforce"),
    ("foreign-workers", "keis", "job-information"),
    ("corruption", "acrc", "integrity"),
    ("corruption", "seoul", "audit"),
)

# (district code of egov.lib.regions, agency): the office that serves each demo district.
# Every demo category routes in each of them: the district's own unit for a local
# subject, the national agency (the category's default) for the others.
DISTRICT_OFFICES = (
    ("11110", "seoul-jongno"),
    ("11440", "seoul-mapo"),
    ("11680", "seoul-gangnam"),
)

PLATFORM_ADMIN = "admin@egov.example"
SEOUL_ADMIN = "agency-admin@egov.example"
KIM = "citizen@egov.example"
SITI = "siti@egov.example"
LEE = "employer@egov.example"
JONGNO_OFFICER = "officer@egov.example"


@dataclass(frozen=True)
class DemoComplaint:
    author: str
    type: ComplaintType
    category: str
    agency: str
    title: str
    body: str
    location: str = ""
    district: str = ""
    is_public: bool = True
    filed_by: str | None = None
    # What happens to it after submission, through the officer-side actions.
    then: Callable[[Complaint], None] | None = None


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _officer_of(complaint: Complaint) -> User:
    """The first officer appointed to the complaint's unit (the demo gives each unit one)."""
    officer = (
        Officer.objects.filter(unit_id=complaint.unit_id, user__role=Role.OFFICER)
        .select_related("user")
        .order_by("appointed_at", "id")
        .first()
    )
    if officer is None:
        raise LookupError(f"the demo has no officer in unit {complaint.unit_id}")
    return officer.user


def _unit(path: str) -> Unit:
    agency_code, unit_code = path.split("/")
    return Unit.objects.get(agency__code=agency_code, code=unit_code)


def _answered_and_rated(complaint: Complaint) -> None:
    officer = _officer_of(complaint)
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    actions.answer_complaint(
        actor=officer,
        complaint=complaint,
        outcome=Outcome.ACCEPTED,
        body=(
            "말씀하신 횡단보도 주변에 불법 주정차 단속 카메라를 설치하고, 등교 시간대(07:30~08:30) "
            "집중 단속을 시작했습니다. 불편을 드려 죄송합니다."
        ),
        legal_basis="도로교통법 제32조(정차 및 주차의 금지)",
    )
    actions.rate_answer(
        citizen=complaint.citizen, complaint=complaint, score=5, comment="빠른 조치 감사합니다."
    )


def _supplement_requested(complaint: Complaint) -> None:
    officer = _officer_of(complaint)
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    actions.request_supplement(
        actor=officer,
        complaint=complaint,
        request_text=(
            "현장 확인을 위해 공사장의 정확한 주소(또는 가까운 건물명)와 소음이 주로 발생하는 "
            "시간대를 알려 주십시오."
        ),
    )


def _transferred(complaint: Complaint) -> None:
    officer = _officer_of(complaint)
    actions.transfer_complaint(
        actor=officer,
        complaint=complaint,
        to_unit=_unit("seoul-mapo/roads"),
        reason="해당 도로는 마포구 관리 도로이므로 마포구청 도로과로 이송합니다.",
    )


def _rated_low(complaint: Complaint) -> None:
    officer = _officer_of(complaint)
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    actions.answer_complaint(
        actor=officer,
        complaint=complaint,
        outcome=Outcome.NOT_ACCEPTED,
        body="해당 주택은 현행 기준상 긴급 주거지원 대상에 해당하지 않습니다.",
        legal_basis="주거기본법 제15조, 서울특별시 긴급주거지원 조례",
        refusal_reason="월 소득이 지원 기준(기준 중위소득 75%)을 넘습니다.",
        remedy="처분을 안 날부터 90일 이내에 행정심판을 청구하거나 행정소송을 제기할 수 있습니다.",
    )
    actions.rate_answer(
        citizen=complaint.citizen,
        complaint=complaint,
        score=2,
        comment="소득 산정 방식이 잘못되었습니다.",
    )


def _extended(complaint: Complaint) -> None:
    officer = _officer_of(complaint)
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    actions.extend_deadline(
        actor=officer,
        complaint=complaint,
        days=3,
        reason="수거 업체와 현장 합동 점검 일정을 잡는 데 시간이 더 필요합니다.",
    )


def _assigned(complaint: Complaint) -> None:
    officer = _officer_of(complaint)
    actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)


def _withdrawn(complaint: Complaint) -> None:
    actions.withdraw_complaint(citizen=complaint.citizen, complaint=complaint)


COMPLAINTS = (
    DemoComplaint(
        KIM,
        ComplaintType.GRIEVANCE,
        "parking",
        "seoul-jongno",
        "학교 앞 횡단보도 불법 주차",
        "매일 아침 ○○초등학교 정문 앞 횡단보도에 차량이 주차되어 아이들이 차도로 돌아서 "
        "건너고 있습니다. 단속을 요청합니다.",
        location="종로구 율곡로 일대",
        district="11110",
        then=_answered_and_rated,
    ),
    DemoComplaint(
        KIM,
        ComplaintType.GRIEVANCE,
        "noise",
        "seoul-mapo",
        "공사장 야간 소음",
        "밤 10시 이후에도 공사장에서 굴착기 소리가 계속 납니다. 야간 작업이 허가된 것인지 "
        "확인해 주세요.",
        then=_supplement_requested,
    ),
    DemoComplaint(
        KIM,
        ComplaintType.GRIEVANCE,
        "roads",
        "seoul-jongno",
        "도로 파임(포트홀) 보수 요청",
        "버스 정류장 앞 도로가 크게 파여 있어 자전거와 오토바이가 위험합니다.",
        location="서울 마포구 월드컵북로 인근",
        district="11440",
        then=_transferred,
    ),
    DemoComplaint(
        SITI,
        ComplaintType.INQUIRY,
        "foreign-workers",
        "moel",
        "Gaji tiga bulan belum dibayar",
        "Saya pekerja EPS di pabrik di Ansan. Majikan belum membayar gaji saya selama tiga "
        "bulan. Ke mana saya harus melapor dan dokumen apa yang saya perlukan?",
        is_public=False,
        filed_by=JONGNO_OFFICER,
    ),
    DemoComplaint(
        KIM,
        ComplaintType.GRIEVANCE,
        "housing",
        "seoul",
        "긴급 주거지원 신청 결과 재검토 요청",
        "전세 사기 피해로 긴급 주거지원을 신청했으나 대상이 아니라는 안내를 받았습니다. "
        "소득 산정에 실직 이후 소득이 반영되지 않았습니다.",
        is_public=False,
        then=_rated_low,
    ),
    DemoComplaint(
        LEE,
        ComplaintType.GRIEVANCE,
        "sanitation",
        "seoul-gangnam",
        "음식물 쓰레기 수거 지연",
        "우리 골목의 음식물 쓰레기가 일주일째 수거되지 않아 악취가 심합니다.",
        location="강남구 역삼동",
        district="11680",
        then=_extended,
    ),
    DemoComplaint(
        KIM,
        ComplaintType.SUGGESTION,
        "parking",
        "seoul",
        "공영주차장 야간 개방 제안",
        "주거지 주차난 해소를 위해 관공서 주차장을 야간과 주말에 주민에게 개방해 주세요.",
        then=_assigned,
    ),
    DemoComplaint(
        SITI,
        ComplaintType.INQUIRY,
        "foreign-workers",
        "moel",
        "Cara pindah tempat kerja",
        "Kontrak saya berakhir bulan depan. Bagaimana prosedur pindah ke tempat kerja lain "
        "dengan visa E-9?",
    ),
    DemoComplaint(
        LEE,
        ComplaintType.OTHER,
        "corruption",
        "acrc",
        "입찰 과정의 금품 요구 신고",
        "구청 발주 공사 입찰 과정에서 담당자가 금품을 요구했다는 정황이 있습니다.",
        is_public=False,
    ),
    DemoComplaint(
        KIM,
        ComplaintType.GRIEVANCE,
        "noise",
        "seoul-jongno",
        "상가 확성기 소음",
        "상가 앞 확성기 광고 소음이 하루 종일 계속됩니다.",
        then=_withdrawn,
    ),
    # Open cases in the demo officer's own unit, so the work queue has work in it.
    DemoComplaint(
        SITI,
        ComplaintType.GRIEVANCE,
        "sanitation",
        "seoul-jongno",
        "Sampah menumpuk di depan asrama",
        "Sampah di depan asrama pekerja di Jongno tidak diangkut sejak minggu lalu dan "
        "baunya sangat menyengat.",
        location="종로구 창신동",
        district="11110",
    ),
    DemoComplaint(
        LEE,
        ComplaintType.GRIEVANCE,
        "parking",
        "seoul-jongno",
        "소방차 전용구역 상시 주차",
        "아파트 소방차 전용구역에 같은 차량이 몇 주째 주차되어 있습니다.",
        location="종로구 평창동",
        district="11110",
        then=_assigned,
    ),
)


def _ensure_configuration() -> None:
    admin = _user(PLATFORM_ADMIN)
    agencies = {agency.code: agency for agency in Agency.objects.all()}
    for code, name_en, name_ko, name_id, default_agency in CATEGORIES:
        if not Category.objects.filter(code=code).exists():
            actions.create_category(
                actor=admin,
                code=code,
                name_en=name_en,
                name_ko=name_ko,
                name_id=name_id,
                default_agency=agencies[default_agency],
            )
    categories = {category.code: category for category in Category.objects.all()}
    for category_code, agency_code, unit_code in ROUTING:
        category, agency = categories[category_code], agencies[agency_code]
        if not Routing.objects.filter(category=category, agency=agency).exists():
            actions.set_routing(
                actor=admin,
                category=category,
                agency=agency,
                unit=_unit(f"{agency_code}/{unit_code}"),
            )
    for district_code, agency_code in DISTRICT_OFFICES:
        district = regions.district(district_code)
        assert district is not None, district_code
        if not DistrictOffice.objects.filter(district_code=district_code).exists():
            actions.set_district_office(
                actor=admin, district=district, agency=agencies[agency_code]
            )
    # Seoul promises suggestions in 10 working days rather than the default 14:
    # an agency's own period overrides the platform's. A no-op once set.
    actions.set_processing_period(
        actor=_user(SEOUL_ADMIN),
        agency=agencies["seoul"],
        type=ComplaintType.SUGGESTION,
        working_days=10,
    )


def load_complaint_demo() -> int:
    """Create what is missing; return how many demo complaints were created."""
    with transaction.atomic():
        _ensure_configuration()
    created = 0
    for demo in COMPLAINTS:
        author = _user(demo.author)
        if Complaint.objects.filter(citizen=author, title=demo.title).exists():
            continue
        with transaction.atomic():
            complaint = actions.submit_complaint(
                citizen=author,
                type=demo.type,
                category=Category.objects.get(code=demo.category),
                agency=Agency.objects.get(code=demo.agency),
                title=demo.title,
                body=demo.body,
                location_text=demo.location,
                district=regions.district(demo.district),
                is_public=demo.is_public,
                filed_by=_user(demo.filed_by) if demo.filed_by else None,
                channel=Channel.COUNTER if demo.filed_by else Channel.WEB,
            )
            if demo.then is not None:
                demo.then(complaint)
        created += 1
    _load_surge()
    return created


# A surge for `make run` to show: broken pavements in Jongno, twelve last week and
# none the week before (the staff's "Surges" page, from which to open a consultation).
SURGE_TITLE = "보도블록 파손 신고"
SURGE_COMPLAINTS = 12


def _load_surge() -> None:
    if not Complaint.objects.filter(title__startswith=SURGE_TITLE).exists():
        weeks = weeks_before(timezone.now())
        authors = [_user(KIM), _user(SITI)]
        with transaction.atomic():
            for number in range(SURGE_COMPLAINTS):
                complaint = actions.submit_complaint(
                    citizen=authors[number % 2],
                    type=ComplaintType.GRIEVANCE,
                    category=Category.objects.get(code="roads"),
                    agency=Agency.objects.get(code="seoul-jongno"),
                    title=f"{SURGE_TITLE} ({number + 1})",
                    body="보도블록이 깨지고 들떠 있어 걷기 위험합니다. 보수를 요청합니다.",
                    location_text="종로구 종로 일대",
                    district=regions.district("11110"),
                    is_public=True,
                )
                # Demo data only: the complaint arrived last week, so that it counts.
                complaint.received_at = weeks.middle + datetime.timedelta(hours=10 + 12 * number)
                Complaint.objects.filter(pk=complaint.pk).update(
                    received_at=complaint.received_at, due_at=stored_due_at(complaint)
                )
    actions.refresh_surges()
