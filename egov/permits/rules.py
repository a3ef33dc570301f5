"""Who may do what with a permit application now: one place, one condition per line.

First who asks (anyone else is forbidden and sees the same 404 as for an
application that does not exist), then whether the application is in a state
that allows the step, in the words the page shows when it is not. Who holds a
position and whose cases it covers is the agencies app's answer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from egov.accounts.models import Role
from egov.agencies.rules import (
    Viewer,
    is_active_user,
    is_agency_admin_of,
    is_platform_admin,
    position,
    staff_scope,
    works_in_unit,
)
from egov.lib.rules import ALLOWED, FORBIDDEN, Verdict, not_now, require
from egov.permits.limits import MAX_EXTENSIONS, MAX_SUPPLEMENT_REQUESTS

if TYPE_CHECKING:
    from egov.agencies.models import Agency
    from egov.permits.models import Application, ApplicationStep

__all__ = ["Verdict", "Viewer", "require"]

APPLICANT_ROLES = frozenset({Role.CITIZEN, Role.EMPLOYER})


# ---- who -------------------------------------------------------------------------------


def is_applicant(user: Viewer, application: Application) -> bool:
    if not is_active_user(user):
        return False
    return user.pk == application.applicant_id


def is_handler(user: Viewer, application: Application) -> bool:
    """Staff of the handling unit (or its agency's admin), or of a unit a step belongs to."""
    scope = staff_scope(user)
    if scope is None:
        return False
    if scope.covers(unit_id=application.unit_id, agency_id=application.agency_id):
        return True
    return any(
        scope.covers(unit_id=unit_id, agency_id=application.agency_id)
        for unit_id in application.steps.values_list("unit_id", flat=True)
    )


def is_supervisor_of(user: Viewer, unit_id: int) -> bool:
    """A supervisor of the unit, or an admin of its agency."""
    held = position(user)
    if held is None or not is_active_user(user):
        return False
    if user.role == Role.SUPERVISOR:
        return held.unit_id == unit_id
    if user.role == Role.AGENCY_ADMIN:
        return held.unit.agency.units.filter(pk=unit_id).exists()
    return False


def can_view(user: Viewer, application: Application) -> bool:
    """The full record: the applicant, and the officials handling the case."""
    return is_applicant(user, application) or is_handler(user, application)


def can_apply(user: Viewer) -> bool:
    return is_active_user(user) and user.role in APPLICANT_ROLES


def can_register_at_counter(user: Viewer) -> bool:
    return (
        is_active_user(user)
        and position(user) is not None
        and user.role
        in (
            Role.OFFICER,
            Role.SUPERVISOR,
        )
    )


def can_manage_catalogue(user: Viewer, agency: Agency) -> bool:
    return is_platform_admin(user) or is_agency_admin_of(user, agency)


def can_manage_any_catalogue(user: Viewer) -> bool:
    return is_platform_admin(user) or (is_active_user(user) and user.role == Role.AGENCY_ADMIN)


def can_work_queue(user: Viewer) -> bool:
    return staff_scope(user) is not None


# ---- what, now ---------------------------------------------------------------------------


def may_withdraw(user: Viewer, application: Application) -> Verdict:
    if not is_applicant(user, application):
        return FORBIDDEN
    if not application.is_open:
        return not_now(_("This application is closed already."), "closed")
    return ALLOWED


def may_answer_supplement(user: Viewer, application: Application) -> Verdict:
    if not is_applicant(user, application):
        return FORBIDDEN
    if not application.clock_stopped:
        return not_now(_("No documents are being asked for."), "no_supplement")
    return ALLOWED


def may_handle(user: Viewer, application: Application) -> Verdict:
    """Steps that change the case: an official handling it, while it is open."""
    if not is_handler(user, application):
        return FORBIDDEN
    if not application.is_open:
        return not_now(_("This application is closed."), "closed")
    return ALLOWED


def may_work_step(user: Viewer, application: Application, step: ApplicationStep) -> Verdict:
    verdict = may_handle(user, application)
    if not verdict:
        return verdict
    if not (works_in_unit(user, step.unit_id) or is_supervisor_of(user, step.unit_id)):
        return FORBIDDEN
    if application.clock_stopped:
        return not_now(
            _("The clock is stopped while documents are awaited."), "awaiting_supplement"
        )
    return ALLOWED


def may_reassign(user: Viewer, application: Application) -> Verdict:
    verdict = may_handle(user, application)
    if not verdict:
        return verdict
    if not is_supervisor_of(user, application.unit_id):
        return FORBIDDEN
    return ALLOWED


def may_request_supplement(user: Viewer, application: Application) -> Verdict:
    verdict = may_handle(user, application)
    if not verdict:
        return verdict
    if application.clock_stopped:
        return not_now(_("Documents are already being asked for."), "awaiting_supplement")
    if application.supplement_count >= MAX_SUPPLEMENT_REQUESTS:
        return not_now(
            _("Documents can be asked for at most %(max)d times.")
            % {"max": MAX_SUPPLEMENT_REQUESTS},
            "supplement_limit",
        )
    return ALLOWED


def may_ask(user: Viewer, application: Application) -> Verdict:
    if not is_applicant(user, application):
        return FORBIDDEN
    if not application.is_open:
        return not_now(_("This application is closed already."), "closed")
    return ALLOWED


def may_answer_question(user: Viewer, application: Application) -> Verdict:
    if not is_handler(user, application):
        return FORBIDDEN
    return ALLOWED


def may_extend(user: Viewer, application: Application) -> Verdict:
    verdict = may_handle(user, application)
    if not verdict:
        return verdict
    extensions = 1 if application.extension_amount else 0
    if extensions >= MAX_EXTENSIONS:
        return not_now(_("The processing period was extended once already."), "extended")
    return ALLOWED


def may_record_fee(user: Viewer, application: Application) -> Verdict:
    verdict = may_handle(user, application)
    if not verdict:
        return verdict
    if application.fee_paid_at is not None:
        return not_now(_("The fee is recorded as paid already."), "fee_paid")
    return ALLOWED
