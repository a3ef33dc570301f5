"""The Nu HTML Checker fails the run on an invalid page, naming the page and the error.

The broken page carries the two defects the checker once found on egov's
pages: a time with six digits of fractional seconds, and a home-address
autofill token on a one-line input. It is served to a browser context of its
own, watched like every other, so the run's own pages stay unaffected.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Route

from tests.e2e.conftest import LiveServer, new_context
from tests.e2e.validation import ReceivedPages, assert_valid

BROKEN = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Broken</title></head><body><main>
<p>Received <time datetime="2026-11-29T22:31:02.509260+09:00">29 November 2026</time></p>
<label>Location <input name="location" autocomplete="street-address"></label>
</main></body></html>
"""


def serve_the_broken_page(route: Route) -> None:
    route.fulfill(status=200, content_type="text/html; charset=utf-8", body=BROKEN)


def test_an_invalid_page_fails_the_run_with_its_address_and_the_error(
    browser: Browser, egov_server: LiveServer, tmp_path_factory: pytest.TempPathFactory
) -> None:
    pages = ReceivedPages(tmp_path_factory.mktemp("broken-pages"))
    context = new_context(browser, egov_server, pages)
    page = context.new_page()
    page.route("**/broken/", serve_the_broken_page)
    page.goto("/privacy/")
    page.goto("/privacy/")  # the same page twice is checked once
    page.goto("/broken/")
    context.close()

    with pytest.raises(pytest.fail.Exception) as failure:
        assert_valid(pages)

    assert pages.received == 3
    assert sorted(pages.addresses.values()) == [
        f"{egov_server.url}/broken/",
        f"{egov_server.url}/privacy/",
    ]
    report = str(failure.value)
    assert "found 2 error(s)" in report
    assert (
        f"{egov_server.url}/broken/ (line 3): Bad value “2026-11-29T22:31:02.509260+09:00”"
        " for attribute “datetime” on element “time”"
    ) in report
    assert f"{egov_server.url}/broken/ (line 4): " in report
    assert "“street-address”" in report
    assert "/privacy/" not in report  # a valid page is not named
    assert pages.seconds is not None
