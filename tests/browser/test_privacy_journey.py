"""An editor makes a Bulgarian news item private in the admin, in a real Chromium;
a Romanian visitor can no longer read its translation, nor find it in the
listing, the feed or search; making it public again brings it back."""

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from wagtail.models import Locale, PageViewRestriction

from news.models import NewsPage
from tests.browser.admin import committed

pytestmark = [pytest.mark.browser]


@pytest.fixture
def news_item(site_server):
    ro = Locale.objects.get(language_code="ro")
    for page in NewsPage.objects.live().filter(locale__language_code="bg", view_restrictions__isnull=True):
        translation = page.get_translation_or_none(ro)
        if translation is not None and translation.live and translation.alias_of_id is None:
            break
    else:
        pytest.fail("the demo has no bg news item with a live ro translation")
    yield page, translation.specific
    # also when the journey failed half-way
    committed(lambda: PageViewRestriction.objects.filter(page_id=page.pk).delete())


def open_privacy_dialog(page, edit_url):
    page.goto(edit_url)
    page.wait_for_load_state("networkidle")
    # the admin remembers an open side panel between pages: open it only when closed
    closed = page.locator("button[data-side-panel-toggle='status'][aria-expanded='false']")
    if closed.count():
        closed.click()
    page.locator("[data-a11y-dialog-show='set-privacy']:visible").first.click()


def set_privacy(page, base_url, page_id, value):
    open_privacy_dialog(page, f"{base_url}/admin/pages/{page_id}/edit/")
    dialog = page.locator("#set-privacy:visible").first
    dialog.locator(f"input[name=restriction_type][value={value}]").check()
    # the project's notice: the restriction reaches every translation
    expect(dialog).to_contain_text("всеки превод")
    dialog.locator("input[type=submit]").click()
    expect(dialog).to_be_hidden()


def visitor_sees(browser, base_url, translation):
    context = browser.new_context(locale="ro-RO")
    visitor = context.new_page()
    try:
        response = visitor.goto(base_url + translation.url)
        # a restricted page redirects to the login form (whose ?next= ends with the page's path)
        own_page = response.status == 200 and urlsplit(visitor.url).path == translation.url
        listing = visitor.goto(base_url + "/ro/news/").text()
        feed = visitor.goto(base_url + "/ro/news/rss/").text()
        return own_page, translation.title in listing, translation.title in feed
    finally:
        context.close()


def test_restricting_a_bg_page_hides_its_ro_translation(
    site_server, browser, staff, admin_session, news_item
):
    source, translation = news_item
    assert visitor_sees(browser, site_server.url, translation) == (True, True, True)

    editor = staff("privacy-editor", superuser=True, language="bg")
    session = admin_session(editor, "bg")
    admin = session.page
    set_privacy(admin, site_server.url, source.pk, "login")
    assert visitor_sees(browser, site_server.url, translation) == (False, False, False)

    # the ro page's own privacy form says why it is private
    open_privacy_dialog(admin, f"{site_server.url}/admin/pages/{translation.pk}/edit/")
    expect(admin.locator("#set-privacy:visible").first).to_contain_text(source.title)
    admin.keyboard.press("Escape")

    set_privacy(admin, site_server.url, source.pk, "none")
    assert visitor_sees(browser, site_server.url, translation) == (True, True, True)
    session.screen("privacy-journey")
