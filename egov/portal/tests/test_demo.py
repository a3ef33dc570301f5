from __future__ import annotations

import pytest
from django.core.management import call_command

from egov.accounts.models import Role, User
from egov.agencies.models import Agency, Officer, Unit
from egov.audit.models import AuditEvent
from egov.portal.demo import DEMO_PASSWORD, load_demo


@pytest.mark.django_db
def test_demo_data_loads_real_bodies_and_every_role() -> None:
    created = load_demo()
    assert created["agencies"] >= 8
    names = set(Agency.objects.values_list("name_ko", flat=True))
    assert {"행정안전부", "고용노동부", "국민권익위원회", "서울특별시", "종로구청"} <= names
    assert Agency.objects.get(code="seoul-jongno").parent == Agency.objects.get(code="seoul")
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    for agency in Agency.objects.all():
        assert Officer.objects.filter(unit__agency=agency).exists(), agency.code
    assert User.objects.get(email="officer@egov.example").check_password(DEMO_PASSWORD)


@pytest.mark.django_db
def test_loading_demo_data_twice_changes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("load_demo")
    counts = (User.objects.count(), Unit.objects.count(), AuditEvent.objects.count())
    call_command("load_demo")
    assert "nothing changed" in capsys.readouterr().out
    assert (User.objects.count(), Unit.objects.count(), AuditEvent.objects.count()) == counts
