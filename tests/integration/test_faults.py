"""Faults of the real services of this run: PostgreSQL stopped and restarted,
S3 (SeaweedFS) stopped and restarted.

While one is down, what needs it answers 503 "temporarily unavailable" in the
request's language with Retry-After (cms/outage.py), never the generic 500;
a restarted PostgreSQL costs no failed request, persistent connections
included (CONN_HEALTH_CHECKS); deletes are whole (cms/media_deletion.py) — in
the admin, through API v3 and for a rendition on its own — uploads store nothing
while S3 is down, and a public document download is the localized 503.

These tests run outside pytest-django's per-test transaction (the servers go
away under it): what they create is committed, and removed at the end."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import APIToken, Collection

from cms.outage import STORAGE, outage_of
from documents.models import Document
from documents.queries import public_documents
from tests.browser.checks import html_errors
from tests.documents.factories import make_document, pdf_bytes, upload
from tests.faults import postgres_stopped, s3_stopped

UNAVAILABLE = "Temporarily unavailable"
UNAVAILABLE_MESSAGE = "The service is temporarily unavailable. Please try again in a few minutes."


@pytest.fixture
def committed_db(django_db_setup, django_db_blocker):
    """The demo database, with no transaction around the test."""
    with django_db_blocker.unblock():
        yield
        connection.close()


@pytest.fixture
def superuser(committed_db):
    user = get_user_model().objects.create_superuser("fault-admin", "fault-admin@example.org", "x")
    yield user
    user.delete()


def client_for(user=None):
    client = Client(raise_request_exception=False)
    if user is not None:
        client.force_login(user)
    return client


def translated(message, language):
    with translation.override(language):
        return translation.gettext(message)


def bucket_has(name):
    from django.core.files.storage import default_storage

    return default_storage.exists(name)


# --- PostgreSQL ---------------------------------------------------------------


def test_pages_and_apis_answer_503_in_the_request_language_while_postgres_is_down(committed_db):
    client = client_for()
    assert client.get("/bg/").status_code == 200
    pages = {}
    with postgres_stopped():
        for language in ("bg", "ro", "en"):
            response = client.get(f"/{language}/")
            assert response.status_code == 503, language
            assert response["Retry-After"] == "30"
            assert response["Cache-Control"] == "no-store"
            html = response.content.decode()
            assert f'<html lang="{language}">' in html
            assert translated(UNAVAILABLE, language) in html
            if language != "en":
                assert UNAVAILABLE not in html, f"English left on the {language} page"
            pages[language] = html
        api = client.get("/api/v2/pages/?locale=ro", HTTP_ACCEPT_LANGUAGE="ro")
        assert api.status_code == 503
        assert api["Retry-After"] == "30"
        assert "message" in api.json()
        health = client.get("/healthz")
        assert health.status_code == 503
        assert health.json()["database"] == "error"
    assert client.get("/bg/").status_code == 200  # back at once
    assert html_errors({f"503 {k}": v for k, v in pages.items()}) == {}


def test_a_restarted_postgres_costs_no_failed_request_on_persistent_connections(committed_db):
    """A web worker keeps its connection between requests (CONN_MAX_AGE) and, at
    the start of each, runs `close_old_connections` (Django's request_started
    handler, which the test client leaves out: called here as a worker would)."""
    client = client_for()

    def worker_get(path):
        close_old_connections()
        return client.get(path)

    connection.close()
    saved = connection.settings_dict["CONN_MAX_AGE"]
    connection.settings_dict["CONN_MAX_AGE"] = 600
    try:
        assert worker_get("/ro/").status_code == 200
        kept = connection.connection
        assert kept is not None, "the connection should outlive the request"
        with postgres_stopped(keep_connections=True):
            pass
        # the kept connection is dead; the health check replaces it before use
        assert worker_get("/ro/").status_code == 200
        assert connection.connection is not kept

        # without the health check, the first request after a restart fails
        connection.close()
        connection.settings_dict["CONN_HEALTH_CHECKS"] = False
        assert worker_get("/ro/").status_code == 200
        with postgres_stopped(keep_connections=True):
            pass
        assert worker_get("/ro/").status_code == 503
    finally:
        connection.settings_dict["CONN_MAX_AGE"] = saved
        connection.settings_dict["CONN_HEALTH_CHECKS"] = True
        connection.close()


# A test with the django_db mark (this one) makes pytest-django create the test
# database, which the unmarked tests here share through `committed_db`.
@pytest.mark.django_db
def test_healthz_answers_head():
    response = client_for().head("/healthz")
    assert response.status_code == 200
    assert response.content == b""


# --- S3 -------------------------------------------------------------------------


def test_a_document_delete_while_s3_is_down_changes_nothing_then_is_whole(superuser):
    document = make_document("Изтриване при срив", "izt.pdf")
    key = document.file.name
    client = client_for(superuser)
    try:
        with s3_stopped():
            response = client.post(
                reverse("wagtaildocs:delete", args=[document.pk]), HTTP_ACCEPT_LANGUAGE="bg"
            )
            assert response.status_code == 503
            assert translated(UNAVAILABLE, "bg") in response.content.decode()
            assert Document.objects.filter(pk=document.pk).exists(), "the row went, the file stayed"
        assert bucket_has(key)
        response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))
        assert response.status_code == 302
        assert not Document.objects.filter(pk=document.pk).exists()
        assert not bucket_has(key), "deleted at once, not left to a task after commit"
    finally:
        Document.objects.filter(pk=document.pk).delete()


def _png():
    buffer = io.BytesIO()
    PILImage.new("RGB", (64, 48), "#1d70b8").save(buffer, "PNG")
    return ImageFile(io.BytesIO(buffer.getvalue()), name="fault.png")


def test_an_image_delete_takes_its_renditions_objects_or_nothing(superuser):
    image = get_image_model().objects.create(title="Срив", file=_png())
    rendition = image.get_rendition("fill-32x24")
    keys = [image.file.name, rendition.file.name]
    client = client_for(superuser)
    try:
        with s3_stopped():
            response = client.post(
                reverse("wagtailimages:delete", args=[image.pk]), HTTP_ACCEPT_LANGUAGE="ro"
            )
            assert response.status_code == 503
            assert translated(UNAVAILABLE, "ro") in response.content.decode()
            assert get_image_model().objects.filter(pk=image.pk).exists()
            assert image.renditions.filter(pk=rendition.pk).exists()
        assert all(bucket_has(key) for key in keys)
        assert client.post(reverse("wagtailimages:delete", args=[image.pk])).status_code == 302
        assert not get_image_model().objects.filter(pk=image.pk).exists()
        assert [key for key in keys if bucket_has(key)] == []
    finally:
        get_image_model().objects.filter(pk=image.pk).delete()


def test_an_upload_while_s3_is_down_is_a_503_and_stores_nothing(superuser):
    client = client_for(superuser)
    before = Document.objects.count()
    with s3_stopped():
        response = client.post(
            reverse("wagtaildocs:add"),
            {
                "title": "Качване при срив",
                "file": upload("srив.pdf", pdf_bytes(), "application/pdf"),
                "language": "bg",
                "collection": Collection.get_first_root_node().pk,  # the demo has several collections
            },
            HTTP_ACCEPT_LANGUAGE="bg",
        )
        assert response.status_code == 503
        assert translated(UNAVAILABLE, "bg") in response.content.decode()
    assert Document.objects.count() == before


def test_a_public_document_download_while_s3_is_down_is_a_localized_503(committed_db):
    """Wagtail's serve view streams the file from S3: while S3 is down the visitor
    gets the 503 page in their language, never a 500 nor a cached failure."""
    document = public_documents().order_by("pk").first()
    assert document is not None, "the demo has public documents"
    client = client_for()
    assert client.get(document.url).status_code == 200
    with s3_stopped():
        for language in ("bg", "ro"):
            response = client.get(document.url, HTTP_ACCEPT_LANGUAGE=language)
            assert response.status_code == 503, language
            assert response["Retry-After"] == "30"
            assert response["Cache-Control"] == "no-store"
            assert response["Content-Language"] == language
            html = response.content.decode()
            assert f'<html lang="{language}">' in html
            assert translated(UNAVAILABLE, language) in html
            assert UNAVAILABLE not in html, f"English left on the {language} page"
    assert client.get(document.url).status_code == 200


def test_a_private_documents_signed_url_redirect_needs_no_s3(superuser):
    """Signing the URL is local work (no request to S3), so the redirect is
    answered as usual; it is S3 that then refuses the browser."""
    document = make_document("Частен при срив", "chasten.pdf")
    client = client_for(superuser)
    try:
        with s3_stopped():
            response = client.get(document.url)
            assert response.status_code == 302
            assert "X-Amz-Signature=" in response["Location"]
            assert set(response["Cache-Control"].split(", ")) == {"private", "no-store"}
    finally:
        Document.objects.filter(pk=document.pk).delete()


# --- Renditions and API v3 deletes ----------------------------------------------


def test_a_rendition_deleted_on_its_own_takes_its_object_or_nothing(committed_db):
    """As Wagtail deletes renditions: one by one (wagtail_update_image_renditions)
    and all of an image's at once (a replaced image file)."""
    image = get_image_model().objects.create(title="Изображение при срив", file=_png())
    fill, narrow = image.get_rendition("fill-32x24"), image.get_rendition("width-16")
    try:
        with s3_stopped():
            with pytest.raises(Exception) as single:
                fill.delete()
            assert outage_of(single.value) == STORAGE
            with pytest.raises(Exception) as together:
                image.renditions.all().delete()
            assert outage_of(together.value) == STORAGE
            assert set(image.renditions.values_list("pk", flat=True)) == {fill.pk, narrow.pk}
        assert bucket_has(fill.file.name) and bucket_has(narrow.file.name)
        fill_key = fill.file.name
        fill.delete()
        assert list(image.renditions.values_list("pk", flat=True)) == [narrow.pk]
        assert not bucket_has(fill_key)
        assert bucket_has(narrow.file.name) and bucket_has(image.file.name)
        image.renditions.all().delete()
        assert not bucket_has(narrow.file.name)
    finally:
        get_image_model().objects.filter(pk=image.pk).delete()


