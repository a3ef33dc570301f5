"""Demo permit types with real legal bases, and one application under way.

Called by ``egov.portal.demo.load_demo`` once agencies, units and people
exist. Everything goes through the actions, so the demo has its history and
audit trail. Idempotent: a type that exists (by code) is left alone.

The legal bases are the Acts and articles that require each permit. The
processing periods and fees are the demo offices' service standards; a real
office enters those of its own 민원처리기준표 (the civil-petition processing
standards the Civil Petitions Treatment Act art. 36 has it publish).
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.permits import actions
from egov.permits.actions import StepSpec, VersionSpec
from egov.permits.models import Application, PermitType

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

RECEIPT = ("Receipt", "접수", "Penerimaan")
REVIEW = ("Document review", "서류 검토", "Pemeriksaan dokumen")
INSPECTION = ("Site inspection", "현장 조사", "Pemeriksaan lapangan")
CONSULTATION = ("Consultation with another unit", "관계 부서 협의", "Konsultasi dengan unit lain")
LEADER = ("Team-leader review", "팀장 검토", "Tinjauan ketua tim")
DIRECTOR = ("Director approval", "과장 결재", "Persetujuan kepala divisi")
ISSUANCE = ("Issuance", "교부", "Penerbitan")

# (code, agency, unit, names, legal basis en/ko/id, period, unit of period, fee, documents,
#  steps as (names, unit code, amount, unit of time, skippable))
TYPES = (
    (
        "building-permit",
        "seoul-jongno",
        "construction",
        ("Building permit", "건축허가", "Izin mendirikan bangunan"),
        (
            "Building Act art. 11 (building permits)",
            "건축법 제11조(건축허가)",
            "Undang-Undang Bangunan pasal 11 (izin bangunan)",
        ),
        15,
        "days",
        27_000,
        (
            (
                "Building permit application form",
                "건축허가신청서",
                "Formulir permohonan izin bangunan",
            ),
            ("Architectural drawings", "설계도서", "Gambar arsitektur"),
            ("Proof of land ownership", "토지 소유 증명서류", "Bukti kepemilikan tanah"),
        ),
        (
            (RECEIPT, "civil-affairs", 3, "hours", False),
            (REVIEW, "construction", 3, "days", False),
            (INSPECTION, "construction", 2, "days", True),
            (CONSULTATION, "civil-affairs", 3, "days", True),
            (LEADER, "construction", 1, "days", False),
            (DIRECTOR, "construction", 1, "days", False),
            (ISSUANCE, "civil-affairs", 4, "hours", False),
        ),
    ),
    (
        "building-report",
        "seoul-jongno",
        "construction",
        ("Building report (small buildings)", "건축신고", "Laporan bangunan (bangunan kecil)"),
        (
            "Building Act art. 14 (building reports)",
            "건축법 제14조(건축신고)",
            "Undang-Undang Bangunan pasal 14 (laporan bangunan)",
        ),
        5,
        "days",
        0,
        (
            ("Building report form", "건축신고서", "Formulir laporan bangunan"),
            ("Site and floor plans", "배치도·평면도", "Denah lokasi dan lantai"),
        ),
        (
            (RECEIPT, "civil-affairs", 2, "hours", False),
            (REVIEW, "construction", 2, "days", False),
            (ISSUANCE, "civil-affairs", 4, "hours", False),
        ),
    ),
    (
        "restaurant-report",
        "seoul-gangnam",
        "sanitation",
        ("Restaurant business report", "일반음식점 영업신고", "Laporan usaha restoran"),
        (
            "Food Sanitation Act art. 37(4) (business reports)",
            "식품위생법 제37조제4항(영업신고)",
            "Undang-Undang Sanitasi Pangan pasal 37 ayat (4) (laporan usaha)",
        ),
        3,
        "days",
        28_000,
        (
            ("Business report form", "영업신고서", "Formulir laporan usaha"),
            (
                "Food hygiene training certificate",
                "식품위생교육 이수증",
                "Sertifikat pelatihan higiene pangan",
            ),
        ),
        (
            (RECEIPT, "civil-affairs", 2, "hours", False),
            (REVIEW, "sanitation", 1, "days", False),
            (INSPECTION, "sanitation", 1, "days", True),
            (ISSUANCE, "civil-affairs", 3, "hours", False),
        ),
    ),
    (
        "outdoor-advertisement",
        "seoul-jongno",
        "construction",
        ("Outdoor advertisement permit", "옥외광고물 표시허가", "Izin reklame luar ruang"),
        (
            "Outdoor Advertisements Act art. 3 (permits and reports)",
            "옥외광고물 등의 관리와 옥외광고산업 진흥에 관한 법률 제3조(광고물등의 허가 또는 신고)",
            "Undang-Undang Reklame Luar Ruang pasal 3 (izin dan laporan)",
        ),
        5,
        "days",
        10_000,
        (
            (
                "Colour photograph of the site and design",
                "원색사진 및 원색도안",
                "Foto lokasi dan desain berwarna",
            ),
            ("Owner's consent", "소유자 승낙서", "Persetujuan pemilik"),
        ),
        (
            (RECEIPT, "civil-affairs", 2, "hours", False),
            (REVIEW, "construction", 2, "days", False),
            (LEADER, "construction", 1, "days", False),
            (ISSUANCE, "civil-affairs", 4, "hours", False),
        ),
    ),
    (
        "road-occupation",
        "seoul-mapo",
        "roads",
        ("Road occupation permit", "도로점용허가", "Izin penggunaan jalan"),
        (
            "Road Act art. 61 (road occupation permits)",
            "도로법 제61조(도로의 점용 허가)",
            "Undang-Undang Jalan pasal 61 (izin penggunaan jalan)",
        ),
        10,
        "days",
        0,
        (
            (
                "Road occupation application",
                "도로점용허가신청서",
                "Permohonan izin penggunaan jalan",
            ),
            ("Design drawings", "설계도면", "Gambar rancangan"),
        ),
        (
            (RECEIPT, "civil-affairs", 3, "hours", False),
            (REVIEW, "roads", 2, "days", False),
            (INSPECTION, "roads", 2, "days", False),
            (DIRECTOR, "roads", 1, "days", False),
            (ISSUANCE, "civil-affairs", 4, "hours", False),
        ),
    ),
)


def spec(agency: Agency, unit_code: str, row: tuple, period: int | None = None) -> VersionSpec:  # type: ignore[type-arg]
    _code, _agency, _unit, _names, basis, amount, period_unit, fee, documents, steps = row
    return VersionSpec(
        unit=Unit.objects.get(agency=agency, code=unit_code),
        legal_basis_en=basis[0],
        legal_basis_ko=basis[1],
        legal_basis_id=basis[2],
        period_amount=period or amount,
        period_unit=period_unit,
        fee_won=fee,
        documents=[{"en": d[0], "ko": d[1], "id": d[2]} for d in documents],
        steps=[
            StepSpec(
                name_en=names[0],
                name_ko=names[1],
                name_id=names[2],
                unit=Unit.objects.get(agency=agency, code=step_unit),
                duration_amount=step_amount,
                duration_unit=step_time,
                skippable=skippable,
            )
            for names, step_unit, step_amount, step_time, skippable in steps
        ],
    )


def load_permit_demo() -> int:
    created = 0
    for row in TYPES:
        code, agency_code, unit_code, names = row[0], row[1], row[2], row[3]
        if PermitType.objects.filter(code=code).exists():
            continue
        agency = Agency.objects.filter(code=agency_code).first()
        if agency is None:
            continue
        with transaction.atomic():
            actions.create_permit_type(
                actor=None,
                code=code,
                agency=agency,
                name_en=names[0],
                name_ko=names[1],
                name_id=names[2],
                spec=spec(agency, unit_code, row),
            )
        created += 1
    citizen = User.objects.filter(email="citizen@egov.example").first()
    building = PermitType.objects.filter(code="building-permit").first()
    if (
        citizen is not None
        and building is not None
        and not Application.objects.filter(applicant=citizen, permit_type=building).exists()
    ):
        actions.apply_for_permit(
            applicant=citizen,
            permit_type=building,
            summary="Two-storey detached house",
            site_address="서울특별시 종로구 자하문로 1",
            documents=[
                SimpleUploadedFile(f"document-{n}.pdf", PDF, "application/pdf")
                for n in range(len(building.current_version().documents))
            ],
        )
        created += 1
    return created
