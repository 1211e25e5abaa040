import logging
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from cms.base_url import absolute_url

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
@require_safe
def healthz(request):
    """200 with every part "ok", or 503 naming the part that failed (GET or HEAD)."""
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
        f"Sitemap: {absolute_url(reverse('sitemap_index'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def local_media(request, path):
    """/media/ under DEBUG (local files): only what the visibility rule lets the
    public see, or what the signed-in user may manage. Documents are never served
    here (their own view, /documents/<id>/<name>, applies the rule); images and
    renditions only when their image is publicly used (cms.visibility)."""
    from django.conf import settings
    from django.http import Http404
    from django.views.static import serve
    from wagtail.images import get_image_model
    from wagtail.permissions import policy_registry

    from cms.visibility import is_publicly_used

    Image = get_image_model()
    image = None
    if path.startswith("original_images/"):
        image = Image.objects.filter(file=path).first()
    elif path.startswith("images/"):
        rendition = Image.get_rendition_model().objects.filter(file=path).select_related("image").first()
        image = rendition.image if rendition else None
    if image is None:
        raise Http404
    user = request.user
    may_manage = user.is_authenticated and policy_registry.get_by_type(
        Image
    ).user_has_any_permission_for_instance(user, ["change", "choose"], image)
    public = is_publicly_used(image)
    if not (public or may_manage):
        raise Http404
    response = serve(request, path, document_root=settings.MEDIA_ROOT)
    if not public:
        response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for by that name: the static icon."""
    from django.http import HttpResponsePermanentRedirect
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("icons/favicon.ico"))
