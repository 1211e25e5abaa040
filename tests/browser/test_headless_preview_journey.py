"""A member of staff in bg and ro previews a news draft in a headless front end.

A tiny "Next.js-style consumer" (a thread on 127.0.0.1) is the front end: on the
preview URL the CMS sends it to, it reads `token`, `content_type` and `locale`,
exchanges the token at /api/v2/page_preview/ of the live server, and renders the
draft's title, intro and body. The editor saves a draft title (not published),
opens Wagtail's preview panel, picks the "Front end" mode, and sees the consumer's
page with the draft inside the panel while the public page keeps the live title;
a second draft shows in the preview; the first token is refused after it, and a
token is refused for another page."""

import datetime
import html
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import expect
from wagtail.models import Page, PageLogEntry

from cms.headless_preview import PREVIEW_MODE
from news.models import NewsIndexPage, NewsPage
from tests.browser.admin import committed
from tests.browser.admin import in_language as _
from tests.browser.test_staff_journeys import save_draft, settle_autosave

pytestmark = [pytest.mark.browser]

TITLES = {
    "bg": ("Ремонт на моста", "Ремонт на моста: нов график", "Ремонт на моста: окончателен график"),
    "ro": ("Reparația podului", "Reparația podului: program nou", "Reparația podului: program final"),
}


