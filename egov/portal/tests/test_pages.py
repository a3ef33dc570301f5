from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from egov.accounts.models import User
from egov.audit.models import AuditAction, AuditEvent

PUBLIC_PAGES = [
    reverse("portal:home"),
    reverse("portal:accessibility"),
    reverse("portal:privacy"),
    reverse("accounts:sign_in"),
    reverse("accounts:sign_up"),
    reverse("accounts:forgot_password"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_need_no_account(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert 'href="#main"' in page
    assert "<main" in page
    assert reverse("portal:accessibility") in page


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("en", "Government services, open to everyone"),
        ("ko", 'lang="ko"'),
        ("id", 'lang="id"'),
    ],
)
def test_the_home_page_speaks_each_language(client: Client, language: str, heading: str) -> None:
    client.cookies["django_language"] = language
    page = client.get(reverse("portal:home")).content.decode()
    assert f'<html lang="{language}">' in page
    assert heading in page


@pytest.mark.django_db
def test_choosing_a_language_is_remembered(client: Client) -> None:
    response = client.post(reverse("portal:set_language"), {"language": "ko", "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    assert response.cookies["django_language"].value == "ko"
    assert '<html lang="ko">' in client.get("/privacy/").content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["xx", "", "en-US-x-" + "a" * 5000, "<script>alert(1)</script>"])
def test_an_unknown_language_code_is_explained(client: Client, code: str) -> None:
    response = client.post(reverse("portal:set_language"), {"language": code})
    assert response.status_code == 400
    page = response.content.decode()
    assert "We do not offer that language" in page or "Choose an option for" in page
    assert "<script>alert(1)" not in page
    assert "django_language" not in response.cookies


@pytest.mark.django_db
def test_a_visitor_switches_language_with_a_link_and_is_given_no_other_cookie(
    client: Client,
) -> None:
    page = client.get(reverse("portal:home"))
    # No CSRF token on a visitor's page: nothing there is posted, and it stays cacheable.
    assert page.cookies == {}
    assert 'method="get" action="/language/"' in page.content.decode()
    response = client.get(reverse("portal:set_language"), {"language": "id", "next": "/"})
    assert response.status_code == 302
    # The language, and the mark that a visitor chose it (read at the next sign-in):
    # no session, no CSRF token, so the pages stay cacheable.
    assert sorted(response.cookies) == ["django_language", "egov_language_chosen"]
    assert '<html lang="id">' in client.get("/").content.decode()


def test_a_signed_in_person_switches_language_with_a_form_that_carries_its_token(
    signed_in: Client, citizen: User
) -> None:
    page = signed_in.get(reverse("portal:home")).content.decode()
    assert 'method="post" action="/language/"' in page
    assert 'name="csrfmiddlewaretoken"' in page
    # A link cannot change the profile: only the posted form does.
    signed_in.get(reverse("portal:set_language"), {"language": "ko"})
    citizen.refresh_from_db()
    assert citizen.preferred_language == "en"


@pytest.mark.django_db
def test_a_language_switch_never_redirects_off_site(client: Client) -> None:
    response = client.post(
        reverse("portal:set_language"), {"language": "id", "next": "https://evil.example/"}
    )
    assert response["Location"] == "/"


def test_a_signed_in_choice_is_saved_to_the_profile(signed_in: Client, citizen: User) -> None:
    signed_in.post(reverse("portal:set_language"), {"language": "id"})
    citizen.refresh_from_db()
    assert citizen.preferred_language == "id"
    assert AuditEvent.objects.filter(action=AuditAction.USER_LANGUAGE_CHANGED).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize("slug", ["casino", "tax-refunds", "pension-calculator"])
def test_a_service_that_does_not_exist_is_a_friendly_404(client: Client, slug: str) -> None:
    # No "coming soon" pages: a service exists once it registers itself.
    response = client.get(reverse("portal:service", args=[slug]))
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


@pytest.mark.django_db
def test_an_old_service_link_leads_to_its_home(client: Client) -> None:
    response = client.get(reverse("portal:service", args=["complaints"]))
    assert response.status_code == 302
    assert response["Location"] == reverse("complaints:home")


@pytest.mark.django_db
@pytest.mark.parametrize("url", [reverse("portal:dashboard"), reverse("notifications:centre")])
def test_personal_pages_send_outsiders_to_sign_in(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:sign_in"))


def test_my_government_shows_the_citizens_own_things(signed_in: Client, citizen: User) -> None:
    page = signed_in.get(reverse("portal:dashboard")).content.decode()
    assert "김민수" in page
    assert citizen.email in page
