"""Browser tests: the real server, Debian's Chromium through Playwright, axe-core.

Every page a browser context receives is kept and checked by the Nu HTML
Checker once, at the end of the run (``validation.py``).

A session-wide server runs ``manage.py runserver`` against a fresh SQLite file
with the demo data, exactly as ``make run`` does: sent emails and text
messages go to the development outbox (files), so that tests can follow
confirmation links and read the outbox page.
"""

from __future__ import annotations

import email
import email.policy
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from egov.accounts import mfa
from egov.portal.demo import DEMO_TOTP_SECRET
from tests.e2e.validation import ReceivedPages, assert_valid, is_recording

ROOT = Path(__file__).resolve().parents[2]
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The hook sees every collected test; mark only the ones in this folder.
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.browser)


@dataclass(frozen=True)
class LiveServer:
    url: str
    workdir: Path

    @property
    def outbox_dir(self) -> Path:
        return self.workdir / "outbox"

    def latest_mail(self, to: str) -> str:
        """The newest email to ``to``: its subject and its text."""
        # The outbox names each file after the moment it was written.
        for path in sorted(self.outbox_dir.glob("*.eml"), reverse=True):
            message: Any = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if message["To"] == to:
                return f"{message['Subject']}\n\n{message.get_body(('plain',)).get_content()}"
        raise AssertionError(f"no mail to {to}")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _chromium() -> str:
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        pytest.fail(
            "Debian's chromium is missing: `make test` installs it (apt-get install chromium)"
        )
    return path


@pytest.fixture(scope="session")
def egov_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    workdir = tmp_path_factory.mktemp("server")
    port = _free_port()
    env = {
        **os.environ,
        "EGOV_ENV": "development",
        "DEBUG": "0",
        "DATABASE_URL": f"sqlite:///{workdir}/egov.sqlite3",
        "OUTBOX_DIR": str(workdir / "outbox"),
        "PAGE_CACHE_DIR": str(workdir / "pages"),
        "TASK_BACKEND": "immediate",
        "SITE_URL": f"http://127.0.0.1:{port}",
    }
    manage = [sys.executable, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v", "0"], ["load_demo"]):
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)
    log = (workdir / "server.log").open("w")
    server = subprocess.Popen(
        [*manage, "runserver", f"127.0.0.1:{port}", "--noreload"],
        env=env,
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1)  # noqa: S310 - our own local server
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                raise RuntimeError((workdir / "server.log").read_text()) from None
            time.sleep(0.2)
    yield LiveServer(url=url, workdir=workdir)
    server.terminate()
    server.wait(timeout=10)
    log.close()
    errors = [line for line in (workdir / "server.log").read_text().splitlines() if " 500 " in line]
    assert errors == [], "the server answered 500"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


RECEIVED_PAGES = pytest.StashKey[ReceivedPages]()


@pytest.fixture(scope="session", autouse=True)
def received_pages(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[ReceivedPages]:
    """Every page the run receives, validated by the Nu HTML Checker in one call at the end."""
    pages = ReceivedPages(tmp_path_factory.mktemp("received-pages"))
    request.config.stash[RECEIVED_PAGES] = pages
    yield pages
    assert_valid(pages)


def pytest_terminal_summary(
    terminalreporter: pytest.TerminalReporter, config: pytest.Config
) -> None:
    pages = config.stash.get(RECEIVED_PAGES, None)
    if pages is not None and pages.seconds is not None:
        terminalreporter.write_line(
            f"Nu HTML Checker: {len(pages.addresses)} distinct pages of {pages.received}"
            f" received checked in {pages.seconds:.1f} s"
            f" ({pages.interrupted} left by the tab before they loaded)"
        )


def new_context(
    browser: Browser, server: LiveServer, pages: ReceivedPages, **options: Any
) -> BrowserContext:
    """A browser context on the test server whose every page is kept for the HTML checker."""
    # bypass_csp lets the test inject axe-core into pages whose policy forbids it.
    return pages.open(browser, base_url=server.url, bypass_csp=True, **options)


@pytest.fixture
def context(
    browser: Browser, egov_server: LiveServer, received_pages: ReceivedPages
) -> Iterator[BrowserContext]:
    context = new_context(browser, egov_server, received_pages, locale="en-GB")
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def assert_accessible(page: Page) -> None:
    """Run axe-core's WCAG 2.2 A and AA rules on the page as it is now."""
    # The HTML checker sees only the pages of contexts made by new_context().
    assert is_recording(page.context), "open browser contexts with new_context()"
    page.add_script_tag(path=str(AXE_SCRIPT))
    result: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS
    )
    violations = [
        f"{violation['id']}: {violation['help']} -> "
        + ", ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in result["violations"]
    ]
    assert violations == [], f"axe found problems on {page.url}"


_last_step: dict[str, int] = {}
# Authenticator keys enrolled during the run; demo staff use the published one.
enrolled_secrets: dict[str, str] = {}


def demo_code(email: str) -> str:
    """A fresh code from the account's authenticator key: each time step works only once."""
    secret = enrolled_secrets.get(email, DEMO_TOTP_SECRET)
    while True:
        current = int(time.time() // mfa.STEP_SECONDS)
        step = max(current, _last_step.get(email, 0) + 1)
        if step <= current + 1:
            _last_step[email] = step
            return mfa.code_at(secret, step * mfa.STEP_SECONDS)
        time.sleep(1)


def sign_in(page: Page, email: str, password: str) -> None:
    page.goto("/accounts/sign-in/")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill(password)
    page.locator("input[name=password]").press("Enter")
    page.wait_for_load_state()
    if "/sign-in/verify/" in page.url:
        assert_accessible(page)
        page.locator("input[name=code]").fill(demo_code(email))
        page.locator("input[name=code]").press("Enter")
    # Citizens land on My government, staff on their first staff page (their queue).
    page.wait_for_url(lambda url: "/accounts/sign-in/" not in url)
