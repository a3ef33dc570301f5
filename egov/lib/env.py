"""Typed readers for settings that come from the environment.

Every setting egov reads from the environment goes through one of these, so a
wrong value fails at start-up with a message that names the variable.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import ipaddress
import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(items: list[str], *, name: str) -> tuple[IPNetwork, ...]:
    """Addresses or CIDR networks (``10.0.0.1``, ``10.0.0.0/8``, ``fd00::/8``)."""
    networks = []
    for item in items:
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            raise ImproperlyConfigured(
                f"{name} must list IP addresses or networks, not {item!r}"
            ) from None
    return tuple(networks)


def parse_database_url(url: str, *, base_dir: Path) -> dict[str, Any]:
    """Turn ``sqlite:///path`` or ``postgres://user@host:port/name`` into DATABASES['default']."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme == "sqlite":
        raw_path = unquote(parts.path)
        # sqlite:///relative.db keeps a relative path; sqlite:////abs.db is absolute.
        path = raw_path[1:] if raw_path.startswith("/") else raw_path
        name = path if path.startswith("/") or path == ":memory:" else str(base_dir / path)
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": name,
            "OPTIONS": {
                # WAL lets readers proceed while one writer commits; IMMEDIATE
                # avoids "database is locked" upgrades inside transactions.
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
                ),
            },
        }
    if scheme in {"postgres", "postgresql", "pgsql"}:
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        options: dict[str, Any] = {}
        pool = query.pop("pool", "")
        if pool.lower() in _TRUE:
            options["pool"] = True
        options.update(query)
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parts.path.lstrip("/")) or "egov",
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            "CONN_MAX_AGE": 0 if options.get("pool") else 60,
            "CONN_HEALTH_CHECKS": True,
            "OPTIONS": options,
        }
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with sqlite:// or postgres://, not {scheme or 'nothing'}://"
    )


def parse_email_url(url: str) -> dict[str, Any]:
    """Turn EMAIL_URL into Django email settings.

    ``console://`` prints mail, ``locmem://`` keeps it in memory (tests),
    ``file:///path`` writes files, ``smtp://user:pass@host:587?tls=1`` sends it.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    backends = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "smtp": "django.core.mail.backends.smtp.EmailBackend",
        "smtps": "django.core.mail.backends.smtp.EmailBackend",
    }
    if scheme not in backends:
        raise ImproperlyConfigured(
            "EMAIL_URL must start with console://, locmem://, file://, smtp:// or smtps://"
        )
    config: dict[str, Any] = {"EMAIL_BACKEND": backends[scheme]}
    if scheme == "file":
        config["EMAIL_FILE_PATH"] = unquote(parts.path)
    if scheme in {"smtp", "smtps"}:
        query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        config.update(
            EMAIL_HOST=parts.hostname or "localhost",
            EMAIL_PORT=parts.port or (465 if scheme == "smtps" else 25),
            EMAIL_HOST_USER=unquote(parts.username or ""),
            EMAIL_HOST_PASSWORD=unquote(parts.password or ""),
            EMAIL_USE_TLS=query.get("tls", "").lower() in _TRUE,
            EMAIL_USE_SSL=scheme == "smtps",
        )
    return config


KEY_BYTES = 32  # AES-256 and HMAC-SHA256 keys


def parse_key(raw: str, *, name: str) -> bytes:
    """Decode one base64 key of exactly 32 bytes (``openssl rand -base64 32``).

    The error names the variable but never repeats its value: it is a secret.
    """
    text = raw.strip()
    try:
        # Accept the URL-safe alphabet too, so a key from either tool works.
        key = base64.b64decode(text.replace("-", "+").replace("_", "/"), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(
            f"{name} must hold base64 keys (make one with `openssl rand -base64 32`)"
        ) from None
    if len(key) != KEY_BYTES:
        raise ImproperlyConfigured(
            f"{name} must hold keys of exactly {KEY_BYTES} bytes, not {len(key)}"
        )
    return key


def parse_key_ring(raw: str, *, name: str) -> dict[int, bytes]:
    """Turn ``1:<base64>,2:<base64>`` into ``{1: key, 2: key}``.

    Each key carries a version number so that every ciphertext can name the
    key that made it; the highest version encrypts, all of them decrypt.
    """
    ring: dict[int, bytes] = {}
    for entry in raw.split(","):
        if not entry.strip():
            continue
        version_text, colon, key_text = entry.partition(":")
        version_text = version_text.strip()
        is_number = version_text.isascii() and version_text.isdigit()
        version = int(version_text) if is_number else 0
        if not colon or version < 1:
            raise ImproperlyConfigured(
                f"{name} must be a comma-separated list of <version>:<base64 key>, "
                "with whole-number versions from 1 up"
            )
        if version in ring:
            raise ImproperlyConfigured(f"{name} names key version {version} more than once")
        ring[version] = parse_key(key_text, name=name)
    if not ring:
        raise ImproperlyConfigured(f"{name} must hold at least one key")
    return ring


def parse_office_hours(text: str) -> tuple[tuple[datetime.time, datetime.time], ...]:
    """``"09:00-12:00,13:00-18:00"``: ascending, non-overlapping spans of one day.

    Raises ValueError saying what is wrong (settings.py turns it into
    ImproperlyConfigured naming OFFICE_HOURS).
    """
    spans: list[tuple[datetime.time, datetime.time]] = []
    for part in text.split(","):
        start, separator, end = part.strip().partition("-")
        try:
            if not separator:
                raise ValueError
            span = (datetime.time.fromisoformat(start), datetime.time.fromisoformat(end))
        except ValueError:
            raise ValueError(f"office hours must read like 09:00-12:00, not {part!r}") from None
        if span[0] >= span[1] or (spans and span[0] < spans[-1][1]):
            raise ValueError(f"office hours must ascend without overlapping: {text!r}")
        spans.append(span)
    return tuple(spans)
