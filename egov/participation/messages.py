"""What participation tells people: each message type declared once, written when read.

Params are facts (a number, an ISO date, an enumeration's value, an agency's
names in three languages); the words are written in the reader's language
when they read the message. Registered in ``ParticipationConfig.ready()``.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from egov.agencies.models import Agency
from egov.lib.calendar import Due
from egov.notifications import JSON, Message, MessageType, Params
from egov.notifications.formats import iso, label, moment, name, three_languages
from egov.participation.models import (
    Milestone,
    Petition,
    Proposal,
    ProposalStatus,
    RejectionReason,
    ReportKind,
)


def _agency(agency: Agency) -> dict[str, JSON]:
    return three_languages(en=agency.name_en, ko=agency.name_ko, id=agency.name_id)


def _proposal_received(params: Params) -> tuple[str, str]:
    return (
        _("Proposal %(number)s was received") % {"number": params["number"]},
        _("%(agency)s reviews it and tells you its decision by %(date)s.")
        % {"agency": name(params["agency"]), "date": moment(params["due"])},
    )


def _proposal_decided(params: Params) -> tuple[str, str]:
    return (
        _("Proposal %(number)s: %(outcome)s")
        % {"number": params["number"], "outcome": label(ProposalStatus, params["outcome"])},
        _("The agency's reasons: %(reason)s") % {"reason": params["reason"]},
    )


def _milestone_added(params: Params) -> tuple[str, str]:
    return (
        _("Proposal %(number)s: a step is planned") % {"number": params["number"]},
        _("“%(step)s” is planned for %(date)s.")
        % {"step": params["step"], "date": moment(params["due_on"])},
    )


def _milestone_done(params: Params) -> tuple[str, str]:
    return (
        _("Proposal %(number)s: a step is done") % {"number": params["number"]},
        _("“%(step)s” was done on %(date)s.")
        % {"step": params["step"], "date": moment(params["done_on"])},
    )


def _awarded(params: Params) -> tuple[str, str]:
    return (
        _("Proposal %(number)s received an award") % {"number": params["number"]},
        _("Award: %(award)s.") % {"award": params["award"]},
    )


def _petition_published(params: Params) -> tuple[str, str]:
    return (
        _("Your petition %(number)s is published") % {"number": params["number"]},
        _("Anyone with a verified account can sign it until %(date)s.")
        % {"date": moment(params["closes"])},
    )


def _petition_rejected(params: Params) -> tuple[str, str]:
    return (
        _("Your petition %(number)s was not published") % {"number": params["number"]},
        _("Reason: %(reason)s") % {"reason": label(RejectionReason, params["reason"])},
    )


def _petition_responded(params: Params) -> tuple[str, str]:
    return (
        _("Petition %(number)s has its official response") % {"number": params["number"]},
        _("%(agency)s has responded; read it on the petition's page.")
        % {"agency": name(params["agency"])},
    )


def _hidden(params: Params) -> tuple[str, str]:
    return (
        _("Your %(kind)s was withdrawn from public view")
        % {"kind": label(ReportKind, params["kind"])},
        _("A moderator found: %(reason)s") % {"reason": label(RejectionReason, params["reason"])},
    )


PROPOSAL_RECEIVED = MessageType("participation.proposal_received", _proposal_received)
PROPOSAL_DECIDED = MessageType("participation.proposal_decided", _proposal_decided)
MILESTONE_ADDED = MessageType("participation.milestone_added", _milestone_added)
MILESTONE_DONE = MessageType("participation.milestone_done", _milestone_done)
AWARDED = MessageType("participation.awarded", _awarded)
PETITION_PUBLISHED = MessageType("participation.petition_published", _petition_published)
PETITION_REJECTED = MessageType("participation.petition_rejected", _petition_rejected)
PETITION_RESPONDED = MessageType("participation.petition_responded", _petition_responded)
HIDDEN = MessageType("participation.hidden", _hidden)

TYPES = (
    PROPOSAL_RECEIVED,
    PROPOSAL_DECIDED,
    MILESTONE_ADDED,
    MILESTONE_DONE,
    AWARDED,
    PETITION_PUBLISHED,
    PETITION_REJECTED,
    PETITION_RESPONDED,
    HIDDEN,
)


def proposal_received(proposal: Proposal, due: Due) -> Message:
    return Message(
        PROPOSAL_RECEIVED,
        {"number": proposal.pk, "agency": _agency(proposal.agency), "due": iso(due.day)},
    )


def proposal_decided(proposal: Proposal) -> Message:
    return Message(
        PROPOSAL_DECIDED,
        {
            "number": proposal.pk,
            "outcome": str(proposal.status),
            "reason": proposal.decision_reason,
        },
    )


def milestone_added(milestone: Milestone) -> Message:
    return Message(
        MILESTONE_ADDED,
        {"number": milestone.proposal_id, "step": milestone.title, "due_on": iso(milestone.due_on)},
    )


def milestone_done(milestone: Milestone) -> Message:
    assert milestone.done_on is not None
    return Message(
        MILESTONE_DONE,
        {
            "number": milestone.proposal_id,
            "step": milestone.title,
            "done_on": iso(milestone.done_on),
        },
    )


def awarded(proposal: Proposal, description: str) -> Message:
    return Message(AWARDED, {"number": proposal.pk, "award": description})


def petition_published(petition: Petition) -> Message:
    assert petition.closes_at is not None
    return Message(PETITION_PUBLISHED, {"number": petition.pk, "closes": iso(petition.closes_at)})


def petition_rejected(petition: Petition) -> Message:
    return Message(PETITION_REJECTED, {"number": petition.pk, "reason": petition.rejection_reason})


def petition_responded(petition: Petition) -> Message:
    return Message(PETITION_RESPONDED, {"number": petition.pk, "agency": _agency(petition.agency)})


def hidden(kind: str, reason: str) -> Message:
    return Message(HIDDEN, {"kind": kind, "reason": reason})
