"""Every message the interface can show is translated into Korean and Indonesian.

The check extracts messages from the source exactly as ``make makemessages``
does, into a scratch copy of the catalogues, so a string added to the code
without a translation fails here before it reaches anyone.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LANGUAGES = ("ko", "id")
SOURCES = ("egov", "templates", "locale")
IGNORE = ["tests", "migrations"]


@pytest.fixture(scope="module")
def fresh_catalogues(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # makemessages writes next to the sources it reads, so it reads a copy.
    scratch = tmp_path_factory.mktemp("source")
    for folder in SOURCES:
        shutil.copytree(settings.BASE_DIR / folder, scratch / folder)
    original_cwd = Path.cwd()
    os.chdir(scratch)
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(settings, "LOCALE_PATHS", [scratch / "locale"])
            call_command(
                "makemessages",
                locale=list(LANGUAGES),
                ignore_patterns=IGNORE,
                no_location=True,
                no_obsolete=True,
                verbosity=0,
            )
    finally:
        os.chdir(original_cwd)
    return scratch / "locale"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_has_a_translation(fresh_catalogues: Path, language: str) -> None:
    catalogue = polib.pofile(str(fresh_catalogues / language / "LC_MESSAGES" / "django.po"))
    missing = [entry.msgid for entry in catalogue if not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
    assert missing == [], f"untranslated in {language} (run `make makemessages`)"
    assert fuzzy == [], f"fuzzy (unchecked) translations in {language}"


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    path = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    for entry in polib.pofile(str(path)).translated_entries():
        # Korean and Indonesian have one plural form, which follows the English plural.
        source = entry.msgid_plural or entry.msgid
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(source)), (
                entry.msgid
            )
