"""The rate limiter counts per key and per window, in the real cache."""

from __future__ import annotations

from egov.lib.ratelimit import Limit, hit, within


def test_a_key_is_refused_after_its_limit_within_a_window() -> None:
    limit = Limit(count=3, seconds=60)
    assert [hit("test", "user:1", limit, now=120.0) for _ in range(4)] == [True, True, True, False]
    # Another key, or the next window, starts again.
    assert hit("test", "user:2", limit, now=120.0)
    assert hit("test", "user:1", limit, now=180.0)


def test_every_key_of_a_step_is_counted() -> None:
    limit = Limit(count=1, seconds=3600)
    assert within("test-both", ["user:1", "ip:203.0.113.9"], limit)
    # Another account from the same address is held back by the address.
    assert not within("test-both", ["user:2", "ip:203.0.113.9"], limit)
    assert within("test-both", ["user:3", ""], limit)
