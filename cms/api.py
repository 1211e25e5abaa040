"""The API router: Wagtail API v2 (pages, images, documents) and v3.

Anonymous readers see only live, public pages (Wagtail's own filtering);
bad query parameters are answered with 400 and a message, never 500.

The filters that feature apps register (cms.api_filters) run on
`/api/v2/pages/` and `/api/v3/pages/` alike, with the same 400 messages, and
both OpenAPI documents list them."""

from typing import cast

from django.conf import settings
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext
from ninja import NinjaAPI, Query, Router
from ninja.errors import HttpError
from ninja.pagination import paginate
from rest_framework.response import Response
from wagtail.api.v2.filters import FieldsFilter, LocaleFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.api.v3 import querysets as v3_querysets
from wagtail.api.v3.auth import AllowAnonymous, BearerTokenAuth
from wagtail.api.v3.errors import register_exception_handlers
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.api.v3.routers import pages as wagtail_pages
from wagtail.api.v3.routers.schema import router as wagtail_schema_router
from wagtail.api.v3.routers.sites import router as wagtail_sites_router
from wagtail.api.v3.routers.whoami import router as wagtail_whoami_router
from wagtail.api.v3.schemas import BasePageSchema
from wagtail.api.v3.schemas.pages import BASE_PAGE_READ_FIELDS
from wagtail.api.v3.schemas.params import APIFieldFilterSchema, OrderingSchema, SearchSchema
from wagtail.api.v3.urls import api as wagtail_v3_api
from wagtail.api.validators import APIFieldValidator, SiteFilterValidator
from wagtail.documents.api.v3.router import router as wagtail_documents_router
from wagtail.images import get_image_model
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.api.v3.router import router as wagtail_images_router
from wagtail.models import Page
from wagtail.permissions import policy_registry

from cms.api_filters import filters_for, not_one_of, page_filter_parameters
from cms.api_json import CompactJSONMixin
from cms.caching.fragments import cached
from cms.headless_preview import PreviewTokenError, revision_for_token
from cms.provenance import provenance_by_key
from cms.translation_status import states_for_pages
from cms.visibility import publicly_used, publicly_visible
from documents.api import PublicDocumentsAPIViewSet
from documents.queries import public_documents
from search.registry import searchable_pages

