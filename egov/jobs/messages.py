"""What the jobs service tells employers.

Params are facts (a title, an ISO date); the words are written when the
message is read, in the reader's language.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from egov.jobs.models import Company, Posting, SavedSearch
from egov.notifications import Message, MessageType, Params
from egov.notifications.formats import moment


def _company_verified(params: Params) -> tuple[str, str]:
    return (
        _("%(company)s is verified") % {"company": params["company"]},
        _("An employment officer verified the company. Its postings now carry the verified badge."),
    )


def _posting_approved(params: Params) -> tuple[str, str]:
    return (
        _("Your posting “%(title)s” is published") % {"title": params["title"]},
        _("An employment officer reviewed it; job seekers can find it now."),
    )


def _posting_rejected(params: Params) -> tuple[str, str]:
    return (
        _("Your posting “%(title)s” was sent back") % {"title": params["title"]},
        _("An employment officer sent it back with a reason. Change it and submit it again."),
    )


def _expiry_reminder(params: Params) -> tuple[str, str]:
    return (
        _("Your posting “%(title)s” closes soon") % {"title": params["title"]},
        _("It closes after %(date)s. Close it when the job is filled.")
        % {"date": moment(params["valid_through"])},
    )


def _posting_expired(params: Params) -> tuple[str, str]:
    return (
        _("Your posting “%(title)s” has closed") % {"title": params["title"]},
        _("Its closing date passed; it no longer appears in search."),
    )


def _search_alert(params: Params) -> tuple[str, str]:
    count = int(str(params["count"]))
    return (
        ngettext(
            "%(count)d new posting for “%(name)s”",
            "%(count)d new postings for “%(name)s”",
            count,
        )
        % {"count": count, "name": params["name"]},
        _("Open the search to see them."),
    )


COMPANY_VERIFIED = MessageType("jobs.company_verified", _company_verified)
POSTING_APPROVED = MessageType("jobs.posting_approved", _posting_approved)
POSTING_REJECTED = MessageType("jobs.posting_rejected", _posting_rejected)
EXPIRY_REMINDER = MessageType("jobs.expiry_reminder", _expiry_reminder)
POSTING_EXPIRED = MessageType("jobs.posting_expired", _posting_expired)

SEARCH_ALERT = MessageType("jobs.search_alert", _search_alert)

TYPES = (
    COMPANY_VERIFIED,
    POSTING_APPROVED,
    POSTING_REJECTED,
    EXPIRY_REMINDER,
    POSTING_EXPIRED,
    SEARCH_ALERT,
)


def company_verified(company: Company) -> Message:
    return Message(COMPANY_VERIFIED, {"company": company.name})


def posting_approved(posting: Posting) -> Message:
    return Message(POSTING_APPROVED, {"title": posting.title})


def posting_rejected(posting: Posting) -> Message:
    return Message(POSTING_REJECTED, {"title": posting.title})


def expiry_reminder(posting: Posting) -> Message:
    return Message(
        EXPIRY_REMINDER,
        {"title": posting.title, "valid_through": posting.valid_through.isoformat()},
    )


def posting_expired(posting: Posting) -> Message:
    return Message(POSTING_EXPIRED, {"title": posting.title})


def search_alert(saved: SavedSearch, count: int) -> Message:
    return Message(SEARCH_ALERT, {"name": saved.name, "count": count})
