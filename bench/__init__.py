"""Benchmarks and the large-data generator: tools, not tests.

Each script prints its figures and the exact command that produced them. The
helpers here are shared: Django set-up, latency summaries, a small HTTP client
that only ever talks to 127.0.0.1, a locally started gunicorn, and closed-loop
concurrent clients bounded both in time and in request count.
"""

from __future__ import annotations

import http.client
import os
import re
import shlex
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode, urlsplit

if TYPE_CHECKING:
    from egov.accounts.models import User
    from egov.participation.models import Petition

ROOT = Path(__file__).resolve().parent.parent
# The generated citizens' password: public on purpose, bench databases only.
BENCH_PASSWORD = "bench-citizen-passphrase-2026"  # noqa: S105
BENCH_EMAIL_DOMAIN = "bench.egov.example"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def setup_django() -> None:
    """Configure Django for a script run as ``python -m bench.<name>``."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "egov.settings")
    if os.environ.get("EGOV_ENV") == "production":
        sys.exit("Refusing to run a benchmark with EGOV_ENV=production.")
    import django

    django.setup()


def command_line() -> str:
    """The command that is running, with its database, to print beside the figures."""
    database = os.environ.get("DATABASE_URL", "sqlite:///var/egov.sqlite3")
    arguments = shlex.join(sys.argv[1:])
    redis = os.environ.get("REDIS_URL")
    environment = f"DATABASE_URL={database}" + (f" REDIS_URL={redis}" if redis else "")
    return f"{environment} .venv/bin/python -m bench.{Path(sys.argv[0]).stem} {arguments}"


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` lie (nearest rank)."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Timings:
    """Latencies in seconds of the requests that succeeded, and the failures."""

    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    elapsed: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float) -> None:
        with self.lock:
            self.latencies.append(seconds)

    def fail(self, reason: str) -> None:
        with self.lock:
            self.failures.append(reason)

    def report(self, label: str) -> str:
        ms = [value * 1000 for value in self.latencies]
        rate = len(ms) / self.elapsed if self.elapsed else float("nan")
        line = (
            f"{label}: {len(ms)} ok, {len(self.failures)} failed in {self.elapsed:.1f} s "
            f"= {rate:.1f}/s; latency ms p50 {percentile(ms, 0.50):.1f} "
            f"p95 {percentile(ms, 0.95):.1f} p99 {percentile(ms, 0.99):.1f} "
            f"max {max(ms, default=float('nan')):.1f}"
        )
        if ms:
            line += f" mean {statistics.fmean(ms):.1f}"
        if self.failures:
            line += f"\n  first failure: {self.failures[0]}"
        return line


def require_local(url: str) -> str:
    """The URL, if it points at this machine; benchmarks never send traffic elsewhere."""
    parts = urlsplit(url)
    if parts.scheme != "http" or parts.hostname not in LOCAL_HOSTS:
        sys.exit(f"Benchmarks only talk to http://127.0.0.1, not {url}")
    if parts.port == 8000:
        sys.exit("Port 8000 belongs to `make run`; start the benchmark server on another port.")
    return url.rstrip("/")


class HttpClient:
    """One browser: a keep-alive connection to 127.0.0.1 with its own cookies."""

    _COOKIE = re.compile(r"^([^=;\s]+)=([^;]*)")

    def __init__(self, base_url: str, *, timeout: float = 30) -> None:
        parts = urlsplit(require_local(base_url))
        self.host = parts.hostname or "127.0.0.1"
        self.port = parts.port or 80
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self.connection: http.client.HTTPConnection | None = None

    def _connect(self) -> http.client.HTTPConnection:
        if self.connection is None:
            self.connection = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
        return self.connection

    def request(
        self, method: str, path: str, data: Mapping[str, str] | None = None
    ) -> tuple[int, str, dict[str, str]]:
        headers = {"Host": f"{self.host}:{self.port}", "User-Agent": "egov-bench"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            connection = self._connect()
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.HTTPException, ConnectionError):
                # The server closed a kept-alive connection: reconnect once.
                self.close()
                if attempt:
                    raise
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                match = self._COOKIE.match(value)
                if match:
                    self.cookies[match.group(1)] = match.group(2)
        return response.status, text, {k.lower(): v for k, v in response.getheaders()}

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        return self.request("GET", path)

    def post_form(self, path: str, data: Mapping[str, str]) -> tuple[int, str, dict[str, str]]:
        """POST like a browser would: after fetching the page for its CSRF token."""
        status, page, _ = self.get(path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return self.request("POST", path, {**data, "csrfmiddlewaretoken": csrf_token(page)})

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if match is None:
        raise RuntimeError("the page has no CSRF token")
    return match.group(1)


def sign_in(client: HttpClient, email: str, password: str = BENCH_PASSWORD) -> None:
    """Sign in through the real sign-in form."""
    status, _, _ = client.post_form(
        "/accounts/sign-in/", {"email": email, "password": password, "next": "/"}
    )
    if status != 302:
        raise RuntimeError(f"signing in as {email} answered {status}, not a redirect")


def forged_session(user: User) -> str:
    """A signed-in session for ``user`` with two-step verification passed, as the test
    client's ``force_login`` makes one. Benchmarks use it for staff, whose real sign-in
    needs a one-time code; it never goes near a production database (bench only)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from egov.accounts.actions import MFA_SESSION_KEY

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[MFA_SESSION_KEY] = True
    session.create()
    return session.session_key or ""


