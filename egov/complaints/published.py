"""The public page of a published complaint, rendered once and read without a query.

Anyone may read a published complaint, and many more read it than it
changes, so its content (masked and redacted as the public sees it) is
rendered once per language and kept in the ``pages`` cache under its receipt
number: a visitor's read costs no database query at all. Every step on the
case clears it after the step commits (``actions._step``); the expiry bounds
only how long a renamed unit or an official's new title takes to appear.
The ``pages`` cache is shared by every web process (Redis, or files on one
machine), so a change clears the page everywhere at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

# How long a rendered public page may be served (see the module docstring).
PUBLIC_PAGE_SECONDS = 600
# Part of every key: raise it when PublicPage or _public_case.html changes.
PUBLIC_PAGE_FORMAT = 2


@dataclass(frozen=True)
class PublicPage:
    title: str
    html: str


def public_page_key(receipt_number: str, language: str) -> str:
    return f"complaints:public:v{PUBLIC_PAGE_FORMAT}:{receipt_number.upper()}:{language}"


def cached_public_page(receipt_number: str, language: str) -> PublicPage | None:
    page = caches["pages"].get(public_page_key(receipt_number, language))
    return page if isinstance(page, PublicPage) else None


def keep_public_page(receipt_number: str, language: str, page: PublicPage) -> None:
    caches["pages"].set(public_page_key(receipt_number, language), page, PUBLIC_PAGE_SECONDS)


def forget_public_page(receipt_number: str) -> None:
    """Clear the page in every language, after a change to the case."""
    caches["pages"].delete_many(
        [public_page_key(receipt_number, code) for code, _name in settings.LANGUAGES]
    )
