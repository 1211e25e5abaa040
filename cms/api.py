"""The API router: Wagtail API v2 (pages, images, documents) and v3.

Anonymous readers see only live, public pages (Wagtail's own filtering);
bad query parameters are answered with 400 and a message, never 500.

Feature apps add their own `/api/v2/pages/` filters with
`register_page_filter(BackendClass, {"param", …})` from their AppConfig.ready();
a backend raises `BadRequestError` for a bad value."""

from django.conf import settings
from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3.urls import api as v3_api
from wagtail.images.api.v2.views import ImagesAPIViewSet

from documents.api import PublicDocumentsAPIViewSet

__all__ = [
    "BadRequestError",
    "PublicPagesAPIViewSet",
    "api_router",
    "page_filter_descriptions",
    "register_page_filter",
    "registered_page_parameters",
    "v3_api",
]

_extra_page_filters = []
_extra_page_parameters = {}


def register_page_filter(backend, parameters):
    """Add a filter backend (and the query parameters it accepts) to /api/v2/pages/.

    `parameters` is a set of names or a {name: description} dict; descriptions
    go into /api/v2/openapi.json."""
    if backend not in _extra_page_filters:
        _extra_page_filters.append(backend)
    if isinstance(parameters, dict):
        _extra_page_parameters.update(parameters)
    else:
        for name in parameters:
            _extra_page_parameters.setdefault(name, "")


def registered_page_parameters():
    return set(_extra_page_parameters)


def page_filter_descriptions():
    return {name: text for name, text in _extra_page_parameters.items() if text}


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
    """Pages endpoint: Wagtail's, with a validated locale and the filters that
    feature apps registered."""

    base_filter_backends = [
        ValidatedLocaleFilter if backend is LocaleFilter else backend
        for backend in PagesAPIViewSet.filter_backends
    ]

    @property
    def filter_backends(self):
        return [*self.base_filter_backends, *_extra_page_filters]

    @property
    def known_query_parameters(self):
        return PagesAPIViewSet.known_query_parameters.union(_extra_page_parameters.keys())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
# The documents app's endpoint lists public documents only.
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
