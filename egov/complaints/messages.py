"""What the complaints service tells people, and the words it uses.

Each message type is declared once here and registered in
``ComplaintsConfig.ready()``. The builders at the end turn a case into a
message's params: facts (a receipt number, an ISO date, an enumeration's
value, a unit's names in three languages), never words. The words are
written when the message is read, in the reader's language at that moment.
Actions only choose which message to send, and to whom.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from egov.agencies.models import Unit
from egov.complaints.models import (
    Complaint,
    FollowUp,
    FollowUpKind,
    FollowUpOutcome,
    Outcome,
    Status,
)
from egov.lib.calendar import CalendarChange, Counting, Due
from egov.lib.redaction import redact
from egov.notifications import JSON, Message, MessageType, Params, Recipient
from egov.notifications.formats import iso, label, moment, name, three_languages


def case_link(complaint: Complaint) -> Callable[[Recipient], str]:
    """Staff open the case's staff page; citizens the page they follow it on."""
    citizen_page = complaint.get_absolute_url()
    staff_page = reverse(
        "complaints_staff:case", kwargs={"receipt_number": complaint.receipt_number}
    )
    return lambda person: staff_page if person.is_government_staff else citizen_page


def _number(params: Params) -> dict[str, str]:
    return {"number": str(params["number"])}


def _number_and_date(params: Params) -> dict[str, str]:
    return {"number": str(params["number"]), "date": moment(params["due"])}


# ---- to the citizens of a case: its author and everyone who signed it --------------


def _received(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s was received") % _number(params),
        _("%(unit)s will handle it. It is due by %(date)s; you will hear of every step.")
        % {"unit": name(params["unit"]), "date": moment(params["due"])},
    )


def _withdrawn(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s was withdrawn") % _number(params),
        _("The complaint was withdrawn by its author; nothing more will be done on it."),
    )


def _handled_again(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s is being handled again") % _number(params),
        _("The information asked for was given. The complaint is now due by %(date)s.")
        % {"date": moment(params["due"])},
    )


def _extension_consented(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s is now due by %(date)s") % _number_and_date(params),
        _("The deadline was extended with the author's consent."),
    )


def _extension_refused(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s stays due by %(date)s") % _number_and_date(params),
        _("The author refused to extend the deadline."),
    )


def _second_review_opened(params: Params) -> tuple[str, str]:
    return (
        _("A second review of %(number)s was opened") % _number(params),
        _(
            "Because the answer did not satisfy you, a reviewer will look at the "
            "complaint again and answer by %(date)s."
        )
        % {"date": moment(params["due"])},
    )


def _cosigner_invited(params: Params) -> tuple[str, str]:
    return (
        _("You are invited to sign complaint %(number)s") % _number(params),
        _("Read the complaint and sign it if you share it. Signing makes you a co-author."),
    )


def _cosigned(params: Params) -> tuple[str, str]:
    title = _("Complaint %(number)s has %(count)s signatories") % {
        "number": params["number"],
        "count": params["signatories"],
    }
    if params["became_joint"]:
        return title, _("It is now a joint complaint, handled as one case for everyone.")
    return title, ""


def _reopened(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s was reopened") % _number(params),
        _("It will be reviewed and answered by %(date)s.") % {"date": moment(params["due"])},
    )


def _assigned(params: Params) -> tuple[str, str]:
    return (
        _("An officer now handles complaint %(number)s") % _number(params),
        _("You can see who handles it, and every step, on the complaint's page."),
    )


def _transferred(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s was transferred") % _number(params),
        _("%(unit)s will handle it now. Reason: %(reason)s")
        % {"unit": name(params["unit"]), "reason": params["reason"]},
    )


def _supplement_requested(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s needs more information") % _number(params),
        _("%(request)s\n\nPlease answer by %(date)s. The processing clock is stopped until you do.")
        % {"request": params["request"], "date": moment(params["respond_by"])},
    )


