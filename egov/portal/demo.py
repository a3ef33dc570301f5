"""Demo data: real Korean public bodies, their units, and one account per role.

Loading is idempotent: whatever exists already (matched by agency code, unit
code or email address) is left alone, so running it twice changes nothing.
Everything is created through actions, so the demo has a real audit trail.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from egov import notifications
from egov.accounts import actions as account_actions
from egov.accounts import messages as account_messages
from egov.accounts import mfa
from egov.accounts.models import Role, User
from egov.agencies import actions as agency_actions
from egov.agencies.models import Agency, AgencyKind, Unit
from egov.lib import services

# Public on purpose: demo accounts exist only in demo databases.
DEMO_PASSWORD = "correct-horse-egov-2026"  # noqa: S105
# Staff must pass two-step verification; the demo staff share this published
# authenticator key, and `manage.py demo_code` prints its current code.
DEMO_TOTP_SECRET = "EGOVDEMOEGOVDEMOEGOVDEMOEGOVDEMO"  # noqa: S105


@dataclass(frozen=True)
class DemoAgency:
    code: str
    kind: AgencyKind
    names: tuple[str, str, str]
    parent: str | None
    website: str
    units: tuple[tuple[str, str, str, str], ...]


AGENCIES = (
    DemoAgency(
        "mois",
        AgencyKind.MINISTRY,
        (
            "Ministry of the Interior and Safety",
            "행정안전부",
            "Kementerian Dalam Negeri dan Keselamatan",
        ),
        None,
        "https://www.mois.go.kr",
        (
            (
                "digital-government",
                "Digital Government Innovation Office",
                "디지털정부혁신실",
                "Kantor Inovasi Pemerintahan Digital",
            ),
            (
                "civil-service",
                "Civil Service Policy Division",
                "민원제도과",
                "Divisi Kebijakan Layanan Sipil",
            ),
        ),
    ),
    DemoAgency(
        "moel",
        AgencyKind.MINISTRY,
        ("Ministry of Employment and Labor", "고용노동부", "Kementerian Ketenagakerjaan"),
        None,
        "https://www.moel.go.kr",
        (
            (
                "employment-service",
                "Employment Service Policy Division",
                "고용서비스정책과",
                "Divisi Kebijakan Layanan Ketenagakerjaan",
            ),
            (
                "foreign-workforce",
                "Foreign Workforce Policy Division",
                "외국인력정책과",
                "Divisi Kebijakan Tenaga Kerja Asing",
            ),
            (
                "seoul-employment-center",
                "Seoul Employment Center",
                "서울고용센터",
                "Pusat Ketenagakerjaan Seoul",
            ),
        ),
    ),
    DemoAgency(
        "keis",
        AgencyKind.INSTITUTION,
        (
            "Korea Employment Information Service",
            "한국고용정보원",
            "Layanan Informasi Ketenagakerjaan Korea",
        ),
        "moel",
        "https://www.keis.or.kr",
        (
            (
                "job-information",
                "Job Information Team",
                "일자리정보팀",
                "Tim Informasi Lowongan Kerja",
            ),
        ),
    ),
    DemoAgency(
        "acrc",
        AgencyKind.INSTITUTION,
        (
            "Anti-Corruption and Civil Rights Commission",
            "국민권익위원회",
            "Komisi Anti-Korupsi dan Hak Sipil",
        ),
        None,
        "https://www.acrc.go.kr",
        (
            ("civil-petitions", "Civil Petitions Bureau", "고충민원심의국", "Biro Pengaduan Sipil"),
            ("integrity", "Integrity Policy Bureau", "청렴정책국", "Biro Kebijakan Integritas"),
        ),
    ),
    DemoAgency(
        "seoul",
        AgencyKind.METROPOLITAN,
        ("Seoul Metropolitan Government", "서울특별시", "Pemerintah Metropolitan Seoul"),
        None,
        "https://www.seoul.go.kr",
        (
            ("housing", "Housing Policy Division", "주택정책과", "Divisi Kebijakan Perumahan"),
            (
                "transport",
                "Transportation Policy Division",
                "교통정책과",
                "Divisi Kebijakan Transportasi",
            ),
            (
                "climate",
                "Climate and Environment Division",
                "기후환경정책과",
                "Divisi Iklim dan Lingkungan",
            ),
            ("audit", "Audit Committee", "감사위원회", "Komite Audit"),
        ),
    ),
    DemoAgency(
        "seoul-jongno",
        AgencyKind.DISTRICT,
        ("Jongno-gu Office", "종로구청", "Kantor Distrik Jongno-gu"),
        "seoul",
        "https://www.jongno.go.kr",
        (
            ("civil-affairs", "Civil Affairs Division", "민원여권과", "Divisi Urusan Sipil"),
            (
                "construction",
                "Building Management Division",
                "건축과",
                "Divisi Pengelolaan Bangunan",
            ),
        ),
    ),
    DemoAgency(
        "seoul-gangnam",
        AgencyKind.DISTRICT,
        ("Gangnam-gu Office", "강남구청", "Kantor Distrik Gangnam-gu"),
        "seoul",
        "https://www.gangnam.go.kr",
        (
            ("civil-affairs", "Civil Affairs Division", "민원여권과", "Divisi Urusan Sipil"),
            ("sanitation", "Sanitation Division", "청소행정과", "Divisi Kebersihan"),
        ),
    ),
    DemoAgency(
        "seoul-mapo",
        AgencyKind.DISTRICT,
        ("Mapo-gu Office", "마포구청", "Kantor Distrik Mapo-gu"),
        "seoul",
        "https://www.mapo.go.kr",
        (
            ("civil-affairs", "Civil Affairs Division", "민원여권과", "Divisi Urusan Sipil"),
            ("roads", "Roads Division", "도로과", "Divisi Jalan"),
        ),
    ),
)

OFFICER_POSITION = ("Administrative officer", "주무관", "Pejabat administrasi")
LEADER_POSITION = ("Team leader", "팀장", "Ketua tim")
AUDITOR_POSITION = ("Integrity auditor", "감사관", "Auditor integritas")
ADMIN_POSITION = ("Division director", "과장", "Kepala divisi")

# One sign-in per role, printed by `make run`. (email, name, role, language, unit, position)
DEMO_USERS: tuple[tuple[str, str, Role, str, str | None, tuple[str, str, str] | None], ...] = (
    ("citizen@egov.example", "김민수", Role.CITIZEN, "ko", None, None),
    ("siti@egov.example", "Siti Rahayu", Role.CITIZEN, "id", None, None),
    ("employer@egov.example", "이영희", Role.EMPLOYER, "ko", None, None),
    # A person who has not registered a company yet (the jobs walk-through registers one).
    ("new-employer@egov.example", "오민준", Role.CITIZEN, "ko", None, None),
    # An employment officer: the jobs service makes this unit an employment office.
    (
        "employment-officer@egov.example",
        "송하은",
        Role.OFFICER,
        "ko",
        "moel/seoul-employment-center",
        OFFICER_POSITION,
    ),
    (
        "officer@egov.example",
        "박지훈",
        Role.OFFICER,
        "ko",
        "seoul-jongno/civil-affairs",
        OFFICER_POSITION,
    ),
    # The unit's supervisor: second reviews of low-rated answers go to them.
    (
        "team-leader@egov.example",
        "한지민",
        Role.SUPERVISOR,
        "ko",
        "seoul-jongno/civil-affairs",
        LEADER_POSITION,
    ),
    (
        "supervisor@egov.example",
        "최서연",
        Role.SUPERVISOR,
        "ko",
        "acrc/integrity",
        AUDITOR_POSITION,
    ),
    ("agency-admin@egov.example", "정우성", Role.AGENCY_ADMIN, "ko", "seoul/audit", ADMIN_POSITION),
    ("admin@egov.example", "Platform Administrator", Role.PLATFORM_ADMIN, "en", None, None),
)

# More officers so that every demo agency has people in it.
OFFICER_NAMES = (
    "강하늘",
    "윤서준",
    "장민지",
    "임도현",
    "한지우",
    "오세린",
    "서예준",
    "신유나",
    "권태양",
    "황보라",
)


def _unit(path: str) -> Unit:
    agency_code, unit_code = path.split("/")
    return Unit.objects.get(agency__code=agency_code, code=unit_code)


def _ensure_user(
    email: str,
    name: str,
    role: Role,
    language: str,
    unit_path: str | None,
    position: tuple[str, str, str] | None,
) -> bool:
    if User.objects.filter(email__iexact=email).exists():
        return False
    with transaction.atomic():
        user = account_actions.create_user(
            actor=None,
            email=email,
            password=DEMO_PASSWORD,
            name=name,
            role=role,
            preferred_language=language,
        )
        if user.must_use_mfa:
            account_actions.begin_totp_enrolment(user=user, secret=DEMO_TOTP_SECRET)
            account_actions.confirm_totp_enrolment(
                user=user, code=mfa.code_at(DEMO_TOTP_SECRET, time.time() - mfa.STEP_SECONDS)
            )
        if unit_path and position:
            agency_actions.appoint_officer(
                actor=None,
                user=user,
                unit=_unit(unit_path),
                position_en=position[0],
                position_ko=position[1],
                position_id=position[2],
            )
        notifications.on_commit([user], account_messages.welcome(), url=reverse("portal:dashboard"))
    return True


class DemoRefused(Exception):
    """Demo data was asked for where it must never be: a production database."""


def load_demo() -> dict[str, int]:
    """Create what is missing and say how many of each were created.

    Refused in production: the demo administrator's password and
    authenticator key are published, so a demo account there is an open door.
    """
    if settings.PRODUCTION:
        raise DemoRefused(
            "Refusing to load demo data in production: the demo accounts' password "
            "and authenticator key are public."
        )
    created = {"agencies": 0, "units": 0, "users": 0}
    for demo in AGENCIES:
        with transaction.atomic():
            agency = Agency.objects.filter(code=demo.code).first()
            if agency is None:
                agency = agency_actions.create_agency(
                    actor=None,
                    code=demo.code,
                    kind=demo.kind,
                    name_en=demo.names[0],
                    name_ko=demo.names[1],
                    name_id=demo.names[2],
                    parent=Agency.objects.get(code=demo.parent) if demo.parent else None,
                    website=demo.website,
                )
                created["agencies"] += 1
            for code, name_en, name_ko, name_id in demo.units:
                if not Unit.objects.filter(agency=agency, code=code).exists():
                    agency_actions.create_unit(
                        actor=None,
                        agency=agency,
                        code=code,
                        name_en=name_en,
                        name_ko=name_ko,
                        name_id=name_id,
                    )
                    created["units"] += 1
    for email, name, role, language, unit_path, position in DEMO_USERS:
        created["users"] += _ensure_user(email, name, role, language, unit_path, position)
    unit_paths = [f"{demo.code}/{unit[0]}" for demo in AGENCIES for unit in demo.units]
    for index, unit_path in enumerate(unit_paths):
        name = OFFICER_NAMES[index % len(OFFICER_NAMES)]
        position = LEADER_POSITION if index % 3 == 0 else OFFICER_POSITION
        email = f"officer{index + 1:02d}@egov.example"
        created["users"] += _ensure_user(email, name, Role.OFFICER, "ko", unit_path, position)
    # Services need the agencies, units and people above, so they come last.
    for service in services.services():
        if service.load_demo is not None:
            created[service.slug] = service.load_demo()
    return created
