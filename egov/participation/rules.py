"""Who may do what in participation now: one place, one condition per line.

As in complaints, each ``may_*`` answers for the page that offers a step and
the action that takes it alike (``egov.lib.rules.Verdict``). Who holds a
position in an agency is the agencies app's answer.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from egov.accounts.models import Role
from egov.agencies.rules import Viewer, is_active_user, position, staff_scope
from egov.lib.rules import ALLOWED, FORBIDDEN, Verdict, allowed_if, not_now, require
from egov.participation.limits import SUPPORTERS_BEFORE_MODERATION

if TYPE_CHECKING:
    from egov.lib.surges import SurgeFigures
    from egov.participation.models import Consultation, Petition, Proposal

__all__ = ["Verdict", "Viewer", "require"]

# Who takes part: people and employers, foreign residents among them (the
# Regulations on Public Proposals art. 2(1) count residents of any nationality).
PARTICIPANT_ROLES = frozenset({Role.CITIZEN, Role.EMPLOYER})


# ---- who ---------------------------------------------------------------------------------


def is_participant(user: Viewer) -> bool:
    if not is_active_user(user):
        return False
    return user.role in PARTICIPANT_ROLES


def is_verified(user: Viewer) -> bool:
    """A participant whose email address is confirmed: one account, one person to reach."""
    if not is_active_user(user):
        return False
    if user.role not in PARTICIPANT_ROLES:
        return False
    return user.email_confirmed_at is not None


def agency_of(user: Viewer) -> int | None:
    """The agency a member of staff works for (any unit of it), else None."""
    if staff_scope(user) is None:
        return None
    held = position(user)
    return held.unit.agency_id if held is not None else None


def is_moderator(user: Viewer) -> bool:
    """Platform administrators moderate what citizens publish."""
    if not is_active_user(user):
        return False
    return user.role == Role.PLATFORM_ADMIN


# ---- proposals -----------------------------------------------------------------------------


def can_propose(user: Viewer) -> Verdict:
    return allowed_if(is_participant(user))


def is_reviewer(user: Viewer, proposal: Proposal) -> bool:
    return agency_of(user) == proposal.agency_id


def can_view_proposal(user: Viewer, proposal: Proposal) -> bool:
    if proposal.is_public and proposal.hidden_at is None:
        return True
    if is_active_user(user) and user.pk == proposal.proposer_id:
        return True
    return is_reviewer(user, proposal)


def may_decide(user: Viewer, proposal: Proposal) -> Verdict:
    if not is_reviewer(user, proposal):
        return FORBIDDEN
    if proposal.is_decided:
        return not_now(_("This proposal has been decided already."), "decided")
    return ALLOWED


def may_follow_up(user: Viewer, proposal: Proposal) -> Verdict:
    """Milestones and awards: for the agency's staff, once the proposal is adopted."""
    if not is_reviewer(user, proposal):
        return FORBIDDEN
    if not proposal.is_adopted:
        return not_now(_("Only an adopted proposal is followed up."), "not_adopted")
    return ALLOWED


def may_rate_proposal(user: Viewer, proposal: Proposal) -> Verdict:
    if not is_active_user(user):
        return FORBIDDEN
    # A policy review's proposer is an official of the agency itself.
    if not is_participant(user):
        return FORBIDDEN
    if user.pk != proposal.proposer_id:
        return FORBIDDEN
    if not proposal.is_decided:
        return not_now(_("You can rate the handling once the proposal is decided."), "undecided")
    return ALLOWED


# ---- petitions ------------------------------------------------------------------------------


def can_start_petition(user: Viewer) -> Verdict:
    return allowed_if(is_verified(user))


def may_sign(user: Viewer, petition: Petition, *, now: datetime.datetime) -> Verdict:
    from egov.participation.models import SIGNABLE, PetitionStatus

    if not is_participant(user):
        return FORBIDDEN
    if not is_verified(user):
        return not_now(_("Confirm your email address before you sign."), "unverified")
    if petition.status not in SIGNABLE:
        return not_now(_("This petition is not open for signatures."), "not_open")
    if petition.status == PetitionStatus.AWAITING_MODERATION:
        return not_now(
            _("This petition has its %(count)d supporters and waits for moderation.")
            % {"count": SUPPORTERS_BEFORE_MODERATION},
            "awaiting_moderation",
        )
    if petition.closes_at is not None and now >= petition.closes_at:
        return not_now(_("This petition has closed."), "closed")
    return ALLOWED


def can_view_petition(user: Viewer, petition: Petition) -> bool:
    """Published and rejected petitions are public (a rejection shows its reason only).

    Before moderation a petition is listed nowhere: its author shares its
    address with supporters, who must be signed in to open it, so nobody
    reads an unmoderated text without an account.
    """
    if petition.is_published:
        return True
    if petition.status == "rejected":
        return True
    return is_active_user(user)


def may_moderate(user: Viewer, petition: Petition) -> Verdict:
    from egov.participation.models import PetitionStatus

    if not is_moderator(user):
        return FORBIDDEN
    if petition.status != PetitionStatus.AWAITING_MODERATION:
        return not_now(_("This petition is not waiting for moderation."), "not_waiting")
    return ALLOWED


def may_respond(user: Viewer, petition: Petition) -> Verdict:
    if agency_of(user) != petition.agency_id:
        return FORBIDDEN
    if not petition.is_published:
        return not_now(_("Only a published petition is answered."), "not_published")
    if petition.responded_at is not None:
        return not_now(_("This petition has its response already."), "responded")
    return ALLOWED


# ---- consultations -------------------------------------------------------------------------


def can_open_consultation(user: Viewer) -> Verdict:
    return allowed_if(agency_of(user) is not None)


def may_open_from_surge(user: Viewer, surge: SurgeFigures) -> Verdict:
    """A consultation or a policy review from a surge: staff of the agency handling it."""
    return allowed_if(agency_of(user) == surge.agency_id)


def may_vote(user: Viewer, consultation: Consultation, *, now: datetime.datetime) -> Verdict:
    if not is_participant(user):
        return FORBIDDEN
    if now >= consultation.closes_at:
        return not_now(_("This consultation has closed."), "closed")
    return ALLOWED


def may_comment(user: Viewer, consultation: Consultation, *, now: datetime.datetime) -> Verdict:
    return may_vote(user, consultation, now=now)
