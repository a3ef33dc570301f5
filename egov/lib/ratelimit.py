"""How often one account or one address may take a step: a fixed window in the cache.

``hit("petition.sign", key, limit=..., window=...)`` counts one attempt and
answers whether it is within the limit. The counters live in the default
cache (Redis when REDIS_URL is set, so every web process shares them; in
memory otherwise), expire with their window, and hold no personal data: the
key is hashed before it is stored. A limit is a brake on floods, not an
account of what happened; the audit log is that.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    """At most ``count`` steps in any window of ``seconds`` (aligned to the clock)."""

    count: int
    seconds: int


def _cache_key(scope: str, key: str, window: int) -> str:
    digest = hashlib.sha256(f"{scope}\x00{key}".encode()).hexdigest()[:32]
    return f"ratelimit:{scope}:{window}:{digest}"


def hit(scope: str, key: str, limit: Limit, *, now: float | None = None) -> bool:
    """Count one step by ``key`` in ``scope``; True while it stays within ``limit``."""
    window = int((time.time() if now is None else now) // limit.seconds)
    name = _cache_key(scope, key, window)
    # add() is atomic: only the first step of a window creates the counter.
    if cache.add(name, 1, timeout=limit.seconds + 1):
        return limit.count >= 1
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr: this step starts a new window
        cache.add(name, 1, timeout=limit.seconds + 1)
        return limit.count >= 1
    return count <= limit.count


def within(scope: str, keys: list[str], limit: Limit) -> bool:
    """Count the step under each key (an account, an address); True if all stay within."""
    results = [hit(scope, key, limit) for key in keys if key]
    return all(results)
