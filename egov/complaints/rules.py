"""Who may do what with a complaint now: one place, one condition per line.

Each ``may_*`` answers for the page that offers the step and the action that
takes it alike (``egov.lib.rules.Verdict``): first who asks (anyone else is
forbidden, and sees the same 404 as for a case that does not exist), then
whether the case is in a state that allows the step now, with the words the
page shows when it is not. The action checks the input's content (a reason
given, a number of days in range) itself; whether the step is possible at
all is asked here, so the page never offers a step the action would refuse.
Who holds a position, and whose cases it covers, is the agencies app's
answer (``egov.agencies.rules``).
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from egov.accounts.models import Role
from egov.agencies.rules import (
    UNIT_STAFF_ROLES,
    StaffScope,
    Viewer,
    is_active_user,
    is_platform_admin,
    position,
    staff_scope,
    works_in_unit,
)
from egov.complaints.limits import MAX_EXTENSIONS, MAX_SUPPLEMENT_REQUESTS
from egov.lib.rules import ALLOWED, FORBIDDEN, Verdict, allowed_if, not_now, require

if TYPE_CHECKING:
    from egov.complaints.models import (
        Complaint,
        CoSigner,
        Extension,
        SecondReview,
        SupplementRequest,
        Surge,
    )

__all__ = ["StaffScope", "Verdict", "Viewer", "require", "staff_scope"]

# Who can be a complainant: people and employers, not staff acting in office.
COMPLAINANT_ROLES = frozenset({Role.CITIZEN, Role.EMPLOYER})


# ---- who ---------------------------------------------------------------------------------


def has_work_queue(user: Viewer) -> bool:
    """Staff whose position gives them cases to work: ``staff_scope`` is not None.

    Asked for the header's links on every page, so it reads the position only
    (cached on the user), never its unit.
    """
    if not is_active_user(user):
        return False
    if user.role not in UNIT_STAFF_ROLES:
        return False
    return position(user) is not None


def is_case_handler(user: Viewer, complaint: Complaint) -> bool:
    """An officer or supervisor of the handling unit, or an admin of its agency."""
    scope = staff_scope(user)
    if scope is None:
        return False
    return scope.covers(unit_id=complaint.unit_id, agency_id=complaint.agency_id)


def staff_agency(user: Viewer) -> int | None:
    """The agency a member of staff with cases to work belongs to (any unit of it), else None."""
    if staff_scope(user) is None:
        return None
    held = position(user)
    if held is None:
        return None
    return held.unit.agency_id


def can_act_on_surge(user: Viewer, surge: Surge) -> bool:
    """Staff of the agency handling the complaints: its officers, supervisors and admins.

    The one door to a surge: seeing it, reading its complaints' numbers and
    opening a consultation or a policy review from it.
    """
    agency_id = staff_agency(user)
    if agency_id is None:
        return False
    return agency_id == surge.agency_id


def is_owner(user: Viewer, complaint: Complaint) -> bool:
    if not is_active_user(user):
        return False
    return user.pk == complaint.citizen_id


def is_cosigner(user: Viewer, complaint: Complaint, *, signed_only: bool = True) -> bool:
    """Someone who signed the complaint (or, with ``signed_only=False``, was invited to)."""
    if not is_active_user(user):
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


def can_download_attachments(user: Viewer, complaint: Complaint) -> bool:
    """A case's files: its author, the co-authors who signed, the people handling it.

    An invitee reads the complaint (redacted) before deciding to sign, but the
    author's files (certificates, photos, documents with their resident number
    on them) are not theirs to take until they sign.
    """
    if is_owner(user, complaint) or is_case_handler(user, complaint):
        return True
    return is_cosigner(user, complaint)


def can_see_internal(user: Viewer, complaint: Complaint) -> bool:
    """Internal notes are for the people handling the case, never the citizen."""
    return is_case_handler(user, complaint)


def can_submit(user: Viewer) -> bool:
    if not is_active_user(user):
        return False
    return user.role in COMPLAINANT_ROLES


def can_file_on_behalf(user: Viewer) -> bool:
    """Counter and phone staff: anyone who handles cases may type one in for a citizen."""
    if not is_active_user(user):
        return False
    if position(user) is None:
        return False
    return user.role in UNIT_STAFF_ROLES


def can_act_as_complainant(user: Viewer, complaint: Complaint) -> bool:
    """Withdraw, answer a request, consent, rate, invite, appeal: the author alone."""
    return is_owner(user, complaint)


def can_handle(user: Viewer, complaint: Complaint) -> bool:
    return is_case_handler(user, complaint)


def can_be_assigned(user: Viewer, complaint: Complaint) -> bool:
    """A case goes to staff who sit in its unit."""
    return works_in_unit(user, complaint.unit_id)


def can_answer_second_review(user: Viewer, complaint: Complaint, review: SecondReview) -> bool:
    if not is_active_user(user):
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


def can_manage_categories(user: Viewer) -> bool:
    return is_platform_admin(user)


# ---- the complainant's steps, now ---------------------------------------------------------


def may_withdraw(user: Viewer, complaint: Complaint) -> Verdict:
    if not is_owner(user, complaint):
        return FORBIDDEN
    if not complaint.is_open:
        return not_now(_("Only a complaint that is still open can be withdrawn."), "status")
    return ALLOWED


def may_answer_supplement(user: Viewer, complaint: Complaint) -> Verdict:
    from egov.complaints.models import Status

    if not is_owner(user, complaint):
        return FORBIDDEN
    if complaint.status != Status.AWAITING_SUPPLEMENT:
        return not_now(_("There is no open request for more information."), "status")
    return ALLOWED


def may_decide_extension(
    user: Viewer, complaint: Complaint, *, pending: Extension | None
) -> Verdict:
    """Consent to or refuse the officer's second extension, while it waits for an answer."""
    if not is_owner(user, complaint):
        return FORBIDDEN
    if pending is None or not complaint.is_open:
        return not_now(_("No extension is waiting for your answer."), "no_extension")
    return ALLOWED


