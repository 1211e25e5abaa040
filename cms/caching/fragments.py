"""Fragments of a page that every request would otherwise rebuild (the layout's
language links, locale home, menu, footer, feed links; the set of restricted
tree paths behind `cms.visibility`), cached under the one invalidation rule:
their key holds `content_changed_at()` (cms.caching.clock), so any change the
clock follows — and a go_live_at/expire_at passing — makes a new key, and the
old entry is never read again (it ages out of the cache).

Inside a GET/HEAD request (`RequestScopeMiddleware`) the clock is read once and
kept for the rest of that request; a write in the request (signals →
`mark_content_changed`) forgets it. Outside a request scope (management
commands, tests calling functions directly) nothing is memoized and
`cached()` computes every time — exactly the uncached behaviour."""

from contextvars import ContextVar

from django.core.cache import cache

from .clock import content_changed_at

__all__ = [
    "RequestScopeMiddleware",
    "cached",
    "content_version",
    "forget_content_version",
    "request_scope",
    "scoped_content_changed_at",
]

FRAGMENT_SECONDS = 600  # an upper bound; a changed clock makes a new key long before
_UNSET = object()

_scope: ContextVar[dict | None] = ContextVar("cms_request_scope", default=None)


class request_scope:  # noqa: N801 - used like a function: `with request_scope():`
    """Memoize the content clock (and what is derived from it) until the block
    ends; `request_scope(enabled=False)` turns memoizing off inside a scope."""

    def __init__(self, enabled=True):
        self.enabled = enabled

    def __enter__(self):
        self._token = _scope.set({} if self.enabled else None)
        return self

    def __exit__(self, *exc):
        _scope.reset(self._token)


def in_request_scope():
    return _scope.get() is not None


def content_version():
    """`content_changed_at()` as a key part ("0" when the clock was never set);
    read once per request scope; None outside one (then nothing is cached)."""
    scope = _scope.get()
    if scope is None:
        return None
    version = scope.get("version", _UNSET)
    if version is _UNSET:
        changed_at = scope["changed_at"] = content_changed_at()
        version = scope["version"] = "0" if changed_at is None else f"{changed_at.timestamp():.6f}"
    return version


def scoped_content_changed_at():
    """`content_changed_at()`, read once per request scope (at its first use,
    before the answer's content is read); read afresh outside one."""
    if content_version() is None:
        return content_changed_at()
    return _scope.get()["changed_at"]


def forget_content_version(**_signal_kwargs):
    """After a write inside the scope: read the clock again next time, and drop
    what the scope memoized from it."""
    scope = _scope.get()
    if scope is not None:
        scope.clear()


def cached(name, compute, *parts, seconds=FRAGMENT_SECONDS):
    """`compute()`, kept in the request scope and in the cache (Django's default:
    Redis when REDIS_URL is set, else this process's memory) under `name`,
    `parts` and the content clock. Outside a request scope: `compute()`."""
    version = content_version()
    if version is None:
        return compute()
    key = ":".join(["fragment", name, version, *(str(part) for part in parts)])
    scope = _scope.get()
    if key in scope:
        return scope[key]
    value = cache.get(key, _UNSET)
    if value is _UNSET:
        value = compute()
        cache.set(key, value, seconds)
    scope[key] = value
    return value


def connect():
    """A write inside a request scope forgets the scope's clock (every save,
    delete, publish, move and m2m change: cheap, and it needs no list of what the
    clock follows). Collections are followed by the clock too: a restricted
    collection moved in the admin changes which images and documents are public."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.models import Collection
    from wagtail.signals import page_published, page_unpublished, post_page_move

    from .clock import track_changes_of

    for signal in (post_save, post_delete, m2m_changed, page_published, page_unpublished, post_page_move):
        signal.connect(forget_content_version, dispatch_uid=f"cms_fragments_forget_{id(signal)}", weak=False)
    track_changes_of(Collection)


def _route_key(request, path):
    """Where the route of `path` is kept: per site, language and content clock."""
    from django.utils import translation
    from wagtail.models import Site

    version = content_version()
    site = Site.find_for_request(request) if version is not None else None
    if site is None:
        return None, None
    components = [component for component in path.split("/") if component]
    key = ":".join(
        ["fragment", "route", version, str(site.pk), translation.get_language() or "", *components]
    )
    return key, components


def prime_route(request, path):
    """Wagtail's routing walks the tree one query per level, plus one per level
    for `.specific`: keep (content type, page id, levels walked) of the page a
    path leads to, and on the next request load that page in one query and let
    it route the rest (a routable page resolves its sub-path without queries).
    Wagtail then finds the route on the request (`_wagtail_route_for_request`)."""
    from django.contrib.contenttypes.models import ContentType
    from django.http import Http404
    from wagtail.models import Page, Site

    if hasattr(request, "_wagtail_route_for_request"):
        return
    key, components = _route_key(request, path)
    if key is None:
        return
    entry = cache.get(key)
    if entry is not None:
        content_type_id, page_id, walked = entry
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        page = model._default_manager.filter(pk=page_id).select_related("locale").first() if model else None
        if page is not None:
            try:
                request._wagtail_route_for_request = page.route(request, components[walked:])
                return
            except Http404:
                pass  # routed differently now: let Wagtail walk the tree
    result = Page.route_for_request(request, path)
    if result is not None:
        page = result[0]
        site = Site.find_for_request(request)
        walked = page.depth - site.root_page.depth  # one path component per level below the root
        cache.set(key, (page.content_type_id, page.pk, walked), FRAGMENT_SECONDS)


def prime_site(request):
    """Wagtail looks the request's Site up with one query per request (and keeps it
    on the request as `_wagtail_site`): keep it per host and content change (sites
    are followed by the clock). Only for a host that ALLOWED_HOSTS accepts."""
    from django.core.exceptions import DisallowedHost
    from django.db import DatabaseError
    from wagtail.models import Site

    if hasattr(request, "_wagtail_site"):
        return
    try:
        host = request.get_host()
    except DisallowedHost:
        return  # answered 400 further in, as before
    try:
        site = cached("site", lambda: Site._find_for_request(request), host, request.get_port())
    except DatabaseError:
        return  # the database is down: the view that needs it answers that (503), not this
    request._wagtail_site = site


def routed_views():
    """The views that serve a Wagtail page by its path (their first argument)."""
    from wagtail.views import serve

    from cms.security import origin_checked_serve

    return (serve, origin_checked_serve)


class RequestScopeMiddleware:
    """Opens a `request_scope()` around every GET and HEAD request. (Writes come
    with POST; the signals that advance the clock also forget the scope's copy,
    so even a GET that writes sees its own change.) Previews (Wagtail's dummy
    request for a page with unsaved content) never memoize nor cache anything:
    what they show is not what the public sees."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        enabled = request.method in ("GET", "HEAD") and not getattr(request, "is_dummy", False)
        with request_scope(enabled=enabled):
            if enabled:
                prime_site(request)
            return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if in_request_scope() and view_args and view_func in routed_views():
            prime_route(request, view_args[0])
