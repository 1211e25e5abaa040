import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


def check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_storage(storage=None):
    """Write, read back and delete a tiny object: proves credentials, bucket and
    permissions, not just that a client object could be built."""
    storage = storage or default_storage
    name = storage.save(f"healthz/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
    try:
        with storage.open(name, "rb") as handle:
            if handle.read() != b"ok":
                raise OSError("storage returned different bytes")
    finally:
        storage.delete(name)


@never_cache
@require_GET
def healthz(request):
    """200 with every part "ok", or 503 naming the part that failed."""
    results = {}
    for part, check in (("database", check_database), ("storage", check_storage)):
        try:
            check()
        except Exception as exc:  # any failure of a dependency is a 503, not a 500
            logger.warning("healthz: %s check failed: %s", part, exc)
            results[part] = "error"
        else:
            results[part] = "ok"
    status = 200 if all(value == "ok" for value in results.values()) else 503
    return JsonResponse(results, status=status)


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        "Allow: /",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
