"""The notification centre's URLs for the attack suite (``egov.lib.attack_surface``)."""

from __future__ import annotations

from egov.lib.attack_surface import NOBODY, SIGNED_IN, Url

URLS = (
    Url("notifications:centre", get=SIGNED_IN, params=("after", "unread")),
    Url("notifications:mark_all_read", post=SIGNED_IN),
    Url("notifications:preferences", get=SIGNED_IN, post=SIGNED_IN),
    # The development outbox exists only when OUTBOX_ENABLED: 404 for everyone in tests.
    Url("notifications:outbox", get=NOBODY),
    Url("notifications:outbox_message", get=NOBODY, kwargs=lambda s: {"name": "nothing.eml"}),
)
