"""Who may see what in agencies. Each condition on its own line."""

from __future__ import annotations

from egov.accounts.models import Role, User
from egov.agencies.models import Unit


def can_view_unit_roster(user: User, unit: Unit) -> bool:
    """Members of a unit see its roster; so does their agency's administrator."""
    officer = getattr(user, "officer", None)
    if not user.is_authenticated or officer is None:
        return False
    if user.role in {Role.OFFICER, Role.SUPERVISOR} and officer.unit_id == unit.pk:
        return True
    return user.role == Role.AGENCY_ADMIN and officer.unit.agency_id == unit.agency_id


def can_see_staff_contacts(user: User, unit: Unit) -> bool:
    """Contact details of colleagues are for the agency's administrator only."""
    officer = getattr(user, "officer", None)
    return (
        user.role == Role.AGENCY_ADMIN
        and officer is not None
        and officer.unit.agency_id == unit.agency_id
    )


def can_manage_closures(user: User) -> bool:
    """Days off beyond the public holidays change every office's deadlines: platform admins only."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role == Role.PLATFORM_ADMIN
