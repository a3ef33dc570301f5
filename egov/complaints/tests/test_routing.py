"""Routing by district: the right office the first time, and the agency that does handle it."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from conftest import log_in
from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.audit.models import AuditAction, AuditEvent
from egov.complaints import actions
from egov.complaints.demo import CATEGORIES, DISTRICT_OFFICES
from egov.complaints.models import Category, Complaint, ComplaintType, DistrictOffice
from egov.complaints.routing import find_route
from egov.complaints.tests.conftest import submit
from egov.lib import regions
from egov.portal.demo import load_demo

JONGNO = "11110"
MAPO = "11440"
BUSAN_JUNG = "26110"
# The subjects a district office answers itself; the others go up to the city when it
# handles them (Seoul's audit committee takes corruption reports), else to the national
# agency that is the category's default.
LOCAL = {"roads", "parking", "noise", "sanitation", "housing"}
ABOVE = {"corruption": "seoul", "foreign-workers": "moel"}


def district(code: str) -> regions.District:
    found = regions.district(code)
    assert found is not None
    return found


@pytest.mark.django_db
def test_every_demo_category_routes_in_every_demo_district() -> None:
    load_demo()
    for district_code, office_code in DISTRICT_OFFICES:
        for code, *_names in CATEGORIES:
            category = Category.objects.get(code=code)
            route = find_route(category, district(district_code), None)
            assert route.unit is not None, (district_code, code)
            expected = office_code if code in LOCAL else ABOVE[code]
            assert route.unit.agency.code == expected, (district_code, code)


@pytest.mark.django_db
def test_a_roads_complaint_about_jongno_goes_to_jongno_not_to_the_default_mapo() -> None:
    load_demo()
    roads = Category.objects.get(code="roads")
    assert roads.default_agency is not None
    assert roads.default_agency.code == "seoul-mapo"
    kim = User.objects.get(email="citizen@egov.example")
    complaint = actions.submit_complaint(
        citizen=kim,
        type=ComplaintType.GRIEVANCE,
        category=roads,
        district=district(JONGNO),
        title="보도블록 파손",
        body="율곡로 보도블록이 깨져 있습니다.",
        is_public=False,
    )
    assert (complaint.agency.code, complaint.unit.code) == ("seoul-jongno", "construction")
    assert complaint.district_code == JONGNO
    assert complaint.district == district(JONGNO)
    event = AuditEvent.objects.filter(action=AuditAction.COMPLAINT_SUBMITTED).last()
    assert event is not None
    assert event.detail["district"] == JONGNO


@pytest.mark.django_db
def test_a_district_with_no_office_never_falls_back_to_another_districts_office() -> None:
    load_demo()
    roads = Category.objects.get(code="roads")
    assert find_route(roads, district(BUSAN_JUNG), None).unit is None
    with pytest.raises(ValidationError) as error:
        actions.submit_complaint(
            citizen=User.objects.get(email="citizen@egov.example"),
            type=ComplaintType.GRIEVANCE,
            category=roads,
            district=district(BUSAN_JUNG),
            title="Pothole",
            body="A pothole on Jungang-daero.",
            is_public=False,
        )
    assert "district_code" in error.value.error_dict
    assert "No office on egov takes complaints about" in str(error.value)
    # A national subject still goes to its national agency from anywhere.
    workers = Category.objects.get(code="foreign-workers")
    unit = find_route(workers, district(BUSAN_JUNG), None).unit
    assert unit is not None
    assert unit.agency.code == "moel"


@pytest.mark.django_db
def test_without_a_district_the_default_agency_takes_it_as_before(
    citizen: User, category: Category, agency: Agency, unit: Unit
) -> None:
    assert find_route(category, None, None).unit == unit
    assert submit(citizen, category).unit == unit


@pytest.mark.django_db
def test_an_agency_that_does_not_handle_the_category_names_the_one_that_does(
    category: Category, agency: Agency, other_agency: Agency
) -> None:
    route = find_route(category, None, other_agency)
    assert route.unit is None
    assert (route.refused_by, route.suggestion) == (other_agency, agency)
    refusal = actions.route_refusal(route, category, None)
    assert f"{other_agency.name} does not handle this category; {agency.name} does" in str(refusal)


@pytest.mark.django_db
def test_setting_a_district_office_is_audited_and_needs_the_agencys_administrator(
    platform_admin: User, officer: User, agency: Agency
) -> None:
    with pytest.raises(PermissionDenied):
        actions.set_district_office(actor=officer, district=district(JONGNO), agency=agency)
    office = actions.set_district_office(
        actor=platform_admin, district=district(JONGNO), agency=agency
    )
    assert DistrictOffice.objects.get() == office
    assert AuditEvent.objects.filter(action=AuditAction.COMPLAINT_DISTRICT_OFFICE_SET).count() == 1
    # The same again changes nothing and records nothing.
    actions.set_district_office(actor=platform_admin, district=district(JONGNO), agency=agency)
    assert AuditEvent.objects.filter(action=AuditAction.COMPLAINT_DISTRICT_OFFICE_SET).count() == 1


# ---- the pages ----------------------------------------------------------------------------


def filing(subject: Category, /, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "grievance",
        "category": subject.code,
        "district": "",
        "agency": "",
        "title": "Streetlight dark for a week",
        "body": "The streetlight in front of 12 Yulgok-ro has been dark for a week.",
        "location_text": "12 Yulgok-ro",
        "visibility": "private",
    }
    data.update(overrides)
    return data


@pytest.fixture
def citizen_client(client: Client, citizen: User) -> Client:
    return log_in(client, citizen)


@pytest.mark.django_db
def test_the_check_page_says_where_it_will_go_and_keeps_every_answer(
    citizen_client: Client, category: Category, platform_admin: User, agency: Agency, unit: Unit
) -> None:
    actions.set_district_office(actor=platform_admin, district=district(JONGNO), agency=agency)
    page = citizen_client.post(
        reverse("complaints:new"), filing(category, district=JONGNO, step="check")
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert f"This will go to {unit.name}, {agency.name}." in text
    assert "Check your answers" in text
    assert f'name="district" value="{JONGNO}"' in text
    assert 'value="Streetlight dark for a week"' in text
    assert "Jongno-gu, Seoul" in text
    assert not Complaint.objects.exists()
    # "Change" opens the form with every answer as it was.
    back = citizen_client.post(
        reverse("complaints:new"), filing(category, district=JONGNO, step="change")
    ).content.decode()
    assert f'<option value="{JONGNO}" selected>' in back
    assert 'value="Streetlight dark for a week"' in back
    assert "error-summary" not in back
    # Sending from the check page files it, in the district's office.
    sent = citizen_client.post(reverse("complaints:new"), filing(category, district=JONGNO))
    assert sent.status_code == 302
    assert Complaint.objects.get().district_code == JONGNO


@pytest.mark.django_db
def test_the_form_offers_the_agency_that_handles_the_subject_in_one_step(
    citizen_client: Client,
    category: Category,
    agency: Agency,
    other_agency: Agency,
    unit: Unit,
    unit_of_other_agency: Unit,
    platform_admin: User,
) -> None:
    # The other agency handles some subject, so it is on offer, but not streetlights.
    noise = actions.create_category(
        actor=platform_admin, code="noise", name_en="Noise", name_ko="소음", name_id="Kebisingan"
    )
    actions.set_routing(
        actor=platform_admin, category=noise, agency=other_agency, unit=unit_of_other_agency
    )
    page = citizen_client.post(
        reverse("complaints:new"), filing(category, agency=other_agency.code, step="check")
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert f"{agency.name} handles this subject." in text
    assert f'name="use_agency" value="{agency.code}"' in text
    taken = citizen_client.post(
        reverse("complaints:new"),
        filing(category, agency=other_agency.code, use_agency=agency.code),
    )
    assert taken.status_code == 200
    assert f"This will go to {unit.name}, {agency.name}." in taken.content.decode()
    assert f'name="agency" value="{agency.code}"' in taken.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "value", ["99999", "11110' OR 1=1", "<script>", "1" * 5000, "\uff11\uff11\uff11\uff11\uff10"]
)
def test_a_district_that_is_not_on_the_list_is_refused_in_words(
    citizen_client: Client, category: Category, value: str
) -> None:
    page = citizen_client.post(
        reverse("complaints:new"), filing(category, district=value, step="check")
    )
    assert page.status_code == 200
    assert "Choose a district from the list." in page.content.decode()
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_a_hostile_offered_agency_is_refused_in_words(
    citizen_client: Client, category: Category
) -> None:
    page = citizen_client.post(reverse("complaints:new"), filing(category, use_agency="<nope>"))
    assert page.status_code == 200
    assert not Complaint.objects.exists()


@pytest.mark.django_db
def test_the_check_page_shows_similar_public_complaints_already_answered(client: Client) -> None:
    load_demo()
    siti = User.objects.get(email="siti@egov.example")
    log_in(client, siti)
    answered = Complaint.objects.get(title="학교 앞 횡단보도 불법 주차")
    data = {
        "type": "grievance",
        "category": "parking",
        "district": JONGNO,
        "agency": "",
        "title": "횡단보도 불법 주차",
        "body": "아침마다 횡단보도에 차가 서 있습니다.",
        "location_text": "",
        "visibility": "private",
        "step": "check",
    }
    page = client.post(reverse("complaints:new"), data).content.decode()
    assert 'aria-labelledby="similar-heading"' in page
    assert reverse("complaints:public_detail", args=[answered.receipt_number]) in page
    # Another district's complaints are not offered.
    elsewhere = client.post(reverse("complaints:new"), {**data, "district": MAPO}).content.decode()
    assert "similar-heading" not in elsewhere


@pytest.mark.django_db
def test_similar_answered_complaints_are_found_while_the_citizen_types(client: Client) -> None:
    load_demo()
    log_in(client, User.objects.get(email="siti@egov.example"))
    answered = Complaint.objects.get(title="학교 앞 횡단보도 불법 주차")
    typed = {"category": "parking", "district": JONGNO, "title": "횡단보도 불법 주차", "body": ""}
    fragment = client.get(reverse("complaints:similar"), typed)
    assert fragment.status_code == 200
    assert reverse("complaints:public_detail", args=[answered.receipt_number]) in (
        fragment.content.decode()
    )
    # Nothing chosen yet, another district, or nothing typed: nothing to show.
    partials = ({**typed, "category": ""}, {**typed, "district": MAPO}, {"category": "parking"})
    for partial in partials:
        response = client.get(reverse("complaints:similar"), partial)
        assert response.status_code == 200
        assert "similar-heading" not in response.content.decode()


@pytest.mark.parametrize(
    "hostile",
    [
        {"category": "no-such-subject"},
        {"district": "99999"},
        {"title": "x" * 100_000},
        {"body": "\x00"},
    ],
)
def test_the_live_look_refuses_bad_input_with_a_400_and_an_empty_list(
    client: Client, citizen: User, hostile: dict[str, str]
) -> None:
    log_in(client, citizen)
    response = client.get(reverse("complaints:similar"), hostile)
    assert response.status_code == 400
    assert response.content.decode().strip() == ""


@pytest.mark.django_db
def test_the_live_look_needs_a_sign_in_like_the_form(client: Client) -> None:
    response = client.get(reverse("complaints:similar"), {"title": "주차"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/sign-in/")