def _closed_for_no_supplement(params: Params) -> tuple[str, str]:
    return (_("Complaint %(number)s was closed") % _number(params), str(params["notice"]))


def _extended(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s is now due by %(date)s") % _number_and_date(params),
        _("The officer extended the deadline. Reason: %(reason)s") % {"reason": params["reason"]},
    )


def _extension_requested(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s: may the deadline be extended?") % _number(params),
        _(
            "The officer asks for %(days)s more working days. Reason: %(reason)s\n\n"
            "The author can consent or refuse on the complaint's page."
        )
        % {"days": params["days"], "reason": params["reason"]},
    )


def _answered(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s was answered") % _number(params),
        _("Outcome: %(outcome)s. Read the answer and rate it on the complaint's page.")
        % {"outcome": label(Outcome, params["outcome"])},
    )


def _second_review_answered(params: Params) -> tuple[str, str]:
    return (
        _("The second review of %(number)s was answered") % _number(params),
        _("Outcome: %(outcome)s. You can rate this answer too.")
        % {"outcome": label(Outcome, params["outcome"])},
    )


def _closed_as_repeat(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s was closed as a repeat") % _number(params),
        _("%(explanation)s\n\nIf it is not a repeat, you can appeal on the complaint's page.")
        % {"explanation": params["explanation"]},
    )


def _progress_notice(params: Params) -> tuple[str, str]:
    return (
        _("Complaint %(number)s is still being handled") % _number(params),
        _(
            "It was received %(count)s days ago and is now: %(status)s. It is due by "
            "%(date)s. Every step is on the complaint's page."
        )
        % {
            "count": params["days_open"],
            "status": label(Status, params["status"]),
            "date": moment(params["due"]),
        },
    )


def _followed_up(params: Params) -> tuple[str, str]:
    words = {
        "category": name(params["category"]),
        "district": name(params["district"]),
        "title": str(params["title"]),
    }
    if params["kind"] == FollowUpKind.POLICY_REVIEW:
        return (
            _("Your complaint led to a policy review"),
            _(
                "Many complaints about %(category)s in %(district)s came in, yours among "
                "them. The agency opened a policy review: %(title)s."
            )
            % words,
        )
    return (
        _("Your complaint led to a consultation"),
        _(
            "Many complaints about %(category)s in %(district)s came in, yours among "
            "them. The agency asks everyone: %(title)s"
        )
        % words,
    )


def _follow_up_decided(params: Params) -> tuple[str, str]:
    return (
        _("The policy review your complaint led to was decided"),
        _("%(title)s: %(outcome)s.")
        % {"title": str(params["title"]), "outcome": label(FollowUpOutcome, params["outcome"])},
    )


# ---- to the officer concerned (staff read these in their queue, not by email) ------


def _withdrawn_for_staff(params: Params) -> tuple[str, str]:
    return _("Complaint %(number)s was withdrawn") % _number(params), ""


def _supplement_answered_for_staff(params: Params) -> tuple[str, str]:
    return _("The citizen answered your request on %(number)s") % _number(params), ""


def _extension_consented_for_staff(params: Params) -> tuple[str, str]:
    return _("The citizen consented to extending %(number)s") % _number(params), ""


def _extension_refused_for_staff(params: Params) -> tuple[str, str]:
    return _("The citizen refused to extend %(number)s") % _number(params), ""


def _second_review_for_reviewer(params: Params) -> tuple[str, str]:
    return _("Second review of %(number)s, due %(date)s") % _number_and_date(params), ""


def _reopened_for_staff(params: Params) -> tuple[str, str]:
    return _("Complaint %(number)s was reopened on appeal") % _number(params), ""