class Consumer:
    """A front end that renders drafts from the CMS's preview API, as a Next.js
    app's preview route and page loader would; records what it was sent."""

    def __init__(self, api_base):
        self.api_base = api_base
        self.visits = []  # the query of each preview URL it was sent to
        self.answers = []  # (status, Cache-Control, data) of each API call
        consumer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (http.server's name)
                parts = urlsplit(self.path)
                if parts.path != "/preview":
                    self.send_error(404)
                    return
                query = {key: values[0] for key, values in parse_qs(parts.query).items()}
                consumer.visits.append(query)
                status, data = consumer.fetch(query.get("token", ""))
                if status == 200:
                    body_html = "".join(
                        f"<p>{html.escape(str(block.get('value')))}</p>"
                        for block in data.get("body") or []
                        if isinstance(block.get("value"), str)
                    )
                    content = (
                        f"<h1>{html.escape(data['title'])}</h1>"
                        f"<p class='intro'>{html.escape(data.get('intro') or '')}</p>{body_html}"
                    )
                else:
                    content = f"<p class='refused'>{status}: {html.escape(json.dumps(data))}</p>"
                page = (
                    f"<!DOCTYPE html><html lang='{html.escape(query.get('locale', 'bg'))}'>"
                    f"<head><meta charset='utf-8'><title>Preview</title>"
                    f"<link rel='icon' href='data:,'></head><body><main>{content}</main></body></html>"
                ).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def fetch(self, token, **params):
        url = f"{self.api_base}/api/v2/page_preview/?" + urlencode({"token": token, **params})
        try:
            with urlopen(url, timeout=10) as response:  # noqa: S310 (the test's own live server)
                status, cache, data = response.status, response.headers["Cache-Control"], json.load(response)
        except HTTPError as error:
            status, cache, data = error.code, error.headers["Cache-Control"], json.load(error)
        self.answers.append((status, cache, data))
        return status, data

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def news_item():
    """`news_item(language)`: a committed, published news page; removed afterwards
    with its aliases in the other locales, revisions and log entries."""
    made = []

    def make(language):
        def create():
            index = NewsIndexPage.objects.get(locale__language_code=language)
            page = NewsPage(
                title=TITLES[language][0],
                slug=f"headless-preview-journey-{language}",
                date=datetime.date(2026, 11, 30),
                intro="Кратко резюме." if language == "bg" else "Un scurt rezumat.",
            )
            index.add_child(instance=page)
            page.save_revision().publish()
            return NewsPage.objects.get(pk=page.pk)

        page = committed(create)
        made.append(page.translation_key)
        return page

    yield make

    def remove():
        pages = Page.objects.filter(translation_key__in=made)
        ids = list(pages.values_list("pk", flat=True))
        for page in sorted(pages, key=lambda p: p.alias_of_id is None):  # aliases first
            Page.objects.filter(pk=page.pk).first() and Page.objects.get(pk=page.pk).delete()
        PageLogEntry.objects.filter(page_id__in=ids).delete()
        return Page.objects.filter(translation_key__in=made).count()

    assert committed(remove) == 0


def said(message):
    """`message` in any of the site's languages (the API answers in the request's)."""
    return {_(language, message) for language in ("bg", "ro", "en")}


PREVIEW_LOADED = """part => {
  const frame = document.querySelector('#w-preview-iframe');
  const spinner = document.querySelector('[data-w-preview-target=spinner]');
  return !!frame && frame.contentWindow.location.href.includes(part)
    && frame.contentDocument.readyState === 'complete' && (!spinner || spinner.hidden);
}"""


def open_front_end_preview(page):
    """Open the preview panel (unless open), let it load, and choose the "Front end" mode."""
    panel = page.locator("[data-side-panel='preview']")
    if not panel.is_visible():
        page.locator("button[data-side-panel-toggle='preview']").click()
    expect(panel).to_be_visible()
    # a mode picked while the panel's first preview is still loading is overwritten by it
    page.wait_for_function(PREVIEW_LOADED, arg="in_preview_panel=true")
    page.locator("#id_preview_mode").select_option(PREVIEW_MODE)
    page.wait_for_function(PREVIEW_LOADED, arg=f"mode={PREVIEW_MODE}")
    return page.frame_locator("#w-preview-iframe").frame_locator("#front-end-preview")


def shows_title(page, front_end, consumer, title):
    """The front end in the preview panel shows `title` (else: what each frame and the consumer saw)."""
    try:
        expect(front_end.locator("h1")).to_have_text(title, timeout=20_000)
    except AssertionError as error:
        frames = [(frame.url, frame.content()[:600]) for frame in page.frames]
        raise AssertionError(f"{error}\nframes: {frames}\nconsumer: {consumer.answers}") from error


def edit_title(page, title):
    """Type a title and let Wagtail 8's autosave store it: a save racing a late
    autosave on a loaded machine ends in a 400 (an editing conflict)."""
    page.fill("#id_title", title)
    settle_autosave(page)
    settle_autosave(page)  # an autosave started late, after the first wait


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_editor_previews_a_draft_in_the_headless_front_end(
    settings, site_server, staff, admin_session, news_item, browser, language
):
    live_title, first_draft, second_draft = TITLES[language]
    item = news_item(language)
    other = NewsPage.objects.live().exclude(pk=item.pk).filter(locale__language_code=language).first()
    editor = staff(f"headless-editor-{language}", "Editors", language=language)
    with Consumer(site_server.url) as consumer:
        # as the code reads it (cms/settings/base.py from HEADLESS_PREVIEW_URL); the live server runs in this process
        settings.HEADLESS_PREVIEW_URLS = {"default": [f"{consumer.url}/preview"]}
        session = admin_session(editor, language)
        page = session.page
        session.goto(f"/admin/pages/{item.pk}/edit/")
        session.screen("headless-edit")

        edit_title(page, first_draft)
        save_draft(page, language)
        session.screen("headless-draft-saved")
        assert committed(lambda: NewsPage.objects.get(pk=item.pk).title) == live_title  # not published

        front_end = open_front_end_preview(page)
        expect(page.locator("#id_preview_mode option:checked")).to_have_text(_(language, "Front end"))
        shows_title(page, front_end, consumer, first_draft)
        expect(front_end.locator(".intro")).to_have_text(item.intro)
        session.screen("headless-preview")
        visit = consumer.visits[-1]
        assert visit["content_type"] == "news.newspage" and visit["locale"] == language
        first_token = visit["token"]
        status, cache, data = consumer.answers[-1]
        assert status == 200 and data["id"] == item.pk
        assert "private" in cache and "no-store" in cache

        # visitors still see the live title, at the page's public address and in the API
        visitor = browser.new_context()
        public = visitor.new_page()
        public.goto(site_server.url + item.url)
        expect(public.locator("h1")).to_have_text(live_title)
        visitor.close()
        with urlopen(f"{site_server.url}/api/v2/pages/{item.pk}/") as response:  # noqa: S310
            assert json.load(response)["title"] == live_title

        # a second draft: the preview shows the new revision
        edit_title(page, second_draft)
        save_draft(page, language)
        front_end = open_front_end_preview(page)
        shows_title(page, front_end, consumer, second_draft)
        session.screen("headless-preview-again")
        second_token = consumer.visits[-1]["token"]
        assert second_token != first_token

        # the first token, replayed after the newer revision, is refused; so is a token for another page
        status, data = consumer.fetch(first_token)
        assert status == 403, data
        assert data["message"] in said("A newer draft of this page has been saved: open the preview again.")
        status, data = consumer.fetch(second_token, id=other.pk)
        assert status == 403
        assert data["message"] in said("The preview token is for another page.")
        status, data = consumer.fetch(second_token)
        assert status == 200 and data["title"] == second_draft
    assert committed(lambda: NewsPage.objects.get(pk=item.pk).title) == live_title
