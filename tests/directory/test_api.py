"""Institutions in API v2 (fields, nested e-services, validated filters) and v3."""

import pytest

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/?type=directory.InstitutionPage&limit=100"


def ids(response):
    return {item["id"] for item in response.json()["items"]}


def test_detail_exposes_every_field(client, demo_site):
    from directory.models import InstitutionPage

    page = InstitutionPage.objects.get(slug="giurgiu-municipality", locale__language_code="en")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["region"] == {"nuts_code": "RO314", "country": "RO", "name": "Giurgiu"}
    assert data["institution_type"] == {"code": "municipality", "name": "Municipality"}
    assert data["registry_id"] == page.registry_id
    assert data["latitude"] == "43.903700"
    assert data["counterparts"][0]["title"] == "Ruse Municipality"
    assert {t["locale"] for t in data["translations"]} == {"bg", "ro"}
    service = data["e_services"][0]
    assert {
        "name",
        "description",
        "category",
        "channel",
        "online_url",
        "authentication",
        "cross_border",
    } <= set(service)
    assert service["category"]["code"]
    assert data["opening_hours"][0]["value"]["opens"] == "08:00:00"


def test_filters(client, demo_site):
    everything = client.get(LIST + "&locale=en")
    assert everything.json()["meta"]["total_count"] == 35
    ro = client.get(LIST + "&locale=en&country=RO").json()
    assert ro["meta"]["total_count"] == 16
    giurgiu = client.get(LIST + "&locale=en&region=RO314").json()
    assert giurgiu["meta"]["total_count"] == 4
    councils = client.get(LIST + "&locale=en&institution_type=county-council").json()
    assert councils["meta"]["total_count"] == 7
    tourism = client.get(LIST + "&locale=en&service_category=tourism&channel=online&cross_border=yes").json()
    assert 0 < tourism["meta"]["total_count"] < 16
    # filters also work without ?type=
    assert client.get("/api/v2/pages/?locale=en&country=RO").json()["meta"]["total_count"] == len(
        client.get(LIST + "&locale=en&country=RO").json()["items"]
    )
    # a parameter that two page types filter on needs ?type=
    assert client.get("/api/v2/pages/?locale=en&region=RO314").status_code == 400


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=FR", "country must be one of BG, RO; got 'FR'"),
        ("region=RO999", "region must be one of"),
        ("institution_type=castle", "institution_type must be one of"),
        ("service_category=x", "service_category must be one of"),
        ("channel=fax", "channel must be one of assisted, in_person, online"),
        ("cross_border=maybe", "cross_border must be one of no, partly, yes"),
    ],
)
def test_bad_filter_values_are_400(client, demo_site, query, message):
    response = client.get(LIST + "&" + query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_v3_schema_describes_institutions(client, demo_site):
    schema = client.get("/api/v3/openapi.json").json()
    names = set(schema["components"]["schemas"])
    assert any(name.startswith("InstitutionPage") for name in names)
    assert "EServiceSchema" in names
    institution = schema["components"]["schemas"]["InstitutionPageSchema"]["properties"]
    for field in ("region", "institution_type", "e_services", "counterparts", "translations", "registry_id"):
        assert field in institution, field


def test_v3_detail_has_nested_e_services_and_region(client, demo_site):
    from directory.models import InstitutionPage

    page = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="ro")
    response = client.get(f"/api/v3/pages/{page.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["region"] == {"nuts_code": "BG323", "country": "BG", "name": "Ruse"}
    assert data["institution_type"]["code"] == "municipality"
    names = {service["name"] for service in data["e_services"]}
    assert "Plata taxelor și impozitelor locale" in names
    assert data["counterparts"][0]["title"] == "Primăria Municipiului Giurgiu"
