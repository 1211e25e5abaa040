"""Staff journeys driven through the real admin in Chromium, once by a
Bulgarian and once by a Romanian member of staff: every screen visited is
checked for 5xx responses, console errors and untranslated English
(tests/browser/admin.py), and everything the journeys create on the committed
demo database (pages and their aliases, images, documents and their S3 files,
revisions, workflow states) is removed afterwards, also when a journey fails."""

import datetime
import io
import re
from urllib.parse import urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.utils import timezone, translation
from PIL import Image as PILImage
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision, UploadedFile, WorkflowState
from wagtail_localize.models import TranslationSource

from directory.models import DirectoryIndexPage, InstitutionPage
from news.models import NewsIndexPage, NewsPage
from tests.browser.admin import committed
from tests.browser.admin import in_language as _
from tests.documents.factories import pdf_bytes

pytestmark = [pytest.mark.browser]

LANGUAGES = ["bg", "ro"]


def png_bytes(width=800, height=450):
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), (30, 90, 160)).save(buffer, "PNG")
    return buffer.getvalue()


# --- Clean-up -----------------------------------------------------------------


def _remove_work_of(user_ids):
    """Delete every page the users created (with its aliases and translations
    in the other locales), its revisions, workflow states and log entries, and
    the images, documents and pending uploads they uploaded with their files.
    Returns the storage names of the files that were deleted."""
    page_type = ContentType.objects.get_for_model(Page)
    keys = set(Page.objects.filter(owner_id__in=user_ids).values_list("translation_key", flat=True))
    pages = Page.objects.filter(translation_key__in=keys)
    page_ids = list(pages.values_list("pk", flat=True))
    object_ids = [str(pk) for pk in page_ids]
    WorkflowState.objects.filter(base_content_type=page_type, object_id__in=object_ids).delete()
    # aliases first, then the pages they are aliases of
    for page in sorted(pages, key=lambda p: p.alias_of_id is None):
        Page.objects.filter(pk=page.pk).first() and Page.objects.get(pk=page.pk).delete()
    Revision.objects.filter(base_content_type=page_type, object_id__in=object_ids).delete()
    PageLogEntry.objects.filter(page_id__in=page_ids).delete()
    TranslationSource.objects.filter(object_id__in=keys).delete()

    names = set()
    for model in (get_image_model(), get_document_model()):
        for item in model.objects.filter(uploaded_by_user_id__in=user_ids):
            names.add(item.file.name)
            if hasattr(item, "renditions"):
                names.update(rendition.file.name for rendition in item.renditions.all())
            item.delete()  # Wagtail deletes the files (and renditions) once committed
    for upload in UploadedFile.objects.filter(uploaded_by_user_id__in=user_ids):
        names.add(upload.file.name)
        upload.delete()
    return names


@pytest.fixture
def cleanup(site_server, bucket_keys):
    """`cleanup(user)`: what `user` creates is removed after the test (before
    the `staff` fixture removes the user), and none of its files stays in S3."""
    users = []
    yield users.append
    names = committed(lambda: _remove_work_of([user.pk for user in users]))
    assert not names & bucket_keys(), "files left in the bucket"
    remaining = committed(
        lambda: (
            Page.objects.filter(owner_id__in=[u.pk for u in users]).count()
            + get_image_model().objects.filter(uploaded_by_user_id__in=[u.pk for u in users]).count()
        )
    )
    assert remaining == 0


# --- Admin gestures -----------------------------------------------------------


def settle_autosave(page):
    """Wait for Wagtail 8's autosave (500 ms after a change) to finish.

    A person takes longer than that between two changes; Playwright does not,
    and a save racing the autosave ends in a 400 (a conflict the editor is
    then told about as "a new version in another window"), or on the add form
    in a 500 (both requests create the page; the second fails on the slug)."""
    page.wait_for_timeout(800)
    page.wait_for_function(
        "() => (document.querySelector('#w-autosave-indicator') || {dataset: {}})"
        ".dataset.wAutosaveStateValue !== 'saving'"
    )


def wait_until_autosaved(page, pages, timeout=30):
    """On an add form, wait until Wagtail's autosave has created the page (the
    form then edits it): an explicit save racing the creating autosave is the
    upstream race that ends in a 500 (see settle_autosave). The live server
    commits, and this connection reads committed rows (READ COMMITTED)."""
    for _attempt in range(timeout * 4):
        if pages.exists():
            break
        page.wait_for_timeout(250)
    else:
        pytest.fail("the autosave never created the page")
    settle_autosave(page)


