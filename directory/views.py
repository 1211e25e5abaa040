"""Visitor views of the directory (faceted index, e-services listing and its
CSV) and the open-data export of the whole directory."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.template.response import TemplateResponse
from wagtail.models import Locale

from cms.api_filters import not_one_of
from directory import columns, cpsv
from directory.facets import (
    FilterError,
    eservice_queryset,
    facet_choices,
    facets_for,
    institution_queryset,
    order_by_name,
    order_eservices,
    parse_filters,
)
from directory.jsonld import CONTEXT, institution_jsonld

INSTITUTIONS_PER_PAGE = 24
SERVICES_PER_PAGE = 50


def _filters_or_error(request, index_page, template):
    choices = facet_choices(index_page.locale)
    try:
        return choices, parse_filters(request.GET, choices), None
    except FilterError as error:
        context = index_page.get_context(request)
        context.update({"errors": error.args[0], "facets": [], "page_obj": None, "filters": {}})
        return choices, None, TemplateResponse(request, template, context, status=400)


def _query_without_page(request):
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def directory_index(request, index_page):
    template = "directory/directory_index_page.html"
    choices, filters, error = _filters_or_error(request, index_page, template)
    if error:
        return error
    language = index_page.locale.language_code
    institutions = order_by_name(
        institution_queryset(index_page, filters).select_related("nuts_region", "organisation_type"),
        language,
    )
    page_obj = Paginator(institutions, INSTITUTIONS_PER_PAGE).get_page(request.GET.get("page"))
    context = index_page.get_context(request)
    context.update(
        {
            "facets": facets_for(index_page, filters, choices),
            "filters": filters,
            "page_obj": page_obj,
        }
    )
    return TemplateResponse(request, template, context)


def e_services_index(request, index_page):
    template = "directory/e_services_page.html"
    choices, filters, error = _filters_or_error(request, index_page, template)
    if error:
        return error
    services = order_eservices(eservice_queryset(index_page, filters), index_page.locale.language_code)
    page_obj = Paginator(services, SERVICES_PER_PAGE).get_page(request.GET.get("page"))
    context = index_page.get_context(request)
    context.update(
        {
            "facets": facets_for(index_page, filters, choices),
            "filters": filters,
            "page_obj": page_obj,
            "csv_url": index_page.url
            + "e-services/csv/"
            + (f"?{_query_without_page(request)}" if request.GET else ""),
        }
    )
    return TemplateResponse(request, template, context)


def e_services_csv(request, index_page):
    choices = facet_choices(index_page.locale)
    try:
        filters = parse_filters(request.GET, choices)
    except FilterError as error:
        return HttpResponseBadRequest("; ".join(str(p) for p in error.args[0]), content_type="text/plain")
    services = order_eservices(eservice_queryset(index_page, filters), index_page.locale.language_code)
    return columns.csv_response(
        columns.service_rows(services, request), f"e-services-{index_page.locale.language_code}"
    )


# --- Open data export -----------------------------------------------------------


def _export_locale(request):
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    code = request.GET.get("locale", settings.LANGUAGE_CODE)
    if code not in codes:
        return None, HttpResponseBadRequest(str(not_one_of("locale", code, codes)), content_type="text/plain")
    return Locale.objects.get(language_code=code), None


def _exported_institutions(locale):
    return cpsv.exported_institutions(locale)


def export_jsonld(request):
    """The whole directory in one locale as a JSON-LD graph."""
    locale, error = _export_locale(request)
    if error:
        return error
    graph = [
        institution_jsonld(page, request=request, services=page.e_services.all(), with_context=False)
        for page in _exported_institutions(locale)
    ]
    data = {"@context": CONTEXT, "@graph": graph}
    return JsonResponse(
        data,
        content_type="application/ld+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


def export_csv(request):
    """The whole directory in one locale in the import's columns (one row per e-service)."""
    locale, error = _export_locale(request)
    if error:
        return error
    return columns.csv_response(
        columns.rows(_exported_institutions(locale), request), f"institutions-{locale.language_code}"
    )


# --- CPSV-AP 3.2.0 and the DCAT-AP catalog (directory/cpsv.py) --------------------


def _rdf_format(request):
    fmt = request.GET.get("format", "jsonld")
    if fmt not in cpsv.FORMATS:
        allowed = list(cpsv.FORMATS)
        return None, HttpResponseBadRequest(
            str(not_one_of("format", fmt, allowed)), content_type="text/plain"
        )
    return fmt, None


def rdf_response(document, fmt, status=200):
    """A JSON-LD document as JSON-LD or Turtle."""
    if fmt == "ttl":
        return HttpResponse(
            cpsv.to_turtle(document), content_type="text/turtle; charset=utf-8", status=status
        )
    return JsonResponse(
        document,
        status=status,
        content_type="application/ld+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


def export_cpsv(request):
    """The public services of one locale as CPSV-AP 3.2.0 (?locale=bg|ro|en, ?format=jsonld|ttl)."""
    fmt, error = _rdf_format(request)
    if error:
        return error
    locale, error = _export_locale(request)
    if error:
        return error
    return rdf_response(cpsv.cpsv_document(locale, request), fmt)


def catalog(request):
    """The datasets the site publishes as a DCAT-AP catalog (?format=jsonld|ttl)."""
    from directory.catalog import catalog_document

    fmt, error = _rdf_format(request)
    if error:
        return error
    return rdf_response(catalog_document(request), fmt)
