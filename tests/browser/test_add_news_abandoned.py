"""An editor opens "Add news", types a title and leaves; Wagtail 8 has
autosaved a draft by then. In the other locales nothing appears, and a retry
with the same title is told in Bulgarian that the slug is taken (the draft
keeps it), on the field itself."""

import pytest
from django.utils import translation
from wagtail.models import Page

from news.models import NewsIndexPage, NewsPage
from tests.browser.admin import RESULTS, committed

pytestmark = [pytest.mark.browser]

TITLE = "Изоставена новина за проверка"


def _cleanup():
    for page in NewsPage.objects.filter(title=TITLE):
        Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).delete()
    for page in NewsPage.objects.filter(title=TITLE):
        page.delete()


@pytest.fixture
def clean_news():
    committed(_cleanup)
    yield
    committed(_cleanup)


def _versions():
    pages = list(NewsPage.objects.filter(title=TITLE).select_related("locale"))
    keys = {page.translation_key for page in pages}
    group = Page.objects.filter(translation_key__in=keys).select_related("locale")
    return pages, sorted(page.locale.language_code for page in group)


def type_title(page):
    """As a person types: key by key, then on to the next field. Wagtail's
    unsaved-changes check takes the form's initial state 2 s after loading."""
    page.wait_for_timeout(2500)
    page.locator("#id_title").press_sequentially(TITLE, delay=10)
    page.keyboard.press("Tab")


def test_abandoned_add_news_leaves_no_aliases_and_a_retry_gets_a_bulgarian_message(
    staff, admin_session, clean_news
):
    editor = staff("news-abandoner", "Editors", language="bg")
    session = admin_session(editor, "bg")
    page = session.page
    page.on("dialog", lambda dialog: dialog.accept())
    index_id = committed(lambda: NewsIndexPage.objects.get(locale__language_code="bg").pk)
    add_path = f"/admin/pages/add/news/newspage/{index_id}/"

    session.goto(add_path)
    with page.expect_response(lambda r: r.request.method == "POST" and "/admin/pages/" in r.url) as autosave:
        type_title(page)
    assert autosave.value.status == 200, autosave.value.text()
    page.screenshot(path=str(RESULTS / "add-news-autosaved-bg.png"))
    session.goto("/admin/")  # and leaves

    pages, locales = committed(_versions)
    assert len(pages) == 1 and not pages[0].live, pages  # Wagtail's autosaved draft
    assert locales == ["bg"], f"aliases were made in {locales}"

    # the retry with the same title
    session.goto(add_path)
    with page.expect_response(lambda r: r.request.method == "POST" and "/admin/pages/" in r.url) as retry:
        type_title(page)
    assert retry.value.status == 400
    page.locator("button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    slug = committed(lambda: NewsPage.objects.get(title=TITLE).slug)
    with translation.override("bg"):
        message = translation.gettext(
            "The slug '%(page_slug)s' is already in use within the parent page."
        ) % {"page_slug": slug}
    assert message.startswith("Слъгът")
    errors = page.locator(".w-field__errors, .error-message").all_inner_texts()
    assert any(message in text for text in errors), errors
    assert not any("already in use" in text for text in errors), errors
    page.screenshot(path=str(RESULTS / "add-news-retry-bg.png"))
    pages, locales = committed(_versions)
    assert len(pages) == 1 and locales == ["bg"]
    # the retry's autosave was refused with the 400 asserted above; Chromium logs it
    session.problems[:] = [p for p in session.problems if not ("status of 400" in p and add_path in p)]
    session.assert_clean()
