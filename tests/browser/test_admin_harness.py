"""The journeys' English detector finds what it must, and only that."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tests.browser.admin import AdminSession, untranslated_on_screen
from tests.catalogues import untranslated_matchers

pytestmark = [pytest.mark.browser]


def test_english_source_strings_are_found_on_screen_only_when_visible_and_untranslated(page):
    plain, regex = untranslated_matchers("en")  # English "translates" nothing: every source string counts
    assert "save draft" in plain and regex.fullmatch("8 months ago")
    page.set_content(
        "<main><button>Save draft</button><p>Updated <span>8 months ago</span></p>"
        "<p hidden>More actions</p><p style='display:none'>Promote</p>"
        "<p>Запазване на чернова</p><input placeholder='Search'></main>"
    )
    shown = ["8 months ago", "Save draft", "Search", "Updated", "Updated 8 months ago"]
    assert untranslated_on_screen(page, "en") == shown
    assert untranslated_on_screen(page, "en", ignore=["Search"]) == [
        text for text in shown if text != "Search"
    ]


def test_a_translated_string_is_not_english_on_screen(page):
    plain, _ = untranslated_matchers("ro")
    assert "save draft" not in plain  # Wagtail's Romanian catalogue translates it
    page.set_content("<main><p>Save draft</p></main>")
    assert untranslated_on_screen(page, "ro") == []


# --- The guard: what broke fails the journey, an expected refusal does not ------------


class _Answers(BaseHTTPRequestHandler):
    """/refused/ answers 400 (a form sent back with its errors), anything else 200."""

    def do_GET(self):
        status = 400 if self.path.startswith("/refused/") else 200
        body = b"<!doctype html><html lang=en><title>t</title><p>answer</p></html>"
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def guarded(browser):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Answers)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    session = AdminSession(browser, f"http://127.0.0.1:{server.server_port}", user=None, language="bg")
    yield session
    session.close()
    server.shutdown()


def test_an_unexpected_400_fails_the_guard(guarded):
    guarded.goto("/refused/form/")
    with pytest.raises(AssertionError, match="status of 400"):
        guarded.assert_clean()


def test_an_expected_400_passes_and_only_at_its_own_address(guarded):
    with guarded.expect_status("/refused/form/", 400) as seen:
        guarded.goto("/refused/form/")
    assert seen == [f"{guarded.base_url}/refused/form/"]
    guarded.assert_clean()
    # the same status elsewhere is still a problem, even while one is expected
    with pytest.raises(AssertionError, match="status of 400"):
        with guarded.expect_status("/refused/form/", 400):
            guarded.goto("/refused/form/")
            guarded.goto("/refused/other/")
        guarded.assert_clean()


def test_an_expected_refusal_that_never_comes_fails(guarded):
    with pytest.raises(AssertionError, match="none came"), guarded.expect_status("/refused/form/", 400):
        guarded.goto("/fine/")
    guarded.assert_clean()
