"""Builders for the documents tests: valid files of each accepted type,
documents, and publication pages under the demo's documents index."""

import functools
import io
import zipfile

from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.models import Document, DocumentIndexPage, PublicationKind, PublicationPage
from documents.pdf import sample_pdf
from tests.factories import UserFactory


def pdf_bytes(title="Sample", pages=1):
    return sample_pdf(title, ["SAMPLE - test document"], pages=pages)


def _zip(entries):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


DOCX_CONTENT_TYPES = (
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def docx_bytes():
    return _zip({"[Content_Types].xml": DOCX_CONTENT_TYPES, "word/document.xml": "<w:document/>"})


@functools.cache
def bomb_docx(inflated_size, member="[Content_Types].xml", filler=b" "):
    """A docx whose `member` inflates to `inflated_size` bytes (written in
    chunks, so building it never holds the inflated bytes)."""
    buffer = io.BytesIO()
    chunk = filler * (1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if member != "[Content_Types].xml":
            archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        with archive.open(member, "w", force_zip64=True) as stream:
            if member == "[Content_Types].xml":
                stream.write(DOCX_CONTENT_TYPES.encode())
            written = 0
            while written < inflated_size:
                part = chunk[: inflated_size - written]
                stream.write(part)
                written += len(part)
        if member == "[Content_Types].xml":
            archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def docx_with_members(count):
    return _zip(
        {
            "[Content_Types].xml": DOCX_CONTENT_TYPES,
            **{f"word/media/part{n}.xml": "<p/>" for n in range(count)},
        }
    )


def xlsx_bytes():
    return _zip(
        {
            "[Content_Types].xml": '<?xml version="1.0"?><Types><Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
            "xl/workbook.xml": "<workbook/>",
        }
    )


def odt_bytes(kind="text"):
    return _zip(
        {
            "mimetype": f"application/vnd.oasis.opendocument.{kind}",
            "content.xml": "<office:document-content/>",
        }
    )


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def make_document(title="Документ", name="document.pdf", content=None, language="bg", collection=None):
    kwargs = {"collection": collection} if collection is not None else {}
    return Document.objects.create(
        title=title, language=language, file=upload(name, content or pdf_bytes(title)), **kwargs
    )


def make_public_document(*args, **kwargs):
    """A document that a live, public publication uses: only such documents are public."""
    document = make_document(*args, **kwargs)
    make_publication(document, slug=f"uses-document-{document.pk}", title=f"Публикация {document.pk}")
    return document


def documents_index(language="bg"):
    return DocumentIndexPage.objects.get(locale__language_code=language)


def make_publication(document=None, *, live=True, language="bg", **kwargs):
    index = documents_index(language)
    defaults = {
        "title": "Тестова публикация",
        "slug": "test-publication",
        "kind": PublicationKind.REPORT,
        "summary": "Резюме",
    }
    page = PublicationPage(document=document, **{**defaults, **kwargs})
    page.live = live
    index.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def make_user():
    user = UserFactory()
    user.save()  # the factory sets the password without saving; force_login needs it stored
    return user


def make_editor():
    user = make_user()
    user.groups.add(Group.objects.get(name="Editors"))
    return user
