"""Who may do what in the jobs service now: one place, one condition per line.

Employment officers are the officers and supervisors of a unit designated as
an employment office (``EmploymentOffice``); they verify companies, moderate
postings and maintain the checker's rules. An employer is an account with the
employer role that belongs to a company; it manages that company's postings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from egov.accounts.models import Role
from egov.agencies.rules import Viewer, is_active_user, is_platform_admin, position
from egov.lib.rules import ALLOWED, FORBIDDEN, Verdict, allowed_if, not_now, require

if TYPE_CHECKING:
    from egov.jobs.models import Company, Posting

__all__ = ["Verdict", "Viewer", "require"]

# Who can register a company: a person's own account or an employer's, not staff in office.
REGISTRANT_ROLES = frozenset({Role.CITIZEN, Role.EMPLOYER})
EMPLOYMENT_OFFICER_ROLES = frozenset({Role.OFFICER, Role.SUPERVISOR})


def is_employment_officer(user: Viewer) -> bool:
    if not is_active_user(user):
        return False
    if user.role not in EMPLOYMENT_OFFICER_ROLES:
        return False
    held = position(user)
    if held is None:
        return False
    from egov.jobs.models import EmploymentOffice

    return EmploymentOffice.objects.filter(unit_id=held.unit_id).exists()


def company_of(user: Viewer) -> Company | None:
    """The company an employer account belongs to."""
    if not is_active_user(user):
        return None
    if user.role != Role.EMPLOYER:
        return None
    membership = getattr(user, "employer_membership", None)
    return membership.company if membership is not None else None


def is_member_of(user: Viewer, company: Company) -> bool:
    mine = company_of(user)
    return mine is not None and mine.pk == company.pk


def can_register_company(user: Viewer) -> Verdict:
    if not is_active_user(user):
        return FORBIDDEN
    if user.role not in REGISTRANT_ROLES:
        return FORBIDDEN
    if company_of(user) is not None:
        return not_now(_("Your account already belongs to a company."), "has_company")
    return ALLOWED


def can_verify_company(user: Viewer, company: Company) -> Verdict:
    if not is_employment_officer(user):
        return FORBIDDEN
    if company.is_verified:
        return not_now(_("This company is verified already."), "verified")
    return ALLOWED


def can_see_companies(user: Viewer) -> bool:
    return is_employment_officer(user) or is_platform_admin(user)


def can_write_posting(user: Viewer) -> Verdict:
    return allowed_if(company_of(user) is not None)


def can_edit_posting(user: Viewer, posting: Posting) -> Verdict:
    from egov.jobs.models import Status

    if not is_member_of(user, posting.company):
        return FORBIDDEN
    if posting.status not in (Status.DRAFT, Status.IN_REVIEW):
        return not_now(_("A published or closed posting cannot be changed."), "not_draft")
    return ALLOWED


def can_close_posting(user: Viewer, posting: Posting) -> Verdict:
    from egov.jobs.models import Status

    if not is_member_of(user, posting.company):
        return FORBIDDEN
    if posting.status == Status.CLOSED:
        return not_now(_("This posting is closed already."), "closed")
    return ALLOWED


def can_moderate(user: Viewer, posting: Posting | None = None) -> Verdict:
    from egov.jobs.models import Status

    if not is_employment_officer(user):
        return FORBIDDEN
    if posting is not None and posting.status != Status.IN_REVIEW:
        return not_now(_("This posting is not waiting for review."), "not_in_review")
    return ALLOWED


def can_maintain_rules(user: Viewer) -> Verdict:
    return allowed_if(is_employment_officer(user))


def can_save_search(user: Viewer) -> Verdict:
    """Anyone signed in who is not staff in office keeps searches."""
    if not is_active_user(user):
        return FORBIDDEN
    return allowed_if(user.role in REGISTRANT_ROLES)


def can_see_posting(user: Viewer, posting: Posting) -> bool:
    """Published postings are public; the rest only for the company and employment officers."""
    if posting.is_live:
        return True
    if is_member_of(user, posting.company):
        return True
    return is_employment_officer(user)