def save_draft(page, language):
    """Save draft, and the editor is not told of a conflict with themselves."""
    page.locator("footer button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages .success")).to_be_visible()
    conflict = _(language, "You saved a new version in another window")
    page.wait_for_timeout(500)  # the editing session's first ping
    expect(page.get_by_text(conflict).locator("visible=true")).to_have_count(0)


def open_footer_menu(page):
    """Open the footer's action menu (the arrow next to the main button)."""
    toggle = page.locator("footer [data-w-dropdown-target='toggle']").first
    if toggle.get_attribute("aria-expanded") != "true":
        toggle.click()


def submit_action(page, name):
    open_footer_menu(page)
    page.locator(f"footer button[name='{name}']").click()
    page.wait_for_load_state("networkidle")


# What each of the admin's multiple uploaders takes: its URL part (and the
# screens' names), the file's extension, its MIME type and its content.
UPLOADS = {
    "images": ("png", "image/png", lambda title: png_bytes()),
    "documents": ("pdf", "application/pdf", pdf_bytes),
}


def upload(session, kind, title):
    """Upload one file titled `title` through /admin/<kind>/'s multiple uploader."""
    extension, mime_type, content = UPLOADS[kind]
    page = session.page
    session.goto(f"/admin/{kind}/")
    session.screen(f"editor-{kind}")
    page.locator(f"a[href='/admin/{kind}/multiple/add/']").first.click()
    page.wait_for_load_state("networkidle")
    session.screen(f"editor-{kind}-add")
    page.set_input_files(
        "#fileupload", {"name": f"{title}.{extension}", "mimeType": mime_type, "buffer": content(title)}
    )
    uploaded = page.locator("#upload-list > li.upload-success")
    expect(uploaded).to_have_count(1)
    form = uploaded.locator("form")
    form.locator("input[name$='-title']").fill(title)
    form.locator("button[type=submit]").click()
    expect(uploaded).to_have_count(0)
    session.screen(f"editor-{kind}-uploaded")


def choose_in_modal(page, title):
    modal = page.locator(".modal-content:visible")
    expect(modal).to_be_visible()
    search = modal.locator("input[name=q]")
    if search.count():
        search.fill(title)
    choice = modal.locator(
        "a[data-chooser-modal-choice]", has_text=re.compile(f"^\\s*{re.escape(title)}\\s*$")
    )
    expect(choice).to_have_count(1)
    choice.click()
    expect(modal).to_be_hidden()


