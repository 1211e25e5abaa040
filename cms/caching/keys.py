"""Surrogate keys: what a cached answer shows, named in its `xkey` header, so
the front cache (deploy/varnish/default.vcl, vmod xkey) can drop exactly the
answers a change affects.

The names:

- `all` — every cached answer (a site or redirect change, a release).
- `pages` — every answer made from pages, which is every cached answer: the
  menu, the footer, the language switcher, listings, feeds, the sitemap,
  older/newer links and both APIs (images and documents are public only
  while a public page uses them, cms.visibility) put almost any page on
  almost any answer, so a page change purges `pages`. Narrower page keys
  would serve a stale menu or neighbour link; this is the rule that is
  provably never stale.
- `page-<id>` — the page an HTML answer or an API detail shows (for an
  operator's purge; a change never needs less than `pages`).
- `api`, `feeds`, `sitemaps`, `exports`, `html` — the kind of answer.
- `images`, `documents` — the images / documents API answers.

A view names more keys with `add_surrogate_keys(request_or_response, *keys)`;
the defaults come from the URL (`default_keys`). Which keys a change purges:
`purge_keys_for(sender)` (the model whose write advanced the content clock)."""

import re

from django.http import HttpRequest

ALL = "all"
PAGES = "pages"
HEADER = "xkey"

_ATTRIBUTE = "_surrogate_keys"
_API_DETAIL = re.compile(r"^/api/v[23]/(?:pages|news)/(\d+)/")


def page_key(page_id):
    return f"page-{page_id}"


def add_surrogate_keys(request_or_response, *names):
    """Name more keys for this answer (on the request before the answer is
    made, or on the response); the page cache adds them to the `xkey` header."""
    target = request_or_response
    found = getattr(target, _ATTRIBUTE, None)
    if found is None:
        found = []
        setattr(target, _ATTRIBUTE, found)
    found.extend(name for name in names if name not in found)


def default_keys(path):
    """The keys every answer at `path` carries, by its URL."""
    names = [ALL, PAGES]
    if path.startswith("/api/"):
        names.append("api")
        if path.startswith(("/api/v2/images/", "/api/v3/images/")):
            names.append("images")
        elif path.startswith(("/api/v2/documents/", "/api/v3/documents/")):
            names.append("documents")
        elif path.startswith("/api/directory/"):
            names.append("exports")
        detail = _API_DETAIL.match(path)
        if detail:
            names.append(page_key(detail.group(1)))
    elif path.startswith("/sitemap") and path.endswith(".xml"):
        names.append("sitemaps")
    elif "/feed" in path or path.endswith((".rss", ".atom", ".xml")):
        names.append("feeds")
    else:
        names.append("html")
    return names


def response_keys(request: HttpRequest, response):
    """Every key of this answer: by URL, then what the view named."""
    names = default_keys(request.path_info)
    for source in (request, response):
        names.extend(name for name in getattr(source, _ATTRIBUTE, ()) if name not in names)
    return names


def purge_keys_for(sender):
    """The keys a write of `sender` (a model class, or None) purges."""
    from wagtail.contrib.redirects.models import Redirect
    from wagtail.models import Site

    if sender is not None and isinstance(sender, type) and issubclass(sender, Site | Redirect):
        return [ALL]
    return [PAGES]