def _deadline_moved(params: Params) -> tuple[str, str]:
    words = {"day": moment(params["day"]), "name": name(params["name"])}
    if params.get("withdrawn"):
        body = _("%(day)s is a working day again (%(name)s was withdrawn), so the deadline moved.")
    else:
        body = _("%(day)s is no longer a working day (%(name)s), so the deadline moved.")
    return (
        _("Complaint %(number)s is now due by %(date)s") % _number_and_date(params),
        body % words,
    )


def _assigned_to_you(params: Params) -> tuple[str, str]:
    return _("Complaint %(number)s was assigned to you, due %(date)s") % _number_and_date(
        params
    ), ""


RECEIVED = MessageType("complaints.received", _received)
WITHDRAWN = MessageType("complaints.withdrawn", _withdrawn)
HANDLED_AGAIN = MessageType("complaints.handled_again", _handled_again)
EXTENSION_CONSENTED = MessageType("complaints.extension_consented", _extension_consented)
EXTENSION_REFUSED = MessageType("complaints.extension_refused", _extension_refused)
SECOND_REVIEW_OPENED = MessageType("complaints.second_review_opened", _second_review_opened)
COSIGNER_INVITED = MessageType("complaints.cosigner_invited", _cosigner_invited)
COSIGNED = MessageType("complaints.cosigned", _cosigned)
REOPENED = MessageType("complaints.reopened", _reopened)
ASSIGNED = MessageType("complaints.assigned", _assigned)
TRANSFERRED = MessageType("complaints.transferred", _transferred)
SUPPLEMENT_REQUESTED = MessageType("complaints.supplement_requested", _supplement_requested)
CLOSED_FOR_NO_SUPPLEMENT = MessageType(
    "complaints.closed_for_no_supplement", _closed_for_no_supplement
)
EXTENDED = MessageType("complaints.extended", _extended)
EXTENSION_REQUESTED = MessageType("complaints.extension_requested", _extension_requested)
ANSWERED = MessageType("complaints.answered", _answered)
SECOND_REVIEW_ANSWERED = MessageType("complaints.second_review_answered", _second_review_answered)
CLOSED_AS_REPEAT = MessageType("complaints.closed_as_repeat", _closed_as_repeat)
PROGRESS_NOTICE = MessageType("complaints.progress_notice", _progress_notice)
WITHDRAWN_FOR_STAFF = MessageType("complaints.withdrawn_for_staff", _withdrawn_for_staff)
SUPPLEMENT_ANSWERED_FOR_STAFF = MessageType(
    "complaints.supplement_answered_for_staff", _supplement_answered_for_staff
)
EXTENSION_CONSENTED_FOR_STAFF = MessageType(
    "complaints.extension_consented_for_staff", _extension_consented_for_staff
)
EXTENSION_REFUSED_FOR_STAFF = MessageType(
    "complaints.extension_refused_for_staff", _extension_refused_for_staff
)
SECOND_REVIEW_FOR_REVIEWER = MessageType(
    "complaints.second_review_for_reviewer", _second_review_for_reviewer
)
REOPENED_FOR_STAFF = MessageType("complaints.reopened_for_staff", _reopened_for_staff)
ASSIGNED_TO_YOU = MessageType("complaints.assigned_to_you", _assigned_to_you)
DEADLINE_MOVED = MessageType("complaints.deadline_moved", _deadline_moved)
FOLLOWED_UP = MessageType("complaints.followed_up", _followed_up)
FOLLOW_UP_DECIDED = MessageType("complaints.follow_up_decided", _follow_up_decided)

