"""Every form of the platform shows its errors as a linked summary at the top.

The walk finds every form class the pages use (each ``BaseForm`` subclass in
an ``egov`` module once every URL's view is imported), submits it empty, and
checks the summary the shared template draws: each field error is a link to
that field's input, which exists in the form's own markup; the summary takes
the focus and has an id a form's action can open the page at; no message is
Django's generic "This field is required"; and the page title starts "Error:".
A second check proves that every template that draws fields draws a summary.
"""

from __future__ import annotations

import datetime
import html
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.conf import settings
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import get_resolver
from django.utils import timezone

from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.complaints import actions
from egov.complaints.views.public import default_periods
from egov.lib import forms as egov_forms
from egov.lib.forms import error_links, field_anchor, summary_id
from egov.participation import actions as participation
from egov.permits import actions as permits
from egov.permits.tests.conftest import version_spec

# The complaint types are the complaints app's own (its models are not imported here).
GRIEVANCE: Any = "grievance"


def _subclasses(cls: type[Any]) -> Iterator[type[Any]]:
    subclasses: list[type[Any]] = cls.__subclasses__()
    for sub in subclasses:
        yield sub
        yield from _subclasses(sub)


def platform_forms() -> list[type[forms.BaseForm]]:
    get_resolver().url_patterns  # noqa: B018 (importing every view imports every form)
    found = {
        cls
        for cls in _subclasses(forms.BaseForm)
        if cls.__module__.startswith("egov.") and ".tests" not in cls.__module__
    }
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__name__}")


@pytest.fixture
def complaint(citizen: User, platform_admin: User, agency: Agency, unit: Unit) -> Any:
    category = actions.create_category(
        actor=platform_admin,
        code="streetlights",
        name_en="Streetlights",
        name_ko="가로등",
        name_id="Lampu jalan",
        default_agency=agency,
    )
    actions.set_routing(actor=platform_admin, category=category, agency=agency, unit=unit)
    return actions.submit_complaint(
        citizen=citizen,
        type=GRIEVANCE,
        category=category,
        title="Dark streetlight",
        body="The streetlight has been dark for a week.",
        is_public=False,
    )


@pytest.fixture
def services(officer: User, agency: Agency, unit: Unit, other_unit: Unit) -> dict[str, Any]:
    """A real record of each other service, for the forms that are made for one."""
    permit_type = permits.create_permit_type(
        actor=None,
        code="road-occupation",
        agency=agency,
        name_en="Road occupation permit",
        name_ko="도로점용허가",
        name_id="Izin penggunaan jalan",
        spec=version_spec(unit, other_unit),
    )
    consultation = participation.open_consultation(
        actor=officer,
        question="Should the market close on Sundays?",
        description="",
        options=["Yes", "No"],
        closes_at=timezone.now() + datetime.timedelta(days=7),
    )
    return {"version": permit_type.current_version(), "consultation": consultation, "unit": unit}


def _build(
    cls: type[forms.BaseForm], complaint: Any, services: dict[str, Any], data: dict[str, Any]
) -> Any:
    name = cls.__name__
    service = cls.__module__.split(".")[1]
    make: Any = cls
    if service == "permits":
        if name in {"ApplyForm", "CounterForm", "RevisionForm"}:
            return make(data, version=services["version"])
        if name in {"AbsenceForm", "ReassignForm"}:
            return make(data, unit=services["unit"])
        return make(data)
    if service == "participation" and name == "VoteForm":
        return make(data, consultation_id=services["consultation"].pk)
    if name in {"AssignForm", "ExtendForm", "TransferForm"}:
        return make(complaint, data)
    if name in {"ChangeEmailForm", "ChangePasswordForm", "CurrentPasswordForm", "SetPasswordForm"}:
        return make(complaint.citizen, data)
    if name == "SignInForm":
        return make(RequestFactory().post("/"), data)
    if name == "ComplaintForm":
        return make(data, periods=default_periods())
    return make(data)


def test_the_walk_finds_the_platforms_forms() -> None:
    names = {cls.__name__ for cls in platform_forms()}
    assert {"ComplaintForm", "SignInForm", "AnswerForm", "ClosureForm", "PreferencesForm"} <= names


@pytest.mark.django_db
@pytest.mark.parametrize("cls", platform_forms(), ids=lambda cls: cls.__name__)
def test_every_form_renders_its_errors_as_a_linked_summary_at_the_top(
    cls: type[forms.BaseForm], complaint: Any, services: dict[str, Any]
) -> None:
    assert issubclass(cls, egov_forms.Form), f"{cls.__name__} must derive from egov.lib.forms.Form"
    form = _build(cls, complaint, services, {})
    if form.is_valid():
        # Nothing is required: an action's refusal is what such a form shows.
        form.add_error(None, "The step was refused.")
    summary = render_to_string("_error_summary.html", {"form": form})
    fields = render_to_string("_form.html", {"form": form}).replace(summary, "")
    ident = summary_id(form)
    assert f'id="{ident}"' in summary
    assert 'role="alert" tabindex="-1" autofocus' in summary
    assert "There is a problem" in summary
    for error in form.non_field_errors():
        assert f"<li>{html.escape(error)}</li>" in summary
    for name, messages in form.errors.items():
        for message in messages:
            assert message != "This field is required.", (cls.__name__, name)
    for link in error_links(form):
        if link.anchor:
            assert f'<a href="#{link.anchor}">{html.escape(link.message)}</a>' in summary
            assert f'id="{link.anchor}"' in fields, (cls.__name__, link.anchor)
    for name in form.errors:
        if name in form.fields and not form[name].is_hidden:
            assert field_anchor(form[name]), (cls.__name__, name)
    title = Template("{% load forms %}{% error_title_prefix %}").render(Context({"form": form}))
    assert title == "Error: "


def test_a_page_without_errors_has_no_prefix_in_its_title() -> None:
    clean = Template("{% load forms %}{% error_title_prefix %}").render(Context({"x": 1}))
    assert clean == ""


def test_every_template_that_draws_fields_draws_the_summary() -> None:
    roots = [
        Path(settings.BASE_DIR) / "templates",
        *Path(settings.BASE_DIR).glob("egov/*/templates"),
    ]
    missing = []
    for root in roots:
        for template in root.rglob("*.html"):
            text = template.read_text(encoding="utf-8")
            if (
                re.search(r'include "_field\.html"', text)
                and not re.search(r'include "_(error_summary|form)\.html"', text)
                and template.name != "_form.html"
            ):
                missing.append(str(template.relative_to(settings.BASE_DIR)))
    assert missing == []
