"""Where the time of the pages in ``bench_shell`` goes, in-process.

    .venv/bin/python -m bench.profile_shell --requests 300

Calls the WSGI application of ``bench/shell_wsgi.py`` directly (no server, no
sockets) with a first visit's environ, ``DEBUG`` off, on the database of
``bench_shell`` (``sqlite:///var/bench-shell.sqlite3`` unless
``DATABASE_URL`` says otherwise), and reports for the bare view, the home page
and the public case page:

- the mean wall and CPU time of a request, and their ratios to the bare view;
- each middleware's own time (probes between the entries of ``MIDDLEWARE``;
  work a middleware only prepares, such as the lazy ``request.user``, is
  counted where it is forced, usually while the template renders);
- inside the view: each context processor, the user and the session, the CSRF
  token, URL reversing, the language list, the whole template rendering, and
  for the case page the complaint's query, ``redact``, ``mask_name`` and the
  officer's position;
- the queries of one request, with their SQL;
- ablations: the same page with the language switcher's CSRF token or the
  whole switcher left out of ``base.html``, and with a persistent SQLite
  connection;
- with ``--cprofile N``, the functions that cost most over N more requests.

Timings are inclusive and nest (reversing a URL happens inside rendering), so
the rows of the view's breakdown do not add up to the view.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import importlib
import io
import os
import pstats
import statistics
import sys
import tempfile
import time
import types
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.bench_shell import DEFAULT_DATABASE_URL
from bench.shell_variants import SWITCHES, combine, install_switches, template_folder

# The what-ifs measured after the breakdown, alone and together (bench/shell_variants.py).
WHAT_IFS = [
    ["switcher-no-csrf"],
    ["no-switcher"],
    ["no-chrome"],
    ["menu-once"],
    ["case-revision"],
    ["case-receipt"],
    ["switcher-no-csrf", "menu-once", "case-revision"],
    ["switcher-no-csrf", "menu-once", "case-receipt"],
    ["persistent-connection"],
]

# Inclusive time and calls per label, of the requests being measured.
SPENT: dict[str, float] = defaultdict(float)
SPENT_CPU: dict[str, float] = defaultdict(float)
CALLS: dict[str, int] = defaultdict(int)
_DEPTH: dict[str, int] = defaultdict(int)
# Middleware probes: when each was entered and left in the current request.
_ENTERED: dict[int, float] = {}
_LEFT: dict[int, float] = {}
PROBES = types.ModuleType("bench_shell_probes")
# The timers run during the breakdown and stand aside during the ablations.
TIMING = {"on": True}


def timed(label: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function``, adding its inclusive time to SPENT[label] (outermost calls only)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not TIMING["on"]:
            return function(*args, **kwargs)
        _DEPTH[label] += 1
        started, started_cpu = time.perf_counter(), time.thread_time()
        try:
            return function(*args, **kwargs)
        finally:
            _DEPTH[label] -= 1
            if not _DEPTH[label]:
                SPENT[label] += time.perf_counter() - started
                SPENT_CPU[label] += time.thread_time() - started_cpu
                CALLS[label] += 1

    return wrapper


def patch(owner: Any, name: str, label: str) -> None:
    setattr(owner, name, timed(label, getattr(owner, name)))


def probe(position: int) -> type:
    class Probe:
        def __init__(self, get_response: Callable[[Any], Any]) -> None:
            self.get_response = get_response

        def __call__(self, request: Any) -> Any:
            _ENTERED[position] = time.perf_counter()
            response = self.get_response(request)
            _LEFT[position] = time.perf_counter()
            return response

    Probe.__name__ = f"Probe{position}"
    return Probe


def probed_middleware(middleware: list[str]) -> list[str]:
    """MIDDLEWARE with a probe before each entry and one before the view."""
    sys.modules[PROBES.__name__] = PROBES
    chain = []
    for position, path in enumerate([*middleware, None]):
        setattr(PROBES, f"Probe{position}", probe(position))
        chain.append(f"{PROBES.__name__}.Probe{position}")
        if path is not None:
            chain.append(path)
    return chain


def environ(path: str) -> dict[str, Any]:
    """What gunicorn hands the application for ``GET path`` from a first-time visitor."""
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "8081",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": "127.0.0.1:8081",
        "HTTP_USER_AGENT": "egov-bench",
        "HTTP_ACCEPT": "*/*",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }


def call(application: Callable[..., Iterable[bytes]], path: str) -> tuple[str, bytes]:
    answer: list[str] = []

    def start_response(status: str, headers: list[tuple[str, str]], *_: Any) -> None:
        answer.append(status)

    body = application(environ(path), start_response)
    content = b"".join(body)
    close = getattr(body, "close", None)
    if close is not None:
        close()  # request_finished: Django closes the connection as after every request
    return answer[0], content


@contextmanager
def counting_queries() -> Iterator[list[tuple[str, float]]]:
    from django.db import connection

    queries: list[tuple[str, float]] = []

    def wrapper(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((sql, time.perf_counter() - started))

    with connection.execute_wrapper(wrapper):
        yield queries


def instrument() -> None:
    """Wrap the functions whose time the report names."""
    from django.contrib import auth
    from django.contrib.sessions.backends import db as session_db
    from django.db.backends.base import base as db_base
    from django.middleware import csrf
    from django.template import context as template_context
    from django.template.backends import django as django_backend
    from django.templatetags import i18n
    from django.urls import resolvers

    from egov.complaints.views import public
    from egov.lib import security
    from egov.portal import context_processors as portal_processors

    install_switches()
    patch(django_backend.Template, "render", "template: render (with context processors)")
    patch(template_context.RequestContext, "bind_template", "template: all context processors")
    patch(auth, "get_user", "request.user (session + user)")
    patch(session_db.SessionStore, "load", "session: load from the database")
    patch(csrf, "get_token", "CSRF: get_token")
    patch(csrf.CsrfViewMiddleware, "process_response", "CSRF: process_response (cookie)")
    patch(resolvers.URLResolver, "_reverse_with_prefix", "URL reversing")
    patch(resolvers.URLResolver, "resolve", "URL resolving")
    patch(i18n.GetLanguageInfoListNode, "render", "language switcher: language list")
    patch(db_base.BaseDatabaseWrapper, "connect", "database: open the connection")
    patch(portal_processors, "shell", "context processor: portal shell (menu, unread)")
    patch(portal_processors, "services", "  of which the service menu (5 reverses)")
    patch(security, "csp_nonce", "context processor: csp_nonce")
    for module_path, name in [
        ("django.template.context_processors", "request"),
        ("django.template.context_processors", "i18n"),
        ("django.contrib.auth.context_processors", "auth"),
        ("django.contrib.messages.context_processors", "messages"),
    ]:
        patch(importlib.import_module(module_path), name, f"context processor: {name}")
    patch(public, "public_complaint", "case: public_complaint (query)")
    patch(public, "redact", "case: redact (title, body, location, answers)")
    patch(public, "mask_name", "case: mask_name")
    patch(public, "position_of", "case: position_of (officer)")
    patch(public, "public_detail", "view: public_detail")
    patch(public, "render", "case: render()")


@contextmanager
def ablation(variant: dict[str, Any], folder: Path) -> Iterator[Callable[..., Iterable[bytes]]]:
    """egov's handler with the variant's templates, switches and connection in force."""
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import override_settings

    target = template_folder(variant, folder)
    templates: list[dict[str, Any]] = [dict(entry) for entry in settings.TEMPLATES]
    directories: list[Any] = [target, *list(templates[0]["DIRS"])]
    templates[0] = {**templates[0], "DIRS": directories}
    persistent = variant.get("persistent", False)
    if persistent:
        connection.close()
        connection.settings_dict["CONN_MAX_AGE"] = None
    SWITCHES["menu_once"] = variant.get("menu_once", False)
    SWITCHES["case_cached"] = variant.get("case_cached", "")
    try:
        with override_settings(TEMPLATES=templates):
            yield WSGIHandler()
    finally:
        SWITCHES["menu_once"] = False
        SWITCHES["case_cached"] = ""
        if persistent:
            connection.close()
            connection.settings_dict["CONN_MAX_AGE"] = 0


def reset() -> None:
    SPENT.clear()
    SPENT_CPU.clear()
    CALLS.clear()


def measure(
    application: Callable[..., Iterable[bytes]], path: str, count: int
) -> tuple[float, float]:
    """Mean wall and CPU seconds of ``count`` requests (after 10 to warm up)."""
    for _ in range(10):
        call(application, path)
    reset()
    wall, cpu = time.perf_counter(), time.thread_time()
    for _ in range(count):
        status, _ = call(application, path)
        if not status.startswith("200"):
            sys.exit(f"{path} answered {status}")
    return (time.perf_counter() - wall) / count, (time.thread_time() - cpu) / count


def middleware_breakdown(
    application: Callable[..., Iterable[bytes]], path: str, count: int, middleware: list[str]
) -> list[tuple[str, float]]:
    """Each middleware's own mean time: in it on the way in and on the way out."""
    own: dict[str, float] = defaultdict(float)
    last = len(middleware)
    for _ in range(count):
        call(application, path)
        for index, name in enumerate(middleware):
            inward = _ENTERED[index + 1] - _ENTERED[index]
            outward = _LEFT[index] - _LEFT[index + 1]
            own[name] += inward + outward
        own["(view: resolve, call, render)"] += _LEFT[last] - _ENTERED[last]
    return [(name, seconds / count) for name, seconds in own.items()]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per page and run")
    parser.add_argument("--rounds", type=int, default=5, help="turns the pages take")
    parser.add_argument("--ablation-rounds", type=int, default=25, help="turns the variants take")
    parser.add_argument("--cprofile", type=int, default=0, help="also profile this many requests")
    parser.add_argument("--receipt", help="the published complaint to read (default: the first)")
    options = parser.parse_args()
    os.environ.setdefault("DATABASE_URL", DEFAULT_DATABASE_URL)
    os.environ["DEBUG"] = "0"
    from bench import command_line, machine_load, setup_django

    setup_django()
    from django.conf import settings
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test.utils import override_settings

    from bench.bench_shell import published_answered_case
    from bench.shell_wsgi import BARE_PATH, application

    if settings.DEBUG:
        sys.exit("DEBUG must be off.")
    instrument()
    receipt = options.receipt or published_answered_case()
    pages = {
        "bare": BARE_PATH,
        "home": "/",
        "case": f"/complaints/public/{receipt}/",
    }
    print(f"# {command_line()}")
    print(
        f"In-process, {options.requests} requests per page, {connection.vendor} "
        f"({connection.settings_dict['NAME']}), DEBUG off; {machine_load()}"
    )

    # 1. Time per request and the breakdown of the view, the pages taking turns.
    walls: dict[str, list[float]] = defaultdict(list)
    cpus: dict[str, list[float]] = defaultdict(list)
    spent: dict[str, dict[str, list[float]]] = {
        name: defaultdict(lambda: [0.0] * 3) for name in pages
    }
    share = max(1, options.requests // options.rounds)
    for _ in range(options.rounds):
        for name, path in pages.items():
            wall, cpu = measure(application, path, share)
            walls[name].append(wall)
            cpus[name].append(cpu)
            for label in SPENT:
                row = spent[name][label]
                row[0] += SPENT[label]
                row[1] += SPENT_CPU[label]
                row[2] += CALLS[label]
    query_lists: dict[str, list[tuple[str, float]]] = {}
    for name, path in pages.items():
        with counting_queries() as queries:
            call(application, path)
        query_lists[name] = list(queries)
    bare_wall, bare_cpu = statistics.median(walls["bare"]), statistics.median(cpus["bare"])
    print(
        f"\nPer request: wall ms, CPU ms (medians of {options.rounds} rounds' means), "
        "and bare/page, the rate ratio they imply"
    )
    for name in pages:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        print(
            f"  {name:>4}: wall {ms(wall)}, CPU {ms(cpu)}; ratio wall {bare_wall / wall:.2f}, "
            f"CPU {bare_cpu / cpu:.2f}; {len(query_lists[name])} queries"
        )
    measured = share * options.rounds
    for name in pages:
        print(f"\nInside {name} ({pages[name]}): mean wall ms, CPU ms per request (calls each)")
        for label, (seconds, cpu, calls) in sorted(spent[name].items()):
            wall, cpu, calls = seconds / measured, cpu / measured, calls / measured
            print(f"  {ms(wall):>8} {ms(cpu):>8}  {label} ({calls:g})")
        print(f"Queries of one {name} request:")
        for sql, seconds in query_lists[name]:
            print(f"  {ms(seconds):>8}  {sql[:150]}")

    # 2. Each middleware's own time, with probes between the entries.
    middleware = list(settings.MIDDLEWARE)
    with override_settings(MIDDLEWARE=probed_middleware(middleware)):
        probed = WSGIHandler()
        for name in ("home", "case"):
            for _ in range(20):
                call(probed, pages[name])
            rows = middleware_breakdown(probed, pages[name], options.requests, middleware)
            total = sum(seconds for _, seconds in rows)
            print(f"\nMiddleware, {name}: own mean wall ms per request (of {ms(total)} in all)")
            for label, seconds in rows:
                print(f"  {ms(seconds):>8}  {label}")

    # 3. Ablations: what changing a part would save. The variants take turns in many
    # short rounds, and each variant's figures are compared with those of the same
    # round (bare with bare, "as it is" with the variant), so drift cancels out.
    rounds = options.ablation_rounds
    share = max(1, options.requests // rounds)
    TIMING["on"] = False
    print(
        f"\nAblations, timers off: CPU ms per request (medians of {rounds} rounds of "
        f"{share} requests), the change from as it is (median of the rounds' differences), "
        "and page/bare (median of the rounds' ratios)"
    )
    with tempfile.TemporaryDirectory() as folder:
        variants: dict[str, dict[str, Any]] = {"as it is": {}}
        for names in WHAT_IFS:
            variants[",".join(names)] = combine(names)
        results: dict[str, dict[str, list[float]]] = {
            label: defaultdict(list) for label in variants
        }
        for _ in range(rounds):
            for label, variant in variants.items():
                with ablation(variant, Path(folder)) as handler:
                    for name in pages:
                        app = application if name == "bare" else handler
                        _, cpu = measure(app, pages[name], share)
                        results[label][name].append(cpu)
        as_it_is = results["as it is"]
        for label, by_page in results.items():
            cells = []
            for name, values in by_page.items():
                cell = f"{name} {ms(statistics.median(values))}"
                if label != "as it is":
                    change = statistics.median(
                        mine - base for mine, base in zip(values, as_it_is[name], strict=True)
                    )
                    cell += f" ({change * 1000:+.3f})"
                if name != "bare":
                    ratio = statistics.median(
                        base / mine for mine, base in zip(values, by_page["bare"], strict=True)
                    )
                    cell += f" = {ratio:.2f}x"
                cells.append(cell)
            print(f"  {label}: {'; '.join(cells)}")
    TIMING["on"] = True

    # 4. The costliest functions, by cProfile.
    if options.cprofile:
        for name in ("home", "case"):
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(options.cprofile):
                call(application, pages[name])
            profiler.disable()
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            stats.sort_stats("cumulative").print_stats(45)
            print(f"\ncProfile, {name}, {options.cprofile} requests, by cumulative time:")
            print(out.getvalue())
    print(f"After: {machine_load()}")


if __name__ == "__main__":
    main()
