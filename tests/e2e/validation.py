"""The Nu HTML Checker over every page the browser tests receive.

Each browser context the tests open records what it receives
(``ReceivedPages.open``: Playwright's HAR recording, which keeps
every response body byte for byte as the server sent it, read by the driver
as soon as it arrives, before the tab can move on and the browser forget it).
So every HTML document is kept, in whatever state the journey reached (signed
out or in, a form sent back with its errors, each language). At the end of
the run the distinct ones go to the checker in one call (``vnu.jar`` from
npm, on Debian's Java: one JVM start for the whole run), and any error fails
the run naming the page's address and the checker's message.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import re
import shutil
import subprocess
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# What fails the run: an error in a page, or a page the checker could not read.
FAILING = {"error", "non-document-error"}
# What differs between two responses of the same page and cannot make it
# valid or invalid: the CSP nonce and the CSRF token. Masked to find pages
# already seen; the checker reads one of them as it was sent.
VOLATILE = re.compile(rb'((?:nonce|name="csrfmiddlewaretoken" value)=")[^"]*(")')
# One short run: compile quickly (C1 alone starts in half the time) with the
# deeper stack the checker's schema needs without the optimising compiler.
JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1"]
# Language detection only ever gives warnings, which do not fail the run, and
# costs a second.
VNU_OPTIONS = ["--format", "json", "--stdout", "--exit-zero-always", "--no-langdetect"]
# Styles and images are not pages: not recorded at all.
NOT_STATIC = re.compile(r"^(?!.*/static/)")

_recording: weakref.WeakSet[BrowserContext] = weakref.WeakSet()


def is_recording(context: BrowserContext) -> bool:
    return context in _recording


@dataclass
class ReceivedPages:
    """What the watched browser contexts received, and the checker's verdict on it."""

    directory: Path
    _numbers: itertools.count[int] = field(default_factory=itertools.count)
    # Set by problems(): the distinct pages (file -> the address first received
    # from), how many arrived in all, how many the tab left before they had
    # loaded, and how long the checker took.
    addresses: dict[str, str] = field(default_factory=dict)
    received: int = 0
    interrupted: int = 0
    seconds: float | None = None

    def open(self, browser: Browser, **options: Any) -> BrowserContext:
        """A new browser context that records every response it receives, body and all."""
        # Bodies go beside the .har files, named by their SHA-1: one file per content.
        context = browser.new_context(
            record_har_path=self.directory / f"context-{next(self._numbers)}.har",
            record_har_content="attach",
            record_har_mode="minimal",
            record_har_url_filter=NOT_STATIC,
            **options,
        )
        _recording.add(context)
        return context

    def _collect(self) -> None:
        """Pick one file per distinct page from the recordings."""
        self.addresses, self.received, self.interrupted = {}, 0, 0
        seen: set[bytes] = set()
        for har in sorted(self.directory.glob("*.har")):
            for entry in json.loads(har.read_text())["log"]["entries"]:
                response = entry["response"]
                content = response["content"]
                if entry.get("_resourceType") != "document" or 300 <= response["status"] < 400:
                    continue  # a redirect has no page; scripts and downloads are not pages
                if not content.get("mimeType", "").startswith("text/html"):
                    continue
                if "_file" not in content:
                    # The driver reads each body as soon as the browser has all of it:
                    # none means the tab moved on before this one finished loading.
                    self.interrupted += 1
                    continue
                self.received += 1
                body = (self.directory / content["_file"]).read_bytes()
                key = hashlib.sha256(VOLATILE.sub(rb"\1\2", body)).digest()
                if key not in seen:
                    seen.add(key)
                    self.addresses[content["_file"]] = entry["request"]["url"]

    def problems(self) -> list[str]:
        """Every error the checker finds, one line each: the address, the place, the message."""
        self._collect()
        if not self.addresses:
            return []
        java = shutil.which("java")
        if java is None or not VNU_JAR.exists():
            pytest.fail(
                "The Nu HTML Checker needs Debian's Java and npm's vnu-jar: "
                "`make test` installs both (apt-get install default-jre-headless; npm ci)"
            )
        files = [str(self.directory / name) for name in sorted(self.addresses)]
        started = time.perf_counter()
        result = subprocess.run(
            [java, *JAVA_OPTIONS, "-jar", str(VNU_JAR), *VNU_OPTIONS, *files],
            capture_output=True,
            check=False,
            timeout=600,
        )
        self.seconds = time.perf_counter() - started
        try:
            messages = json.loads(result.stdout)["messages"]
        except (ValueError, KeyError):
            output = (result.stdout + result.stderr).decode(errors="replace")
            return [f"The Nu HTML Checker gave no report (exit {result.returncode}): {output}"]
        found: list[tuple[str, int, str]] = []
        for message in messages:
            if message["type"] not in FAILING:
                continue
            name = Path(unquote(urlsplit(message.get("url", "")).path)).name
            address, line = self.addresses.get(name, name), message.get("lastLine", 0)
            extract = " ".join(message.get("extract", "").split())
            found.append(
                (
                    address,
                    line,
                    f"{address} ({f'line {line}' if line else 'the page'}): {message['message']}"
                    + (f" in «{extract}»" if extract else ""),
                )
            )
        return [text for *_, text in sorted(found)]


def assert_valid(pages: ReceivedPages) -> None:
    """Fail with every error the Nu HTML Checker finds in the pages received."""
    problems = pages.problems()
    if problems:
        pytest.fail(
            f"The Nu HTML Checker found {len(problems)} error(s) in the pages received:\n"
            + "\n".join(problems),
            pytrace=False,
        )
