"""The `institution=` filter of the pages endpoints (API v2 and v3) for
attributed page types (cms.attribution), and its value parser, shared by the
feeds. A kernel module: the feature apps subclass `InstitutionFilter`."""

from django.apps import apps
from django.db.models import QuerySet
from django.utils.translation import gettext

from cms.api_filters import BadRequestError, PageFilter
from cms.attribution import attribution_keys

__all__ = ["INSTITUTION_PARAMETER", "InstitutionFilter", "institution_key_or_error"]


INSTITUTION_PARAMETER = (
    "The institution an item comes from: the id of its institution page in any language "
    "(e.g. 42), or the page's translation key (a UUID, the same in every language). "
    "400 when it names no institution page."
)


def institution_key_or_error(value, page_type):
    """The translation key `institution=<value>` names, or a localized BadRequestError."""
    key = attribution_keys(value, page_type)
    if key is None:
        raise BadRequestError(
            gettext(
                "institution must be the id or the translation key of an institution page; got “%(value)s”."
            )
            % {"value": value}
        )
    return key


class InstitutionFilter(PageFilter):
    """`?institution=<page id in any locale | translation key>` on the pages
    endpoints (v2 and v3): only items attributed to that institution. Subclassed
    by each attributed page type (`page_type`)."""

    parameters = {"institution": INSTITUTION_PARAMETER}

    def filter_queryset(self, request, queryset, view):
        value = request.GET.get("institution")
        if value is None:
            return queryset
        model = apps.get_model(self.page_type)
        key = institution_key_or_error(value, model.attribution_page_type)
        if not isinstance(queryset, QuerySet):
            raise BadRequestError(gettext("institution cannot be combined with search."))
        attributed = model.objects.filter(institution__translation_key=key).values("pk")
        return queryset.filter(pk__in=attributed)
