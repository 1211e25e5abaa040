"""Faceted filtering of institutions and e-services, shared by the HTML
listing, the e-services page and its CSV. Every facet's counts are computed
with all the other filters applied (so combining filters never leads to an
empty page), in a fixed number of queries whatever the directory's size."""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Count, Q
from django.db.models.functions import Collate
from django.utils.translation import gettext_lazy as _

from directory.models import EService, InstitutionPage, InstitutionType, Region, ServiceCategory
from directory.models.pages import (
    CHANNEL_CHOICES,
    CROSS_BORDER_CHOICES,
    MEMBERSHIP_CHOICES,
    current_membership_q,
)
from directory.models.snippets import COUNTRY_CHOICES

FACETS = ("country", "region", "type", "membership", "category", "channel", "cross_border")
# Facets that describe an institution's e-services rather than the institution.
SERVICE_FACETS = ("category", "channel", "cross_border")


class FilterError(ValueError):
    pass


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    values: list = field(default_factory=list)

    @property
    def selected(self):
        return next((v for v in self.values if v.selected), None)


def collation_for(language_code):
    return f"{language_code}-x-icu"


def order_by_name(queryset, language_code, field_name="title"):
    """Sort by name with the locale's collation (ICU on PostgreSQL; plain order elsewhere)."""
    if connection.vendor == "postgresql":
        return queryset.order_by(Collate(field_name, collation_for(language_code)), "pk")
    return queryset.order_by(field_name, "pk")


def facet_choices(locale):
    """The allowed values of each facet in `locale`, as {facet: [(value, label)]}."""
    regions = Region.objects.filter(locale=locale).order_by("nuts_code")
    types = order_by_name(InstitutionType.objects.filter(locale=locale), locale.language_code, "name")
    categories = order_by_name(ServiceCategory.objects.filter(locale=locale), locale.language_code, "name")
    return {
        "country": [(code, str(label)) for code, label in COUNTRY_CHOICES],
        "region": [(r.nuts_code, r.name) for r in regions],
        "type": [(t.code, t.name) for t in types],
        "membership": [(code, str(label)) for code, label in MEMBERSHIP_CHOICES],
        "category": [(c.code, c.name) for c in categories],
        "channel": [(code, str(label)) for code, label in CHANNEL_CHOICES],
        "cross_border": [(code, str(label)) for code, label in CROSS_BORDER_CHOICES if code != "no"],
    }


FACET_LABELS = {
    "country": _("Country"),
    "region": _("Region"),
    "type": _("Type"),
    "membership": _("Network membership"),
    "category": _("Service category"),
    "channel": _("Channel"),
    "cross_border": _("Usable cross-border"),
}


def parse_filters(params, choices):
    """Validated {facet: value} (plus "q") from query parameters; FilterError lists every problem."""
    filters, problems = {}, []
    for name in FACETS:
        value = params.get(name, "").strip()
        if not value:
            continue
        allowed = [code for code, _label in choices[name]]
        if value not in allowed:
            problems.append(
                _("%(facet)s: unknown value “%(value)s”") % {"facet": FACET_LABELS[name], "value": value}
            )
            continue
        filters[name] = value
    q = params.get("q", "").strip()
    if len(q) > 100:
        problems.append(_("Name: at most 100 characters"))
    elif q:
        filters["q"] = q
    if problems:
        raise FilterError(problems)
    return filters


def service_q(filters, prefix=""):
    """Q for e-services matching the service facets in `filters`."""
    lookups = {"category": "category__code", "channel": "channel", "cross_border": "cross_border"}
    return Q(**{prefix + lookups[name]: value for name, value in filters.items() if name in lookups})


def institution_queryset(index_page, filters, *, exclude=None):
    """Publicly visible institutions under `index_page` matching `filters` (minus the facet `exclude`)."""
    active = {k: v for k, v in filters.items() if k != exclude}
    qs = InstitutionPage.objects.child_of(index_page).publicly_visible()
    if "country" in active:
        qs = qs.filter(country=active["country"])
    if "region" in active:
        qs = qs.filter(nuts_region__nuts_code=active["region"])
    if "type" in active:
        qs = qs.filter(organisation_type__code=active["type"])
    if "membership" in active:
        qs = qs.filter(current_membership_q(active["membership"]))
    if "q" in active:
        q = active["q"]
        qs = qs.filter(Q(title__icontains=q) | Q(short_name__icontains=q))
    if any(name in active for name in SERVICE_FACETS):
        qs = qs.filter(pk__in=EService.objects.filter(service_q(active)).values("page_id"))
    return qs


def facets_for(index_page, filters, choices):
    """Facets with per-value counts of institutions (one query per facet)."""
    result = []
    group_by = {
        "country": "country",
        "region": "nuts_region__nuts_code",
        "type": "organisation_type__code",
        "membership": "membership_role",
    }
    for name in FACETS:
        base = institution_queryset(index_page, filters, exclude=name)
        if name == "membership":
            base = base.filter(current_membership_q())
        if name in group_by:
            rows = base.order_by().values(group_by[name]).annotate(n=Count("pk", distinct=True))
            counts = {row[group_by[name]]: row["n"] for row in rows}
        else:
            lookup = {"category": "category__code", "channel": "channel", "cross_border": "cross_border"}[
                name
            ]
            others = {k: v for k, v in filters.items() if k in SERVICE_FACETS and k != name}
            rows = (
                EService.objects.filter(page__in=base.values("pk"))
                .filter(service_q(others))
                .order_by()
                .values(lookup)
                .annotate(n=Count("page", distinct=True))
            )
            counts = {row[lookup]: row["n"] for row in rows}
        values = [
            FacetValue(code, label, counts.get(code, 0), filters.get(name) == code)
            for code, label in choices[name]
        ]
        result.append(Facet(name, FACET_LABELS[name], values))
    return result


def eservice_queryset(index_page, filters):
    """E-services of the matching institutions that themselves match the service facets."""
    institutions = institution_queryset(
        index_page, {k: v for k, v in filters.items() if k not in SERVICE_FACETS}
    )
    return (
        EService.objects.filter(page__in=institutions.values("pk"))
        .filter(service_q(filters))
        .select_related("page", "category", "page__nuts_region", "page__organisation_type")
    )


def order_eservices(queryset, language_code):
    if connection.vendor == "postgresql":
        collation = collation_for(language_code)
        return queryset.order_by(Collate("page__title", collation), Collate("name", collation), "pk")
    return queryset.order_by("page__title", "name", "pk")
