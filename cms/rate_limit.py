"""Counting a client's requests per time window in the cache (Redis when
REDIS_URL is set, so that every worker counts together): the one counter the
enquiry form, the news subscriptions and the page feedback share."""

from django.core.cache import cache


def hits(key) -> int:
    """How many were counted under `key` in its current window."""
    return cache.get(key, 0)


def count(key, window_seconds) -> int:
    """Count one more under `key`; the window starts at the first. Returns the new count."""
    if cache.add(key, 1, timeout=window_seconds):
        return 1
    try:
        return cache.incr(key)
    except ValueError:  # the window ended between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return 1
