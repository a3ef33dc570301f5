"""Every write to agencies, units and officers."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from egov import audit
from egov.accounts.models import STAFF_ROLES, User
from egov.agencies.models import Agency, AgencyKind, Officer, Unit
from egov.audit.models import AuditAction


@transaction.atomic
def create_agency(
    *,
    actor: User | None,
    code: str,
    kind: AgencyKind,
    name_en: str,
    name_ko: str,
    name_id: str,
    parent: Agency | None = None,
    website: str = "",
) -> Agency:
    agency = Agency.objects.create(
        code=code,
        kind=kind,
        parent=parent,
        name_en=name_en,
        name_ko=name_ko,
        name_id=name_id,
        website=website,
    )
    audit.record(actor=actor, action=AuditAction.AGENCY_CREATED, subject=agency)
    return agency


@transaction.atomic
def create_unit(
    *, actor: User | None, agency: Agency, code: str, name_en: str, name_ko: str, name_id: str
) -> Unit:
    unit = Unit.objects.create(
        agency=agency, code=code, name_en=name_en, name_ko=name_ko, name_id=name_id
    )
    audit.record(actor=actor, action=AuditAction.UNIT_CREATED, subject=unit)
    return unit


@transaction.atomic
def appoint_officer(
    *,
    actor: User | None,
    user: User,
    unit: Unit,
    position_en: str,
    position_ko: str,
    position_id: str,
) -> Officer:
    if user.role not in STAFF_ROLES:
        raise ValidationError(_("Only government staff can hold a position in a unit."))
    officer = Officer.objects.create(
        user=user,
        unit=unit,
        position_en=position_en,
        position_ko=position_ko,
        position_id=position_id,
        appointed_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action=AuditAction.OFFICER_APPOINTED,
        subject=officer,
        detail={"unit": unit.pk},
    )
    return officer
