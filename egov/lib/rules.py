"""Who may do what now: one answer for the page that offers a step and the action that takes it.

A service's ``rules.py`` answers each question ("may this person withdraw this
complaint now?") with a :class:`Verdict`. The page shows the step when the
verdict allows it; the action calls ``verdict.require()``, which refuses
with ``PermissionDenied`` when the person may never take the step here (the
view turns that into the same 404 as for something that does not exist), or
with a ``ValidationError`` saying why not now (the case is closed, the
deadline has passed), which the page shows next to the form. So the two can
never disagree, and each condition is written once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

NOT_ALLOWED = _("You are not allowed to do this.")


@dataclass(frozen=True)
class Verdict:
    """Whether a step may be taken now, and if not, why."""

    allowed: bool
    # Why not, in words for the person (a lazy translation or a formatted string).
    reason: str | Promise = ""
    code: str = ""
    # The refusal is about who asks, not about the moment: they may never take this step.
    forbidden: bool = False

    def __bool__(self) -> bool:
        return self.allowed

    def require(self) -> None:
        """Refuse the step unless it is allowed: PermissionDenied or ValidationError."""
        if self.allowed:
            return
        if self.forbidden:
            raise PermissionDenied(str(NOT_ALLOWED))
        raise ValidationError(str(self.reason), code=self.code)


ALLOWED = Verdict(True)
FORBIDDEN = Verdict(False, NOT_ALLOWED, "forbidden", forbidden=True)


def allowed_if(condition: bool) -> Verdict:
    """A question of who alone: allowed, or forbidden."""
    return ALLOWED if condition else FORBIDDEN


def not_now(reason: str | Promise, code: str) -> Verdict:
    """The person may take this step, but not in the state the thing is in."""
    return Verdict(False, reason, code)


def require(allowed: bool | Verdict) -> None:
    """Refuse unless allowed; a plain ``False`` is a question of who."""
    if isinstance(allowed, Verdict):
        allowed.require()
    elif not allowed:
        raise PermissionDenied(str(NOT_ALLOWED))
