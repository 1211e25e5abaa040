"""API v2/v3: publications with kind, dates, summary and per-language files;
a validated kind= filter; the documents endpoint lists public documents only."""

import pytest

from documents.models import Document, PublicationPage
from tests.documents.factories import make_document, make_publication

pytestmark = pytest.mark.django_db

FILE_KEYS = {"id", "title", "language", "url", "filename", "size", "mime", "sha256", "pages"}


def test_v2_publication_exposes_its_files(client, demo_site):
    page = PublicationPage.objects.get(slug="survey-local-e-services", locale__language_code="ro")
    response = client.get(f"/api/v2/pages/{page.id}/")
    assert response.status_code == 200
    data = response.json()
    assert data["kind"] == "survey"
    assert data["publication_date"] == "2018-03-15"
    assert data["summary"].startswith("Ce servicii electronice")
    assert [file["language"] for file in data["files"]] == ["bg", "ro", "en"]
    for file in data["files"]:
        assert set(file) == FILE_KEYS
        document = Document.objects.get(pk=file["id"])
        assert file["url"] == f"http://testserver{document.url}"
        assert file["size"] == document.file_size > 0
        assert file["mime"] == "application/pdf"
        assert file["sha256"] == document.sha256 and len(file["sha256"]) == 64
        assert file["pages"] == 2


def test_v2_listing_by_type_with_fields(client, demo_site):
    response = client.get(
        "/api/v2/pages/",
        {
            "type": "documents.PublicationPage",
            "fields": "kind,publication_date,summary,files",
            "locale": "en",
        },
    )
    items = response.json()["items"]
    assert len(items) == 8
    assert all(len(item["files"]) == 3 for item in items)


def test_v2_kind_filter(client, demo_site):
    response = client.get(
        "/api/v2/pages/", {"kind": "agreement", "locale": "bg", "type": "documents.PublicationPage"}
    )
    assert response.status_code == 200
    assert len(response.json()["items"]) == 5
    response = client.get("/api/v2/pages/", {"kind": "strategy", "locale": "bg"})
    assert [item["meta"]["type"] for item in response.json()["items"]] == ["documents.PublicationPage"]


def test_v2_unknown_kind_is_400_with_a_message(client, demo_site):
    response = client.get("/api/v2/pages/", {"kind": "brochure"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert (
        "kind must be one of survey, strategy, guide, agreement, report, other" in response.json()["message"]
    )


def test_v3_publication_exposes_its_files(client, demo_site):
    page = PublicationPage.objects.get(slug="platform-user-guide", locale__language_code="en")
    response = client.get(f"/api/v3/pages/{page.id}/")
    assert response.status_code == 200
    data = response.json()
    assert data["kind"] == "guide"
    assert data["publication_date"] == "2019-03-20"
    assert [file["language"] for file in data["files"]] == ["bg", "ro", "en"]
    assert set(data["files"][0]) == FILE_KEYS


def test_documents_endpoint_lists_public_documents_with_their_facts(client, demo_site):
    hidden = make_document("Чернова", "chernova.pdf")
    make_publication(hidden, live=False, slug="hidden-draft")
    response = client.get("/api/v2/documents/", {"limit": 100})
    assert response.status_code == 200
    items = response.json()["items"]
    ids = {item["id"] for item in items}
    assert hidden.id not in ids
    assert len(ids) == 24  # 8 demo publications × bg, ro, en
    item = items[0]
    assert {"language", "file_size", "mime_type", "sha256", "page_count", "download_url"} <= set(item) | set(
        item["meta"]
    )


def test_v2_files_field_costs_the_same_queries_whatever_the_row_count(client, demo_site):
    """Wagtail's own listing does one locale lookup per row; `files` must add a
    constant number of queries on top, not one batch per row."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def cost_of_files():
        base = {"type": "documents.PublicationPage", "locale": "bg", "limit": 50}
        counts = []
        for fields in ("kind", "kind,files"):
            client.get("/api/v2/pages/", {**base, "fields": fields})  # warm caches
            with CaptureQueriesContext(connection) as context:
                response = client.get("/api/v2/pages/", {**base, "fields": fields})
            counts.append(len(context.captured_queries))
        return counts[1] - counts[0], response.json()["items"]

    before, items = cost_of_files()
    assert len(items) == 8
    for number in range(6):
        make_publication(
            make_document(f"Отчет {number}", f"report-{number}.pdf"), slug=f"api-report-{number}"
        )
    after, items = cost_of_files()
    assert len(items) == 14 and all(item["files"] for item in items)
    assert after == before <= 4
