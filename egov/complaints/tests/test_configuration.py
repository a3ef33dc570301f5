from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions
from egov.complaints.models import (
    DEFAULT_PERIODS,
    Category,
    ComplaintType,
    ProcessingPeriod,
    Routing,
)
from egov.complaints.queries import processing_period


def test_the_platform_defaults_are_seeded_by_the_migration(db: None) -> None:
    seeded = dict(
        ProcessingPeriod.objects.filter(agency__isnull=True).values_list("type", "working_days")
    )
    assert seeded == {
        "inquiry": 7,
        "inquiry_legal": 14,
        "suggestion": 14,
        "grievance": 7,
        "other": 3,
    }
    assert seeded == DEFAULT_PERIODS


def test_an_agency_admin_sets_their_own_agencys_period(
    agency_admin: User, agency: Agency, other_agency: Agency
) -> None:
    actions.set_processing_period(
        actor=agency_admin, agency=agency, type=ComplaintType.OTHER, working_days=5
    )
    assert processing_period(agency, ComplaintType.OTHER) == 5
    assert processing_period(other_agency, ComplaintType.OTHER) == 3
    event = AuditEvent.objects.get(action=AuditAction.COMPLAINT_PERIOD_SET)
    assert event.detail == {"agency": agency.pk, "type": "other", "working_days": 5}


def test_setting_the_same_period_again_records_nothing(agency_admin: User, agency: Agency) -> None:
    for _ in range(2):
        actions.set_processing_period(
            actor=agency_admin, agency=agency, type=ComplaintType.OTHER, working_days=5
        )
    assert AuditEvent.objects.filter(action=AuditAction.COMPLAINT_PERIOD_SET).count() == 1
    assert ProcessingPeriod.objects.filter(agency=agency).count() == 1


@pytest.mark.parametrize("person", ["officer", "supervisor", "citizen", "admin_of_other_agency"])
def test_nobody_else_sets_an_agencys_period(
    request: pytest.FixtureRequest, agency: Agency, person: str
) -> None:
    with pytest.raises(PermissionDenied):
        actions.set_processing_period(
            actor=request.getfixturevalue(person),
            agency=agency,
            type=ComplaintType.OTHER,
            working_days=5,
        )


def test_only_a_platform_admin_changes_the_default(
    platform_admin: User, agency_admin: User, agency: Agency
) -> None:
    with pytest.raises(PermissionDenied):
        actions.set_processing_period(
            actor=agency_admin, agency=None, type=ComplaintType.OTHER, working_days=4
        )
    actions.set_processing_period(
        actor=platform_admin, agency=None, type=ComplaintType.OTHER, working_days=4
    )
    assert processing_period(agency, ComplaintType.OTHER) == 4


@pytest.mark.parametrize("days", [0, 61])
def test_a_period_is_between_1_and_60_working_days(
    agency_admin: User, agency: Agency, days: int
) -> None:
    with pytest.raises(ValidationError, match="between 1 and 60"):
        actions.set_processing_period(
            actor=agency_admin, agency=agency, type=ComplaintType.OTHER, working_days=days
        )


def test_the_code_defaults_apply_when_no_row_exists(agency: Agency) -> None:
    ProcessingPeriod.objects.all().delete()
    assert processing_period(agency, ComplaintType.INQUIRY_LEGAL) == 14


def test_routing_names_a_unit_of_that_agency(
    platform_admin: User, category: Category, other_agency: Agency, unit: Unit
) -> None:
    with pytest.raises(ValidationError, match="unit of this agency"):
        actions.set_routing(actor=platform_admin, category=category, agency=other_agency, unit=unit)


def test_an_agency_admin_reroutes_a_category_within_the_agency(
    agency_admin: User, category: Category, agency: Agency, other_unit: Unit
) -> None:
    actions.set_routing(actor=agency_admin, category=category, agency=agency, unit=other_unit)
    assert Routing.objects.get(category=category, agency=agency).unit == other_unit


def test_an_admin_of_another_agency_cannot_route_here(
    admin_of_other_agency: User, category: Category, agency: Agency, other_unit: Unit
) -> None:
    with pytest.raises(PermissionDenied):
        actions.set_routing(
            actor=admin_of_other_agency, category=category, agency=agency, unit=other_unit
        )


def test_only_a_platform_admin_creates_categories(agency_admin: User) -> None:
    with pytest.raises(PermissionDenied):
        actions.create_category(
            actor=agency_admin, code="noise", name_en="Noise", name_ko="소음", name_id="Bising"
        )
