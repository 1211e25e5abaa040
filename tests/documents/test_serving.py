"""Public documents are served at a stable URL with the original (Cyrillic)
file name, the right Content-Type and cache headers."""

import urllib.parse

import pytest

from tests.documents.factories import make_document, make_public_document, make_publication, pdf_bytes, upload

pytestmark = pytest.mark.django_db


def body(response):
    return b"".join(response.streaming_content)


def test_public_pdf_with_cyrillic_name(client, demo_site):
    content = pdf_bytes("Стратегия")
    document = make_public_document("Стратегия", "Стратегия за сътрудничество.pdf", content)
    response = client.get(document.url)
    assert response.status_code == 200
    assert body(response) == content
    assert response["Content-Type"] == "application/pdf"
    quoted = urllib.parse.quote("Стратегия за сътрудничество.pdf")
    # PDFs open in the browser (inline); the name is kept for saving.
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{quoted}"
    assert response["Cache-Control"] == "public, max-age=3600"
    assert response["ETag"] == f'"{document.file_hash}"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_url_is_stable_and_conditional_requests_are_answered(client, demo_site):
    document = make_public_document("Отчет", "otchet.pdf")
    assert document.url == f"/documents/{document.id}/{document.filename}"
    first = client.get(document.url)
    again = client.get(document.url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_csv_is_downloaded_as_an_attachment_with_its_type(client, demo_site):
    from documents.models import Document

    document = Document.objects.create(title="Регистър", file=upload("регистър.csv", "код;име\n".encode()))
    make_publication(document, slug="register")
    response = client.get(document.url)
    assert response["Content-Type"] == "text/csv"
    assert response["Content-Disposition"].startswith("attachment; filename*=utf-8''")


def test_wrong_filename_in_url_is_404(client, demo_site):
    document = make_document("Отчет", "otchet.pdf")
    assert client.get(f"/documents/{document.id}/other.pdf").status_code == 404


@pytest.fixture
def local_files(settings, tmp_path):
    """Documents on the local file system, as in development (Wagtail's sendfile path)."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    settings.MEDIA_ROOT = str(tmp_path)
    return tmp_path


def test_local_pdf_keeps_its_name_inline_and_no_content_encoding(client, demo_site, local_files):
    name = "Стратегия за сътрудничество 2026-2030.pdf"
    document = make_public_document("Стратегия", name, pdf_bytes("Стратегия"))
    assert document.file.path.startswith(str(local_files))
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == f"inline; filename*=utf-8''{urllib.parse.quote(name)}"
    assert response["Content-Type"] == "application/pdf"
    assert "Content-Encoding" not in response
    assert body(response) == document.file.open("rb").read()


def test_local_csv_is_an_attachment_under_its_original_name(client, demo_site, local_files):
    from documents.models import Document

    name = "регистър на институциите - 2026.csv"
    document = Document.objects.create(title="Регистър", file=upload(name, "код;име\n".encode()))
    make_publication(document, slug="local-register")
    response = client.get(document.url)
    assert response["Content-Disposition"] == f"attachment; filename*=utf-8''{urllib.parse.quote(name)}"
    assert "Content-Encoding" not in response
