"""Who may do what with complaints: one place, one condition per line.

These answer "who". Whether the case is in a state that allows the step
("already answered", "no open request") is the action's check, with its own
message, because a page shows the two differently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from egov.accounts.models import Role, User
from egov.agencies.models import Agency, Officer

if TYPE_CHECKING:
    from typing_extensions import TypeIs

    from egov.complaints.models import Complaint, SecondReview

Viewer = User | AnonymousUser

# Who can be a complainant: people and employers, not staff acting in office.
COMPLAINANT_ROLES = frozenset({Role.CITIZEN, Role.EMPLOYER})
# Who can handle a case: staff with a position in a unit (platform admins run
# the platform, they do not handle cases).
CASE_HANDLER_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AGENCY_ADMIN})


@dataclass(frozen=True)
class HandlingScope:
    """The cases a staff member may handle: those of one unit, or of a whole agency."""

    unit_id: int | None = None
    agency_id: int | None = None


def require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied(_("You are not allowed to do this."))


def _active(user: Viewer) -> TypeIs[User]:
    """A signed-in, active egov user (an anonymous visitor never is one)."""
    return isinstance(user, User) and user.is_active


def position(user: Viewer) -> Officer | None:
    """The user's position in a unit, if they are active staff holding one."""
    if not _active(user):
        return None
    held: Officer | None = getattr(user, "officer", None)
    return held


def handling_scope(user: Viewer) -> HandlingScope | None:
    if not _active(user):
        return None
    held = position(user)
    if held is None:
        return None
    if user.role in (Role.OFFICER, Role.SUPERVISOR):
        return HandlingScope(unit_id=held.unit_id)
    if user.role == Role.AGENCY_ADMIN:
        return HandlingScope(agency_id=held.unit.agency_id)
    return None


def is_case_handler(user: Viewer, complaint: Complaint) -> bool:
    """An officer or supervisor of the handling unit, or an admin of its agency."""
    scope = handling_scope(user)
    if scope is None:
        return False
    if scope.unit_id is not None:
        return scope.unit_id == complaint.unit_id
    return scope.agency_id == complaint.agency_id


def is_owner(user: Viewer, complaint: Complaint) -> bool:
    if not _active(user):
        return False
    return user.pk == complaint.citizen_id


def is_cosigner(user: Viewer, complaint: Complaint, *, signed_only: bool = True) -> bool:
    """Someone who signed the complaint (or, with ``signed_only=False``, was invited to)."""
    if not _active(user):
        return False
    invitations = complaint.cosigners.filter(user_id=user.pk)
    if signed_only:
        invitations = invitations.filter(signed_at__isnull=False)
    return invitations.exists()


def can_view(user: Viewer, complaint: Complaint) -> bool:
    if is_owner(user, complaint):
        return True
    if is_case_handler(user, complaint):
        return True
    # An invitee must read what they are asked to sign.
    return is_cosigner(user, complaint, signed_only=False)


def can_see_internal(user: Viewer, complaint: Complaint) -> bool:
    """Internal notes are for the people handling the case, never the citizen."""
    return is_case_handler(user, complaint)


def can_submit(user: Viewer) -> bool:
    if not _active(user):
        return False
    return user.role in COMPLAINANT_ROLES


def can_file_on_behalf(user: Viewer) -> bool:
    """Counter and phone staff: anyone who handles cases may type one in for a citizen."""
    if not _active(user):
        return False
    if position(user) is None:
        return False
    return user.role in CASE_HANDLER_ROLES


def can_act_as_complainant(user: Viewer, complaint: Complaint) -> bool:
    """Withdraw, answer a request, consent, rate, invite, appeal: the author alone."""
    return is_owner(user, complaint)


def can_cosign(user: Viewer, complaint: Complaint) -> bool:
    if is_owner(user, complaint):
        return False
    return is_cosigner(user, complaint, signed_only=False)


def can_handle(user: Viewer, complaint: Complaint) -> bool:
    return is_case_handler(user, complaint)


def can_be_assigned(user: Viewer, complaint: Complaint) -> bool:
    """A case goes to staff who sit in its unit."""
    if not _active(user):
        return False
    if user.role not in CASE_HANDLER_ROLES:
        return False
    held = position(user)
    if held is None:
        return False
    return held.unit_id == complaint.unit_id


def can_answer_second_review(user: Viewer, complaint: Complaint, review: SecondReview) -> bool:
    if not _active(user):
        return False
    if not is_case_handler(user, complaint):
        return False
    # Nobody reviews their own answer.
    if user.pk == review.first_answer.officer_id:
        return False
    if review.reviewer_id is None:
        return True
    if user.pk == review.reviewer_id:
        return True
    # The agency's administrator can step in for an absent reviewer.
    return user.role == Role.AGENCY_ADMIN


def is_agency_admin_of(user: Viewer, agency: Agency) -> bool:
    if not _active(user):
        return False
    if user.role != Role.AGENCY_ADMIN:
        return False
    held = position(user)
    if held is None:
        return False
    return held.unit.agency_id == agency.pk


def is_platform_admin(user: Viewer) -> bool:
    if not _active(user):
        return False
    return user.role == Role.PLATFORM_ADMIN


def can_configure_agency(user: Viewer, agency: Agency | None) -> bool:
    """Processing periods and routing: the agency's own admin, or a platform admin.

    ``agency=None`` is the platform default, which only a platform admin sets.
    """
    if is_platform_admin(user):
        return True
    if agency is None:
        return False
    return is_agency_admin_of(user, agency)


def can_manage_categories(user: Viewer) -> bool:
    return is_platform_admin(user)