TYPES = (
    RECEIVED,
    WITHDRAWN,
    HANDLED_AGAIN,
    EXTENSION_CONSENTED,
    EXTENSION_REFUSED,
    SECOND_REVIEW_OPENED,
    COSIGNER_INVITED,
    COSIGNED,
    REOPENED,
    ASSIGNED,
    TRANSFERRED,
    SUPPLEMENT_REQUESTED,
    CLOSED_FOR_NO_SUPPLEMENT,
    EXTENDED,
    EXTENSION_REQUESTED,
    ANSWERED,
    SECOND_REVIEW_ANSWERED,
    CLOSED_AS_REPEAT,
    PROGRESS_NOTICE,
    WITHDRAWN_FOR_STAFF,
    SUPPLEMENT_ANSWERED_FOR_STAFF,
    EXTENSION_CONSENTED_FOR_STAFF,
    EXTENSION_REFUSED_FOR_STAFF,
    SECOND_REVIEW_FOR_REVIEWER,
    REOPENED_FOR_STAFF,
    ASSIGNED_TO_YOU,
    DEADLINE_MOVED,
    FOLLOWED_UP,
    FOLLOW_UP_DECIDED,
)


# ---- builders: a case and what happened, as params ----------------------------------


def _unit(unit: Unit) -> JSON:
    agency = unit.agency
    return three_languages(
        en=f"{agency.name_en} {unit.name_en}",
        ko=f"{agency.name_ko} {unit.name_ko}",
        id=f"{agency.name_id} {unit.name_id}",
    )


# The params that are facts (a receipt number, ISO dates, enumerations' values);
# every other text param is someone's own words, which may quote the author.
_FACT_PARAMS = frozenset({"number", "due", "respond_by", "day", "status", "outcome"})


def for_cosigners(message: Message) -> Message:
    """The message as a co-signer may read it: every free text with personal data masked.

    Officials write reasons, requests and notices to the author, and quote the
    author's phone or resident number in them; a co-signer reads the case
    redacted (views/citizen.py) and so must every channel that tells them of it.
    """
    return Message(
        message.type,
        {
            key: redact(value) if isinstance(value, str) and key not in _FACT_PARAMS else value
            for key, value in message.params.items()
        },
    )


def _case(message_type: MessageType, complaint: Complaint, **params: JSON) -> Message:
    return Message(message_type, {"number": complaint.receipt_number, **params})


def _due(complaint: Complaint) -> JSON:
    return _deadline(complaint.due)


def _deadline(due: Due) -> JSON:
    """A deadline counted in days as its last day; one counted in hours as the moment."""
    return iso(due.at) if due.counting == Counting.HOURS else iso(due.day)


def received(complaint: Complaint, unit: Unit) -> Message:
    return _case(RECEIVED, complaint, unit=_unit(unit), due=_due(complaint))


def withdrawn(complaint: Complaint) -> Message:
    return _case(WITHDRAWN, complaint)


def withdrawn_for_staff(complaint: Complaint) -> Message:
    return _case(WITHDRAWN_FOR_STAFF, complaint)


def handled_again(complaint: Complaint) -> Message:
    return _case(HANDLED_AGAIN, complaint, due=_due(complaint))


def supplement_answered_for_staff(complaint: Complaint) -> Message:
    return _case(SUPPLEMENT_ANSWERED_FOR_STAFF, complaint)


def extension_consented(complaint: Complaint) -> Message:
    return _case(EXTENSION_CONSENTED, complaint, due=_due(complaint))


def extension_consented_for_staff(complaint: Complaint) -> Message:
    return _case(EXTENSION_CONSENTED_FOR_STAFF, complaint)


def extension_refused(complaint: Complaint) -> Message:
    return _case(EXTENSION_REFUSED, complaint, due=_due(complaint))


def extension_refused_for_staff(complaint: Complaint) -> Message:
    return _case(EXTENSION_REFUSED_FOR_STAFF, complaint)


def second_review_opened(complaint: Complaint, review_due: Due) -> Message:
    return _case(SECOND_REVIEW_OPENED, complaint, due=_deadline(review_due))


def second_review_for_reviewer(complaint: Complaint, review_due: Due) -> Message:
    return _case(SECOND_REVIEW_FOR_REVIEWER, complaint, due=_deadline(review_due))


def cosigner_invited(complaint: Complaint) -> Message:
    return _case(COSIGNER_INVITED, complaint)