__all__ = [
    "BadRequestError",
    "PublicPagesAPIViewSet",
    "api_router",
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
    if "search" in request.GET:
        # what the site's search finds (content written in the locale's language), as
        # one pk condition: the search backends filter only on indexed fields
        found = searchable_pages(Page.objects.all(), site=site).values("pk")
        return model._default_manager.filter(pk__in=found)
    return publicly_visible(model._default_manager.all(), site=site, include_withdrawn=True)


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
    site's rule (called once from cms.urls; the leak matrix tests every
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


class PublicImagesAPIViewSet(CompactJSONMixin, ImagesAPIViewSet):
    """/api/v2/images/: only images that a publicly visible page uses."""

    def get_queryset(self):
        return public_images().order_by("id")


def validate_locale(value):
    """`locale` must be one of the site's languages (400 otherwise, not 404)."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    if value is not None and value not in codes:
        raise not_one_of("locale", value, codes)


class ValidatedLocaleFilter(LocaleFilter):
    def filter_queryset(self, request, queryset, view):
        validate_locale(request.GET.get("locale"))
        return super().filter_queryset(request, queryset, view)


class _FieldsView:
    """The view as Wagtail's FieldsFilter sees it: without the fields whose names
    a registered page filter owns."""

    def __init__(self, view, owned):
        self.view, self.owned = view, owned

    def get_available_fields(self, model, db_fields_only=False):
        fields = self.view.get_available_fields(model, db_fields_only=db_fields_only)
        return [name for name in fields if name not in self.owned]


class OwnedFieldsFilter(FieldsFilter):
    """Wagtail's field filters (?title=…), except where a registered page filter
    owns the parameter (e.g. `institution`, also a field): as in v3, that filter
    alone reads it."""

    def filter_queryset(self, request, queryset, view):
        return super().filter_queryset(request, queryset, _FieldsView(view, set(page_filter_parameters())))


_V2_BACKENDS = {LocaleFilter: ValidatedLocaleFilter, FieldsFilter: OwnedFieldsFilter}


class PublicPagesAPIViewSet(CompactJSONMixin, PagesAPIViewSet):
    """Pages endpoint: Wagtail's, with a validated locale and the filters that
    feature apps registered."""

    base_filter_backends = [_V2_BACKENDS.get(backend, backend) for backend in PagesAPIViewSet.filter_backends]

    @property
    def filter_backends(self):
        return [*self.base_filter_backends, *filters_for(self.request.GET, self.request.GET.get("type"))]

    def get_serializer(self, *args, **kwargs):
        fields = self.request.GET.get("fields", "")
        wants_status = "translation_status" in fields or "*" in fields
        wants_provenance = "translation_provenance" in fields or "*" in fields
        if kwargs.get("many") and args and (wants_status or wants_provenance):
            # translation_status and translation_provenance for a whole page of
            # results in a few queries, instead of a handful per item
            items = list(args[0])
            # kept per content change: wagtail-localize's records are followed by the clock
            ids = ",".join(str(item.pk) for item in sorted(items, key=lambda item: item.pk))
            states = (
                cached("api-translation-states", lambda: states_for_pages(items), ids) if wants_status else {}
            )
            provenance = (
                cached(
                    "api-provenance", lambda: provenance_by_key({item.translation_key for item in items}), ids
                )
                if wants_provenance
                else {}
            )
            for item in items:
                item._translation_state = states.get(item.pk)
                item._translation_provenance = provenance.get(str(item.translation_key), {})
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
            raise BadRequestError(gettext("type doesn't exist")) from error

    def get_base_queryset(self):
        return self._public_pages(Page)

    def _public_pages(self, model):
        try:
            return public_pages_queryset(self.request, model)
        except ValueError as error:  # ?site= matching several sites: a 400, as in Wagtail
            raise BadRequestError(str(error)) from error

    @property
    def known_query_parameters(self):
        return PagesAPIViewSet.known_query_parameters.union(page_filter_parameters())


class PagePreviewAPIViewSet(CompactJSONMixin, PagesAPIViewSet):
    """/api/v2/page_preview/?token=…: the draft revision a headless-preview token
    names (cms.headless_preview), in the pages endpoint's detail shape; never cached."""

    known_query_parameters = frozenset(
        {"token", "id", "content_type", "locale", "fields", "rich_text_format"}
    )

    def get_object(self):
        if not hasattr(self, "_preview_page"):
            try:
                self._preview_page = revision_for_token(
                    self.request.GET.get("token"), self.request.GET.get("id")
                )
            except PreviewTokenError as error:
                raise PreviewRefused(str(error), error.status) from error
        return self._preview_page

    def listing_view(self, request):
        self.action = "detail_view"  # the serializer of one page, with its detail-only fields
        self.check_query_parameters(Page.objects.none())
        page = self.get_object()
        return Response(self.get_serializer(page).data)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response

    def handle_exception(self, exc):
        if isinstance(exc, PreviewRefused):
            return Response({"message": str(exc)}, status=exc.status)
        return super().handle_exception(exc)

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]


class PreviewRefused(Exception):
    def __init__(self, message, status):
        super().__init__(message)
        self.status = status


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
# The documents app's endpoint lists public documents only.
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("page_preview", PagePreviewAPIViewSet)


# --- API v3 -------------------------------------------------------------------

# Query parameters of Wagtail's list-pages operation besides field filters.
_V3_LIST_PARAMETERS = frozenset(
    {"_"}.union(
        wagtail_pages.PageFilterSchema.model_fields,
        OrderingSchema.model_fields,
        SearchSchema.model_fields,
        WagtailLimitOffsetPagination.Input.model_fields,
    )
)

v3_pages_router = Router(tags=["pages"])
v3_preview_router = Router(tags=["pages"])


@v3_preview_router.get(
    "/",
    response=wagtail_pages.PageDetailSchema,
    url_name="page_preview",
    summary="Preview a draft with a headless-preview token",
    operation_id="page_preview",
    auth=None,
)
def v3_page_preview(request: HttpRequest, response: HttpResponse, token: str = "", id: str = ""):  # noqa: A002
    """The revision a preview token names (cms.headless_preview); never cached."""
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    try:
        return revision_for_token(token, id or None)
    except PreviewTokenError as error:
        raise HttpError(error.status, str(error)) from error


def _v3_requested_type(request):
    types = request.GET.getlist("type")
    return ",".join(types) or None  # several types: no single type's filters apply


def _check_v3_list_parameters(request, model):
    """As in v2: a parameter that is neither an operation, a registered filter
    nor a field of the page type is a 400, not silently ignored."""
    fields = APIFieldValidator(
        model=model, fields=[], base_fields=BASE_PAGE_READ_FIELDS, db_fields_only=True
    ).allowed_fields
    unknown = set(request.GET) - _V3_LIST_PARAMETERS - set(page_filter_parameters()) - fields
    if unknown:
        raise BadRequestError(
            gettext("query parameter is not an operation or a recognised field: %(names)s")
            % {"names": ", ".join(sorted(unknown))}
        )


