"""Saved searches with daily alerts of new matches, and the Atom feed of a search."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.test import Client
from django.utils import timezone

from conftest import log_in
from egov.accounts.models import User
from egov.jobs import actions
from egov.jobs.models import Company, SavedSearch
from egov.jobs.tests.conftest import publish
from egov.notifications.models import Notification


def test_a_saved_search_alerts_once_of_new_matches_only(
    client: Client,
    citizen: User,
    company_owner: User,
    verified_company: Company,
    run_on_commit: Callable[[], Any],
) -> None:
    log_in(client, citizen)
    response = client.post(
        "/jobs/saved/", {"name": "종로 경비", "query": "q=경비&province=11&after=junk&x=1"}
    )
    assert response.status_code == 302
    saved = SavedSearch.objects.get()
    assert "after" not in saved.query
    SavedSearch.objects.filter(pk=saved.pk).update(
        alerted_up_to=timezone.now() - datetime.timedelta(minutes=1)
    )
    publish(company_owner)
    publish(company_owner, title="간호조무사", description="외래 보조", skills="")
    with run_on_commit():
        assert actions.send_search_alerts() == 1
    assert Notification.objects.filter(recipient=citizen).count() == 1
    assert actions.send_search_alerts() == 0


def test_a_search_that_the_form_refuses_is_not_saved(client: Client, citizen: User) -> None:
    log_in(client, citizen)
    response = client.post("/jobs/saved/", {"name": "x", "query": "min_salary=-1"})
    assert response.status_code == 200
    assert not SavedSearch.objects.exists()
    assert client.post("/jobs/saved/", {"name": "", "query": ""}).status_code == 200
    assert not SavedSearch.objects.exists()


def test_only_the_owner_deletes_a_saved_search(
    client: Client, citizen: User, other_citizen: User
) -> None:
    saved = actions.save_search(user=citizen, name="경비", query="q=경비")
    log_in(client, other_citizen)
    assert client.post(f"/jobs/saved/{saved.pk}/delete/").status_code == 404
    log_in(client, citizen)
    assert client.post(f"/jobs/saved/{saved.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.exists()


def test_the_atom_feed_lists_a_searchs_newest_postings(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    guard = publish(company_owner)
    publish(company_owner, title="간호조무사", description="외래 보조", skills="")
    response = client.get("/jobs/feed/?q=경비")
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = response.content.decode()
    assert feed.count("<entry>") == 1
    assert f"/jobs/{guard.pk}/" in feed
    assert client.get("/jobs/feed/?min_salary=abc").status_code == 404
