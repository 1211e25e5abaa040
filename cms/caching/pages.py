"""The shared page cache: anonymous GET/HEAD answers (HTML pages, feeds,
sitemaps, both APIs, the open-data exports, the suggest API) kept in Django's
cache framework — Redis (Django's own RedisCache) when REDIS_URL is set, local
memory otherwise — and marked for the front cache (Varnish).

Never stale, by construction:

- Every key contains the content clock (cms.caching.clock.content_changed_at),
  read *before* the answer is made. Every write the public could see advances
  the clock, so after it no request can find an entry made before it; the
  clock also counts a passed `expire_at` / `go_live_at` / boundary-hook moment
  (an alert's start or end, local midnight), so an expiry changes the key with no write and no cron.
- An entry lives at most PAGE_CACHE_SECONDS and never past the next such
  moment (cms.caching.clock.content_clock); the answer's s-maxage (what the
  front cache may keep it) is the same remaining lifetime, recomputed on every
  hit. The front cache is also purged by key on every change (cms.caching.purge).
- Only requests that cannot see anything but public content are served or
  stored: GET/HEAD, no Authorization header, no cookie but the CSRF cookie (a
  session — signed in, a view-restriction password, messages, a dismissed
  alert — makes the request bypass the cache), not under
  PAGE_CACHE_EXCLUDED_PATHS (admin, previews, documents, media, health).
- Only answers that are the same for every such request are stored: 200,
  not streamed, no Set-Cookie (a CSRF token on the page), no
  private/no-cache/no-store (restricted pages get those, cms.wagtail_hooks),
  Vary only on what the key holds.

The key holds the host, the path and query, the resolved language (prefix,
else Accept-Language) and the Accept header when it asks for a format that a
view negotiates (JSON-LD, Turtle, RDF/XML, JSON); deploy/varnish/default.vcl
keys the same way. Placed right after SecurityMiddleware (WhiteNoise), so a
stored answer holds the headers of every inner middleware (its CSP nonce
matches its body)."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_conditional_response, patch_cache_control, set_response_etag
from django.utils.http import parse_http_date_safe
from django.utils.translation import get_language_from_request

from . import keys
from .clock import content_clock

NEGOTIATED_FORMATS = ("application/ld+json", "text/turtle", "application/rdf+xml", "application/json")
VARY_IN_KEY = {"accept", "accept-encoding", "accept-language", "cookie"}
STATUS_HEADER = "X-Page-Cache"

logger = logging.getLogger(__name__)


def _cookies_significant(request):
    return any(name != settings.CSRF_COOKIE_NAME for name in request.COOKIES)


def cacheable_request(request):
    """May this request be answered from (and stored in) the shared cache?"""
    if request.method not in ("GET", "HEAD"):
        return False
    if "Authorization" in request.headers or _cookies_significant(request):
        return False
    path = request.path_info
    return not (path.startswith(tuple(settings.PAGE_CACHE_EXCLUDED_PATHS)) or "/_util/" in path)


def _cache_control(response):
    return {
        part.split("=", 1)[0].strip().lower() for part in cc_delim_re.split(response.get("Cache-Control", ""))
    }


def storable(response):
    """Is this answer (to a cacheable request) the same for every such request?"""
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = _cache_control(response) - {""}
    if directives & {"private", "no-cache", "no-store"}:
        return False
    if directives and "public" not in directives:
        return False  # the view chose its own caching (e.g. max-age=0)
    vary = {part.strip().lower() for part in cc_delim_re.split(response.get("Vary", "")) if part.strip()}
    return not (vary - VARY_IN_KEY) and "*" not in vary


def cache_key(request, generation):
    accept = request.headers.get("Accept", "")
    negotiated = accept if any(media in accept for media in NEGOTIATED_FORMATS) else ""
    parts = "\n".join(
        [
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            get_language_from_request(request, check_path=True),
            negotiated,
        ]
    )
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return f"page:{generation.timestamp():.6f}:{digest}" if generation else f"page:none:{digest}"


def _expires_at(now, next_boundary):
    """Unix time when an entry made now stops being right (or being kept)."""
    expires = now.timestamp() + settings.PAGE_CACHE_SECONDS
    if next_boundary is not None:
        expires = min(expires, next_boundary.timestamp())
    return expires


def _mark_public(response, expires):
    remaining = int(expires - time.time())
    patch_cache_control(response, public=True, s_maxage=max(remaining, 0))
    if "max-age" not in _cache_control(response):
        patch_cache_control(response, max_age=settings.PAGE_CACHE_BROWSER_SECONDS)
    else:
        # never longer in a browser (which no purge reaches) than the content stays right
        current = response.get("Cache-Control")
        for part in cc_delim_re.split(current):
            if part.strip().startswith("max-age="):
                browser = min(int(part.split("=", 1)[1]), max(remaining, 0))
                patch_cache_control(response, max_age=browser)
    return remaining


def _rebuild(entry, request):
    content, headers, expires = entry
    response = HttpResponse(content)
    for name, value in headers:
        response.headers[name] = value
    if expires - time.time() < 1:
        return None
    _mark_public(response, expires)
    response.headers[STATUS_HEADER] = "hit"
    return get_conditional_response(
        request,
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )


def _cache_call(method, *args, **kwargs):
    """A cache server that is down (Redis restarting) costs speed, not the answer."""
    try:
        return method(*args, **kwargs)
    except Exception as error:
        logger.warning("Page cache unavailable (%s): answering uncached", error)
        return None


class SharedPageCacheMiddleware:
    """See the module docstring; off when PAGE_CACHE_SECONDS is 0."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        if not cacheable_request(request):
            response = self.get_response(request)
            if request.method in ("GET", "HEAD") and "Cache-Control" not in response:
                # made for this visitor (a session, a token): no shared cache may keep it
                patch_cache_control(response, private=True, no_cache=True)
            return response
        now = timezone.now()
        generation, next_boundary = content_clock(now)  # before the answer is made
        key = cache_key(request, generation)
        cache = caches[settings.PAGE_CACHE_ALIAS]
        if settings.PAGE_CACHE_STORE:
            entry = _cache_call(cache.get, key)
            if entry is not None:
                response = _rebuild(entry, request)
                if response is not None:
                    return response
        response = self.get_response(request)
        if not storable(response):
            if "Cache-Control" not in response:
                patch_cache_control(response, no_cache=True)
            return response
        expires = _expires_at(now, next_boundary)
        if expires - time.time() < 1:
            patch_cache_control(response, no_cache=True)
            return response
        if not response.has_header("ETag"):
            set_response_etag(response)
        response.headers[keys.HEADER] = " ".join(keys.response_keys(request, response))
        remaining = _mark_public(response, expires)
        response.headers[STATUS_HEADER] = "miss"
        if settings.PAGE_CACHE_STORE and request.method == "GET":
            _cache_call(
                cache.set, key, (response.content, list(response.items()), expires), timeout=remaining
            )
        return response
