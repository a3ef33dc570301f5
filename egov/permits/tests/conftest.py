"""Permit fixtures: a permit type with a three-step procedure, and an application.

Time is never frozen. A test that needs a step to be late moves the stored
expected date (arranging the scene is not an action).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django import Settings

from egov.accounts.models import User
from egov.agencies.models import Agency, Unit
from egov.permits import actions
from egov.permits.actions import StepSpec, VersionSpec
from egov.permits.models import Application, PermitType

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def fast_password_hashing(settings: Settings) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def media_root(settings: Settings, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return tmp_path / "media"


def pdf(name: str = "form.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, "application/pdf")


def version_spec(unit: Unit, other_unit: Unit, *, period: int = 10, fee: int = 0) -> VersionSpec:
    return VersionSpec(
        unit=unit,
        legal_basis_en="Road Act art. 61",
        legal_basis_ko="도로법 제61조",
        legal_basis_id="Undang-Undang Jalan pasal 61",
        period_amount=period,
        period_unit="days",
        fee_won=fee,
        documents=[
            {"en": "Application form", "ko": "신청서", "id": "Formulir permohonan"},
            {"en": "Drawings", "ko": "설계도면", "id": "Gambar"},
        ],
        steps=[
            StepSpec("Receipt", "접수", "Penerimaan", unit, 3, "hours"),
            StepSpec("Site inspection", "현장 조사", "Pemeriksaan lapangan", other_unit, 2, "days"),
            StepSpec("Issuance", "교부", "Penerbitan", unit, 4, "hours"),
        ],
    )


@pytest.fixture
def permit_type(agency: Agency, unit: Unit, other_unit: Unit) -> PermitType:
    return actions.create_permit_type(
        actor=None,
        code="road-occupation",
        agency=agency,
        name_en="Road occupation permit",
        name_ko="도로점용허가",
        name_id="Izin penggunaan jalan",
        spec=version_spec(unit, other_unit),
    )


def apply(applicant: User, permit_type: PermitType, **kwargs: object) -> Application:
    return actions.apply_for_permit(
        applicant=applicant,
        permit_type=permit_type,
        summary="Scaffolding for a facade repair",
        site_address="서울특별시 종로구 자하문로 1",
        documents=[pdf("form.pdf"), pdf("drawings.pdf")],
        **kwargs,  # type: ignore[arg-type]
    )


@pytest.fixture
def application(citizen: User, permit_type: PermitType, officer: User) -> Application:
    return apply(citizen, permit_type)
