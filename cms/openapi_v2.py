"""An OpenAPI 3 description of the Wagtail API v2 endpoints as this site
configures them (page types, their api_fields, the filters feature apps
registered), built from the live configuration so it cannot drift."""

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET
from wagtail.api.conf import APIField
from wagtail.models import Page, get_page_models

from cms.api_filters import page_filter_parameters
from cms.base_url import site_base_url

_JSON_TYPES = {
    models.AutoField: {"type": "integer"},
    models.BigAutoField: {"type": "integer"},
    models.IntegerField: {"type": "integer"},
    models.PositiveIntegerField: {"type": "integer"},
    models.BooleanField: {"type": "boolean"},
    models.FloatField: {"type": "number"},
    models.DecimalField: {"type": "string", "format": "decimal"},
    models.DateTimeField: {"type": "string", "format": "date-time"},
    models.DateField: {"type": "string", "format": "date"},
    models.URLField: {"type": "string", "format": "uri"},
    models.EmailField: {"type": "string", "format": "email"},
    models.CharField: {"type": "string"},
    models.TextField: {"type": "string"},
    models.SlugField: {"type": "string"},
}

PAGE_PARAMETERS = {
    "type": "Page type as app_label.ModelName (e.g. news.NewsPage); enables that type's fields and filters.",
    "locale": "Language of the pages: bg, ro or en.",
    "translation_of": "ID of a page: return its translations.",
    "child_of": "ID of a page: return its children.",
    "descendant_of": "ID of a page: return its descendants.",
    "ancestor_of": "ID of a page: return its ancestors.",
    "fields": "Comma-separated fields to add (or -field to remove, * for all).",
    "order": "Field to order by (prefix with - for descending), or random.",
    "search": "Full-text search query.",
    "search_operator": "and / or.",
    "limit": "Page size (max 100).",
    "offset": "Number of items to skip.",
    "site": "Hostname of the site (defaults to the request's site).",
    "slug": "Filter by slug.",
    "title": "Filter by title.",
    "show_in_menus": "Filter by show_in_menus (true/false).",
}


def _field_schema(model, name):
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return {"description": "Computed value (see the field's documentation)."}
    for field_class in type(field).__mro__:
        if field_class in _JSON_TYPES:
            schema = dict(_JSON_TYPES[field_class])
            break
    else:
        if field.is_relation and field.many_to_one:
            schema = {"type": "object", "description": f"Related {field.related_model._meta.verbose_name}"}
        elif field.is_relation:
            schema = {"type": "array", "items": {"type": "object"}}
        else:
            schema = {"description": type(field).__name__}
    if getattr(field, "null", False):
        schema["nullable"] = True
    if getattr(field, "help_text", ""):
        schema["description"] = str(field.help_text)
    return schema


def _page_schema(model):
    properties = {
        "id": {"type": "integer"},
        "meta": {"$ref": "#/components/schemas/PageMeta"},
        "title": {"type": "string"},
    }
    for api_field in (
        APIField.get_fields_for_model(model) if hasattr(APIField, "get_fields_for_model") else []
    ):
        properties[api_field.name] = _field_schema(model, api_field.name)
    for api_field in getattr(model, "api_fields", []):
        name = api_field if isinstance(api_field, str) else api_field.name
        properties.setdefault(name, _field_schema(model, name))
    return {"type": "object", "properties": properties, "description": str(model.__doc__ or "").strip()}


