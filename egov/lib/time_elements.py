"""The ``datetime`` attribute of every ``<time>`` element, written one way.

Pages show a moment to the minute at most, in words; the attribute is for
machines (a screen reader's date handling, a search engine, a browser
extension), which need the moment to the second and its offset from UTC.
HTML allows at most three digits of fractional seconds, and Django's
``date:'c'`` writes Python's six, so no page writes the attribute itself:
``{{ value|machine_readable }}`` (a built-in filter of every template)
writes ``2026-11-29T22:31:02+09:00`` for a moment, in the reader's time
zone like the text beside it, and ``2026-11-29`` for a day.
"""

from __future__ import annotations

import datetime

from django import template

register = template.Library()


@register.filter(expects_localtime=True)
def machine_readable(value: object) -> str:
    """A valid HTML date or global date and time string for ``value``, to the second."""
    if isinstance(value, datetime.datetime):
        text = value.replace(microsecond=0, tzinfo=None).isoformat()
        offset = value.utcoffset()
        if offset is None:
            return text  # a local date and time, also valid
        minutes = round(offset.total_seconds() / 60)
        sign = "-" if minutes < 0 else "+"
        return f"{text}{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""  # like Django's date filter: nothing for a missing value
