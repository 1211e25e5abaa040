"""The institution page: contacts, map link, e-services table, counterparts
and JSON-LD that parses with the right schema.org types."""

import json
import re

import pytest

pytestmark = pytest.mark.django_db


def jsonld(html):
    block = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    return json.loads(block)


def test_page_shows_contacts_services_and_counterpart(client, demo_site):
    response = client.get("/en/directory/ruse-municipality/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "info@ruse-municipality.example.org" in html
    assert "https://www.openstreetmap.org/?mlat=43.835600&amp;mlon=25.965700" in html
    assert not re.search(r'<script[^>]+src="(https?:)?//', html)  # no third-party (map) script
    assert "Payment of local taxes and fees" in html
    assert '<a href="http://testserver/en/directory/giurgiu-municipality/">Giurgiu Municipality</a>' in html
    assert "Monday – Friday: 08:30–17:00" in html


def test_json_ld_is_a_government_organization_with_services(client, demo_site):
    data = jsonld(client.get("/ro/directory/giurgiu-municipality/").content.decode())
    assert "GovernmentOrganization" in data["@type"]
    assert data["name"] == "Primăria Municipiului Giurgiu"
    assert data["address"]["@type"] == "PostalAddress" and data["address"]["addressCountry"] == "RO"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 43.9037, "longitude": 25.9699}
    assert data["contactPoint"]["@type"] == "ContactPoint"
    assert data["contactPoint"]["hoursAvailable"][0]["dayOfWeek"][0] == "Monday"
    assert data["areaServed"]["identifier"] == "RO314"
    services = data["hasOfferCatalog"]["itemListElement"]
    assert len(services) == 5
    for service in services:
        assert "GovernmentService" in service["@type"]
        assert service["availableChannel"]["@type"] == "ServiceChannel"
    assert any(s["name"] == "Plata taxelor și impozitelor locale" for s in services)


def test_unpublished_institution_is_not_listed_or_exported(client, demo_site):
    from directory.models import InstitutionPage

    page = InstitutionPage.objects.get(slug="bechet-municipality", locale__language_code="en")
    page.unpublish()
    assert client.get("/en/directory/bechet-municipality/").status_code == 410  # gone, with section links
    assert "Bechet" not in client.get("/en/directory/?q=Bechet").content.decode().split("results")[-1]
    assert "Bechet" not in client.get("/api/directory/institutions.csv?locale=en").content.decode()
    assert "Bechet" not in client.get("/en/directory/e-services/csv/").content.decode()


def test_dates_costs_and_languages_read_naturally_in_each_language(client, demo_site):
    import datetime

    from directory.models import EService, InstitutionPage

    pages = InstitutionPage.objects.filter(slug="giurgiu-municipality")
    pages.update(member_since=datetime.date(2017, 10, 1))
    EService.objects.filter(page__in=pages).update(processing_days=0)
    expected = {
        "bg": ("1 октомври 2017 г.", "Веднага", "0 работни", "25,00 RON", "румънски, английски"),
        "ro": ("1 octombrie 2017", "Imediat", "0 zile", "25,00 RON", "română, engleză"),
        "en": ("1 October 2017", "Immediately", "0 working days", "25.00 RON", "Romanian, English"),
    }
    for lang, (date, immediately, zero_days, cost, languages) in expected.items():
        html = client.get(f"/{lang}/directory/giurgiu-municipality/").content.decode()
        assert f'<time datetime="2017-10-01">{date}</time>' in html, lang
        assert f"<td>{immediately}</td>" in html, lang
        assert zero_days not in html, lang
        assert f"<td>{cost}</td>" in html, lang
        assert f"<dd>{languages}</dd>" in html, lang
