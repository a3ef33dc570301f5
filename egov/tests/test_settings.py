"""Production refuses unsafe settings, and is clean for ``check --deploy``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SAFE = {
    "EGOV_ENV": "production",
    "SECRET_KEY": "x7#Lq2!vR9@pZ4$wK8^mN1&cT6*yB3(hF5)jD0_sG7+uE2=aQ9-oI4~lV8",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "egov.example.org",
    "DATABASE_URL": "sqlite:///var/production-check.sqlite3",
}


def run_django(env_changes: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in SAFE}
    env.update(env_changes)
    return subprocess.run(  # noqa: S603 - a fixed command line
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"DEBUG": "1"}, "DEBUG"),
        ({"ALLOWED_HOSTS": "*"}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": ".example.org,*"}, "ALLOWED_HOSTS"),
    ],
)
def test_production_refuses_to_start_with_unsafe_values(
    change: dict[str, str], complaint: str
) -> None:
    env = {**SAFE, **change}
    if change.get("SECRET_KEY") == "":
        env.pop("SECRET_KEY")
    result = run_django(env, "check")
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr
    assert complaint in result.stderr


def test_production_passes_the_deployment_checklist_silently() -> None:
    result = run_django(SAFE, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert result.stderr == ""
