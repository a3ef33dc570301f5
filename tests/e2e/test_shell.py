"""The shell, sign-in for every role, languages, keyboard use and small screens."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from egov.portal.demo import DEMO_PASSWORD, DEMO_USERS
from tests.e2e.conftest import LiveServer, assert_accessible, sign_in

LANGUAGE_BUTTONS = {"en": "English", "ko": "한국어", "id": "Bahasa Indonesia"}
PUBLIC_PAGES = [
    "/",
    "/accounts/sign-in/",
    "/accounts/sign-up/",
    "/accounts/forgot-password/",
    "/accessibility/",
    "/privacy/",
    "/services/complaints/",
    "/no-such-page/",
]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
@pytest.mark.parametrize("language", ["en", "ko", "id"])
def test_public_pages_are_accessible_in_every_language(
    page: Page, path: str, language: str
) -> None:
    page.goto("/")
    page.get_by_role("button", name=LANGUAGE_BUTTONS[language]).click()
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", language)
    assert_accessible(page)


@pytest.mark.parametrize(("email", "name", "role", "language"), [row[:4] for row in DEMO_USERS])
def test_each_demo_role_signs_in_and_its_pages_are_accessible(
    page: Page, email: str, name: str, role: str, language: str
) -> None:
    sign_in(page, email, DEMO_PASSWORD)  # staff land on their work, citizens on My government
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page)
    page.goto("/my/")
    assert name in page.content()
    assert_accessible(page)
    for path in ("/my/notifications/", "/my/data-access/", "/accounts/profile/"):
        page.goto(path)
        assert_accessible(page)


def test_switching_language_changes_the_page_and_is_remembered(page: Page) -> None:
    page.goto("/privacy/")
    page.get_by_role("button", name="한국어").click()
    expect(page).to_have_url(re.compile(r"/privacy/$"))
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    expect(page.get_by_role("link", name="회원가입")).to_be_visible()
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    page.get_by_role("button", name="Bahasa Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("link", name="Daftar")).to_be_visible()


def test_a_signed_in_language_choice_follows_the_account(page: Page) -> None:
    sign_in(page, "siti@egov.example", DEMO_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.context.clear_cookies()
    sign_in(page, "siti@egov.example", DEMO_PASSWORD)
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_a_citizen_signs_up_with_the_keyboard_alone(page: Page, egov_server: LiveServer) -> None:
    page.goto("/accounts/sign-up/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.get_by_label("Name").focus()
    page.keyboard.type("Budi Santoso")
    page.keyboard.press("Tab")
    page.keyboard.type("budi@egov.example")
    page.keyboard.press("Tab")
    page.keyboard.type("short")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Budi Santoso")
    assert_accessible(page)
    page.get_by_label("Password").fill("nasi-goreng-dan-teh-manis")
    page.get_by_label("Preferred language").select_option("id")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", name="Check your email")).to_be_visible()
    assert_accessible(page)

    mail = egov_server.latest_mail("budi@egov.example")
    match = re.search(r"http://\S+/accounts/confirm/\S+/", mail)
    assert match is not None
    page.goto(match.group(0))
    expect(page).to_have_url(re.compile(r"/accounts/sign-in/$"))
    sign_in(page, "budi@egov.example", "nasi-goreng-dan-teh-manis")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.get_by_role("heading", level=1)).to_have_text("Pemerintahan Saya")


def test_a_wrong_password_is_explained_without_a_server_error(page: Page) -> None:
    page.goto("/accounts/sign-in/")
    page.get_by_label("Email address").fill("citizen@egov.example")
    page.get_by_label("Password").fill("not-my-password")
    page.get_by_role("button", name="Sign in").last.click()
    expect(page.get_by_role("alert")).to_contain_text("not correct")
    expect(page.get_by_label("Email address")).to_have_value("citizen@egov.example")
    assert_accessible(page)


def test_the_skip_link_moves_focus_to_the_main_content(page: Page) -> None:
    page.goto("/")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()


@pytest.mark.parametrize("path", ["/", "/accounts/sign-up/", "/privacy/"])
def test_pages_fit_a_320_pixel_screen(page: Page, path: str) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 320


def test_on_a_phone_the_menus_fold_and_the_heading_is_on_the_first_screen(page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 640})
    sign_in(page, "officer@egov.example", DEMO_PASSWORD)  # staff: the longest header
    page.goto("/language/?language=en&next=/my/")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("navigation", name="Services")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_in_viewport()
    # The language stays one tap away, outside the menu.
    expect(page.get_by_role("button", name="Bahasa Indonesia")).to_be_visible()
    assert_accessible(page)
    # By keyboard: the button opens the menus, and they hold every link.
    menu.focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("navigation", name="Services")).to_be_visible()
    expect(page.get_by_role("link", name="Work queue")).to_be_visible()
    assert_accessible(page)
    # Wide again, everything shows and the button goes.
    page.set_viewport_size({"width": 1280, "height": 800})
    expect(menu).to_be_hidden()
    expect(page.get_by_role("link", name="Work queue")).to_be_visible()


def test_on_a_phone_a_list_becomes_cards_labelled_by_their_columns(page: Page) -> None:
    page.set_viewport_size({"width": 360, "height": 640})
    sign_in(page, "citizen@egov.example", DEMO_PASSWORD)
    page.goto("/language/?language=en&next=/complaints/mine/")
    first = page.locator("table.table tbody tr").first
    expect(first.locator("td").first).to_have_attribute("data-label", "Title")
    # One card a row: its cells stack, none beside another.
    boxes = [cell.bounding_box() for cell in first.locator("th, td").all()]
    lefts = {round(box["x"]) for box in boxes if box}
    assert len(lefts) == 1, f"cells side by side at {lefts}"
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert_accessible(page)


def test_the_home_page_is_light(page: Page) -> None:
    sizes: list[int] = []
    page.on("response", lambda response: sizes.append(len(response.body())))
    page.goto("/")
    page.wait_for_load_state("load")
    assert sum(sizes) < 150_000, "the home page weighs more than 150 kB"
