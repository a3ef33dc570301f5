"""``{{ text|lang_attr }}``: a ``lang`` attribute for text people wrote, when it is not the page's.

Screen readers pronounce text in the language its element declares (WCAG 2.2
success criterion 3.1.2, language of parts). The platform's pages are in the
reader's language, but a complaint, an answer or a comment is in its author's:
a Korean complaint on an Indonesian page must say so. The language is read
from the text itself: mostly Hangul is Korean; text in the Latin alphabet is
taken to be in ``author_language`` when that is given and is not Korean.
Anything else, or a language the page already has, gives no attribute.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


def _is_hangul(character: str) -> bool:
    return "\uac00" <= character <= "\ud7a3" or "\u1100" <= character <= "\u11ff"


def text_language(text: object, author_language: object = "") -> str:
    """The language of ``text`` as far as its letters tell: "ko", the author's, or ""."""
    letters = [character for character in str(text) if character.isalpha()]
    if not letters:
        return ""
    hangul = sum(1 for character in letters if _is_hangul(character))
    if hangul * 2 >= len(letters):
        return "ko"
    latin = sum(1 for character in letters if character.isascii())
    author = str(author_language or "")[:2]
    if latin * 2 >= len(letters) and author and author != "ko":
        return author
    return ""


@register.filter
def lang_attr(text: object, author_language: object = "") -> SafeString:
    """`` lang="ko"`` when the text's language is known and differs from the page's."""
    language = text_language(text, author_language)
    if not language or language == (get_language() or "")[:2]:
        return mark_safe("")
    return format_html(' lang="{}"', language)
