"""/api/directory/institutions.jsonld and .csv: the whole directory per locale."""

import csv
import io
import json

import pytest

from directory import columns

pytestmark = pytest.mark.django_db


def test_jsonld_export_parses_and_has_the_right_types(client, demo_site):
    response = client.get("/api/directory/institutions.jsonld?locale=en")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    data = json.loads(response.content)
    assert data["@context"]["@vocab"] == "https://schema.org/"
    graph = data["@graph"]
    assert len(graph) == 35
    assert all("GovernmentOrganization" in item["@type"] for item in graph)
    services = [s for item in graph for s in item["hasOfferCatalog"]["itemListElement"]]
    assert len(services) >= 60
    assert all("GovernmentService" in s["@type"] and "availableChannel" in s for s in services)
    names = [item["name"] for item in graph]
    assert "Giurgiu Municipality" in names


def test_csv_export_per_locale_in_the_import_columns(client, demo_site):
    response = client.get("/api/directory/institutions.csv?locale=bg")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0]) == columns.HEADER
    assert len({r["registry_id"] for r in rows}) == 35  # one row per e-service, every institution
    ruse = [r for r in rows if r["name"] == "Община Русе"]
    assert ruse[0]["region"] == "BG323" and ruse[0]["country"] == "BG" and ruse[0]["latitude"] == "43.835600"
    assert "Плащане на местни данъци и такси" in {r["service_name"] for r in ruse}
    assert ruse[0]["institution_url"] == "http://testserver/bg/directory/ruse-municipality/"


def test_export_rejects_unknown_locale(client, demo_site):
    response = client.get("/api/directory/institutions.jsonld?locale=de", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "locale must be one of bg, ro, en" in response.content.decode()
    bg = client.get("/api/directory/institutions.jsonld?locale=de", HTTP_ACCEPT_LANGUAGE="bg")
    assert "locale трябва да е една от стойностите bg, ro, en" in bg.content.decode()
