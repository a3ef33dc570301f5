"""A sender of test messages, registered like a service's."""

from __future__ import annotations

import pytest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from egov import notifications
from egov.notifications import Message, MessageType, Params
from egov.notifications.formats import moment, name


def _case_step(params: Params) -> tuple[str, str]:
    # Strings the catalogues already translate, so the tests can read them in three languages.
    return (
        _("Complaint %(number)s was received") % {"number": params["number"]},
        _("%(unit)s will handle it. It is due by %(date)s; you will hear of every step.")
        % {"unit": name(params["unit"]), "date": moment(params["due"])},
    )


def _plain(params: Params) -> tuple[str, str]:
    return str(params["title"]), str(params.get("body", ""))


CASE_STEP = MessageType("testing.case_step", _case_step)
PLAIN = MessageType("testing.plain", _plain)
IN_APP_ONLY = MessageType("testing.in_app_only", _plain, in_app_only=True)


@pytest.fixture(autouse=True)
def testing_messages() -> None:
    notifications.register(CASE_STEP, PLAIN, IN_APP_ONLY, sender_name=gettext_lazy("Testing"))


def plain(title: str, body: str = "") -> Message:
    return Message(PLAIN, {"title": title, "body": body})


def case_step(number: str = "EP-2612-0000001", due: str = "2026-12-02") -> Message:
    return Message(
        CASE_STEP,
        {
            "number": number,
            "unit": {"en": "Roads Division", "ko": "도로과", "id": "Divisi Jalan"},
            "due": due,
        },
    )