@pytest.fixture
def admin_bearer(superuser):
    _instance, token = APIToken.create_token(user=superuser, name="fault deletes")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _api_v3_delete_is_whole(model, instance, keys, path, bearer, language):
    client = client_for()
    operation = client.get("/api/v3/openapi.json").json()["paths"][path].get("delete")
    assert operation is not None, f"API v3 documents no DELETE {path}"
    url = path.replace("{document_id}", str(instance.pk)).replace("{image_id}", str(instance.pk))
    with s3_stopped():
        response = client.delete(url, HTTP_ACCEPT_LANGUAGE=language, **bearer)
        assert response.status_code == 503
        assert response["Retry-After"] == "30"
        assert response.json() == {"message": translated(UNAVAILABLE_MESSAGE, language)}
        assert model.objects.filter(pk=instance.pk).exists(), "the row went, the objects stayed"
    assert [key for key in keys if not bucket_has(key)] == []
    response = client.delete(url, **bearer)
    assert response.status_code == 204, response.content
    assert not model.objects.filter(pk=instance.pk).exists()
    assert [key for key in keys if bucket_has(key)] == [], "deleted at once, not left to a task"


def test_an_api_v3_document_delete_is_whole_or_a_503_that_changes_nothing(admin_bearer):
    document = make_document("Изтриване през API", "api-izt.pdf")
    try:
        _api_v3_delete_is_whole(
            Document, document, [document.file.name], "/api/v3/documents/{document_id}/", admin_bearer, "bg"
        )
    finally:
        Document.objects.filter(pk=document.pk).delete()


def test_an_api_v3_image_delete_takes_its_renditions_objects_or_a_503(admin_bearer):
    image = get_image_model().objects.create(title="Изтриване през API", file=_png())
    rendition = image.get_rendition("fill-32x24")
    try:
        _api_v3_delete_is_whole(
            get_image_model(),
            image,
            [image.file.name, rendition.file.name],
            "/api/v3/images/{image_id}/",
            admin_bearer,
            "ro",
        )
        assert not image.renditions.model.objects.filter(pk=rendition.pk).exists()
    finally:
        get_image_model().objects.filter(pk=image.pk).delete()