def cosigned(complaint: Complaint, *, signatories: int, became_joint: bool) -> Message:
    return _case(COSIGNED, complaint, signatories=signatories, became_joint=became_joint)


def reopened(complaint: Complaint) -> Message:
    return _case(REOPENED, complaint, due=_due(complaint))


def reopened_for_staff(complaint: Complaint) -> Message:
    return _case(REOPENED_FOR_STAFF, complaint)


def assigned(complaint: Complaint) -> Message:
    return _case(ASSIGNED, complaint)


def assigned_to_you(complaint: Complaint) -> Message:
    return _case(ASSIGNED_TO_YOU, complaint, due=_due(complaint))


def transferred(complaint: Complaint, to_unit: Unit, reason: str) -> Message:
    return _case(TRANSFERRED, complaint, unit=_unit(to_unit), reason=reason)


def supplement_requested(
    complaint: Complaint, request_text: str, respond_by: datetime.date
) -> Message:
    return _case(SUPPLEMENT_REQUESTED, complaint, request=request_text, respond_by=iso(respond_by))


def closed_for_no_supplement(complaint: Complaint, notice: str) -> Message:
    return _case(CLOSED_FOR_NO_SUPPLEMENT, complaint, notice=notice)


def extended(complaint: Complaint, reason: str) -> Message:
    return _case(EXTENDED, complaint, due=_due(complaint), reason=reason)


def extension_requested(complaint: Complaint, days: int, reason: str) -> Message:
    return _case(EXTENSION_REQUESTED, complaint, days=days, reason=reason)


def answered(complaint: Complaint, outcome: Outcome) -> Message:
    return _case(ANSWERED, complaint, outcome=str(outcome))


def second_review_answered(complaint: Complaint, outcome: Outcome) -> Message:
    return _case(SECOND_REVIEW_ANSWERED, complaint, outcome=str(outcome))


def closed_as_repeat(complaint: Complaint, explanation: str) -> Message:
    return _case(CLOSED_AS_REPEAT, complaint, explanation=explanation)


def progress_notice(complaint: Complaint, days_open: int) -> Message:
    return _case(
        PROGRESS_NOTICE,
        complaint,
        days_open=days_open,
        status=str(complaint.status),
        due=_due(complaint),
    )


def deadline_moved(complaint: Complaint, change: CalendarChange) -> Message:
    """A closure declared or withdrawn moved the case's deadline."""
    closure = change.closure
    return _case(
        DEADLINE_MOVED,
        complaint,
        due=_due(complaint),
        day=iso(change.day),
        name=three_languages(en=closure.name_en, ko=closure.name_ko, id=closure.name_id),
        withdrawn=change.withdrawn,
    )


def claim_code_text(complaint: Complaint, code: str, *, minutes: int) -> str:
    """The text message with the one-time code that claims a complaint into an account."""
    with translation.override(complaint.citizen.preferred_language):
        return _(
            "egov: your code to add complaint %(number)s to your account is %(code)s. It is "
            "valid for %(minutes)d minutes. Do not share it."
        ) % {"number": complaint.receipt_number, "code": code, "minutes": minutes}


def _follow_up_params(follow_up: FollowUp) -> dict[str, JSON]:
    category = follow_up.category
    district = follow_up.district
    return {
        "kind": follow_up.kind,
        "title": follow_up.title,
        "category": three_languages(en=category.name_en, ko=category.name_ko, id=category.name_id),
        "district": (
            three_languages(en=district.name_en, ko=district.name_ko, id=district.name_en)
            if district is not None
            else follow_up.district_code
        ),
    }


def followed_up(follow_up: FollowUp) -> Message:
    return Message(FOLLOWED_UP, _follow_up_params(follow_up))


def follow_up_decided(follow_up: FollowUp) -> Message:
    return Message(
        FOLLOW_UP_DECIDED, {**_follow_up_params(follow_up), "outcome": follow_up.outcome}
    )
