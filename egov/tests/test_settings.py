"""Production refuses unsafe settings, and is clean for ``check --deploy``."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
FIELD_KEY = base64.b64encode(os.urandom(32)).decode()
BLIND_INDEX_KEY = base64.b64encode(os.urandom(32)).decode()
SAFE = {
    "EGOV_ENV": "production",
    "SECRET_KEY": "x7#Lq2!vR9@pZ4$wK8^mN1&cT6*yB3(hF5)jD0_sG7+uE2=aQ9-oI4~lV8",
    "DEBUG": "0",
    "ALLOWED_HOSTS": "egov.example.org",
    "DATABASE_URL": "sqlite:///var/production-check.sqlite3",
    "EGOV_FIELD_KEYS": f"1:{FIELD_KEY}",
    "EGOV_BLIND_INDEX_KEY": BLIND_INDEX_KEY,
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
        ({"OUTBOX_ENABLED": "1"}, "OUTBOX_ENABLED"),
        ({"EGOV_FIELD_KEYS": ""}, "EGOV_FIELD_KEYS"),
        ({"EGOV_FIELD_KEYS": settings.DEVELOPMENT_FIELD_KEYS}, "EGOV_FIELD_KEYS"),
        (
            {"EGOV_FIELD_KEYS": f"{settings.DEVELOPMENT_FIELD_KEYS},2:{FIELD_KEY}"},
            "EGOV_FIELD_KEYS",
        ),
        ({"EGOV_BLIND_INDEX_KEY": ""}, "EGOV_BLIND_INDEX_KEY"),
        ({"EGOV_BLIND_INDEX_KEY": settings.DEVELOPMENT_BLIND_INDEX_KEY}, "EGOV_BLIND_INDEX_KEY"),
        ({"EGOV_BLIND_INDEX_KEY": FIELD_KEY}, "EGOV_BLIND_INDEX_KEY must differ"),
    ],
)
def test_production_refuses_to_start_with_unsafe_values(
    change: dict[str, str], complaint: str
) -> None:
    env = {**SAFE, **change}
    for name, value in change.items():
        if value == "":
            env.pop(name)  # unset, not merely empty
    result = run_django(env, "check")
    assert result.returncode != 0
    assert "Refusing to start in production" in result.stderr
    assert complaint in result.stderr


@pytest.mark.parametrize("name", ["EGOV_FIELD_KEYS", "EGOV_BLIND_INDEX_KEY"])
def test_a_malformed_key_stops_start_up_naming_the_variable_but_not_the_key(name: str) -> None:
    short_key = base64.b64encode(os.urandom(16)).decode()
    value = f"1:{short_key}" if name == "EGOV_FIELD_KEYS" else short_key
    result = run_django({**SAFE, name: value}, "check")
    assert result.returncode != 0
    assert f"{name} must hold keys of exactly 32 bytes" in result.stderr
    assert short_key not in result.stderr


def test_production_passes_the_deployment_checklist_silently() -> None:
    result = run_django(SAFE, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout
    assert result.stderr == ""


def test_production_static_files_collect_and_compress(tmp_path: Path) -> None:
    result = run_django({**SAFE, "STATIC_ROOT": str(tmp_path)}, "collectstatic", "--noinput")
    assert result.returncode == 0, result.stderr
    manifest = (tmp_path / "staticfiles.json").read_text()
    assert "egov/egov.css" in manifest
    assert "krds/css/token/krds_tokens.css" in manifest
    assert list(tmp_path.glob("egov/egov.*.css.gz")), "compressed copies are made"


@pytest.mark.parametrize(
    ("redis_url", "engine"),
    [
        ("redis://127.0.0.1:6379/0", "django.contrib.sessions.backends.cached_db"),
        ("", "django.contrib.sessions.backends.db"),
    ],
)
def test_sessions_are_read_through_the_cache_only_when_the_cache_is_shared(
    redis_url: str, engine: str
) -> None:
    shown = run_django(
        {"REDIS_URL": redis_url},
        "shell",
        "--no-imports",
        "-c",
        "from django.conf import settings; print(settings.SESSION_ENGINE)",
    )
    assert shown.stdout.strip() == engine, shown.stderr


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"OFFICE_HOURS": "9-18"}, "OFFICE_HOURS: office hours must read like 09:00-12:00"),
        ({"OFFICE_HOURS": "13:00-18:00,09:00-12:00"}, "OFFICE_HOURS: office hours must ascend"),
        ({"OFFICE_TIME_ZONE": "Mars/Base"}, "OFFICE_TIME_ZONE: no time zone is called"),
    ],
)
def test_office_hours_that_make_no_sense_stop_start_up(
    change: dict[str, str], complaint: str
) -> None:
    result = run_django({"EGOV_ENV": "development", **change}, "check")
    assert result.returncode != 0
    assert complaint in result.stderr
