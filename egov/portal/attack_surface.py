"""The portal's URLs for the attack suite (``egov.lib.attack_surface``)."""

from __future__ import annotations

from egov.lib.attack_surface import EVERYONE, SIGNED_IN, Url, public

URLS = (
    public("portal:home"),
    public("portal:service", kwargs=lambda s: {"slug": "complaints"}),
    Url("portal:dashboard", get=SIGNED_IN),
    # Every signed-in person reads their own access log, and only their own.
    Url("portal:data_access", get=SIGNED_IN, params=("after",)),
    # The language switch answers a GET and a POST from anyone, then goes back.
    Url("portal:set_language", get=EVERYONE, post=EVERYONE, params=("language", "next")),
    public("portal:accessibility"),
    public("portal:privacy"),
)
