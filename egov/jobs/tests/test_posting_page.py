"""The posting page: plain facts, how and by when to apply, and its JSON-LD JobPosting."""

from __future__ import annotations

import json
import re
from typing import Any

from django.test import Client

from conftest import log_in
from egov.accounts.models import User
from egov.jobs.models import Company
from egov.jobs.tests.conftest import publish

# The schema.org types each property of ours may hold, per type (schema.org 28.x).
SCHEMA: dict[str, dict[str, set[str]]] = {
    "JobPosting": {
        "title": {"Text"},
        "description": {"Text"},
        "datePosted": {"Date", "DateTime"},
        "validThrough": {"Date", "DateTime"},
        "employmentType": {"Text"},
        "url": {"URL"},
        "directApply": {"Boolean"},
        "identifier": {"PropertyValue"},
        "hiringOrganization": {"Organization"},
        "baseSalary": {"MonetaryAmount"},
        "occupationalCategory": {"Text"},
        "totalJobOpenings": {"Integer"},
        "workHours": {"Text"},
        "skills": {"Text"},
        "jobBenefits": {"Text"},
        "educationRequirements": {"EducationalOccupationalCredential", "Text"},
        "experienceRequirements": {"OccupationalExperienceRequirements", "Text"},
        "jobLocation": {"Place"},
        "jobLocationType": {"Text"},
        "applicantLocationRequirements": {"Country", "AdministrativeArea"},
    },
    "PropertyValue": {"name": {"Text"}, "value": {"Text"}},
    "Organization": {"name": {"Text"}, "sameAs": {"URL"}},
    "MonetaryAmount": {"currency": {"Text"}, "value": {"QuantitativeValue"}},
    "QuantitativeValue": {"minValue": {"Number"}, "maxValue": {"Number"}, "unitText": {"Text"}},
    "EducationalOccupationalCredential": {"credentialCategory": {"Text"}},
    "OccupationalExperienceRequirements": {"monthsOfExperience": {"Number"}},
    "Place": {"address": {"PostalAddress"}},
    "PostalAddress": {
        "addressLocality": {"Text"},
        "addressRegion": {"Text"},
        "addressCountry": {"Text"},
    },
    "Country": {"name": {"Text"}},
}
GOOGLE_REQUIRED = {"title", "description", "datePosted", "hiringOrganization"}
GOOGLE_RECOMMENDED = {"validThrough", "employmentType", "baseSalary", "identifier", "directApply"}
DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2})?")


def _fits(value: Any, kinds: set[str]) -> bool:
    if isinstance(value, dict):
        return value.get("@type") in kinds
    if isinstance(value, bool):
        return "Boolean" in kinds
    if isinstance(value, int):
        return bool({"Integer", "Number"} & kinds)
    if isinstance(value, str):
        if {"Date", "DateTime"} & kinds:
            return bool(DATE.fullmatch(value))
        if "URL" in kinds:
            return value.startswith(("https://", "http://"))
        return "Text" in kinds
    return False


def _check(node: dict[str, Any]) -> None:
    kind = node["@type"]
    assert kind in SCHEMA, kind
    for name, value in node.items():
        if name in ("@type", "@context"):
            continue
        assert name in SCHEMA[kind], f"{kind} has no property {name}"
        assert _fits(value, SCHEMA[kind][name]), f"{kind}.{name} = {value!r}"
        if isinstance(value, dict):
            _check(value)


def jsonld(page: str) -> dict[str, Any]:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert match is not None
    data: dict[str, Any] = json.loads(match.group(1))
    return data


def test_the_json_ld_uses_only_schema_org_job_posting_properties_and_types(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    for posting in (
        publish(company_owner, education="high school", experience_years=2),
        publish(company_owner, district_code="", remote=True, applicant_country="KR"),
    ):
        data = jsonld(client.get(f"/jobs/{posting.pk}/").content.decode())
        assert data["@context"] == "https://schema.org/"
        assert data["@type"] == "JobPosting"
        _check(data)
        assert set(data) >= GOOGLE_REQUIRED
        assert set(data) >= GOOGLE_RECOMMENDED
        # A place, or remote work with where applicants must be.
        assert "jobLocation" in data or (
            data["jobLocationType"] == "TELECOMMUTE" and "applicantLocationRequirements" in data
        )


def test_the_json_ld_cannot_be_broken_out_of(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    posting = publish(company_owner, title="경비 </script><script>alert(1)</script>")
    page = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert "<script>alert(1)" not in page
    assert jsonld(page)["title"] == posting.title


def test_the_page_says_how_to_apply_by_when_with_the_pay_and_the_badge(
    client: Client, company_owner: User, verified_company: Company
) -> None:
    posting = publish(company_owner)
    page = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert "How to apply" in page
    assert "Apply by" in page
    assert "2,200,000\u20132,600,000 won per month" in page
    assert "Verified employer" in page
    assert "Posted by the employer on egov" in page


def test_a_draft_is_seen_by_its_company_only(
    client: Client, company_owner: User, verified_company: Company, citizen: User
) -> None:
    posting = publish(company_owner, description="남자만")
    assert client.get(f"/jobs/{posting.pk}/").status_code == 404
    log_in(client, citizen)
    assert client.get(f"/jobs/{posting.pk}/").status_code == 404
    log_in(client, company_owner)
    page = client.get(f"/jobs/{posting.pk}/").content.decode()
    assert "남자만" in page
    assert "application/ld+json" not in page


def test_a_missing_posting_is_a_404(client: Client, db: None) -> None:
    assert client.get("/jobs/999999/").status_code == 404
    assert client.get("/jobs/99999999999999999/").status_code == 404
