"""API v2 answers are compact JSON (Wagtail pretty-prints them); a reader who
wants indentation asks for it in the Accept header."""

import json

import pytest

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/v2/pages/?locale=bg&fields=*",
    "/api/v2/pages/?type=news.NewsPage&locale=ro&fields=*",
    "/api/v2/images/",
    "/api/v2/documents/",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_answers_are_compact_json(client, demo_site, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    text = response.content.decode()
    data = json.loads(text)
    assert data["items"], url  # something to write
    assert text == json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@pytest.mark.parametrize("url", ENDPOINTS[:1] + ENDPOINTS[2:])
def test_indentation_on_request(client, demo_site, url):
    compact = client.get(url)
    indented = client.get(url, HTTP_ACCEPT="application/json; indent=2")
    assert indented.status_code == 200
    assert indented.content.decode() == json.dumps(json.loads(compact.content), ensure_ascii=False, indent=2)
    assert indented["ETag"] != compact["ETag"]


def test_a_detail_is_compact_too(client, demo_site):
    listing = client.get("/api/v2/pages/?locale=en").json()
    detail = client.get(f"/api/v2/pages/{listing['items'][0]['id']}/")
    assert detail.status_code == 200
    text = detail.content.decode()
    assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":"))