def signed_in_citizens(count: int, *, tag: str) -> list[tuple[User, str]]:
    """``count`` confirmed citizens (``<tag>-0000001@bench.egov.example``, ...), each with a
    signed-in session as ``forged_session`` makes one, written in bulk: for benchmarks that
    need thousands of different people at once (bench databases only)."""
    from datetime import timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from egov.accounts.actions import MFA_SESSION_KEY
    from egov.accounts.models import Role, User

    now = timezone.now()
    User.objects.bulk_create(
        (
            User(
                email=f"{tag}-{number:07d}@{BENCH_EMAIL_DOMAIN}",
                name="서명인",
                role=Role.CITIZEN,
                email_confirmed_at=now,
                password="!",  # noqa: S106 - no password: these accounts never sign in
            )
            for number in range(1, count + 1)
        ),
        batch_size=2000,
    )
    people = list(User.objects.filter(email__startswith=f"{tag}-").order_by("pk"))
    store = SessionStore()
    keys = [get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789") for _ in people]
    Session.objects.bulk_create(
        (
            Session(
                session_key=key,
                session_data=store.encode(
                    {
                        SESSION_KEY: str(user.pk),
                        BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
                        HASH_SESSION_KEY: user.get_session_auth_hash(),
                        MFA_SESSION_KEY: True,
                    }
                ),
                expire_date=now + timedelta(hours=2),
            )
            for user, key in zip(people, keys, strict=True)
        ),
        batch_size=2000,
    )
    return list(zip(people, keys, strict=True))


def published_petition(people: list[User], *, run: int) -> Petition:
    """A petition started by ``people[0]``, supported by the next four and published."""
    from egov.accounts.models import Role, User
    from egov.agencies.models import Agency
    from egov.lib import regions
    from egov.participation import actions

    district = regions.district("11110")
    agency = Agency.objects.order_by("pk").first()
    admin = User.objects.filter(role=Role.PLATFORM_ADMIN).first()
    if district is None or agency is None or admin is None:
        sys.exit("No agency or platform administrator: load the demo first (manage.py load_demo).")
    petition = actions.start_petition(
        author=people[0],
        agency=agency,
        title=f"Bench petition {run}",
        body="A surge of signatures.",
        district=district,
        show_name=False,
    )
    for supporter in people[1:5]:
        actions.sign_petition(
            signer=supporter, petition=petition, district=district, show_name=False
        )
    return actions.publish_petition(actor=admin, petition=petition)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


@contextmanager
def local_gunicorn(
    workers: int, *, threads: int = 1, port: int = 0, app: str = "egov.wsgi"
) -> Iterator[str]:
    """Start ``gunicorn egov.wsgi`` (or ``app``) on 127.0.0.1 with this process's DATABASE_URL;
    stop it after.

    Only the process group started here is stopped, by its id.
    """
    port = port or free_port()
    if port == 8000:
        sys.exit("Port 8000 belongs to `make run`.")
    url = f"http://127.0.0.1:{port}"
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        app,
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--log-level",
        "warning",
        "--backlog",
        "256",
    ]
    environment = {**os.environ, "DEBUG": "0", "LOG_LEVEL": "WARNING"}
    server = subprocess.Popen(  # noqa: S603 - a fixed command line
        command, cwd=ROOT, env=environment, start_new_session=True
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if server.poll() is not None:
                sys.exit(f"gunicorn stopped at start (exit {server.returncode})")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            sys.exit("gunicorn did not answer within a minute")
        # One request per worker so that imports and connections are warm.
        for _ in range(workers * 2):
            HttpClient(url).get("/")
        yield url
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


def run_clients(
    clients: list[HttpClient],
    step: Callable[[int, HttpClient], None],
    *,
    seconds: float,
    max_requests: int,
    think: float = 0.0,
) -> Timings:
    """Each client repeats ``step``, ``think`` seconds apart, until time or the budget runs out.

    ``step(i, client)`` makes one timed request and raises on failure. The
    budget is shared, so the run stops at ``max_requests`` however fast it goes.
    """
    timings = Timings()
    budget = iter(range(max_requests))
    budget_lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def next_number() -> int | None:
        with budget_lock:
            return next(budget, None)

    def loop(client: HttpClient, delay: float) -> None:
        time.sleep(delay)
        while time.monotonic() < deadline:
            number = next_number()
            if number is None:
                return
            started = time.perf_counter()
            try:
                step(number, client)
            except Exception as error:  # a benchmark counts failures and goes on
                timings.fail(f"{type(error).__name__}: {error}")
            else:
                timings.add(time.perf_counter() - started)
            if think:
                time.sleep(think)

    # With a pause between requests, the clients start spread evenly over one
    # pause, as people do not all click at the same instant; started together,
    # all of them would queue behind each other once, a burst that never recurs.
    threads = [
        threading.Thread(target=loop, args=(client, index * think / len(clients)), daemon=True)
        for index, client in enumerate(clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    timings.elapsed = time.perf_counter() - started
    for client in clients:
        client.close()
    return timings


def machine_load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"
