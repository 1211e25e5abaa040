"""The one base URL of every absolute URL the site prints.

`settings.SITE_BASE_URL` (env `SITE_BASE_URL`; `make run` sets it from HOST and
PORT) is the source of truth. Feeds, sitemaps, canonical/hreflang/og tags,
JSON-LD, the APIs, exports and emails build absolute URLs here, never from the
request's host. Wagtail's own absolute URLs follow the same value: settings
derive WAGTAILADMIN_BASE_URL and WAGTAILAPI_BASE_URL from it, and
`sync_default_site()` (after every `migrate`, and in `load_demo`) makes the
default Site's hostname and port say the same, so `Site.root_url` agrees."""

from urllib.parse import urlsplit

from django.conf import settings

__all__ = ["absolute_url", "page_url", "site_address", "site_base_url", "sync_default_site"]


def site_base_url() -> str:
    """`scheme://host[:port]`, without a trailing slash."""
    return settings.SITE_BASE_URL.rstrip("/")


def absolute_url(url: str) -> str:
    """`url` (a path such as `/bg/news/`) on the site's base URL. URLs that are
    already absolute (signed S3 media, another service) are returned unchanged."""
    if urlsplit(url).scheme:
        return url
    return site_base_url() + "/" + url.lstrip("/")


def page_url(page, request=None) -> str | None:
    """The absolute URL of a Wagtail page, or None when it is not routable.
    `request` only lets Wagtail reuse its per-request cache of site roots."""
    parts = page.get_url_parts(request)
    if parts is None or parts[2] is None:
        return None
    return absolute_url(parts[2])


def site_address() -> tuple[str, int]:
    """(hostname, port) of the base URL, as a Wagtail Site stores them."""
    parts = urlsplit(site_base_url())
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def sync_default_site() -> bool:
    """Make the default Site's hostname and port match the base URL, so that
    Wagtail's `Site.root_url` (used by its API and page `full_url`) agrees.
    Returns whether the Site was changed; no default Site, nothing to do."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    hostname, port = site_address()
    if site is None or (site.hostname, site.port) == (hostname, port):
        return False
    site.hostname, site.port = hostname, port
    site.save(update_fields=["hostname", "port"])  # save(), not update(): clears Wagtail's site-root cache
    return True
