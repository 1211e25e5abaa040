"""An editor uploads documents through the admin's multiple uploader in a real
Chromium, with a Bulgarian and a Romanian browser: a PDF with a Cyrillic name
becomes a document with the title and language set in its per-file form, and
downloads inline under its original name; refused files get one localized
message each and leave nothing behind."""

import urllib.parse
from urllib.parse import urlsplit

import pytest
from django.utils import translation
from playwright.sync_api import expect
from wagtail.models import UploadedFile

from documents.models import Document
from tests.browser.admin import committed
from tests.documents.factories import pdf_bytes

pytestmark = [pytest.mark.browser]

USERNAME = "upload-editor"
FILE_NAME = "Стратегия за сътрудничество 2026-2030.pdf"


@pytest.fixture
def editor(staff, language):
    """A member of the Editors group whose admin speaks `language` (the harness's
    `staff`); every document or pending upload it made is removed afterwards."""
    user = staff(USERNAME, "Editors", language=language)

    def remove():
        for document in Document.objects.filter(uploaded_by_user=user):
            document.file.delete(save=False)
            document.delete()
        for upload in UploadedFile.objects.filter(uploaded_by_user=user):
            upload.file.delete(save=False)
            upload.delete()

    yield user
    committed(remove)


def refusal(language, message, **values):
    """`message` as the admin shows it in `language`."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


@pytest.mark.parametrize(("language", "chosen_language"), [("bg", "ro"), ("ro", "bg")])
def test_editor_uploads_a_cyrillic_pdf_and_refused_files_leave_nothing(
    site_server, editor, admin_session, bucket_keys, language, chosen_language
):
    base_url = site_server.url
    session = admin_session(editor, language)
    admin = session.page

    # Documents → Add documents (the multiple uploader)
    admin.goto(base_url + "/admin/documents/")
    admin.locator("a[href='/admin/documents/multiple/add/']").first.click()
    admin.wait_for_load_state("networkidle")
    assert urlsplit(admin.url).path == "/admin/documents/multiple/add/"

    before_keys = bucket_keys()
    content = pdf_bytes("Стратегия")
    admin.set_input_files(
        "#fileupload", {"name": FILE_NAME, "mimeType": "application/pdf", "buffer": content}
    )
    uploaded = admin.locator("#upload-list > li.upload-success")
    expect(uploaded).to_have_count(1)
    form = uploaded.locator("form")
    title = form.locator("input[name$='-title']")
    expect(title).to_have_value("Стратегия за сътрудничество 2026-2030")  # no ".pdf"
    expect(form.locator("select[name$='-language']")).to_have_value(language)  # the editor's language

    title.fill("Стратегия за сътрудничество 2026–2030")
    form.locator("select[name$='-language']").select_option(chosen_language)
    form.locator("button[type=submit]").click()
    expect(uploaded).to_have_count(0)  # the uploader removes the row once updated
    expect(admin.locator(".messages .success")).to_contain_text(refusal(language, "Document updated."))

    document = Document.objects.get(uploaded_by_user=editor)
    assert (document.title, document.language, document.original_filename) == (
        "Стратегия за сътрудничество 2026–2030",
        chosen_language,
        FILE_NAME,
    )
    assert not UploadedFile.objects.filter(uploaded_by_user=editor).exists()
    assert bucket_keys() - before_keys == {document.file.name}

    # The editor's download: a redirect to a signed, expiring URL, then the
    # file inline under its original name, without a Content-Encoding.
    first = admin.request.get(base_url + document.url, max_redirects=0)
    assert first.status == 302, first.status
    assert "content-encoding" not in first.headers
    download = admin.request.get(first.headers["location"])
    assert download.status == 200
    assert download.body() == content
    assert download.headers["content-type"] == "application/pdf"
    assert download.headers["content-disposition"] == (
        f"inline; filename*=utf-8''{urllib.parse.quote(FILE_NAME)}"
    )
    assert "content-encoding" not in download.headers

    # Refused: an executable, and an HTML page renamed .pdf
    rows_before, keys_before = Document.objects.count(), bucket_keys()
    admin.set_input_files(
        "#fileupload",
        [
            {"name": "инсталатор.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00binary"},
            {
                "name": "Отчет 2026.pdf",
                "mimeType": "application/pdf",
                "buffer": b"<!DOCTYPE html><p>page</p>",
            },
        ],
    )
    failed = admin.locator("#upload-list > li.upload-failure")
    expect(failed).to_have_count(2)
    allowed = "pdf, docx, xlsx, odt, ods, csv, txt"
    reasons = [
        (
            "Files of type “%(extension)s” are not accepted. Allowed types: %(allowed)s.",
            {"extension": "exe", "allowed": allowed},
        ),
        ("The file's content is not a valid %(extension)s file; it was refused.", {"extension": "PDF"}),
    ]
    for item, (message, values) in zip(failed.all(), reasons, strict=True):
        localized = refusal(language, message, **values)
        assert localized != refusal("en", message, **values)  # a translated message, not the source
        shown = [text.strip() for text in item.locator(".status-msg.failure:visible").all_inner_texts()]
        shown = [text for text in shown if text]
        # Wagtail's generic line heads the row; then exactly one reason.
        assert shown == [refusal(language, "Sorry, upload failed."), localized], shown
    assert Document.objects.count() == rows_before
    assert not UploadedFile.objects.filter(uploaded_by_user=editor).exists()
    assert bucket_keys() == keys_before

    session.screen("document-upload-journey")
