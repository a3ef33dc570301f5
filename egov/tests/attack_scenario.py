"""The objects the attack suite aims at: one of each thing a URL can name.

Every object belongs to the people of ``conftest.everyone``: the citizen's
complaint, handled in the officer's unit, the citizen's permit application and
proposal, the employer's posting... so that "the other citizen" and "the
officer of another unit" are the strangers each URL must refuse.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from conftest import make_officer, make_user
from egov.accounts.models import Role, User
from egov.agencies import actions as agency_actions
from egov.agencies.models import Agency, AgencyKind, Closure
from egov.complaints import actions as complaint_actions
from egov.complaints.models import Channel, ComplaintType, Outcome, Surge
from egov.jobs import actions as job_actions
from egov.jobs import queries as job_queries
from egov.jobs.checker import RuleSpec
from egov.jobs.models import Rule
from egov.lib import attack_surface as surface
from egov.lib import regions
from egov.lib.calendar import local_date
from egov.participation import actions as participation_actions
from egov.participation.models import ProposalStatus, ReportKind
from egov.participation.models import RejectionReason as PetitionRejection
from egov.permits import actions as permit_actions
from egov.permits.actions import StepSpec, VersionSpec

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "form.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def _verified(user: User) -> User:
    User.objects.filter(pk=user.pk).update(email_confirmed_at=timezone.now())
    user.refresh_from_db()
    return user


def _declare_closure(admin: User, agency: Agency, day: datetime.date) -> Closure:
    """An office closure on the first day from ``day`` that is not a day off already."""
    for offset in range(30):
        try:
            return agency_actions.declare_closure(
                actor=admin,
                day=day + datetime.timedelta(days=offset),
                agency=agency,
                name_en="Founding day",
                name_ko="개청 기념일",
                name_id="Hari jadi",
            )
        except ValidationError:
            continue
    raise AssertionError(f"no working day in the 30 days from {day}")


def build() -> dict[str, Any]:
    """Create the scenario; the caller holds the transaction that undoes it."""
    agency = agency_actions.create_agency(
        actor=None,
        code="test-district",
        kind=AgencyKind.DISTRICT,
        name_en="Test District Office",
        name_ko="테스트구청",
        name_id="Kantor Distrik Uji",
    )
    unit = agency_actions.create_unit(
        actor=None,
        agency=agency,
        code="civil-affairs",
        name_en="Civil Affairs Division",
        name_ko="민원여권과",
        name_id="Divisi Urusan Sipil",
    )
    other_unit = agency_actions.create_unit(
        actor=None,
        agency=agency,
        code="roads",
        name_en="Roads Division",
        name_ko="도로과",
        name_id="Divisi Jalan",
    )
    people: dict[str, User] = {
        surface.CITIZEN: _verified(
            make_user("citizen@test.example", name="김민수", phone="010-1234-5678")
        ),
        surface.OTHER_CITIZEN: _verified(
            make_user("other@test.example", name="Siti Rahayu", preferred_language="id")
        ),
        surface.EMPLOYER: make_user("employer@test.example", Role.EMPLOYER, name="이영희"),
        surface.OFFICER: make_officer("officer@test.example", unit),
        surface.OTHER_UNIT_OFFICER: make_officer("officer2@test.example", other_unit),
        surface.SUPERVISOR: make_officer("supervisor@test.example", unit, Role.SUPERVISOR),
        surface.AGENCY_ADMIN: make_officer("agency-admin@test.example", unit, Role.AGENCY_ADMIN),
        surface.PLATFORM_ADMIN: make_user("admin@test.example", Role.PLATFORM_ADMIN, name="Admin"),
    }
    citizen = people[surface.CITIZEN]
    officer = people[surface.OFFICER]
    admin = people[surface.PLATFORM_ADMIN]
    agency_admin = people[surface.AGENCY_ADMIN]
    district = regions.district("11110")
    assert district is not None
    today = local_date(timezone.now())

    # Complaints: one answered (to rate or appeal), with an attachment.
    category = complaint_actions.create_category(
        actor=admin,
        code="streetlights",
        name_en="Streetlights",
        name_ko="가로등",
        name_id="Lampu jalan",
        default_agency=agency,
    )
    complaint_actions.set_routing(actor=admin, category=category, agency=agency, unit=unit)
    complaint = complaint_actions.submit_complaint(
        citizen=citizen,
        type=ComplaintType.GRIEVANCE,
        category=category,
        title="Streetlight dark for a week",
        body="The streetlight in front of 12 Yulgok-ro has been dark for a week.",
        is_public=True,
        attachments=[pdf("photo.pdf")],
    )
    complaint_actions.assign_complaint(actor=officer, complaint=complaint, officer=officer)
    complaint_actions.answer_complaint(
        actor=officer,
        complaint=complaint,
        outcome=Outcome.ACCEPTED,
        body="The lamp was replaced on Tuesday.",
        legal_basis="Road Act, Article 31",
    )
    complaint.refresh_from_db()
    offline = complaint_actions.file_without_account(
        officer=officer,
        name="이순자",
        phone="010-2222-3333",
        postal_address="서울특별시 종로구 세종대로 1",
        language="ko",
        consent=True,
        channel=Channel.COUNTER,
        type=ComplaintType.GRIEVANCE,
        category=category,
        title="Pothole on Sejong-daero",
        body="A deep pothole in the right lane.",
    ).complaint
    complaint_actions.assign_complaint(actor=officer, complaint=offline, officer=officer)
    complaint_actions.answer_complaint(
        actor=officer,
        complaint=offline,
        outcome=Outcome.ACCEPTED,
        body="The pothole was filled on Monday.",
        legal_basis="Road Act, Article 31",
    )

    # Permits: a type with a procedure, an application with documents and a question.
    permit_type = permit_actions.create_permit_type(
        actor=None,
        code="road-occupation",
        agency=agency,
        name_en="Road occupation permit",
        name_ko="도로점용허가",
        name_id="Izin penggunaan jalan",
        spec=VersionSpec(
            unit=unit,
            legal_basis_en="Road Act art. 61",
            legal_basis_ko="도로법 제61조",
            legal_basis_id="Undang-Undang Jalan pasal 61",
            period_amount=10,
            period_unit="days",
            fee_won=0,
            documents=[{"en": "Application form", "ko": "신청서", "id": "Formulir permohonan"}],
            steps=[
                StepSpec("Receipt", "접수", "Penerimaan", unit, 3, "hours"),
                StepSpec("Issuance", "교부", "Penerbitan", unit, 4, "hours"),
            ],
        ),
    )
    application = permit_actions.apply_for_permit(
        applicant=citizen,
        permit_type=permit_type,
        summary="Scaffolding for a facade repair",
        site_address="서울특별시 종로구 자하문로 1",
        documents=[pdf("form.pdf")],
    )
    question = permit_actions.ask_question(
        applicant=citizen, application=application, text="When is the inspection?"
    )

    # Jobs: the unit is an employment office; the employer's company and a live posting.
    job_actions.designate_employment_office(actor=None, unit=unit)
    employer = people[surface.EMPLOYER]
    company = job_actions.register_company(
        user=employer, registration_number="124-81-00998", name="한빛물산"
    )
    job_actions.verify_company(officer=officer, company=company)
    posting = job_actions.save_draft(
        employer=employer,
        values={
            "title": "아파트 경비원",
            "description": "서울 종로구 아파트 단지의 경비 업무를 맡을 분을 찾습니다.",
            "employment_type": "FULL_TIME",
            "district_code": "11110",
            "remote": False,
            "applicant_country": "",
            "salary_min": 2_200_000,
            "salary_max": 2_600_000,
            "salary_unit": "MONTH",
            "occupation_code": "54",
            "experience_years": 0,
            "education": "",
            "skills": "순찰, 시설 점검",
            "working_hours": "주 5일, 09:00-18:00",
            "benefits": "4대 보험",
            "openings": 2,
            "how_to_apply": "이메일로 이력서를 보내 주세요: jobs@hanbit.example",
            "work_languages": "ko",
            "valid_through": today + datetime.timedelta(days=30),
        },
    )
    posting = job_actions.submit_posting(employer=employer, posting=posting)
    saved_search = job_actions.save_search(user=citizen, name="경비", query="q=경비")
    ruleset = job_queries.current_ruleset()
    if ruleset is None:
        ruleset = job_actions.publish_rules(
            officer=None,
            specs=[RuleSpec("forbidden", "age", "ko", "나이 제한")],
            note="Rules for the attack suite",
        )
    rule = Rule.objects.filter(ruleset=ruleset).first()

    # Participation: a proposal with an attachment, adopted, with a milestone; a
    # petition waiting for supporters; a consultation; a report of the proposal.
    proposal = participation_actions.submit_proposal(
        proposer=citizen,
        agency=agency,
        title="Bus stop shelters with seats",
        problem="Older people wait standing in the rain.",
        current_situation="Most stops on Yulgok-ro have no shelter.",
        proposed_change="Put shelters with seats at the ten busiest stops.",
        expected_effect="Safer, more comfortable waiting.",
        is_public=True,
        attachments=[pdf("plan.pdf")],
    )
    participation_actions.decide_proposal(
        actor=agency_admin,
        proposal=proposal,
        outcome=ProposalStatus.ADOPTED,
        reason="Shelters are in next year's budget.",
    )
    milestone = participation_actions.add_milestone(
        actor=agency_admin,
        proposal=proposal,
        title="Choose the stops",
        due_on=today + datetime.timedelta(days=30),
    )
    petition = participation_actions.start_petition(
        author=citizen,
        agency=agency,
        title="Keep the Jongno library open on Sundays",
        body="Students and workers can only come at weekends.",
        district=district,
        show_name=True,
    )
    consultation = participation_actions.open_consultation(
        actor=agency_admin,
        question="Where should the new park go?",
        description="Two sites are possible.",
        options=["By the river", "By the station"],
        closes_at=timezone.now() + datetime.timedelta(days=14),
    )
    report = participation_actions.report_content(
        reporter=people[surface.OTHER_CITIZEN],
        kind=ReportKind.PROPOSAL,
        object_id=proposal.pk,
        reason=PetitionRejection.UNCLEAR,
        note="",
    )

    # A surge of the complaint's category in its district, as the hourly refresh finds one.
    surge = Surge.objects.create(
        agency=agency,
        category=category,
        district_code="11110",
        week_start=today - datetime.timedelta(days=today.weekday() + 7),
        this_week=12,
        last_week=3,
        refreshed_at=timezone.now(),
    )

    closure = _declare_closure(admin, agency, today + datetime.timedelta(days=60))
    return {
        "people": people,
        "agency": agency,
        "unit": unit,
        "other_unit": other_unit,
        "category": category,
        "complaint": complaint,
        "offline_complaint": offline,
        "milestone": milestone,
        "complaint_attachment": complaint.attachments.first(),
        "permit_type": permit_type,
        "application": application,
        "application_attachment": application.attachments.first(),
        "question": question,
        "company": company,
        "posting": posting,
        "saved_search": saved_search,
        "rule": rule,
        "proposal": proposal,
        "proposal_attachment": proposal.attachments.first(),
        "petition": petition,
        "consultation": consultation,
        "surge": surge,
        "report": report,
        "closure": closure,
    }