def may_rate(user: Viewer, complaint: Complaint, *, latest_unrated: bool) -> Verdict:
    """Rate the latest answer, once (``latest_unrated``: it exists and has no rating yet)."""
    from egov.complaints.models import Status

    if not is_owner(user, complaint):
        return FORBIDDEN
    if complaint.status != Status.ANSWERED:
        return not_now(_("Only an answered complaint can be rated."), "status")
    if not latest_unrated:
        return not_now(_("This answer has already been rated."), "rated")
    return ALLOWED


def may_appeal(user: Viewer, complaint: Complaint) -> Verdict:
    from egov.complaints.models import ClosureReason, Status

    if not is_owner(user, complaint):
        return FORBIDDEN
    if complaint.status != Status.CLOSED or complaint.closure_reason != ClosureReason.REPEAT:
        return not_now(_("Only a complaint closed as a repeat can be appealed."), "status")
    return ALLOWED


def may_invite(user: Viewer, complaint: Complaint) -> Verdict:
    if not is_owner(user, complaint):
        return FORBIDDEN
    if not complaint.is_open:
        return not_now(_("Co-signers can be invited only while the complaint is open."), "status")
    return ALLOWED


def may_cosign(user: Viewer, complaint: Complaint, *, invitation: CoSigner | None) -> Verdict:
    """Sign a complaint one was invited to; the author has signed it already."""
    if is_owner(user, complaint) or invitation is None or invitation.user_id != user.pk:
        return FORBIDDEN
    if not complaint.is_open:
        return not_now(_("This complaint is no longer open for signatures."), "status")
    if invitation.signed_at is not None:
        return not_now(_("You have signed this complaint already."), "signed")
    return ALLOWED


# ---- the handling officer's steps, now ------------------------------------------------------


def _handles(user: Viewer, complaint: Complaint) -> Verdict | None:
    """FORBIDDEN for anyone who does not handle the case; None for those who do."""
    return None if is_case_handler(user, complaint) else FORBIDDEN


def may_add_note(user: Viewer, complaint: Complaint) -> Verdict:
    return allowed_if(is_case_handler(user, complaint))


def may_assign(user: Viewer, complaint: Complaint) -> Verdict:
    from egov.complaints.models import Status

    if (refused := _handles(user, complaint)) is not None:
        return refused
    if complaint.status not in (Status.RECEIVED, Status.IN_PROGRESS, Status.AWAITING_SUPPLEMENT):
        return not_now(_("Only a complaint that is being handled can be assigned."), "status")
    return ALLOWED


def may_transfer(user: Viewer, complaint: Complaint) -> Verdict:
    from egov.complaints.models import HANDLING_STATUSES

    if (refused := _handles(user, complaint)) is not None:
        return refused
    if complaint.status not in HANDLING_STATUSES:
        return not_now(_("Only a complaint that is being handled can be transferred."), "status")
    return ALLOWED


