"""The catalogue: types in three languages, versions that never alter applications under way."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from egov.accounts.models import User
from egov.agencies.models import Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.permits import actions
from egov.permits.models import Application, PermitType
from egov.permits.tests.conftest import apply, version_spec


def test_a_type_has_its_first_version_with_its_ordered_steps(permit_type: PermitType) -> None:
    version = permit_type.current_version()
    assert version.number == 1
    assert version.legal_basis_ko == "도로법 제61조"
    assert [s.name_en for s in version.steps.order_by("position")] == [
        "Receipt",
        "Site inspection",
        "Issuance",
    ]
    assert AuditEvent.objects.filter(
        action=AuditAction.PERMIT_TYPE_CREATED, subject_id=str(permit_type.pk)
    ).exists()


def test_a_revision_is_a_new_version_and_the_application_keeps_its_own(
    permit_type: PermitType, citizen: User, unit: Unit, other_unit: Unit, agency_admin: User
) -> None:
    application = apply(citizen, permit_type)
    actions.revise_permit_type(
        actor=agency_admin, permit_type=permit_type, spec=version_spec(unit, other_unit, period=20)
    )
    assert permit_type.current_version().number == 2
    application = Application.objects.get(pk=application.pk)
    assert application.version.number == 1
    assert application.version.period_amount == 10
    assert application.steps.count() == 3
    assert AuditEvent.objects.filter(action=AuditAction.PERMIT_TYPE_REVISED).count() == 1


def test_only_the_agencys_admin_edits_its_catalogue(
    permit_type: PermitType, officer: User, unit: Unit, other_unit: Unit
) -> None:
    with pytest.raises(PermissionDenied):
        actions.revise_permit_type(
            actor=officer, permit_type=permit_type, spec=version_spec(unit, other_unit)
        )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"period_amount": 0}, "period_amount"),
        ({"period_amount": 10_000}, "period_amount"),
        ({"period_unit": "fortnights"}, "period_amount"),
        ({"fee_won": -1}, "fee_won"),
        ({"steps": []}, "steps"),
        ({"legal_basis_ko": "  "}, "legal_basis"),
        ({"documents": [{"en": "Form", "ko": "", "id": "Formulir"}]}, "documents"),
    ],
)
def test_a_bad_version_is_refused(
    permit_type: PermitType, unit: Unit, other_unit: Unit, change: dict[str, object], field: str
) -> None:
    import dataclasses

    spec = dataclasses.replace(version_spec(unit, other_unit), **change)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as raised:
        actions.revise_permit_type(actor=None, permit_type=permit_type, spec=spec)
    assert field in raised.value.message_dict
    assert permit_type.current_version().number == 1
