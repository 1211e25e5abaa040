"""While PostgreSQL or S3 is unreachable, requests that need them answer 503
("temporarily unavailable", in the request's language, with Retry-After)
instead of the generic 500 page.

Django hands every uncaught exception — from a view or a middleware — to the
500 handler while the exception is still being handled, so `server_error`
looks at it: a database connection failure or an S3 endpoint that cannot be
reached becomes a 503; anything else stays a 500 (and is still logged by
Django as an error). Nothing is half-written either way: a failed upload raises
before its row is saved, a failed delete rolls back (cms/storage.py).
The page needs neither the database nor S3 to render."""

import logging
import sys

from botocore.exceptions import ClientError, HTTPClientError
from botocore.exceptions import ConnectionError as BotoConnectionError
from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger(__name__)

DATABASE = "database"
STORAGE = "storage"


def _causes(exc):
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def _is_unreachable_database(exc):
    if isinstance(exc, (OperationalError, InterfaceError)):
        return True
    # psycopg's own errors when Django did not wrap them (e.g. during connect)
    module = type(exc).__module__ or ""
    return module.startswith("psycopg") and type(exc).__name__ in {"OperationalError", "InterfaceError"}


def _is_unreachable_storage(exc):
    if isinstance(exc, (BotoConnectionError, HTTPClientError)):
        return True
    if isinstance(exc, ClientError):
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode") or 0
        return status >= 500
    return False


def outage_of(exc):
    """ "database" or "storage" when `exc` (or what caused it) says that service is unreachable."""
    for cause in _causes(exc):
        if _is_unreachable_database(cause):
            return DATABASE
        if _is_unreachable_storage(cause):
            return STORAGE
        if isinstance(cause, DatabaseError):  # a query error, not an outage
            return None
    return None


def unavailable(request, part):
    """The 503 answer: JSON under /api/, the localized page elsewhere."""
    retry_after = str(settings.OUTAGE_RETRY_AFTER)
    message = _("The service is temporarily unavailable. Please try again in a few minutes.")
    if request.path.startswith("/api/") or request.path == "/healthz":
        response = JsonResponse({"message": message}, status=503)
    else:
        body = loader.get_template("503.html").render(
            {
                "message": message,
                "language": translation.get_language() or settings.LANGUAGE_CODE,
                "retry_after_minutes": max(1, settings.OUTAGE_RETRY_AFTER // 60),
                "path": request.get_full_path(),
            }
        )
        response = HttpResponse(body, status=503)
    response["Retry-After"] = retry_after
    response["Cache-Control"] = "no-store"
    response["Content-Language"] = translation.get_language() or settings.LANGUAGE_CODE
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    """handler500: a 503 for an unreachable database or S3, Django's 500 otherwise."""
    part = outage_of(sys.exc_info()[1])
    if part is None:
        return django_server_error(request, template_name)
    logger.warning("%s unavailable while serving %s", part, request.path)
    return unavailable(request, part)
