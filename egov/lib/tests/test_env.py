from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from egov.lib.env import env_bool, env_int, env_list, parse_database_url, parse_email_url


def test_sqlite_urls_are_relative_to_the_project_unless_absolute() -> None:
    relative = parse_database_url("sqlite:///var/db.sqlite3", base_dir=Path("/srv/egov"))
    absolute = parse_database_url("sqlite:////srv/data/db.sqlite3", base_dir=Path("/srv/egov"))
    assert relative["NAME"] == "/srv/egov/var/db.sqlite3"
    assert absolute["NAME"] == "/srv/data/db.sqlite3"
    assert "journal_mode=WAL" in relative["OPTIONS"]["init_command"]


def test_postgres_urls_carry_credentials_and_pool() -> None:
    config = parse_database_url(
        "postgres://egov:s%40cret@db.internal:6543/egov_prod?pool=1&sslmode=require",
        base_dir=Path("/"),
    )
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["USER"], config["PASSWORD"]) == ("egov", "s@cret")
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", "6543", "egov_prod")
    assert config["OPTIONS"] == {"pool": True, "sslmode": "require"}
    assert config["CONN_MAX_AGE"] == 0


def test_an_unknown_database_scheme_is_named_in_the_error() -> None:
    with pytest.raises(ImproperlyConfigured, match="mysql"):
        parse_database_url("mysql://x/y", base_dir=Path("/"))


def test_email_urls_choose_a_django_backend() -> None:
    assert parse_email_url("console://")["EMAIL_BACKEND"].endswith("console.EmailBackend")
    smtp = parse_email_url("smtp://user:pw@mail.example:587?tls=1")
    assert smtp["EMAIL_HOST"] == "mail.example"
    assert smtp["EMAIL_PORT"] == 587
    assert smtp["EMAIL_USE_TLS"] is True
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        parse_email_url("carrier-pigeon://")


def test_typed_readers_reject_nonsense(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EGOV_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="EGOV_FLAG"):
        env_bool("EGOV_FLAG")
    monkeypatch.setenv("EGOV_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured, match="EGOV_NUMBER"):
        env_int("EGOV_NUMBER", 1)
    monkeypatch.setenv("EGOV_HOSTS", "a.example, b.example,,")
    assert env_list("EGOV_HOSTS") == ["a.example", "b.example"]
