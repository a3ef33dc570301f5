"""Recognising the same complaint sent again, whatever its spacing, case or punctuation."""

from __future__ import annotations

import hashlib
import unicodedata


def normalise(text: str) -> str:
    """Letters and digits only, case-folded, in Unicode compatibility form.

    NFKC first, so full-width Latin letters, compatibility jamo and other
    look-alikes compare equal; then everything that is not a letter or a digit
    (spaces, line breaks, punctuation, emoji) is dropped.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    return "".join(character for character in folded if character.isalnum())


def content_fingerprint(body: str) -> str:
    """The sha256 of the normalised body; the title is left out because people retitle."""
    return hashlib.sha256(normalise(body).encode()).hexdigest()
