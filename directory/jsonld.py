"""JSON-LD for institutions (schema.org GovernmentOrganization, with the
CPOV/CPSV-AP terms the EU core vocabularies use) and their e-services
(schema.org GovernmentService)."""

from django.utils.html import strip_tags

from cms.base_url import page_url
from directory.blocks import opening_days

CONTEXT = {
    "@vocab": "https://schema.org/",
    "cpov": "http://data.europa.eu/m8g/",
    "cpsv": "http://purl.org/vocab/cpsv#",
    "dct": "http://purl.org/dc/terms/",
}


def _url(page, request):
    return page_url(page, request)


def service_jsonld(service, provider_id=None):
    data = {
        "@type": ["GovernmentService", "cpsv:PublicService"],
        "name": service.name,
        "description": service.description,
        "serviceType": service.category.name,
        "category": service.category.code,
        "availableChannel": {
            "@type": "ServiceChannel",
            "name": service.get_channel_display(),
            "additionalType": service.schema_channel,
            "availableLanguage": service.languages,
        },
        "cpsv:hasChannel": service.channel,
        "authentication": service.authentication,
        "isAccessibleForFree": service.is_free,
        "usableCrossBorder": service.cross_border,
    }
    if service.online_url:
        data["availableChannel"]["serviceUrl"] = service.online_url
    if not service.is_free and service.cost_amount is not None:
        data["offers"] = {
            "@type": "Offer",
            "price": str(service.cost_amount),
            "priceCurrency": service.cost_currency,
        }
    if service.processing_days is not None:
        data["cpsv:processingTime"] = f"P{service.processing_days}D"
    if service.output:
        data["cpsv:produces"] = service.output
    if service.last_reviewed:
        data["dct:modified"] = service.last_reviewed.isoformat()
    if provider_id:
        data["provider"] = {"@id": provider_id}
    return data


def institution_jsonld(page, request=None, services=None, with_context=True):
    """The institution as a GovernmentOrganization with its e-services."""
    url = _url(page, request)
    data = {
        "@type": ["GovernmentOrganization", "cpov:PublicOrganisation"],
        "@id": url,
        "url": url,
        "name": page.title,
        "inLanguage": page.locale.language_code,
        "additionalType": page.organisation_type.code,
        "identifier": page.registry_id,
        "taxID": page.registry_id,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.street_address,
            "postalCode": page.postcode,
            "addressLocality": page.locality,
            "addressRegion": page.nuts_region.name,
            "addressCountry": page.country,
        },
        "areaServed": {
            "@type": "AdministrativeArea",
            "name": page.nuts_region.name,
            "identifier": page.nuts_region.nuts_code,
            "cpov:spatial": f"http://data.europa.eu/nuts/code/{page.nuts_region.nuts_code}",
        },
        "contactPoint": {
            "@type": "ContactPoint",
            "contactType": "customer service",
            "telephone": page.phone,
            "email": page.email,
            "availableLanguage": page.languages_served,
            "hoursAvailable": [
                {
                    "@type": "OpeningHoursSpecification",
                    "dayOfWeek": opening_days(block.value),
                    "opens": block.value["opens"].strftime("%H:%M"),
                    "closes": block.value["closes"].strftime("%H:%M"),
                }
                for block in page.opening_hours
            ],
        },
    }
    if page.short_name:
        data["alternateName"] = page.short_name
    description = strip_tags(page.description or "").strip() or page.intro
    if description:
        data["description"] = description
    if page.website:
        data["sameAs"] = page.website
    if page.latitude is not None:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(page.latitude),
            "longitude": float(page.longitude),
        }
    if page.member_since:
        data["memberOf"] = {
            "@type": "Organization",
            "name": "BG-RO E-GoverNet",
            "startDate": page.member_since.isoformat(),
        }
    if services is None:
        services = page.e_services.select_related("category").all()
    data["hasOfferCatalog"] = {
        "@type": "OfferCatalog",
        "itemListElement": [service_jsonld(s, provider_id=url) for s in services],
    }
    if with_context:
        data = {"@context": CONTEXT, **data}
    return data
