"""Every write to agencies, units, officers and the closures that stop their clocks."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from egov import audit
from egov.accounts.models import STAFF_ROLES, User
from egov.agencies import rules
from egov.agencies.calendar import calendar_for, forget_closures
from egov.agencies.models import Agency, AgencyKind, Closure, Officer, Unit
from egov.agencies.search import index_unit
from egov.audit.models import AuditAction

CLOSURE_NAME_MAX_LENGTH = 120
# A temporary public holiday is announced days or weeks ahead; a date years
# away is a typing mistake.
CLOSURE_HORIZON = datetime.timedelta(days=366)


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
    # Found by name from the transfer form of every service (search.find_units).
    index_unit(unit)
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


def _after_closure_change(closure: Closure, *, withdrawn: bool) -> None:
    """After commit: forget this process's closures, move the open deadlines in the background."""
    from egov.agencies.tasks import move_deadlines_for_closure

    def follow() -> None:
        forget_closures()
        move_deadlines_for_closure.enqueue(closure_id=closure.pk, withdrawn=withdrawn)

    transaction.on_commit(follow)


def _closure_names(*, name_en: str, name_ko: str, name_id: str) -> tuple[str, str, str]:
    names = {"name_en": name_en.strip(), "name_ko": name_ko.strip(), "name_id": name_id.strip()}
    errors = {}
    for field, value in names.items():
        if not value:
            errors[field] = _("Name the day off in all three languages.")
        elif len(value) > CLOSURE_NAME_MAX_LENGTH:
            errors[field] = _("A name has at most %(max)d characters.") % {
                "max": CLOSURE_NAME_MAX_LENGTH
            }
    if errors:
        raise ValidationError(errors, code="name")
    return names["name_en"], names["name_ko"], names["name_id"]


@transaction.atomic
def declare_closure(
    *,
    actor: User,
    day: datetime.date,
    agency: Agency | None,
    name_en: str,
    name_ko: str,
    name_id: str,
) -> Closure:
    """Declare a day off: a temporary public holiday (no agency) or one office's closure.

    Public holidays count no more in any statutory period (Civil Petitions
    Treatment Act art. 19); the open cases whose deadlines the day falls in
    move in the background, each with a step that says why.
    """
    if not rules.can_manage_closures(actor):
        raise PermissionDenied(_("You are not allowed to do this."))
    name_en, name_ko, name_id = _closure_names(name_en=name_en, name_ko=name_ko, name_id=name_id)
    calendar = calendar_for(agency.pk if agency is not None else None, fresh=True)
    today = calendar.local_date(timezone.now())
    if day < today:
        raise ValidationError(
            {"day": _("A day that has passed cannot be declared a day off.")}, code="past"
        )
    if day > today + CLOSURE_HORIZON:
        raise ValidationError(
            {"day": _("A day off can be declared at most a year ahead.")}, code="too_far"
        )
    off = calendar.day_off(day)
    if off is not None:
        reason = f"{off.reason_label}: {off.name}" if off.name else off.reason_label
        raise ValidationError(
            {
                "day": _("%(day)s is already a day off (%(reason)s).")
                % {"day": date_format(day, "DATE_FORMAT"), "reason": reason}
            },
            code="day_off",
        )
    closure = Closure.objects.create(
        day=day,
        agency=agency,
        name_en=name_en,
        name_ko=name_ko,
        name_id=name_id,
        declared_by=actor,
        declared_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action=AuditAction.CLOSURE_DECLARED,
        subject=closure,
        detail={"day": day.isoformat(), "agency": agency.pk if agency is not None else None},
    )
    _after_closure_change(closure, withdrawn=False)
    return closure


@transaction.atomic
def withdraw_closure(*, actor: User, closure: Closure) -> Closure:
    """Make a declared day off a working day again; the deadlines it moved move back."""
    if not rules.can_manage_closures(actor):
        raise PermissionDenied(_("You are not allowed to do this."))
    closure = Closure.objects.select_for_update().get(pk=closure.pk)
    if closure.withdrawn_at is not None:
        raise ValidationError(_("This day off was withdrawn already."), code="withdrawn")
    calendar = calendar_for(closure.agency_id)
    if closure.day < calendar.local_date(timezone.now()):
        raise ValidationError(
            _("A day off that has passed stays in the record; it cannot be withdrawn."),
            code="past",
        )
    closure.withdrawn_at = timezone.now()
    closure.withdrawn_by = actor
    closure.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.record(
        actor=actor,
        action=AuditAction.CLOSURE_WITHDRAWN,
        subject=closure,
        detail={"day": closure.day.isoformat(), "agency": closure.agency_id},
    )
    _after_closure_change(closure, withdrawn=True)
    return closure
