"""Demo data for the jobs service: an employment office, a verified company, live postings."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.jobs import actions
from egov.jobs.models import Company, EmploymentOffice, Posting
from egov.lib.calendar import local_date

EMPLOYMENT_OFFICE = ("moel", "seoul-employment-center")
OFFICER = "employment-officer@egov.example"
EMPLOYER = "employer@egov.example"
COMPANY = ("2208162517", "한빛물산")

# title, description, district, occupation, monthly pay (low, high), skills
POSTINGS = (
    (
        "아파트경비원 (주간)",
        "종로구 아파트 단지의 출입 관리와 순찰을 맡습니다. 초보자도 교육 후 근무할 수 있습니다.",
        "11110",
        "54",
        (2_250_000, 2_500_000),
        "순찰, 시설 점검",
    ),
    (
        "간호조무사",
        "내과의원 외래 진료 보조와 접수 업무입니다.",
        "11680",
        "32",
        (2_400_000, 2_800_000),
        "간호조무사 자격증",
    ),
    (
        "Backend developer (Python)",
        "Build public services with Django and PostgreSQL. Korean or English at work.",
        "41135",
        "25",
        (4_000_000, 5_500_000),
        "Python, Django, SQL",
    ),
)


def load_jobs_demo() -> int:
    """Create what is missing; return how many demo postings were created."""
    unit = Unit.objects.filter(agency__code=EMPLOYMENT_OFFICE[0], code=EMPLOYMENT_OFFICE[1]).first()
    if unit is None:
        return 0
    if not EmploymentOffice.objects.filter(unit=unit).exists():
        actions.designate_employment_office(actor=None, unit=unit)
    employer = User.objects.filter(email=EMPLOYER).first()
    officer = User.objects.filter(email=OFFICER).first()
    if employer is None or officer is None:
        return 0
    company = Company.objects.filter(registration_number=COMPANY[0]).first()
    if company is None:
        company = actions.register_company(
            user=employer, registration_number=COMPANY[0], name=COMPANY[1]
        )
        actions.verify_company(officer=officer, company=company)
    created = 0
    closes = local_date(timezone.now()) + datetime.timedelta(days=45)
    for title, description, district, occupation, (low, high), skills in POSTINGS:
        if Posting.objects.filter(company=company, title=title).exists():
            continue
        with transaction.atomic():
            posting = actions.save_draft(
                employer=employer,
                values={
                    "title": title,
                    "description": description,
                    "employment_type": "FULL_TIME",
                    "district_code": district,
                    "remote": False,
                    "applicant_country": "",
                    "salary_min": low,
                    "salary_max": high,
                    "salary_unit": "MONTH",
                    "occupation_code": occupation,
                    "experience_years": 0,
                    "education": "",
                    "skills": skills,
                    "working_hours": "월-금 09:00-18:00",
                    "benefits": "4대 보험, 중식 제공",
                    "openings": 1,
                    "how_to_apply": "이력서를 jobs@hanbit.example 로 보내 주세요.",
                    "work_languages": "ko",
                    "valid_through": closes,
                },
            )
            actions.submit_posting(employer=employer, posting=posting)
        created += 1
    return created
