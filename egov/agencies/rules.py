"""Staff positions and the scopes they give, and who may see what in agencies.

Every service asks the same questions about staff: does this person hold a
position in a unit, and whose cases may they handle because of it (their
unit's, or their whole agency's)? The answers live here, once; a service's
rules build on them. Each condition on its own line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth.models import AnonymousUser

from egov.accounts.models import STAFF_ROLES, Role, User
from egov.agencies.models import Agency, Officer, Unit

if TYPE_CHECKING:
    from typing_extensions import TypeIs

Viewer = User | AnonymousUser

# Who works cases in a unit: staff with a position there (platform admins run
# the platform, they do not handle cases).
UNIT_STAFF_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR, Role.AGENCY_ADMIN})


@dataclass(frozen=True)
class StaffScope:
    """The cases a member of staff may handle: those of one unit, or of a whole agency."""

    unit_id: int | None = None
    agency_id: int | None = None

    def covers(self, *, unit_id: int, agency_id: int) -> bool:
        """Whether a case handled by this unit of this agency falls in the scope."""
        if self.unit_id is not None:
            return self.unit_id == unit_id
        return self.agency_id == agency_id


def is_active_user(user: Viewer) -> TypeIs[User]:
    """A signed-in, active egov user (an anonymous visitor never is one)."""
    return isinstance(user, User) and user.is_active


def position(user: Viewer) -> Officer | None:
    """The user's position in a unit, if they are active staff holding one."""
    if not is_active_user(user):
        return None
    if user.role not in STAFF_ROLES:
        # Citizens and employers hold no position: asking costs every page a query.
        return None
    held: Officer | None = getattr(user, "officer", None)
    return held


def staff_scope(user: Viewer) -> StaffScope | None:
    """Officers and supervisors work their unit's cases; an agency admin, the agency's."""
    if not is_active_user(user):
        return None
    held = position(user)
    if held is None:
        return None
    if user.role in (Role.OFFICER, Role.SUPERVISOR):
        return StaffScope(unit_id=held.unit_id)
    if user.role == Role.AGENCY_ADMIN:
        return StaffScope(agency_id=held.unit.agency_id)
    return None


def works_in_unit(user: Viewer, unit_id: int) -> bool:
    """Staff who sit in the unit (whom a case of that unit can be given to)."""
    if not is_active_user(user):
        return False
    if user.role not in UNIT_STAFF_ROLES:
        return False
    held = position(user)
    if held is None:
        return False
    return held.unit_id == unit_id


def is_agency_admin_of(user: Viewer, agency: Agency) -> bool:
    if not is_active_user(user):
        return False
    if user.role != Role.AGENCY_ADMIN:
        return False
    held = position(user)
    if held is None:
        return False
    return held.unit.agency_id == agency.pk


def is_platform_admin(user: Viewer) -> bool:
    if not is_active_user(user):
        return False
    return user.role == Role.PLATFORM_ADMIN


def can_configure_agency(user: Viewer, agency: Agency | None) -> bool:
    """An agency's settings (periods, routing): its own admin, or a platform admin.

    ``agency=None`` is the platform default, which only a platform admin sets.
    """
    if is_platform_admin(user):
        return True
    if agency is None:
        return False
    return is_agency_admin_of(user, agency)


def can_view_unit_roster(user: Viewer, unit: Unit) -> bool:
    """Members of a unit see its roster; so does their agency's administrator."""
    held = position(user)
    if held is None or not is_active_user(user):
        return False
    if user.role in {Role.OFFICER, Role.SUPERVISOR} and held.unit_id == unit.pk:
        return True
    return user.role == Role.AGENCY_ADMIN and held.unit.agency_id == unit.agency_id


def can_see_staff_contacts(user: Viewer, unit: Unit) -> bool:
    """Contact details of colleagues are for the agency's administrator only."""
    held = position(user)
    if held is None or not is_active_user(user):
        return False
    return user.role == Role.AGENCY_ADMIN and held.unit.agency_id == unit.agency_id


def can_manage_closures(user: Viewer) -> bool:
    """Days off beyond the public holidays change every office's deadlines: platform admins only."""
    return is_platform_admin(user)
