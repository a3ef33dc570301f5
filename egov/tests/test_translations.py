"""Every message the interface can show is translated into Korean and Indonesian.

The check extracts messages from the source exactly as ``make makemessages``
does, into a scratch copy of the catalogues, so a string added to the code
without a translation fails here before it reaches anyone. The platform's
shared parts keep their messages in ``locale/``; each service keeps its own
in ``egov/<service>/locale/``, which makemessages fills from that service's
files: every catalogue is checked.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import resolve, reverse

from egov.lib import services

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
    return scratch


def catalogues(root: Path, language: str) -> list[Path]:
    """Every catalogue of one language under ``root``: the shared one and each service's."""
    shared = root / "locale" / language / "LC_MESSAGES" / "django.po"
    return [shared, *sorted((root / "egov").glob(f"*/locale/{language}/LC_MESSAGES/django.po"))]


def test_the_shared_catalogue_and_a_services_own_are_both_found() -> None:
    found = [path.relative_to(settings.BASE_DIR) for path in catalogues(settings.BASE_DIR, "ko")]
    assert Path("locale/ko/LC_MESSAGES/django.po") in found
    assert Path("egov/complaints/locale/ko/LC_MESSAGES/django.po") in found


def test_every_service_keeps_its_own_catalogue() -> None:
    for service in services.services():
        module = resolve(reverse(service.home)).func.__module__
        app = apps.get_containing_app_config(module)
        assert app is not None, service.slug
        for language in LANGUAGES:
            catalogue = Path(app.path) / "locale" / language / "LC_MESSAGES" / "django.po"
            assert catalogue.is_file(), f"{service.slug}: create {catalogue}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_has_a_translation(fresh_catalogues: Path, language: str) -> None:
    for path in catalogues(fresh_catalogues, language):
        catalogue = polib.pofile(str(path))
        where = path.relative_to(fresh_catalogues)
        missing = [entry.msgid for entry in catalogue if not entry.translated()]
        fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
        assert missing == [], f"untranslated in {where} (run `make makemessages`)"
        assert fuzzy == [], f"fuzzy (unchecked) translations in {where}"


PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_translation(language: str) -> None:
    entries = [
        entry
        for path in catalogues(settings.BASE_DIR, language)
        for entry in polib.pofile(str(path)).translated_entries()
    ]
    assert entries
    for entry in entries:
        # Korean and Indonesian have one plural form, which follows the English plural.
        source = entry.msgid_plural or entry.msgid
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for translation in translations:
            assert set(PLACEHOLDER.findall(translation)) == set(PLACEHOLDER.findall(source)), (
                entry.msgid
            )