@v3_pages_router.get(
    "/",
    response=list[BasePageSchema],
    url_name="list_pages",
    summary="List pages",
    operation_id="pages_list",
    auth=[BearerTokenAuth(), AllowAnonymous()],
    include_in_schema=False,  # Wagtail's operation of the same signature documents it (see PublicAPIv3)
)
@paginate(WagtailLimitOffsetPagination, pass_parameter="pagination_info")  # noqa: S106 not a password
def v3_list_pages(
    request: HttpRequest,
    filters: wagtail_pages.PageFilterSchema = Query(...),  # noqa: B008 (ninja parameter declarations)
    ordering: OrderingSchema = Query(...),  # noqa: B008
    search: SearchSchema = Query(...),  # noqa: B008
    **kwargs,
):
    """Wagtail's list-pages operation (the same steps and parameters) with the
    project's checks: unknown parameters, `locale` and the registered page
    filters, each a 400 with the message v2 gives."""
    models = cast(list[type[Model]], filters.type)
    model = models[0] if len(models) == 1 else Page
    try:
        _check_v3_list_parameters(request, model)
        validate_locale(filters.locale)
        page_filters = filters_for(request.GET, _v3_requested_type(request))
        queryset = wagtail_pages.get_pages_queryset(request, model)
        queryset = filters.filter(queryset, request)
        queryset = APIFieldFilterSchema(
            raw_params=request.GET,
            base_fields=BASE_PAGE_READ_FIELDS,
            # the registered filters own their parameters, even where a field has the same name
            ignore_fields=_V3_LIST_PARAMETERS | set(page_filter_parameters()),
        ).filter_queryset(queryset)
        for page_filter in page_filters:  # before search: a search result is no longer a queryset
            queryset = page_filter().filter_queryset(request, queryset, None)
    except BadRequestError as error:
        raise HttpError(400, str(error)) from error
    queryset = ordering.order_queryset(queryset, kwargs["pagination_info"], base_fields=BASE_PAGE_READ_FIELDS)
    return search.search_queryset(request, queryset)


# Django serves the first route that matches a path, so this router, mounted
# before Wagtail's pages router, answers GET /pages/; it must then also carry
# Wagtail's POST on the same path (page creation), unchanged.
v3_pages_router.post(
    "/",
    response={201: wagtail_pages.PageDetailSchema},
    url_name="create_page",
    summary="Create page",
    operation_id="pages_create",
    auth=BearerTokenAuth(),
    include_in_schema=False,  # documented by Wagtail's own route of it
)(wagtail_pages.create_page)


class PublicAPIv3(NinjaAPI):
    """Wagtail's API v3 (its routers, token auth and problem+json errors),
    mounted with our list-pages operation; its OpenAPI document lists the
    registered page filters and the 400 they answer.

    (Our operation takes Wagtail's parameters, so Wagtail's shadowed operation
    still describes them; the registered filters are added to it here, through
    ninja's documented `get_openapi_schema` override.)"""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for path_item in schema["paths"].values():
            operation = path_item.get("get")
            if operation and operation.get("operationId") == "pages_list":
                operation.setdefault("parameters", []).extend(
                    {
                        "in": "query",
                        "name": name,
                        "required": False,
                        "description": description,
                        "schema": {"type": "string"},
                    }
                    for name, description in page_filter_parameters().items()
                )
                operation["responses"].setdefault(
                    400,
                    {
                        "description": "Bad query parameter (problem+json; `detail` says which and why)",
                        "content": {"application/problem+json": {"schema": {"type": "object"}}},
                    },
                )
        return schema


v3_api = PublicAPIv3(
    title=wagtail_v3_api.title,
    version=wagtail_v3_api.version,
    description=wagtail_v3_api.description,
    urls_namespace=wagtail_v3_api.urls_namespace,  # Wagtail's operations reverse "wagtailapi_v3:…"
    docs_decorator=wagtail_v3_api.docs_decorator,
    openapi_url="/openapi.json",
    docs_url="/docs/",
)
register_exception_handlers(v3_api)
v3_api.add_router("/page_preview/", v3_preview_router)
v3_api.add_router("/pages/", v3_pages_router)
v3_api.add_router("/pages/", wagtail_pages.router)
v3_api.add_router("/schema/", wagtail_schema_router)
v3_api.add_router("/sites/", wagtail_sites_router)
v3_api.add_router("/documents/", wagtail_documents_router)
v3_api.add_router("/images/", wagtail_images_router)
v3_api.add_router("/", wagtail_whoami_router)
