"""The API router: Wagtail API v2 (pages, images, documents) and v3.

Anonymous readers see only live, public pages (Wagtail's own filtering);
bad query parameters are answered with 400 and a message, never 500."""

from django.conf import settings
from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as v3_api
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

__all__ = ["PublicPagesAPIViewSet", "api_router", "v3_api"]


class ValidatedLocaleFilter(LocaleFilter):
    """`?locale=` must be one of the site's languages (400 otherwise, not 404)."""

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("locale")
        if value is not None:
            codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
            if value not in codes:
                raise BadRequestError(f"locale must be one of {', '.join(codes)}; got {value!r}")
        return super().filter_queryset(request, queryset, view)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Pages endpoint: Wagtail's, with validated locale. Feature apps extend
    `filter_backends`/`known_query_parameters` for their own filters."""

    filter_backends = [
        ValidatedLocaleFilter if backend is LocaleFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
