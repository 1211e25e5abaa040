"""Headless preview: an external front end renders a draft.

Wagtail's preview offers a "Front end" mode when HEADLESS_PREVIEW_URL is set; it
lists the front-end URL(s) configured for the page's site, each with a signed
token (`?token=…&content_type=…&locale=…`). The front end exchanges the token at
`/api/v2/page_preview/?token=…` (or `/api/v3/page_preview/?token=…`) for that
revision's content in the usual API shape. A token is good for PREVIEW_TOKEN_MAX_AGE
seconds (10 minutes), for one page and its latest revision only (once a newer
draft is saved, older tokens are refused: 403); answers are never cached.

The "Front end" mode shows the first front end in a frame inside Wagtail's preview
panel (the response's CSP frame-src allows the front ends' origins) and links every
configured front end for a new tab.

(wagtail-headless-preview 0.8, the package for this, declares support up to
Wagtail 6 and keeps previews in its own table; the same contract is written here
on Django's signing and Wagtail's revisions.)"""

from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core import signing
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

PREVIEW_TOKEN_SALT = "egovernet.headless-preview"  # noqa: S105 a signing salt, not a secret
PREVIEW_TOKEN_MAX_AGE = 600
PREVIEW_MODE = "headless"


class PreviewTokenError(Exception):
    """Why a token grants nothing; `status` is the HTTP answer (403 or 404)."""

    def __init__(self, message, status=403):
        super().__init__(message)
        self.status = status


def front_end_urls(site) -> list[str]:
    """The preview URLs of `site`'s front end(s): HEADLESS_PREVIEW_URLS[hostname], else ["default"]."""
    configured = getattr(settings, "HEADLESS_PREVIEW_URLS", {}) or {}
    hostname = site.hostname if site is not None else None
    return list(configured.get(hostname) or configured.get("default") or [])


def front_end_origins(links) -> list[str]:
    """The origins of `links`, for the preview's Content-Security-Policy frame-src."""
    origins = []
    for link in links:
        parts = urlsplit(link.url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if parts.scheme in ("http", "https") and parts.netloc and origin not in origins:
            origins.append(origin)
    return origins


def make_token(page, revision_id=None) -> str:
    revision_id = revision_id or page.latest_revision_id
    return signing.dumps(
        {"page": page.pk, "revision": revision_id, "locale": page.locale.language_code},
        salt=PREVIEW_TOKEN_SALT,
        compress=True,
    )


@dataclass
class PreviewLink:
    url: str
    label: str


def preview_links(page, site) -> list[PreviewLink]:
    if not page.pk or not page.latest_revision_id:
        return []
    query = urlencode(
        {
            "token": make_token(page),
            "content_type": page.specific_class._meta.label_lower,
            "locale": page.locale.language_code,
        }
    )
    return [PreviewLink(f"{url}{'&' if '?' in url else '?'}{query}", url) for url in front_end_urls(site)]


def revision_for_token(token: str | None, page_id=None):
    """The specific page as in the token's revision; raises PreviewTokenError."""
    if not token:
        raise PreviewTokenError(_("The token parameter is required."), status=400)
    try:
        claims = signing.loads(token, salt=PREVIEW_TOKEN_SALT, max_age=PREVIEW_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise PreviewTokenError(_("The preview token has expired: open the preview again.")) from error
    except signing.BadSignature as error:
        raise PreviewTokenError(_("The preview token is not valid.")) from error
    if page_id not in (None, "") and str(page_id) != str(claims["page"]):
        raise PreviewTokenError(_("The preview token is for another page."))
    page = Page.objects.filter(pk=claims["page"]).first()
    revision = Revision.page_revisions.filter(pk=claims["revision"], object_id=str(claims["page"])).first()
    if page is None or revision is None:
        raise PreviewTokenError(_("The page or revision of this preview token no longer exists."), status=404)
    if page.latest_revision_id != revision.pk:
        # a newer draft was saved since: the front end would show outdated text as "the draft"
        raise PreviewTokenError(_("A newer draft of this page has been saved: open the preview again."))
    return revision.as_object()
