"""Pages-endpoint filters (API v2 and v3) for institutions: country, region,
institution_type, membership, service_category, channel, cross_border — validated, 400 on a bad value.

(`type` is Wagtail's own page-type parameter, so the institution type is
`institution_type`.)"""

from django.db.models import Q

from cms.api_filters import PageFilter, not_one_of
from directory.models import EService, InstitutionPage, InstitutionType, Region, ServiceCategory
from directory.models.pages import (
    CHANNEL_CHOICES,
    CROSS_BORDER_CHOICES,
    MEMBERSHIP_CHOICES,
    current_membership_q,
)


def _check(name, value, allowed):
    if value not in allowed:
        raise not_one_of(name, value, sorted(allowed))


class InstitutionFilter(PageFilter):
    """Institutions by their own facts (country, region, type) and by the
    e-services they offer: the service conditions hold for one and the same service."""

    page_type = "directory.InstitutionPage"
    parameters = {
        "country": "BG or RO: only institutions of that country.",
        "region": "NUTS-3 code of a region (e.g. BG325): only institutions in it.",
        "institution_type": "Code of an institution type: only institutions of that type.",
        "membership": "member, partner, lead_partner or observer: only current members of the network "
        "with that role.",
        "service_category": "Code of an e-service category: only institutions with a service in it.",
        "channel": "online, assisted or in_person: only institutions with a service on that channel.",
        "cross_border": "yes, partly or no: only institutions with a service of that cross-border use.",
    }

    def filter_queryset(self, request, queryset, view):
        params = {name: request.GET[name] for name in self.parameters if name in request.GET}
        if not params:
            return queryset
        institutions = Q()
        services = Q()
        if "country" in params:
            _check("country", params["country"], {"BG", "RO"})
            institutions &= Q(country=params["country"])
        if "region" in params:
            _check("region", params["region"], set(Region.objects.values_list("nuts_code", flat=True)))
            institutions &= Q(nuts_region__nuts_code=params["region"])
        if "institution_type" in params:
            codes = set(InstitutionType.objects.values_list("code", flat=True))
            _check("institution_type", params["institution_type"], codes)
            institutions &= Q(organisation_type__code=params["institution_type"])
        if "membership" in params:
            roles = [code for code, _label in MEMBERSHIP_CHOICES]
            if params["membership"] not in roles:
                raise not_one_of("membership", params["membership"], roles)
            institutions &= current_membership_q(params["membership"])
        if "service_category" in params:
            codes = set(ServiceCategory.objects.values_list("code", flat=True))
            _check("service_category", params["service_category"], codes)
            services &= Q(category__code=params["service_category"])
        if "channel" in params:
            _check("channel", params["channel"], {code for code, _label in CHANNEL_CHOICES})
            services &= Q(channel=params["channel"])
        if "cross_border" in params:
            _check("cross_border", params["cross_border"], {code for code, _label in CROSS_BORDER_CHOICES})
            services &= Q(cross_border=params["cross_border"])
        matching = InstitutionPage.objects.filter(institutions)
        if services:
            matching = matching.filter(pk__in=EService.objects.filter(services).values("page_id"))
        return queryset.filter(pk__in=matching.values("pk"))
