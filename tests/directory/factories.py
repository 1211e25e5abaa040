"""Institutions built quickly for tests: one page, one revision, published."""

import itertools
from decimal import Decimal

from wagtail.models import Locale

from directory.models import EService, InstitutionPage, InstitutionType, Region, ServiceCategory
from directory.validators import cui_with_check, eik_with_check

_numbers = itertools.count(5000)


def make_institution(
    index,
    *,
    country="BG",
    region="BG323",
    type_code="municipality",
    title=None,
    services=(),
    revision=True,
    locality="Русе",
    **extra,
):
    """A live institution; `revision=False` skips the revision (fast bulk creation for query budgets)."""
    locale = index.locale
    number = next(_numbers)
    registry_id = (
        eik_with_check(f"0007{number:04d}") if country == "BG" else cui_with_check(str(7000000 + number))
    )
    page = InstitutionPage(
        title=title or f"Институция {number}",
        slug=f"institution-{number}",
        organisation_type=InstitutionType.objects.get(locale=locale, code=type_code),
        country=country,
        nuts_region=Region.objects.get(locale=locale, nuts_code=region),
        registry_id=registry_id,
        latitude=extra.pop("latitude", Decimal("43.8")),
        longitude=extra.pop("longitude", Decimal("25.9") if country == "BG" else Decimal("25.97")),
        locality=locality,
        e_services=[
            EService(
                locale=locale,
                name=f"Услуга {number}-{i}",
                category=ServiceCategory.objects.get(
                    locale=locale, code=service.get("category", "local-taxes")
                ),
                channel=service.get("channel", "online"),
                online_url="https://example.org/service",
                cross_border=service.get("cross_border", "no"),
            )
            for i, service in enumerate(services)
        ],
        **extra,
    )
    index.add_child(instance=page)
    if revision:
        page.save_revision().publish()
    return page


def bg_directory():
    from directory.models import DirectoryIndexPage

    return DirectoryIndexPage.objects.get(locale=Locale.objects.get(language_code="bg"))
