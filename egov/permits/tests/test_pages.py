"""The pages: the tracker shows every step to anyone and the applicant to nobody else."""

from __future__ import annotations

import datetime
import json

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from conftest import assert_only_these_can_see, log_in
from egov.accounts.models import User
from egov.permits import actions
from egov.permits.models import Application, ApplicationStep, PermitType, Status
from egov.permits.tests.conftest import pdf

PERSONAL = ("김민수", "citizen@test.example", "010-1234-5678", "자하문로", "Scaffolding")


def _worked(application: Application, officer: User) -> Application:
    step = application.steps.order_by("position")[0]
    actions.start_step(actor=officer, application=application, step=step)
    ApplicationStep.objects.filter(pk=step.pk).update(
        expected_at=timezone.now() - datetime.timedelta(minutes=30)
    )
    actions.complete_step(
        actor=officer,
        application=application,
        step=step,
        delay_reason="Surveyor away; call 010-9876-5432",
    )
    return application


def _body(response: HttpResponseBase) -> str:
    if isinstance(response, StreamingHttpResponse):
        return b"".join(response.streaming_content).decode()  # type: ignore[arg-type]
    assert isinstance(response, HttpResponse)
    return response.content.decode()


def test_the_tracker_shows_every_step_and_masks_the_applicant(
    client: Client, application: Application, officer: User
) -> None:
    _worked(application, officer)
    response = client.get(application.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert "박공무" in page  # the official, as OPEN published
    assert "주무관" in page or "Administrative officer" in page
    assert "Surveyor away" in page
    assert "010-9876-5432" not in page  # a reason is published redacted
    assert "김*수" in page
    for text in PERSONAL:
        assert text not in page, text


def test_the_applicant_signed_in_sees_the_full_record_on_the_same_page(
    client: Client, application: Application, citizen: User
) -> None:
    log_in(client, citizen)
    page = client.get(application.get_absolute_url()).content.decode()
    assert "자하문로" in page
    assert "Scaffolding" in page


@pytest.mark.parametrize("language", ["en", "ko", "id"])
def test_the_tracker_speaks_each_language(
    client: Client, application: Application, language: str
) -> None:
    client.cookies["django_language"] = language
    response = client.get(application.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    caption = {
        "en": "The procedure and how each step was handled",
        "ko": "처리 절차와 각 단계의 처리 내역",
        "id": "Prosedur dan cara setiap langkah ditangani",
    }
    assert caption[language] in response.content.decode()


def test_no_download_or_list_shows_personal_data(
    client: Client, application: Application, officer: User
) -> None:
    _worked(application, officer)
    listing = client.get(reverse("permits:public_list"))
    assert listing.status_code == 200
    csv_response = client.get(reverse("permits:export_csv"))
    json_response = client.get(reverse("permits:export_json"))
    assert csv_response.status_code == json_response.status_code == 200
    csv_text, json_text = _body(csv_response), _body(json_response)
    data = json.loads(json_text)
    assert data["applications"][0]["receipt_number"] == application.receipt_number
    assert data["applications"][0]["steps"][0]["late"] is True
    assert application.receipt_number in csv_text
    for text in (*PERSONAL, "010-9876-5432"):
        for body in (listing.content.decode(), csv_text, json_text):
            assert text not in body, text


def test_the_download_columns_are_the_documented_schema() -> None:
    from django.conf import settings

    from egov.permits.export import APPLICATION_COLUMNS, STEP_COLUMNS

    schema = (settings.BASE_DIR / "docs" / "permits-data.md").read_text()
    for column in (*APPLICATION_COLUMNS, *STEP_COLUMNS):
        assert f"`{column}`" in schema, column


@pytest.mark.parametrize(
    "query",
    [
        "?status=nonsense",
        "?received_from=2026-13-40",
        "?received_from=2026-12-10&received_to=2026-12-01",
        "?after=%00" + "9" * 500,
        "?permit_type=999999999999999999999",
        "?agency=<script>",
        "?unit=-1",
    ],
)
def test_hostile_filters_are_refused_cleanly(client: Client, db: None, query: str) -> None:
    assert client.get(reverse("permits:public_list") + query).status_code == 400
    assert client.get(reverse("permits:export_json") + query).status_code == 400


def test_a_filtered_list_pages_by_keyset(
    client: Client, citizen: User, permit_type: PermitType
) -> None:
    from egov.permits.tests.conftest import apply

    for _ in range(3):
        apply(citizen, permit_type)
    from egov.permits import limits

    response = client.get(reverse("permits:public_list"), {"status": Status.RECEIVED})
    assert response.status_code == 200
    assert len(response.context["page"].items) == min(3, limits.PUBLIC_PAGE_SIZE)


@pytest.mark.parametrize("number", ["PM-2612-1", "pm-9999-0000001", "<script>", "x" * 100])
def test_a_bad_or_unknown_receipt_number(client: Client, db: None, number: str) -> None:
    response = client.get(reverse("permits:lookup"), {"number": number})
    assert response.status_code in (302, 400)
    if response.status_code == 302:
        assert client.get(response["Location"]).status_code == 404


def test_the_receipt_is_for_the_applicant_and_the_handlers_only(
    application: Application, everyone: dict[str, User]
) -> None:
    url = reverse("permits:receipt", args=[application.receipt_number])
    # The other unit does the site inspection: it handles the case too.
    handlers = {"officer", "officer of another unit", "supervisor", "agency admin"}
    assert_only_these_can_see(url, everyone, {"citizen", *handlers})


def test_apply_online_and_see_it_on_my_government(
    client: Client, citizen: User, permit_type: PermitType, officer: User
) -> None:
    log_in(client, citizen)
    url = reverse("permits:apply", args=[permit_type.code])
    assert client.get(url).status_code == 200
    empty = client.post(url, {})
    assert empty.status_code == 200
    assert not Application.objects.exists()
    response = client.post(
        url,
        {
            "summary": "Scaffolding",
            "site_address": "종로구 1",
            "document_0": pdf(),
            "document_1": pdf(),
        },
    )
    application = Application.objects.get()
    assert response["Location"] == reverse("permits:receipt", args=[application.receipt_number])
    assert application.receipt_number in client.get(response["Location"]).content.decode()
    assert application.receipt_number in client.get(reverse("portal:dashboard")).content.decode()


def test_an_officer_works_the_case_from_the_staff_page(
    client: Client, application: Application, officer: User, supervisor: User
) -> None:
    log_in(client, officer)
    case = reverse("permits_staff:case", args=[application.receipt_number])
    assert client.get(case).status_code == 200
    assert client.get(reverse("permits_staff:queue")).status_code == 200

    def act(name: str) -> str:
        return reverse("permits_staff:act", args=[application.receipt_number, name])

    assert client.post(act("start"), {"start-occurred_at": ""}).status_code == 302
    late = timezone.localtime() - datetime.timedelta(hours=3)
    typed = late.strftime("%Y-%m-%dT%H:%M")
    refused = client.post(act("complete"), {"complete-occurred_at": typed})
    assert refused.status_code == 400
    assert client.post(act("complete"), {"complete-occurred_at": "garbage"}).status_code == 400
    assert client.post(act("reject"), {"reject-reason": "x"}).status_code == 400
    assert client.post(act("fee"), {"fee-method": "bitcoin"}).status_code == 400
    too_long = {"supplement-note": "Plan", "supplement-days": "99"}
    assert client.post(act("supplement"), too_long).status_code == 400
    assert client.post(act("complete"), {}).status_code == 302
    assert client.post(case + "unknown/", {}).status_code == 404


def test_an_officer_registers_at_the_counter(
    client: Client, citizen: User, permit_type: PermitType, officer: User
) -> None:
    log_in(client, officer)
    url = reverse("permits_staff:counter") + f"?permit_type={permit_type.pk}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "applicant_email": "citizen@test.example",
            "summary": "Scaffolding",
            "site_address": "종로구 1",
            "document_0": pdf(),
            "document_1": pdf(),
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.filed_by == officer
    assert application.applicant == citizen
    unknown = client.post(url, {"applicant_email": "nobody@test.example"})
    assert unknown.status_code == 200


def test_the_staff_pages_are_for_the_handlers_only(
    application: Application, everyone: dict[str, User]
) -> None:
    url = reverse("permits_staff:case", args=[application.receipt_number])
    handlers = {"officer", "officer of another unit", "supervisor", "agency admin"}
    assert_only_these_can_see(url, everyone, handlers)


def test_the_public_list_costs_the_same_queries_for_any_page(
    client: Client, citizen: User, permit_type: PermitType
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from egov.permits.tests.conftest import apply

    apply(citizen, permit_type)
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("permits:public_list")).status_code == 200
    for _ in range(4):
        apply(citizen, permit_type)
    with CaptureQueriesContext(connection) as five:
        assert client.get(reverse("permits:public_list")).status_code == 200
    assert len(five) == len(one)


def test_a_question_on_the_tracker_stays_private(
    client: Client, application: Application, citizen: User, officer: User
) -> None:
    log_in(client, citizen)
    url = reverse("permits:ask", args=[application.receipt_number])
    assert client.get(url).status_code == 200
    assert client.post(url, {"text": ""}).status_code == 200
    assert client.post(url, {"text": "x" * 6000}).status_code == 200
    assert client.post(url, {"text": "Can I start on Monday?"}).status_code == 302
    question = application.questions.get()
    officer_client = log_in(Client(), officer)
    answer_url = reverse(
        "permits_staff:answer_question", args=[application.receipt_number, question.pk]
    )
    assert officer_client.get(reverse("permits_staff:case", args=[application.receipt_number]))
    field = f"question-{question.pk}-answer"
    assert officer_client.post(answer_url, {field: ""}).status_code == 400
    assert officer_client.post(answer_url, {field: "Yes."}).status_code == 302
    mine = client.get(application.get_absolute_url()).content.decode()
    assert "Can I start on Monday?" in mine
    public = Client().get(application.get_absolute_url()).content.decode()
    assert "Can I start on Monday?" not in public
    wrong = reverse("permits_staff:answer_question", args=[application.receipt_number, 999999])
    assert officer_client.post(wrong, {}).status_code == 404


def test_an_agency_admin_revises_the_catalogue_from_its_page(
    client: Client, application: Application, agency_admin: User, officer: User
) -> None:
    permit_type = application.permit_type
    url = reverse("permits_staff:revise", args=[permit_type.code])
    assert log_in(Client(), officer).get(url).status_code == 404
    log_in(client, agency_admin)
    assert client.get(reverse("permits_staff:catalogue")).status_code == 200
    form = client.get(url).context["form"]
    data = {name: value for name, value in form.initial.items() if value is not False}
    data["period_amount"] = 20
    assert client.post(url, {**data, "period_amount": "0"}).status_code == 200
    assert client.post(url, {**data, "step_1_duration": "-3"}).status_code == 200
    assert client.post(url, data).status_code == 302
    assert permit_type.current_version().period_amount == 20
    application.refresh_from_db()
    assert application.version.number == 1


def test_a_supervisor_records_an_officer_off_duty_from_the_queue(
    client: Client, officer: User, supervisor: User
) -> None:
    url = reverse("permits_staff:record_absence")
    assert log_in(Client(), officer).post(url, {}).status_code == 404
    log_in(client, supervisor)
    assert "absence-officer" in client.get(reverse("permits_staff:queue")).content.decode()
    day = timezone.localdate().isoformat()
    bad = {"absence-officer": officer.pk, "absence-first_day": day, "absence-last_day": "x"}
    assert client.post(url, bad).status_code == 400
    good = {**bad, "absence-last_day": day}
    assert client.post(url, good).status_code == 302
    assert actions.on_duty_officers(officer.officer.unit_id) == []


def test_the_list_filters_by_unit(
    client: Client, citizen: User, permit_type: PermitType, other_unit: object
) -> None:
    from egov.permits.tests.conftest import apply

    application = apply(citizen, permit_type)
    mine = client.get(reverse("permits:public_list"), {"unit": application.unit_id})
    assert len(mine.context["page"].items) == 1
    assert mine.context["page"].items[0] == application


def test_the_download_reads_in_chunks_and_misses_no_row(
    client: Client, citizen: User, permit_type: PermitType, monkeypatch: pytest.MonkeyPatch
) -> None:
    from egov.permits import export
    from egov.permits.tests.conftest import apply

    numbers = {apply(citizen, permit_type).receipt_number for _ in range(5)}
    # Two receipts at the same moment must not fall between two chunks either.
    Application.objects.filter(receipt_number__in=sorted(numbers)[:2]).update(
        received_at=timezone.now()
    )
    monkeypatch.setattr(export, "EXPORT_CHUNK_SIZE", 2)
    data = json.loads(_body(client.get(reverse("permits:export_json"))))
    exported = [row["receipt_number"] for row in data["applications"]]
    assert sorted(exported) == sorted(numbers)
    assert all(len(row["steps"]) == 3 for row in data["applications"])