def may_request_supplement(user: Viewer, complaint: Complaint, *, asked_before: int) -> Verdict:
    """Ask for more information (Act art. 22): while the case is handled, at most twice."""
    from egov.complaints.models import HANDLING_STATUSES

    if (refused := _handles(user, complaint)) is not None:
        return refused
    if complaint.status not in HANDLING_STATUSES:
        return not_now(
            _("More information can be asked for only while the complaint is being handled."),
            "status",
        )
    if asked_before >= MAX_SUPPLEMENT_REQUESTS:
        return not_now(_("More information can be asked for at most twice."), "too_many_requests")
    return ALLOWED


def may_close_for_no_supplement(
    user: Viewer,
    complaint: Complaint,
    *,
    open_request: SupplementRequest | None,
    today: datetime.date,
) -> Verdict:
    """Close a case whose citizen never answered, once the day given to them has passed."""
    from egov.complaints.models import Status

    if (refused := _handles(user, complaint)) is not None:
        return refused
    if complaint.status != Status.AWAITING_SUPPLEMENT or open_request is None:
        return not_now(_("There is no open request for more information."), "status")
    if today <= open_request.respond_by:
        return not_now(
            _("The citizen has until %(date)s to answer; the complaint can be closed after that.")
            % {"date": date_format(open_request.respond_by, "DATE_FORMAT")},
            "too_early",
        )
    return ALLOWED


def may_extend(
    user: Viewer,
    complaint: Complaint,
    *,
    extensions: list[Extension],
    now: datetime.datetime,
) -> Verdict:
    """Extend the deadline: before it passes, never while the citizen is asked, at most twice."""
    from egov.complaints.models import HANDLING_STATUSES, ExtensionStatus

    if (refused := _handles(user, complaint)) is not None:
        return refused
    if complaint.status not in HANDLING_STATUSES:
        return not_now(
            _("The deadline can be extended only while the complaint is being handled."),
            "status",
        )
    if now > complaint.due_at:
        return not_now(
            _("The deadline has passed; an extension must be decided before it."), "late"
        )
    if any(extension.status == ExtensionStatus.AWAITING_CONSENT for extension in extensions):
        return not_now(
            _("The citizen has not yet answered the last request for an extension."), "pending"
        )
    if len(extensions) >= MAX_EXTENSIONS:
        return not_now(_("The deadline can be extended at most twice."), "too_many")
    return ALLOWED


def may_answer(user: Viewer, complaint: Complaint) -> Verdict:
    from egov.complaints.models import HANDLING_STATUSES, Status

    if (refused := _handles(user, complaint)) is not None:
        return refused
    if complaint.status == Status.AWAITING_SUPPLEMENT:
        return not_now(
            _(
                "The citizen was asked for more information: wait for it, or close the "
                "complaint once the date given has passed."
            ),
            "status",
        )
    if complaint.status not in HANDLING_STATUSES:
        return not_now(_("This complaint is not waiting for an answer."), "status")
    return ALLOWED


def may_answer_second_review(
    user: Viewer, complaint: Complaint, *, review: SecondReview | None
) -> Verdict:
    from egov.complaints.models import Status

    if (refused := _handles(user, complaint)) is not None:
        return refused
    if complaint.status != Status.SECOND_REVIEW or review is None or review.answer_id:
        return not_now(_("This complaint is not in a second review."), "status")
    return allowed_if(can_answer_second_review(user, complaint, review))


def may_close_as_repeat(user: Viewer, complaint: Complaint) -> Verdict:
    """Close a repeat of complaints answered twice (Act art. 23), unless an appeal reopened it."""
    from egov.complaints.models import HANDLING_STATUSES

    if (refused := _handles(user, complaint)) is not None:
        return refused
    if complaint.status not in HANDLING_STATUSES:
        return not_now(_("Only a complaint that is being handled can be closed."), "status")
    if not complaint.is_repeat_candidate:
        return not_now(
            _("Only a complaint repeating two answered ones can be closed as a repeat."),
            "not_repeat",
        )
    if complaint.repeat_appealed_at is not None:
        return not_now(
            _("The citizen appealed an earlier repeat closure; this complaint must be answered."),
            "appealed",
        )
    return ALLOWED
