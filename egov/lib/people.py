"""A person as the kernel apps see one: named by what they need, never by importing accounts.

The audit log and the access log record people, but they sit below the
accounts app: they may not import its ``User``. Any account (or a test's
stand-in) that has these attributes will do.
"""

from __future__ import annotations

from typing import Any, Protocol


class Person(Protocol):
    """Someone with an id and a role, such as an account of ``settings.AUTH_USER_MODEL``."""

    @property
    def pk(self) -> Any: ...

    @property
    def role(self) -> str: ...
