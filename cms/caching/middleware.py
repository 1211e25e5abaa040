"""ETag, Last-Modified and 304 on the API's GET answers (every endpoint of
API v2 and v3 under settings.CACHE_VALIDATED_PATHS), so that a client that
syncs can ask "changed?" cheaply — and is told "no" only when nothing changed."""

import time

from django.conf import settings
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import http_date, parse_http_date_safe
from wagtail.models import PageViewRestriction

from .fragments import scoped_content_changed_at


def _sees_only_public_content(request):
    """Anonymous, without a bearer token or a view-restriction password passed
    in its session: what it sees changes only with the content clock."""
    user = getattr(request, "user", None)
    if "Authorization" in request.headers or (user is not None and user.is_authenticated):
        return False
    session = getattr(request, "session", None)
    return not (session and session.get(PageViewRestriction.passed_view_restrictions_session_key))


def _last_modified_boundary(request, public):
    """The first whole second after the last change (an int timestamp), where
    Last-Modified can be exact for this request; else None."""
    if not any(request.path_info.startswith(prefix) for prefix in settings.CACHE_LAST_MODIFIED_PATHS):
        return None  # made from code, not content (OpenAPI documents, docs)
    if not public:
        return None  # drafts, restricted pages: changes the clock does not follow
    changed_at = scoped_content_changed_at()  # the clock this request's fragments used
    return None if changed_at is None else int(changed_at.timestamp()) + 1


def conditional_response(request, response):
    """Give a 200 answer its validators and answer 304 where the client's copy is current.

    - ETag is the hash of the body: exact whatever changed.
    - Last-Modified is the first whole second *after* the last change (HTTP dates
      have one-second resolution). If-Modified-Since then gets 304 exactly when
      the last change happened before the client's date, compared to the
      microsecond, so a change in the same second as an earlier answer still
      counts. While that second is not over, Last-Modified would lie in the
      future (RFC 9110 forbids it) and a later change in the same second could
      not be told apart: the header is left out and only the ETag validates.
    - An If-Modified-Since later than now is ignored: a change can still come
      before that moment."""
    if not response.has_header("ETag"):
        set_response_etag(response)
    public = _sees_only_public_content(request)
    boundary = _last_modified_boundary(request, public)
    now = time.time()
    if boundary is not None and boundary <= now:
        response.headers["Last-Modified"] = http_date(boundary)
    if not public:
        response.headers.setdefault("Cache-Control", "private, no-cache")
    elif settings.PAGE_CACHE_SECONDS <= 0:
        response.headers.setdefault("Cache-Control", "no-cache")
    # else the shared page cache (cms.caching.pages, outside this one) marks it
    # public with s-maxage when it may be kept, "no-cache" otherwise
    client_date = parse_http_date_safe(request.headers.get("If-Modified-Since", ""))
    if client_date is None or client_date > now:
        boundary = None
    return get_conditional_response(
        request, etag=response.headers["ETag"], last_modified=boundary, response=response
    )


class APICacheValidatorsMiddleware:
    """Runs `conditional_response` on GET/HEAD 200 answers under settings.CACHE_VALIDATED_PATHS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.streaming
            and any(request.path_info.startswith(prefix) for prefix in settings.CACHE_VALIDATED_PATHS)
        ):
            return conditional_response(request, response)
        return response
