"""Query parameters that feature apps add to the pages endpoints of API v2 and v3.

Each rule is said once, in a `PageFilter` subclass of the feature app:
`parameters` names and describes its query parameters (both OpenAPI documents
list them), `page_type` is the page type they belong to, and
`filter_queryset(request, queryset, view)` validates the values (a
`BadRequestError` is a 400 with its message in either API) and narrows the
queryset. The app registers the class from its AppConfig.ready() with
`register_page_filter`; cms.api applies the registered filters to both APIs.

A kernel module: it imports no feature app."""

from collections.abc import Collection

from django.utils.translation import gettext
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError


def not_one_of(name, value, allowed):
    """The 400 for a parameter outside its values, in the request's language."""
    return BadRequestError(
        gettext("%(name)s must be one of %(values)s; got %(value)s")
        % {"name": name, "values": ", ".join(allowed), "value": repr(value)}
    )


__all__ = [
    "BadRequestError",
    "not_one_of",
    "PageFilter",
    "filters_for",
    "page_filter_parameters",
    "register_page_filter",
]


class PageFilter(BaseFilterBackend):
    """A feature app's query parameters on /pages/ (v2 and v3): declaration,
    validation and filtering in one class."""

    #: "app_label.ModelName" of the pages the parameters filter, or None for any page.
    page_type: str | None = None
    #: {name: description} of the query parameters this filter reads.
    parameters: dict[str, str] = {}

    def filter_queryset(self, request, queryset, view):
        raise NotImplementedError


_registered: list[type[PageFilter]] = []


def register_page_filter(filter_class: type[PageFilter]) -> None:
    """Add `filter_class` to /api/v2/pages/ and /api/v3/pages/ (once)."""
    if filter_class not in _registered:
        _registered.append(filter_class)


def page_filter_parameters() -> dict[str, str]:
    """{name: description} of every registered parameter, sorted by name; a name
    that several page types use describes each, with its type."""
    descriptions: dict[str, list[str]] = {}
    for filter_class in _registered:
        for name, text in filter_class.parameters.items():
            scope = f" (with type={filter_class.page_type})" if filter_class.page_type else ""
            descriptions.setdefault(name, []).append(f"{text}{scope}")
    return {name: " / ".join(descriptions[name]) for name in sorted(descriptions)}


def filters_for(parameters: Collection[str], requested_type: str | None) -> list[type[PageFilter]]:
    """The registered filters that apply to a request with these query parameter
    names and this `type` (None when the request names no type).

    A filter of one page type runs when that type is requested, or without a
    type when the request uses its parameters. A parameter that no applicable
    filter reads (or, without a type, that several page types read) is a 400
    that names the types it belongs to."""
    used = set(parameters) & {name for f in _registered for name in f.parameters}
    selected = [
        f
        for f in _registered
        if f.page_type is None
        or f.page_type == requested_type
        or (not requested_type and used & set(f.parameters))
    ]
    for name in sorted(used):
        owners = sorted({f.page_type or "any" for f in _registered if name in f.parameters})
        claimed_by = [f for f in selected if name in f.parameters]
        if not claimed_by or (not requested_type and len(claimed_by) > 1):
            raise BadRequestError(
                gettext("%(name)s filters %(types)s: add type= with one of them")
                % {"name": name, "types": " and ".join(owners)}
            )
    return selected
