"""A posting as schema.org JobPosting JSON-LD, for Google's job results.

Google requires ``title``, ``description``, ``datePosted``,
``hiringOrganization`` and ``jobLocation`` (or, for remote work,
``jobLocationType: TELECOMMUTE`` with ``applicantLocationRequirements``), and
recommends ``validThrough``, ``employmentType``, ``baseSalary``,
``identifier``, ``directApply``, ``educationRequirements`` and
``experienceRequirements``: every one is filled from the posting.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from egov.jobs.models import Posting


def job_posting(posting: Posting, *, url: str) -> dict[str, Any]:
    district = posting.district
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": "<p>" + escape(posting.description).replace("\n", "<br>") + "</p>",
        "datePosted": (posting.date_posted or posting.created_at).isoformat(),
        "validThrough": f"{posting.valid_through.isoformat()}T23:59:59+09:00",
        "employmentType": posting.employment_type,
        "url": url,
        "directApply": False,
        "identifier": {
            "@type": "PropertyValue",
            "name": posting.company.name,
            "value": str(posting.pk),
        },
        "hiringOrganization": {
            "@type": "Organization",
            "name": posting.company.name,
            **({"sameAs": posting.company.website} if posting.company.website else {}),
        },
        "baseSalary": {
            "@type": "MonetaryAmount",
            "currency": "KRW",
            "value": {
                "@type": "QuantitativeValue",
                "minValue": posting.salary_min,
                "maxValue": posting.salary_max,
                "unitText": posting.salary_unit,
            },
        },
        "occupationalCategory": f"ISCO-08 {posting.occupation_code}",
        "totalJobOpenings": posting.openings,
        "workHours": posting.working_hours,
    }
    if posting.skills:
        data["skills"] = posting.skills
    if posting.benefits:
        data["jobBenefits"] = posting.benefits
    if posting.education:
        data["educationRequirements"] = {
            "@type": "EducationalOccupationalCredential",
            "credentialCategory": posting.education,
        }
    if posting.experience_years:
        data["experienceRequirements"] = {
            "@type": "OccupationalExperienceRequirements",
            "monthsOfExperience": posting.experience_years * 12,
        }
    else:
        data["experienceRequirements"] = "no requirements"
    if posting.remote:
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {
            "@type": "Country",
            "name": posting.applicant_country or "KR",
        }
    if district is not None:
        data["jobLocation"] = {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": district.name_ko,
                "addressRegion": district.province.name_ko,
                "addressCountry": "KR",
            },
        }
    return data


def script(data: dict[str, Any]) -> SafeString:
    """The JSON inside a ``<script type="application/ld+json">``, safe from ``</script>``."""
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(text)  # noqa: S308 - every markup character is escaped above
