"""The directory demo: who is in it, in three languages, with e-services
translated through wagtail-localize's records."""

import pytest
from wagtail_localize.models import StringTranslation

from directory.models import EService, InstitutionPage

pytestmark = pytest.mark.django_db


def test_demo_has_the_regional_administrations_municipalities_and_organisations(demo_site):
    bg = InstitutionPage.objects.live().filter(locale__language_code="bg")
    codes = list(bg.values_list("organisation_type__code", flat=True))
    assert codes.count("district-administration") == 8
    assert codes.count("county-council") == 7
    assert codes.count("municipality") >= 16
    assert codes.count("ngo") + codes.count("business-support") >= 4
    assert EService.objects.filter(page__in=bg).count() >= 60
    assert not bg.exclude(email__endswith="example.org").exists()
    regions = set(bg.values_list("nuts_region__nuts_code", flat=True))
    assert len(regions) == 15


def test_every_institution_and_e_service_is_translated(demo_site):
    for language in ("ro", "en"):
        pages = InstitutionPage.objects.live().filter(locale__language_code=language)
        assert pages.count() == InstitutionPage.objects.filter(locale__language_code="bg").count()
    giurgiu = InstitutionPage.objects.get(slug="giurgiu-municipality", locale__language_code="ro")
    assert giurgiu.title == "Primăria Municipiului Giurgiu"
    assert giurgiu.nuts_region.name == "Giurgiu" and giurgiu.nuts_region.locale.language_code == "ro"
    names = set(giurgiu.e_services.values_list("name", flat=True))
    assert "Plata taxelor și impozitelor locale" in names
    service = giurgiu.e_services.get(name="Plata taxelor și impozitelor locale")
    assert service.description.startswith("Consultarea și plata")
    assert service.category.name == "Taxe și impozite locale"
    assert service.locale == giurgiu.locale
    # the e-service strings went through wagtail-localize, not a copy
    assert StringTranslation.objects.filter(data="Plata taxelor și impozitelor locale").exists()
    ruse_en = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="en")
    assert [c["title"] for c in ruse_en.counterparts] == ["Giurgiu Municipality"]
