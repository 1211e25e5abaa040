"""Every document upload (admin form, multiple uploader, programmatic save) is
checked: allowed extension, real type from the bytes, size limit. A refused
upload shows why and leaves nothing behind: no row, no object in the bucket."""

import hashlib
import io
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.urls import reverse
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

from documents.models import Document
from documents.validation import inspect_upload
from tests.documents.factories import (
    DOCX_CONTENT_TYPES,
    bomb_docx,
    docx_bytes,
    docx_with_members,
    odt_bytes,
    pdf_bytes,
    upload,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


@pytest.fixture
def admin_client(client, admin_user):
    # The admin speaks English to this user, so the messages below are readable here.
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(admin_user)
    return client


def post_document(client, name, content, title="Качен файл"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "language": "bg",
            "collection": Collection.get_first_root_node().id,
            "file": upload(name, content),
        },
    )


def test_accepted_upload_lands_in_the_bucket_with_its_facts(admin_client, s3_client, bucket_keys):
    content = pdf_bytes("Стратегия", pages=3)
    before = bucket_keys("documents/")
    response = post_document(admin_client, "Стратегия 2018.pdf", content)
    assert response.status_code == 302, response.content.decode()[:2000]

    document = Document.objects.get(title="Качен файл")
    new_keys = bucket_keys("documents/") - before
    assert new_keys == {document.file.name}
    assert document.file.name.startswith("documents/Стратегия_2018")
    stored = s3_client.get_object(
        Bucket=settings.STORAGES["default"]["OPTIONS"]["bucket_name"], Key=document.file.name
    )
    assert stored["Body"].read() == content
    assert stored["ContentType"] == "application/pdf"
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    assert document.file_size == len(content)
    assert document.mime_type == "application/pdf"
    assert document.page_count == 3
    assert document.original_filename == "Стратегия 2018.pdf"
    assert document.language == "bg"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("installer.exe", b"MZ\x90\x00binary", "are not accepted"),
        ("picture.svg", SVG, "are not accepted"),
        ("report.pdf", b"This is plain text pretending to be a PDF.", "not a valid PDF file"),
        ("report.docx", b"%PDF-1.4 not a zip", "not a valid DOCX file"),
        ("sheet.xlsx", docx_bytes(), "not a valid XLSX file"),
        ("text.odt", odt_bytes("spreadsheet"), "not a valid ODT file"),
        ("data.csv", b"\x00\x01\x02binary\xff\xfe", "not a valid CSV file"),
        ("empty.txt", b"", "empty"),
    ],
)
def test_refused_upload_shows_the_reason_and_stores_nothing(
    admin_client, bucket_keys, name, content, message
):
    before_keys = bucket_keys()
    before_rows = Document.objects.count()
    response = post_document(admin_client, name, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Document.objects.count() == before_rows
    assert bucket_keys() == before_keys


@override_settings(DOCUMENTS_MAX_UPLOAD_SIZE=2000)
def test_oversize_upload_is_refused_and_stores_nothing(admin_client, bucket_keys):
    before_keys = bucket_keys()
    before_rows = Document.objects.count()
    response = post_document(admin_client, "big.pdf", pdf_bytes() + b"%" * 3000)
    assert response.status_code == 200
    assert "the largest file accepted is 2.0" in response.content.decode()
    assert Document.objects.count() == before_rows
    assert bucket_keys() == before_keys


def test_multiple_uploader_refuses_with_a_message(admin_client, bucket_keys):
    before_keys = bucket_keys()
    before_rows = Document.objects.count()
    response = admin_client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": upload("fake.pdf", b"GIF89a not a pdf")},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["success"] is False
    assert "not a valid PDF file" in data["error_message"]
    assert Document.objects.count() == before_rows
    assert bucket_keys() == before_keys


def test_programmatic_save_obeys_the_same_rules(bucket_keys):
    before_keys = bucket_keys()
    with translation.override("en"), pytest.raises(ValidationError, match="not a valid PDF file"):
        Document.objects.create(title="Фалшив", file=upload("fake.pdf", b"<html>not a pdf</html>"))
    assert not Document.objects.filter(title="Фалшив").exists()
    assert bucket_keys() == before_keys


def test_svg_is_not_accepted_as_an_image(admin_client, bucket_keys):
    before_keys = bucket_keys()
    before_rows = get_image_model().objects.count()
    response = admin_client.post(
        reverse("wagtailimages:add"),
        {"title": "Лого", "collection": Collection.get_first_root_node().id, "file": upload("logo.svg", SVG)},
    )
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert get_image_model().objects.count() == before_rows
    assert bucket_keys() == before_keys


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("a.pdf", pdf_bytes(), "application/pdf"),
        ("a.docx", docx_bytes(), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("a.xlsx", xlsx_bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("a.odt", odt_bytes("text"), "application/vnd.oasis.opendocument.text"),
        ("a.ods", odt_bytes("spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet"),
        ("a.csv", "код;име\nBG323;Русе\n".encode(), "text/csv"),
        ("a.txt", "Ș ț ă â î\n".encode("utf-16"), "text/plain"),
        ("a.TXT", "Русе".encode("cp1251"), "text/plain"),
    ],
)
def test_each_allowed_type_is_recognised_from_its_bytes(name, content, mime):
    facts = inspect_upload(upload(name, content))
    assert facts.mime_type == mime
    assert facts.size == len(content)
    assert len(facts.sha256) == 64


def _png(size):
    import io

    from PIL import Image as PILImage

    buffer = io.BytesIO()
    PILImage.new("RGB", size, (0, 51, 153)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ({"WAGTAILIMAGES_MAX_IMAGE_PIXELS": 1000}, "This file has too many pixels"),
        ({"WAGTAILIMAGES_MAX_UPLOAD_SIZE": 100}, "This file is too big"),
    ],
)
def test_images_are_limited_by_pixels_and_size(admin_client, bucket_keys, setting, message):
    before_keys = bucket_keys()
    before_rows = get_image_model().objects.count()
    with override_settings(**setting):
        response = admin_client.post(
            reverse("wagtailimages:add"),
            {
                "title": "Карта",
                "collection": Collection.get_first_root_node().id,
                "file": upload("map.png", _png((64, 48))),
            },
        )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert get_image_model().objects.count() == before_rows
    assert bucket_keys() == before_keys


# --- Office files that would unpack past the limits (decompression bombs) ---------

BOMB_MESSAGE = "it looks like a compression bomb and was refused"


@pytest.mark.parametrize(
    ("inflated", "member", "limits"),
    [
        # the file the issue names: its [Content_Types].xml inflates to 256 MiB
        pytest.param(256 * 1024 * 1024, "[Content_Types].xml", {}, id="content-types-inflating-to-256MiB"),
        # the same rules at smaller sizes (building a real 1 GiB bomb costs seconds)
        pytest.param(3 * 1024 * 1024, "word/document.xml", {"member_size": 2 * 1024 * 1024}, id="member-cap"),
        pytest.param(
            3 * 1024 * 1024,
            "word/document.xml",
            {"total_size": 2 * 1024 * 1024, "ratio": 10**6},
            id="total-cap",
        ),
        pytest.param(2 * 1024 * 1024, "word/document.xml", {}, id="2MiB-at-a-1000x-ratio"),
    ],
)
def test_an_office_file_that_would_unpack_past_the_limits_is_refused_and_stores_nothing(
    admin_client, bucket_keys, inflated, member, limits
):
    content = bomb_docx(inflated, member=member)
    assert len(content) < 2 * 1024 * 1024  # small on the wire
    before_keys, before_rows = bucket_keys(), Document.objects.count()
    with override_settings(DOCUMENTS_ARCHIVE_LIMITS=limits):
        response = post_document(admin_client, "Отчет.docx", content)
    assert response.status_code == 200
    body = response.content.decode()
    assert BOMB_MESSAGE in body
    assert "not a valid DOCX" not in body  # one message per problem
    assert Document.objects.count() == before_rows
    assert bucket_keys() == before_keys


def test_an_office_file_with_too_many_parts_is_refused():
    with translation.override("en"), pytest.raises(ValidationError, match="holds more than 2000 parts"):
        inspect_upload(upload("много.docx", docx_with_members(2001)))


def test_real_office_files_stay_inside_the_limits():
    # 3 MiB of varied XML (ratio well under 100) and a few hundred parts pass.
    varied = "".join(f"<w:p><w:r><w:t>Ред {n} — {n * 7919 % 100003}</w:t></w:r></w:p>" for n in range(60000))
    assert len(varied.encode()) > 3 * 1024 * 1024
    assert inspect_upload(upload("доклад.docx", docx_with_members(500))).extension == "docx"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("word/document.xml", varied)
    assert inspect_upload(upload("голям.docx", buffer.getvalue())).extension == "docx"


@pytest.mark.parametrize(
    "content",
    [b"<!DOCTYPE html><!-- %PDF-1.7 --><p>page</p>", b" %PDF-1.7\n" + pdf_bytes()[9:]],
)
def test_a_pdf_starts_with_its_signature(content):
    with translation.override("en"), pytest.raises(ValidationError, match="not a valid PDF file"):
        inspect_upload(upload("отчет.pdf", content))
