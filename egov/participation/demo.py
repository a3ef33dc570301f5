"""Demo participation: supporters, a decided proposal, an open petition, a consultation.

Called at the end of ``egov.portal.demo.load_demo``. Everything goes through
the actions, so the demo has its audit trail and notices. Idempotent: an
account, a proposal, a petition or a consultation that exists (matched by
its email, author and title, or question) is left alone.
"""

from __future__ import annotations

import datetime

from django.utils import timezone

from egov.accounts import actions as account_actions
from egov.accounts.models import Role, User
from egov.agencies.models import Agency
from egov.lib import regions
from egov.participation import actions
from egov.participation.models import Consultation, Petition, Proposal, ProposalStatus

# The demo password of egov.portal.demo (which a service may not import), printed by `make run`.
DEMO_PASSWORD = "correct-horse-egov-2026"  # noqa: S105
# Four people who support petitions: with the author they make the five a
# petition needs before moderation.
SUPPORTERS = (
    ("supporter1@egov.example", "이서연"),
    ("supporter2@egov.example", "Budi Santoso"),
    ("supporter3@egov.example", "박준호"),
    ("supporter4@egov.example", "최유진"),
)
JONGNO = "11110"


def _person(email: str, name: str) -> tuple[User, bool]:
    found = User.objects.filter(email__iexact=email).first()
    if found is not None:
        return found, False
    return (
        account_actions.create_user(
            actor=None, email=email, password=DEMO_PASSWORD, name=name, role=Role.CITIZEN
        ),
        True,
    )


def load_participation_demo() -> int:
    created = 0
    supporters = []
    for email, name in SUPPORTERS:
        person, new = _person(email, name)
        supporters.append(person)
        created += new
    jongno = Agency.objects.get(code="seoul-jongno")
    kim = User.objects.get(email="citizen@egov.example")
    siti = User.objects.get(email="siti@egov.example")
    officer = User.objects.get(email="officer@egov.example")
    admin = User.objects.get(email="admin@egov.example")
    district = regions.district(JONGNO)
    assert district is not None

    title = "공공도서관 일요일 개관"
    if not Proposal.objects.filter(proposer=kim, title=title).exists():
        proposal = actions.submit_proposal(
            proposer=kim,
            agency=jongno,
            title=title,
            problem="직장인과 학생은 주말에만 도서관을 이용할 수 있습니다.",
            current_situation="종로구립 도서관은 매주 일요일에 휴관합니다.",
            proposed_change="일요일에도 오후 6시까지 개관하고 월요일에 휴관합니다.",
            expected_effect="주말 이용자가 늘고 평일 이용이 분산됩니다.",
            is_public=True,
        )
        actions.decide_proposal(
            actor=officer,
            proposal=proposal,
            outcome=ProposalStatus.ADOPTED,
            reason="2027년 1월부터 두 곳의 도서관에서 시범 운영합니다.",
        )
        actions.add_milestone(
            actor=officer,
            proposal=proposal,
            title="시범 운영 시작",
            due_on=datetime.date(2027, 1, 3),
        )
        created += 1

    title = "Pedestrian crossing signs in Indonesian and English"
    if not Petition.objects.filter(author=siti, title=title).exists():
        petition = actions.start_petition(
            author=siti,
            agency=jongno,
            title=title,
            body="Many foreign residents cannot read the notices at crossings near the market.",
            district=district,
            show_name=True,
        )
        for supporter in supporters:
            actions.sign_petition(
                signer=supporter, petition=petition, district=district, show_name=False
            )
        actions.publish_petition(actor=admin, petition=petition)
        created += 1

    question = "시장 주변 보행자 전용 시간대를 정할까요?"
    if not Consultation.objects.filter(question=question).exists():
        actions.open_consultation(
            actor=officer,
            question=question,
            description="주말 오후 광장시장 주변 도로를 보행자 전용으로 운영하는 방안입니다.",
            options=["찬성", "반대", "잘 모르겠다"],
            closes_at=timezone.now() + datetime.timedelta(days=30),
        )
        created += 1
    return created