def _parameter(name, description, *, required=False, schema=None):
    return {
        "name": name,
        "in": "query",
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


def build_document(request):
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    page_models = [m for m in get_page_models() if m is not Page]
    list_parameters = [
        _parameter(name, description, schema={"type": "string", "enum": codes} if name == "locale" else None)
        for name, description in PAGE_PARAMETERS.items()
    ]
    list_parameters += [
        _parameter(name, description) for name, description in page_filter_parameters().items()
    ]
    error = {
        "description": "Bad query parameter",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    schemas = {
        "Error": {"type": "object", "properties": {"message": {"type": "string"}}, "required": ["message"]},
        "PageMeta": {
            "type": "object",
            "properties": {
                "type": {"type": "string"},
                "detail_url": {"type": "string", "format": "uri"},
                "html_url": {"type": "string", "format": "uri", "nullable": True},
                "slug": {"type": "string"},
                "first_published_at": {"type": "string", "format": "date-time", "nullable": True},
                "locale": {"type": "string", "enum": codes},
            },
        },
        "PageList": {
            "type": "object",
            "properties": {
                "meta": {"type": "object", "properties": {"total_count": {"type": "integer"}}},
                "items": {
                    "type": "array",
                    "items": {
                        "anyOf": [{"$ref": f"#/components/schemas/{m._meta.label}"} for m in page_models]
                    },
                },
            },
        },
    }
    for model in page_models:
        schemas[model._meta.label] = _page_schema(model)
    paths = {
        "/api/v2/pages/": {
            "get": {
                "summary": "List live, public pages",
                "operationId": "pages_list",
                "parameters": list_parameters,
                "responses": {
                    "200": {
                        "description": "Pages",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/PageList"}}
                        },
                    },
                    "400": error,
                },
            }
        },
        "/api/v2/pages/{id}/": {
            "get": {
                "summary": "One live, public page with all its fields",
                "operationId": "pages_detail",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "responses": {
                    "200": {
                        "description": "The page",
                        "content": {
                            "application/json": {
                                "schema": {
                                    "anyOf": [
                                        {"$ref": f"#/components/schemas/{m._meta.label}"} for m in page_models
                                    ]
                                }
                            }
                        },
                    },
                    "404": {"description": "No live, public page with this id"},
                },
            }
        },
        "/api/v2/pages/find/": {
            "get": {
                "summary": "Redirect to the page at an HTML path",
                "operationId": "pages_find",
                "parameters": [_parameter("html_path", "Path of the page, e.g. /ro/about/", required=True)],
                "responses": {
                    "302": {"description": "Redirect to the page's detail URL"},
                    "404": {"description": "Not found"},
                },
            }
        },
    }
    paths["/api/v2/page_preview/"] = {
        "get": {
            "summary": "A page's draft revision, for a headless front end's preview (never cached)",
            "operationId": "page_preview",
            "parameters": [
                _parameter(
                    "token",
                    "Signed preview token from Wagtail's Front end preview (10 minutes)",
                    required=True,
                ),
                _parameter("id", "Optional page id; must be the token's page"),
                _parameter("fields", "Fields, as for /api/v2/pages/{id}/"),
            ],
            "responses": {
                "200": {"description": "The page as in the token's revision"},
                "400": error,
                "403": {
                    "description": "Expired, invalid or for another page",
                    **{k: v for k, v in error.items() if k == "content"},
                },
                "404": {"description": "The page or revision no longer exists"},
            },
        }
    }
    for endpoint in ("images", "documents"):
        paths[f"/api/v2/{endpoint}/"] = {
            "get": {
                "summary": f"List public {endpoint}",
                "operationId": f"{endpoint}_list",
                "parameters": [
                    _parameter(n, d)
                    for n, d in (
                        ("limit", "Page size"),
                        ("offset", "Items to skip"),
                        ("search", "Search query"),
                        ("fields", "Fields"),
                    )
                ],
                "responses": {"200": {"description": endpoint.capitalize()}, "400": error},
            }
        }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "E-GoverNet API v2",
            "version": "2.0",
            "description": "Read-only Wagtail API v2 of the E-GoverNet network: live, public content in bg, ro and en.",
        },
        "servers": [{"url": site_base_url()}],
        "paths": paths,
        "components": {"schemas": schemas},
    }


@require_GET
def openapi_v2(request):
    with translation.override("en"):
        document = build_document(request)
    return JsonResponse(document, json_dumps_params={"ensure_ascii": False})
