"""Remembering the language someone chose, in a cookie beside their profile."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse


def remember_language(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite="Lax",
    )


# Set when a visitor (signed out) picks a language, and read once at the next
# sign-in: that choice stays, and becomes the profile's. The language cookie
# alone cannot say it, since every sign-in also writes it (with the profile's
# language), so on a shared browser it may be the last person's.
CHOSEN_COOKIE = "egov_language_chosen"


def remember_visitor_choice(response: HttpResponse, language: str) -> None:
    remember_language(response, language)
    response.set_cookie(
        CHOSEN_COOKIE,
        "1",
        max_age=settings.LANGUAGE_COOKIE_AGE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def visitor_choice(request: HttpRequest) -> str:
    """The language a visitor picked before signing in on this browser, or ""."""
    if not request.COOKIES.get(CHOSEN_COOKIE):
        return ""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return chosen if chosen in dict(settings.LANGUAGES) else ""
