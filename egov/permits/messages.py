"""What the permits service tells people.

One message for the applicant at every step of their application: its
params are facts (the receipt number, the kind of event as an enumeration
value, a step's names in three languages), and the words are written when the
message is read, in the reader's language. Officers hear when a draw gives
them a case.
"""

from __future__ import annotations

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _

from egov.notifications import JSON, Message, MessageType, Params, Recipient
from egov.notifications.formats import label, moment, name, three_languages
from egov.permits.models import Application, EventKind, StepDefinition


def case_link(application: Application) -> Callable[[Recipient], str]:
    """Staff open the case page; the applicant the tracker, which shows them the full record."""
    public = application.get_absolute_url()
    staff = reverse("permits_staff:case", kwargs={"receipt_number": application.receipt_number})
    return lambda person: staff if person.is_government_staff else public


def _progress(params: Params) -> tuple[str, str]:
    what = label(EventKind, params["event"])
    title = _("Permit application %(number)s: %(event)s") % {
        "number": str(params["number"]),
        "event": what,
    }
    step = params.get("step")
    if step:
        body = _("Step: %(step)s. The decision is due by %(date)s.") % {
            "step": name(step),
            "date": moment(params["due"]),
        }
    else:
        body = _("The decision is due by %(date)s. Every step is on the public tracker.") % {
            "date": moment(params["due"])
        }
    return title, body


def _assigned_to_you(params: Params) -> tuple[str, str]:
    return (
        _("Permit application %(number)s was drawn for you") % {"number": str(params["number"])},
        _("A random draw among the officers on duty gave you this application."),
    )


def _question_for_you(params: Params) -> tuple[str, str]:
    return (
        _("A question on permit application %(number)s") % {"number": str(params["number"])},
        _("The applicant asked a question; answer it on the case page."),
    )


PROGRESS = MessageType("permits.progress", _progress)
ASSIGNED_TO_YOU = MessageType("permits.assigned_to_you", _assigned_to_you)
QUESTION_FOR_YOU = MessageType("permits.question_for_you", _question_for_you)
TYPES = (PROGRESS, ASSIGNED_TO_YOU, QUESTION_FOR_YOU)


def progress(
    application: Application, kind: EventKind, step: StepDefinition | None = None
) -> Message:
    step_names: JSON = (
        three_languages(en=step.name_en, ko=step.name_ko, id=step.name_id) if step else None
    )
    return Message(
        PROGRESS,
        {
            "number": application.receipt_number,
            "event": kind.value,
            "step": step_names,
            "due": application.due_at.isoformat(),
        },
    )


def assigned_to_you(application: Application) -> Message:
    return Message(ASSIGNED_TO_YOU, {"number": application.receipt_number})


def question_for_you(application: Application) -> Message:
    return Message(QUESTION_FOR_YOU, {"number": application.receipt_number})
