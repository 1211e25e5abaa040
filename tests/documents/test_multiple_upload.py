"""Wagtail's multiple uploader ("Add documents") with the project's document
form: a checked upload becomes a document titled after its file name, in the
editor's language, which the per-file form then updates; a refused file gets
one localized message and leaves nothing behind (no row, no pending upload,
no object in the bucket)."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, UploadedFile
from wagtail.users.models import UserProfile

from documents.models import Document
from tests.documents.factories import pdf_bytes, upload

pytestmark = pytest.mark.django_db

NAME = "Стратегия за сътрудничество 2026-2030.pdf"


def admin_speaking(client, user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    return client


@pytest.fixture
def bg_admin(client, admin_user):
    return admin_speaking(client, admin_user, "bg")


@pytest.fixture
def nothing_written(bucket_keys):
    """Asserts, after the test, that no row, pending upload or stored object was added."""
    before = (Document.objects.count(), UploadedFile.objects.count(), bucket_keys())
    yield
    assert (Document.objects.count(), UploadedFile.objects.count(), bucket_keys()) == before


def pending_uploads():
    return UploadedFile.objects.filter(for_content_type=ContentType.objects.get_for_model(Document))


def upload_file(client, name, content, **data):
    """Post one file as the uploader's JavaScript does (title without the extension)."""
    data.setdefault("collection", Collection.get_first_root_node().id)
    return client.post(reverse("wagtaildocs:add_multiple"), {"files[]": upload(name, content), **data})


def test_upload_then_update_creates_the_document(bg_admin, bucket_keys):
    content = pdf_bytes("Стратегия")
    before_keys = bucket_keys()
    assert bg_admin.get(reverse("wagtaildocs:add_multiple")).status_code == 200

    response = upload_file(bg_admin, NAME, content, title=NAME.removesuffix(".pdf"))
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is True, data
    document = Document.objects.get(pk=data["doc_id"])
    assert document.title == "Стратегия за сътрудничество 2026-2030"
    assert document.language == "bg"  # the editor's admin language
    assert document.original_filename == NAME
    assert document.mime_type == "application/pdf"
    assert document.file_size == len(content)
    assert 'value="bg" selected' in data["form"]
    assert bucket_keys() - before_keys == {document.file.name}

    prefix = f"doc-{document.pk}"
    update = bg_admin.post(
        reverse("wagtaildocs:edit_multiple", args=[document.pk]),
        {
            f"{prefix}-title": "Стратегия за сътрудничество",
            f"{prefix}-language": "ro",
            f"{prefix}-collection": document.collection_id,
            f"{prefix}-tags": "",
        },
    )
    assert update.status_code == 200
    assert update.json() == {"success": True, "doc_id": document.pk}
    document.refresh_from_db()
    assert (document.title, document.language, document.original_filename) == (
        "Стратегия за сътрудничество",
        "ro",
        NAME,
    )
    assert not pending_uploads().exists()
    assert not {key for key in bucket_keys() - before_keys if key.startswith("wagtail_uploads/")}
    document.file.delete(save=False)


@pytest.mark.parametrize(("language", "expected"), [("ro", "ro"), ("en", "en")])
def test_the_language_defaults_to_the_admin_language(client, admin_user, language, expected):
    admin = admin_speaking(client, admin_user, language)
    data = upload_file(admin, "report.pdf", pdf_bytes(), title="report").json()
    document = Document.objects.get(pk=data["doc_id"])
    assert document.language == expected
    document.file.delete(save=False)


def test_a_title_that_is_the_file_name_loses_the_extension(bg_admin):
    # Without the JavaScript, Wagtail's view titles the upload with the file name.
    data = upload_file(bg_admin, NAME, pdf_bytes()).json()
    document = Document.objects.get(pk=data["doc_id"])
    assert document.title == "Стратегия за сътрудничество 2026-2030"
    document.file.delete(save=False)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "installer.exe",
            b"MZ\x90\x00binary",
            "Файлове от тип „exe“ не се приемат. Разрешени типове: pdf, docx, xlsx, odt, ods, csv, txt.",
        ),
        (
            "Стратегия 2026-2030.pdf",
            b"<!DOCTYPE html><html><body>not a pdf</body></html>",
            "Съдържанието на файла не е валиден PDF файл; файлът е отказан.",
        ),
        ("page.<img src=x onerror=alert(1)>", b"x", "Файлове от тип „?“ не се приемат."),
    ],
)
def test_a_refused_file_gets_one_localized_message_and_leaves_nothing(
    bg_admin, nothing_written, name, content, message
):
    response = upload_file(bg_admin, name, content, title="x")
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert data["error_message"].startswith(message)
    assert "\n" not in data["error_message"]  # one message, not Wagtail's second one about “”


def test_a_pending_upload_becomes_a_document_and_is_removed(bg_admin, bucket_keys):
    """Wagtail keeps the file as a pending UploadedFile when a field other than
    the file is invalid (here a title longer than 255 characters); its per-file
    form then creates the document (it had no file field: a 500 before)."""
    content = pdf_bytes("Стратегия")
    before_keys = bucket_keys()
    data = upload_file(bg_admin, NAME, content, title="С" * 300).json()
    assert data["success"] is True, data
    upload_id = data["uploaded_file_id"]
    assert pending_uploads().filter(pk=upload_id).exists()

    prefix = f"uploaded-document-{upload_id}"
    response = bg_admin.post(
        reverse("wagtaildocs:create_multiple_from_uploaded_document", args=[upload_id]),
        {
            f"{prefix}-title": "Стратегия за сътрудничество",
            f"{prefix}-language": "bg",
            f"{prefix}-collection": Collection.get_first_root_node().id,
            f"{prefix}-tags": "",
        },
    )
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is True, result
    document = Document.objects.get(pk=result["doc_id"])
    assert (document.title, document.language, document.mime_type) == (
        "Стратегия за сътрудничество",
        "bg",
        "application/pdf",
    )
    assert document.file_size == len(content) and document.sha256
    assert not pending_uploads().exists()
    assert bucket_keys() - before_keys == {document.file.name}
    document.file.delete(save=False)


def test_update_form_refuses_an_empty_title_without_error(bg_admin):
    data = upload_file(bg_admin, "report.pdf", pdf_bytes(), title="report").json()
    document = Document.objects.get(pk=data["doc_id"])
    prefix = f"doc-{document.pk}"
    with translation.override("bg"):
        response = bg_admin.post(
            reverse("wagtaildocs:edit_multiple", args=[document.pk]),
            {f"{prefix}-title": "", f"{prefix}-collection": document.collection_id},
        )
    assert response.status_code == 200
    result = response.json()
    assert result["success"] is False
    assert "Това поле е задължително." in result["form"]
    document.refresh_from_db()
    assert (document.title, document.language) == ("report", "bg")
    document.file.delete(save=False)
