"""The layers hold, and the check that keeps them fails when one is broken.

``make test`` runs ``lint-imports`` with the contracts in pyproject.toml. These
tests prove that the contracts name every app (a new one cannot slip past
them) and that the check really fails on a forbidden import.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from egov.lib import services

ROOT = Path(settings.BASE_DIR)


def contracts() -> dict[str, dict[str, list[str]]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    return {contract["id"]: contract for contract in config["contracts"]}


def egov_apps() -> set[str]:
    return {app.name for app in apps.get_app_configs() if app.name.startswith("egov.")}


def test_the_helpers_may_import_no_installed_app() -> None:
    assert set(contracts()["helpers"]["forbidden_modules"]) == egov_apps()


def test_every_service_is_kept_out_of_the_kernel_and_its_models_are_its_own() -> None:
    kernel = {"egov.accounts", "egov.agencies", "egov.audit", "egov.privacy", "egov.notifications"}
    service_apps = egov_apps() - kernel - {"egov.portal"}
    registered = {f"egov.{service.slug}" for service in services.services()}
    assert registered <= service_apps
    assert service_apps <= set(contracts()["kernel"]["forbidden_modules"])
    assert service_apps <= set(contracts()["identity"]["forbidden_modules"])
    assert {f"{app}.models" for app in service_apps} == set(
        contracts()["services"]["protected_modules"]
    )


def lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    lint = Path(sys.executable).with_name("lint-imports")
    return subprocess.run(  # noqa: S603 - our own tool on our own copy of the code
        [str(lint), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def copy_of_the_code(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("layers")
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    shutil.copytree(
        ROOT / "egov",
        copy / "egov",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    return copy


@pytest.mark.parametrize(
    ("module", "source", "broken"),
    [
        ("egov/lib/shortcut.py", "from egov.complaints import models\n", "Helpers know no app"),
        (
            "egov/audit/shortcut.py",
            "from egov.accounts.models import User\n",
            "Audit, privacy and notifications know no service",
        ),
        (
            "egov/agencies/shortcut.py",
            "from egov.complaints import queries\n",
            "Accounts and agencies know no service",
        ),
        (
            "egov/notifications/shortcut.py",
            "from egov.complaints.models import Complaint\n",
            "No service imports another service's models",
        ),
        (
            "egov/permits/shortcut.py",
            "from egov.complaints.models import Complaint\n",
            "Permits import no other service's models",
        ),
        (
            "egov/complaints/shortcut.py",
            "from egov.portal import views\n",
            "The front door is imported by nobody",
        ),
    ],
)
def test_a_forbidden_import_fails_the_check(
    copy_of_the_code: Path, module: str, source: str, broken: str
) -> None:
    shortcut = copy_of_the_code / module
    shortcut.write_text(source)
    try:
        result = lint_imports(copy_of_the_code)
    finally:
        shortcut.unlink()
    assert result.returncode != 0
    assert broken in result.stdout
    assert "BROKEN" in result.stdout


def test_the_code_as_it_is_keeps_every_contract(copy_of_the_code: Path) -> None:
    result = lint_imports(copy_of_the_code)
    assert result.returncode == 0, result.stdout
    assert f"Contracts: {len(contracts())} kept, 0 broken." in result.stdout
