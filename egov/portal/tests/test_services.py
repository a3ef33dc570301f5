"""The portal shows what services registered, and nothing else."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpRequest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import Settings

from conftest import log_in
from egov.accounts.models import User
from egov.lib import periodic, services
from egov.portal.demo import load_demo

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def registry(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """Services registered by a test are gone after it; its card's template is found."""
    monkeypatch.setattr(services, "_services", dict(services._services))
    monkeypatch.setattr(periodic, "_jobs", dict(periodic._jobs))
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], TEST_TEMPLATES]}
    ]


def libraries_card(request: HttpRequest) -> dict[str, Any] | None:
    if request.user.email.startswith("other"):  # type: ignore[union-attr]
        return None
    return {"loans": 3}


demo_loads: list[int] = []


def load_library_demo() -> int:
    demo_loads.append(1)
    return 7


def register_libraries() -> services.Service:
    service = services.Service(
        slug="libraries",
        name="Public libraries",
        description="Borrow books from any public library with one card.",
        home="portal:accessibility",  # any page will do for a test service
        order=5,
        staff_links=(services.StaffLink("Loan desk", "portal:privacy"),),
        card=services.Card("libraries_card.html", libraries_card),
        periodic_jobs=(
            periodic.PeriodicJob("send overdue reminders", datetime.timedelta(days=1), list),
        ),
        load_demo=load_library_demo,
    )
    services.register(service)
    return service


def test_the_complaints_service_registers_itself() -> None:
    complaints = services.service("complaints")
    assert complaints is not None
    assert complaints.home == "complaints:home"
    assert [link.url_name for link in complaints.staff_links] == [
        "complaints_staff:queue",
        "complaints_search:complaints",
        "complaints_staff:surges",
    ]


@pytest.mark.django_db
@pytest.mark.usefixtures("registry")
def test_a_registered_service_appears_on_the_home_page_and_in_the_menu(client: Client) -> None:
    register_libraries()
    page = client.get(reverse("portal:home")).content.decode()
    assert "Borrow books from any public library with one card." in page
    menu = page[page.index('class="service-nav"') :]
    # In its order: before complaints.
    assert menu.index("Public libraries") < menu.index("Complaints")
    assert reverse("portal:accessibility") in menu
    response = client.get(reverse("portal:service", args=["libraries"]))
    assert response["Location"] == reverse("portal:accessibility")


@pytest.mark.usefixtures("registry")
def test_staff_see_the_links_a_service_adds_and_citizens_do_not(
    client: Client, officer: User, citizen: User
) -> None:
    register_libraries()
    log_in(client, officer)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Loan desk" in page
    assert "Work queue" in page
    log_in(client, citizen)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "Loan desk" not in page
    assert "Work queue" not in page


@pytest.mark.usefixtures("registry")
def test_staff_land_on_the_first_staff_link_the_services_give_them(
    officer: User, citizen: User, platform_admin: User
) -> None:
    assert services.landing_page(officer) == "complaints_staff:queue"
    # A service earlier in the menu whose link staff see: that is where they start.
    register_libraries()
    assert services.landing_page(officer) == "portal:privacy"
    assert services.landing_page(citizen) is None
    # Platform admins see the libraries' link (shown to all staff), not the queue.
    assert services.landing_page(platform_admin) == "portal:privacy"


@pytest.mark.usefixtures("registry")
def test_a_service_card_shows_on_my_government_unless_it_says_none(
    client: Client, citizen: User, other_citizen: User
) -> None:
    register_libraries()
    log_in(client, citizen)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert "You have 3 books on loan." in page
    assert "Your complaints" in page
    log_in(client, other_citizen)
    assert "books on loan" not in client.get(reverse("portal:dashboard")).content.decode()


def test_staff_who_cannot_file_see_no_complaints_card(client: Client, officer: User) -> None:
    log_in(client, officer)
    assert "Your complaints" not in client.get(reverse("portal:dashboard")).content.decode()


@pytest.mark.usefixtures("registry")
def test_a_services_periodic_jobs_go_on_the_schedule() -> None:
    register_libraries()
    jobs = {job.name: job for job in periodic.schedule()}
    assert jobs["send overdue reminders"].every == datetime.timedelta(days=1)
    # Kernel apps register theirs too.
    assert "clear expired sessions" in jobs
    assert jobs["send daily summaries"].at == datetime.time(8, 0)


@pytest.mark.django_db
@pytest.mark.usefixtures("registry")
def test_the_demo_loader_loads_each_services_demo() -> None:
    register_libraries()
    demo_loads.clear()
    assert load_demo()["libraries"] == 7
    assert demo_loads == [1]


@pytest.mark.usefixtures("registry")
def test_a_slug_is_registered_once() -> None:
    register_libraries()
    with pytest.raises(ValueError, match="registered already"):
        register_libraries()


@pytest.mark.usefixtures("registry")
def test_a_job_name_is_registered_once() -> None:
    with pytest.raises(ValueError, match="registered already"):
        periodic.register(
            periodic.PeriodicJob("clear expired sessions", datetime.timedelta(hours=1), list)
        )