# --- Journeys -----------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_writes_a_news_item_with_an_image_and_a_pdf_and_submits_it(
    site_server, staff, cleanup, admin_session, language
):
    editor = staff(f"editor-{language}", "Editors", language=language)
    moderator = staff(f"moderator-{language}", "Moderators", language=language)
    cleanup(editor)
    session = admin_session(editor, language)
    page = session.page
    session.screen("editor-dashboard")
    suffix = "Дунав" if language == "bg" else "Dunăre"
    image_title = f"Мост {suffix}" if language == "bg" else f"Pod {suffix}"
    pdf_title = f"Програма {suffix}" if language == "bg" else f"Program {suffix}"
    upload(session, "images", image_title)
    upload(session, "documents", pdf_title)

    index = NewsIndexPage.objects.get(locale__language_code=language)
    session.goto(f"/admin/pages/{index.pk}/")
    session.screen("editor-news-index")
    page.locator(f"a[href='/admin/pages/{index.pk}/add_subpage/']").first.click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == f"/admin/pages/add/news/newspage/{index.pk}/"
    session.screen("editor-news-add")

    title = "Нов мост над Дунав" if language == "bg" else "Un pod nou peste Dunăre"
    page.fill("#id_title", title)
    page.fill("#id_intro", "Кратко резюме." if language == "bg" else "Un scurt rezumat.")
    settle_autosave(page)
    page.locator("#id_hero_image-chooser .unchosen button").click()
    choose_in_modal(page, image_title)
    expect(page.locator("#id_hero_image")).not_to_have_value("")
    settle_autosave(page)

    # a "Document link" block in the body, with the PDF chosen in it
    page.locator("button.c-sf-add-button").first.click()
    page.locator("[role=option]", has_text=_(language, "Document link")).first.click()
    page.locator("#body-0-value-document-chooser .unchosen button").click()
    choose_in_modal(page, pdf_title)
    settle_autosave(page)
    session.screen("editor-news-filled")

    save_draft(page, language)
    session.screen("editor-news-draft")
    news = NewsPage.objects.get(owner=editor, locale__language_code=language)
    assert news.title == title and not news.live
    latest = news.get_latest_revision_as_object()
    assert latest.hero_image.title == image_title
    assert [block.value["document"].title for block in latest.body] == [pdf_title]

    # the preview panel renders the item
    page.locator("button[data-side-panel-toggle='preview']").click()
    frame = page.frame_locator("#w-preview-iframe")
    expect(frame.locator("h1")).to_contain_text(title, timeout=15_000)
    session.screen("editor-news-preview")

    mail.outbox.clear()
    submit_action(page, "action-submit")
    expect(page.locator(".messages .success")).to_be_visible()
    session.screen("editor-news-submitted")
    state = WorkflowState.objects.get(object_id=str(news.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by_id == editor.pk
    # the moderators are told, in their own language
    to_moderator = [m for m in mail.outbox if moderator.email in m.to]
    assert to_moderator, [m.to for m in mail.outbox]
    assert title in to_moderator[0].subject


def tolerate_autosave_validation(session):
    """Wagtail 8 autosaves a half-filled form and answers 400 "validation_error"
    while a field it cannot leave empty in a draft (a required foreign key, such
    as an institution's type or region) is not chosen yet; the editor sees a
    localized "validation errors" notice and autosave resumes once the form is
    valid. Chromium logs that 400 as a console error: forgive exactly those,
    nothing else (an autosave conflict or any other 4xx still fails)."""
    urls = set()

    def response(r):
        if r.status != 400 or r.request.method != "POST":
            return
        try:
            body = r.text()
        except PlaywrightError:
            # The body is gone: the editor had submitted and the page moved on. Forgive an
            # autosave's (JSON) answer only; a click's (HTML) answer still fails.
            if "text/html" not in (r.request.headers.get("accept") or ""):
                urls.add(r.url)
            return
        if '"validation_error"' in body:
            urls.add(r.url)

    session.page.on("response", response)
    original = session.assert_clean

    def assert_clean():
        expected = {
            f"console: Failed to load resource: the server responded with a status of 400 (Bad Request) ({u})"
            for u in urls
        }
        session.problems[:] = [problem for problem in session.problems if problem not in expected]
        original()

    session.assert_clean = assert_clean


def add_child_page(session, parent, screen):
    """From the parent's listing in the explorer, "Add child page"."""
    page = session.page
    session.goto(f"/admin/pages/{parent.pk}/")
    session.screen(f"{screen}-parent")
    page.locator(f"a[href='/admin/pages/{parent.pk}/add_subpage/']").first.click()
    page.wait_for_load_state("networkidle")
    session.screen(f"{screen}-add")


def select_by_text(select, text):
    select.select_option(label=text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_editor_adds_an_institution_with_two_e_services(site_server, staff, cleanup, admin_session, language):
    from directory.models import InstitutionType, Region, ServiceCategory
    from directory.validators import cui_with_check, eik_with_check

    editor = staff(f"editor-{language}", "Editors", language=language)
    cleanup(editor)
    session = admin_session(editor, language)
    page = session.page
    directory = DirectoryIndexPage.objects.get(locale__language_code=language)
    add_child_page(session, directory, "editor-institution")
    assert urlsplit(page.url).path == f"/admin/pages/add/directory/institutionpage/{directory.pk}/"
    tolerate_autosave_validation(session)

    country = "BG" if language == "bg" else "RO"
    title = "Община Русе – тест" if language == "bg" else "Primăria Giurgiu – test"
    kind = InstitutionType.objects.filter(locale__language_code=language).first()
    region = Region.objects.filter(locale__language_code=language, country=country).first()
    categories = list(ServiceCategory.objects.filter(locale__language_code=language)[:2])
    page.fill("#id_title", title)
    page.fill("#id_intro", "Общинска администрация." if language == "bg" else "Administrație locală.")
    page.select_option("#id_country", country)
    page.locator("#id_organisation_type-chooser .unchosen button").click()
    choose_in_modal(page, kind.name)
    page.locator("#id_nuts_region-chooser .unchosen button").click()
    choose_in_modal(page, region.name)
    registry_id = eik_with_check("12345678") if country == "BG" else cui_with_check("1234567")
    page.fill("#id_registry_id", registry_id)
    settle_autosave(page)

    names = (
        ["Местни данъци онлайн", "Удостоверение за адрес"]
        if language == "bg"
        else ["Impozite locale online", "Certificat de domiciliu"]
    )
    add = page.locator("#id_e_services-ADD")
    for number, (name, category) in enumerate(zip(names, categories, strict=True)):
        add.click()
        form = page.locator(f"#inline_child_e_services-{number}")
        expect(form).to_be_visible()
        form.locator(f"#id_e_services-{number}-name").fill(name)
        form.locator(f"#id_e_services-{number}-category-chooser .unchosen button").click()
        choose_in_modal(page, category.name)
        form.locator(f"#id_e_services-{number}-channel").select_option("in_person")
        settle_autosave(page)
    wait_until_autosaved(page, InstitutionPage.objects.filter(owner=editor, locale__language_code=language))
    session.screen("editor-institution-filled")

    save_draft(page, language)
    session.screen("editor-institution-draft")
    institution = InstitutionPage.objects.get(owner=editor, locale__language_code=language)
    draft = institution.get_latest_revision_as_object()
    assert draft.title == title and not institution.live
    assert draft.registry_id == registry_id and draft.nuts_region_id == region.pk
    assert [service.name for service in draft.e_services.all()] == names


def open_status_panel(page):
    closed = page.locator("button[data-side-panel-toggle='status'][aria-expanded='false']")
    if closed.count():
        closed.click()


def submitted_page(user, title, language):
    """A news item `user` wrote and submitted for review (made directly: the
    journey under test is the reviewer's)."""

    def create():
        index = NewsIndexPage.objects.get(locale__language_code=language)
        news = NewsPage(title=title, intro=title, owner=user, live=False)
        index.add_child(instance=news)
        revision = news.save_revision(user=user)
        news.get_workflow().start(news, user)
        return NewsPage.objects.get(pk=news.pk), revision

    return committed(create)[0]


def dashboard_row(page, title):
    return page.locator("section tr", has_text=title)


def approve_on_dashboard(page, row):
    """Approve a dashboard row's item as a moderator does: its menu, then Approve."""
    row.locator("[data-w-dropdown-target='toggle']").click()
    with page.expect_navigation():
        row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])").click()
    page.wait_for_load_state("networkidle")


def csrf_post(session, path):
    """A POST from the moderator's browser (their cookies and CSRF token)."""
    token = next(c["value"] for c in session.context.cookies() if c["name"] == "csrftoken")
    return session.page.request.post(
        session.base_url + path,
        headers={"X-CSRFToken": token, "Referer": session.base_url + path},
        max_redirects=0,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderator_reviews_schedules_and_rejects_but_never_approves_own_work(
    site_server, staff, cleanup, admin_session, language
):
    editor = staff(f"editor-{language}", "Editors", language=language)
    moderator = staff(f"moderator-{language}", "Moderators", language=language)
    cleanup(editor)
    cleanup(moderator)
    bg = language == "bg"

    # The editor schedules an item for the day after tomorrow and submits it.
    session = admin_session(editor, language)
    page = session.page
    index = NewsIndexPage.objects.get(locale__language_code=language)
    add_child_page(session, index, "editor-schedule")
    scheduled_title = "Откриване на моста" if bg else "Inaugurarea podului"
    page.fill("#id_title", scheduled_title)
    page.fill("#id_intro", "Анонс." if bg else "Anunț.")
    settle_autosave(page)
    go_live = (timezone.localtime() + datetime.timedelta(days=2)).replace(hour=9, minute=0, second=0)
    open_status_panel(page)
    page.locator("[data-a11y-dialog-show='schedule-publishing-dialog']:visible").first.click()
    dialog = page.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    session.screen("editor-schedule-dialog")
    dialog.locator("input[name=go_live_at]").fill(go_live.strftime("%Y-%m-%d %H:%M"))
    # the picker shows the typed value; choosing its time closes it
    page.locator(".xdsoft_datetimepicker:visible .xdsoft_time.xdsoft_current").click()
    settle_autosave(page)
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    dialog.locator("button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages .success")).to_be_visible()
    session.screen("editor-schedule-saved")
    scheduled = NewsPage.objects.get(owner=editor, title=scheduled_title, alias_of__isnull=True)
    assert scheduled.get_latest_revision_as_object().go_live_at == go_live.replace(microsecond=0)
    submit_action(page, "action-submit")
    expect(page.locator(".messages .success")).to_be_visible()
    session.screen("editor-schedule-submitted")

    rejected_title = "Чернова за връщане" if bg else "Ciornă de returnat"
    own_title = "Собствена новина на модератора" if bg else "Știrea proprie a moderatorului"
    rejected = submitted_page(editor, rejected_title, language)
    own = submitted_page(moderator, own_title, language)

    # The moderator's dashboard: what waits for their review, not their own work.
    mail.outbox.clear()
    review = admin_session(moderator, language)
    mpage = review.page
    review.screen("moderator-dashboard")
    expect(dashboard_row(mpage, scheduled_title)).to_have_count(1)
    expect(dashboard_row(mpage, rejected_title)).to_have_count(1)
    awaiting = mpage.locator("section:has(button[data-workflow-action-url])")
    expect(awaiting.locator("tr", has_text=own_title)).to_have_count(0)

    # approve the scheduled item: it becomes "scheduled", not live
    row = dashboard_row(mpage, scheduled_title)
    approve_on_dashboard(mpage, row)
    expect(dashboard_row(mpage, scheduled_title)).to_have_count(0)  # no longer waiting
    review.screen("moderator-approved")
    scheduled = NewsPage.objects.get(pk=scheduled.pk)
    assert not scheduled.live
    assert scheduled.get_latest_revision().approved_go_live_at == go_live.replace(microsecond=0)
    with translation.override("en"):
        assert scheduled.status_string == "scheduled"
    review.goto(f"/admin/pages/{index.pk}/")
    expect(mpage.locator("tr", has_text=scheduled_title)).to_contain_text(
        re.compile(re.escape(_(language, "scheduled")), re.IGNORECASE)
    )
    review.screen("moderator-scheduled-listing")

    # request changes on the other, with a comment
    review.goto("/admin/")
    comment = "Моля, добавете снимка." if bg else "Vă rog să adăugați o fotografie."
    row = dashboard_row(mpage, rejected_title)
    row.locator("[data-w-dropdown-target='toggle']").click()
    row.locator("button[data-workflow-action-url*='/reject/']").click()
    modal = mpage.locator(".modal-content:visible")
    expect(modal).to_be_visible()
    review.screen("moderator-reject-dialog")
    modal.locator("textarea[name=comment]").fill(comment)
    with mpage.expect_navigation():
        modal.locator("button[type=submit], input[type=submit]").first.click()
    mpage.wait_for_load_state("networkidle")
    expect(dashboard_row(mpage, rejected_title)).to_have_count(0)
    review.screen("moderator-rejected")
    state = WorkflowState.objects.get(object_id=str(rejected.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    # the editor is told by email, in their language, with the comment
    to_editor = [m for m in mail.outbox if editor.email in m.to and rejected_title in m.subject]
    assert len(to_editor) == 1, [(m.to, m.subject) for m in mail.outbox]
    assert comment in to_editor[0].body
    with translation.override("en"):
        english = translation.gettext("has been rejected")
    assert english not in to_editor[0].subject

    # their own submission offers no approval, on the edit page or by URL
    review.goto(f"/admin/pages/{own.pk}/edit/")
    open_footer_menu(mpage)
    review.screen("moderator-own-page")
    expect(mpage.locator("footer [data-workflow-action-name]")).to_have_count(0)
    task_state = WorkflowState.objects.get(object_id=str(own.pk)).current_task_state
    response = csrf_post(review, f"/admin/pages/workflow/action/{own.pk}/approve/{task_state.pk}/")
    assert response.status in (302, 403), response.status
    assert not NewsPage.objects.get(pk=own.pk).live
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"

    # the editor sees the comment on their page
    page.goto(session.base_url + f"/admin/pages/{rejected.pk}/edit/")
    page.wait_for_load_state("networkidle")
    open_status_panel(page)
    page.locator("[data-a11y-dialog-show='workflow-status-dialog']:visible").first.click()
    expect(page.locator("#workflow-status-dialog")).to_contain_text(comment)
    session.screen("editor-sees-comment")
