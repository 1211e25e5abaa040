"""Purging the front cache (Varnish with vmod xkey, deploy/varnish/default.vcl).

Every write that advances the content clock (cms.caching.clock) asks for its
keys here; they are gathered per transaction and sent once, after the commit
(a purge before the commit would let the cache refill with the old content):

    PURGE / HTTP/1.1
    Host: <the host of SITE_BASE_URL>
    xkey-purge: pages

to each URL in FRONTEND_CACHE_PURGE_URL (comma-separated; none set = no
purge). The Host header is the public site's, so a front cache that hashes
by host or checks it finds the objects the public fetched. A failed purge is
logged: the content clock still keeps the app cache correct and every front
cache entry ends at its s-maxage (at most PAGE_CACHE_SECONDS)."""

import logging
import urllib.request
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def purge_urls():
    value = getattr(settings, "FRONTEND_CACHE_PURGE_URL", None) or ""
    return [url.strip() for url in value.split(",") if url.strip()]


def public_host():
    return urlsplit(settings.SITE_BASE_URL).netloc


def purge_keys(*names):
    """Purge `names` from the front cache, after the commit of the current transaction."""
    if not names or not purge_urls():
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        send_purge(names)
        return
    pending = getattr(connection, "_front_cache_purge", None)
    if pending is None or not any(entry[1] is pending for entry in connection.run_on_commit):
        # none yet in this transaction (or the last one was rolled back with its callback)
        pending = connection._front_cache_purge = _Pending()
        transaction.on_commit(pending)
    pending.keys.update(names)


class _Pending:
    """The keys one transaction purges; called once, after its commit."""

    def __init__(self):
        self.keys = set()

    def __call__(self):
        send_purge(sorted(self.keys))


def send_purge(names, timeout=3.0):
    """Send one PURGE naming `names` to every front cache; True when all accepted it."""
    ok = True
    for url in purge_urls():
        request = urllib.request.Request(  # noqa: S310 - FRONTEND_CACHE_PURGE_URL, our own setting
            url,
            method="PURGE",
            headers={"Host": public_host(), "xkey-purge": " ".join(sorted(set(names)))},
        )
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
                response.read()
        except Exception as error:  # logged, never raised into the editor's request
            ok = False
            logger.warning("Front cache purge of %s at %s failed: %s", " ".join(names), url, error)
    return ok
