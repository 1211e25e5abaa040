"""The API router: Wagtail API v2 (pages, images, documents) and v3.

Anonymous readers see only live, public pages (Wagtail's own filtering);
bad query parameters are answered with 400 and a message, never 500.

Feature apps add their own `/api/v2/pages/` filters with
`register_page_filter(BackendClass, {"param", …})` from their AppConfig.ready();
a backend raises `BadRequestError` for a bad value."""

from django.conf import settings
from wagtail.api.v2.filters import LocaleFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3 import querysets as v3_querysets
from wagtail.api.v3.urls import api as v3_api
from wagtail.api.validators import SiteFilterValidator
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.translation_status import states_for_pages
from cms.visibility import publicly_used, publicly_visible
from documents.api import PublicDocumentsAPIViewSet
from documents.queries import public_documents

__all__ = [
    "BadRequestError",
    "PublicPagesAPIViewSet",
    "api_router",
    "page_filter_descriptions",
    "register_page_filter",
    "registered_page_parameters",
    "v3_api",
]


def public_pages_queryset(request, model=Page):
    """The pages of `model` the public may see (cms.visibility) in the requested
    site (`?site=`, else the request's). Never relaxed for a signed-in user or a
    password entered in the session: the read APIs show everyone the same.
    Raises ValueError when `?site=` matches several sites."""
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if site is None:
        return model._default_manager.none()
    return publicly_visible(model._default_manager.all(), site=site, searchable="search" in request.GET)


def public_images():
    return publicly_used(get_image_model().objects.all())


def _media_queryset_for(request, model, public, wagtail_queryset):
    """What a v3 reader gets: staff whose token can manage the model see Wagtail's
    queryset (all but collections they may not view); everyone else the public ones."""
    user = request.user
    if user.is_authenticated and policy_registry.get_by_type(model).user_has_any_permission(
        user, ["add", "change", "choose"]
    ):
        return wagtail_queryset(request)
    return public().prefetch_related("tags").order_by("id")


def apply_visibility_rule_to_v3():
    """API v3 has no hook for its querysets: its routers call module-level
    functions (`get_public_pages_queryset`, `get_documents_queryset`,
    `get_images_queryset`) at request time, so those names are pointed at the
    site's rule (called once from CmsConfig.ready(); the leak matrix tests every
    v3 endpoint). The document and image routers can only be imported once every
    app is ready (they read Wagtail's schema registry), hence from cms.urls."""
    from wagtail.documents.api.v3 import router as v3_documents
    from wagtail.images.api.v3 import router as v3_images

    if getattr(v3_documents, "_egovernet_rule", False):
        return
    wagtail_documents, wagtail_images = v3_documents.get_documents_queryset, v3_images.get_images_queryset
    v3_documents._egovernet_rule = True
    v3_querysets.get_public_pages_queryset = public_pages_queryset
    v3_documents.get_documents_queryset = lambda request: _media_queryset_for(
        request, v3_documents.Document, public_documents, wagtail_documents
    )
    v3_images.get_images_queryset = lambda request: _media_queryset_for(
        request, v3_images.Image, public_images, wagtail_images
    )


class PublicImagesAPIViewSet(ImagesAPIViewSet):
    """/api/v2/images/: only images that a publicly visible page uses."""

    def get_queryset(self):
        return public_images().order_by("id")


_extra_page_filters = []  # (backend, page type label, parameter names)
_extra_page_parameters = {}


def register_page_filter(backend, parameters, page_type=None):
    """Add a filter backend (and the query parameters it accepts) to /api/v2/pages/.

    `parameters` is a set of names or a {name: description} dict; descriptions
    go into /api/v2/openapi.json. With `page_type` ("news.NewsPage") the backend
    only runs for that type: with `?type=` it, or without `?type=` when no other
    type claims the same parameter (then the request must say which type)."""
    names = set(parameters)
    if not any(entry[0] is backend for entry in _extra_page_filters):
        _extra_page_filters.append((backend, page_type, names))
    if isinstance(parameters, dict):
        _extra_page_parameters.update(parameters)
    else:
        for name in parameters:
            _extra_page_parameters.setdefault(name, "")


def _filters_for(request):
    """The registered backends that apply to this request's ?type= and parameters.

    A parameter that no applicable backend handles (or, without ?type=, that
    several page types handle) is a 400 that names the types it belongs to."""
    requested_type = request.GET.get("type")
    used = set(request.GET) & set(_extra_page_parameters)
    selected = []
    for backend, page_type, names in _extra_page_filters:
        if page_type is None or page_type == requested_type or (not requested_type and names & used):
            selected.append((backend, page_type, names))
    for name in sorted(used):
        owners = sorted({t or "any" for _b, t, names in _extra_page_filters if name in names})
        claimed_by = [t for _b, t, names in selected if name in names]
        if not claimed_by or (not requested_type and len(claimed_by) > 1):
            raise BadRequestError(f"{name} filters {' and '.join(owners)}: add type= with one of them")
    return [backend for backend, _t, _n in selected]


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
        return [*self.base_filter_backends, *_filters_for(self.request)]

    def get_serializer(self, *args, **kwargs):
        fields = self.request.GET.get("fields", "")
        if kwargs.get("many") and args and ("translation_status" in fields or "*" in fields):
            # translation_status for a whole page of results in a few queries,
            # instead of a handful per item
            items = list(args[0])
            states = states_for_pages(items)
            for item in items:
                item._translation_state = states.get(item.pk)
            args = (items, *args[1:])
        return super().get_serializer(*args, **kwargs)

    def get_queryset(self):
        # Wagtail wraps the public pages of every type in `pk IN (…)` and then asks one
        # page type's table for those: at 30,000 news pages the semi-join, and the date
        # ordering it keeps off its index, cost more than the rest of the request. For
        # one type the same conditions go on that type's own queryset instead.
        models = self._requested_models()
        queryset = self._public_pages(models[0]) if len(models) == 1 else super().get_queryset()
        # every item's meta shows its locale: one join instead of a query per item
        return queryset.select_related("locale")

    def _requested_models(self):
        try:
            models_type = self.request.GET.get("type")
            return (models_type and page_models_from_string(models_type)) or []
        except (LookupError, ValueError) as error:
            raise BadRequestError("type doesn't exist") from error

    def get_base_queryset(self):
        return self._public_pages(Page)

    def _public_pages(self, model):
        try:
            return public_pages_queryset(self.request, model)
        except ValueError as error:  # ?site= matching several sites: a 400, as in Wagtail
            raise BadRequestError(str(error)) from error

    @property
    def known_query_parameters(self):
        return PagesAPIViewSet.known_query_parameters.union(_extra_page_parameters.keys())


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
# The documents app's endpoint lists public documents only.
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
