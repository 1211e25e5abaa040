"""One harness for the staff journeys driven through the admin in a real Chromium.

- `committed(fn)`: write on another connection, so the live server sees it.
- the `staff` fixture: committed users in the editorial groups, each with a
  preferred admin language, removed afterwards;
- `AdminSession`: a browser context in the user's language that logs in and
  records every 5xx response, console error and page error;
- `session.expect_status(path_fragment, status)`: a context manager for a
  refusal the journey means to cause (a form answered 400 with its messages):
  that answer, and Chromium's console error about it, are not problems; any
  other 4xx console error still is, and the block fails if the refusal never came;
- `session.screen(name)`: the check every visited screen gets — a 1280 px
  screenshot in test-results/, nothing broken so far, and no visible English
  source string (of Wagtail's, wagtail-localize's, wagtail-modeladmin's and our
  own catalogues) that has no translation in the session's language.

The English source strings are read from the catalogues themselves (the `en`
catalogues the packages ship and our own), never written out by hand, so a
string that upstream adds later is checked too: tests/catalogues.py, whose
matcher the email tests use as well."""

import base64
import contextlib
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import translation

from tests.catalogues import untranslated_texts
from tests.factories import staff_member

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "test-results"
PASSWORD = "journey-pass-123"
BROWSER_LOCALES = {"bg": "bg-BG", "ro": "ro-RO", "en": "en-GB"}
# Wagtail's admin shows Gravatar avatars; this machine is offline, so answer them locally.
BLANK_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


def in_language(language, message, **values):
    """`message` as the site or the admin shows it in `language`, with `values`
    put in its %(name)s placeholders (journeys import it as `_`)."""
    with translation.override(language):
        text = translation.gettext(message)
    return text % values if values else text


def committed(function):
    """Run `function` on its own database connection, committed at once, so that
    the live server's thread sees it (the test itself runs in a transaction)."""
    result = {}

    def run():
        try:
            result["value"] = function()
        except BaseException as error:  # re-raised in the test's thread
            result["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    if "error" in result:
        raise result["error"]
    return result.get("value")


# --- What the screen shows -------------------------------------------------------


VISIBLE_TEXTS = """() => {
  const texts = new Set();
  const visible = (el) => el && el.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest('script, style, template, noscript') || !visible(el)) continue;
    const text = walker.currentNode.textContent.trim();
    if (text) texts.add(text);
  }
  // what a sentence split over inline elements reads as ("<b>1-2</b> of 2"):
  // the rendered text of each element whose children are all inline
  const inline = (child) => getComputedStyle(child).display.startsWith('inline');
  for (const el of document.body.querySelectorAll('*')) {
    if (el.closest('script, style, template, noscript') || !visible(el)) continue;
    if (el.children.length && [...el.children].every(inline)) {
      const text = (el.innerText || '').trim();
      if (text && text.length < 200) texts.add(text);
    }
    for (const name of ['placeholder', 'aria-label', 'title']) {
      const value = (el.getAttribute(name) || '').trim();
      if (value) texts.add(value);
    }
    if (el.matches('input[type=submit], input[type=button]') && el.value) texts.add(el.value.trim());
  }
  return [...texts];
}"""


def untranslated_on_screen(page, language, ignore=()):
    """The texts visible on `page` that are English source strings without a
    translation into `language` (sorted, without duplicates)."""
    return untranslated_texts(page.evaluate(VISIBLE_TEXTS), language, ignore=ignore)


# --- Staff users -----------------------------------------------------------------


@pytest.fixture
def staff(site_server):
    """`staff(username, *group_names, language="bg")` makes a committed user in
    those groups whose admin speaks `language` (tests.factories.staff_member);
    all are removed afterwards."""
    made = []

    def make(username, *group_names, language="bg", superuser=False):
        def create():
            return staff_member(
                *group_names,
                language=language,
                username=username,
                email=f"{username}@example.org",
                password=PASSWORD,
                first_name=username.split("-")[0].capitalize(),
                is_superuser=superuser,
            )

        user = committed(create)
        made.append(user.pk)
        return user

    yield make
    committed(lambda: get_user_model().objects.filter(pk__in=made).delete())


# --- The admin in a browser -----------------------------------------------------------


class AdminSession:
    """One staff member's browser: a context in their language, logged in,
    recording what broke."""

    def __init__(self, browser, base_url, user, language, width=1280):
        self.base_url = base_url
        self.user = user
        self.language = language
        self.problems = []
        self._expecting = []  # (path fragment, status, answers seen) of open expect_status blocks
        self._expected = set()  # (url, status) of the refusals the journey asked for
        self.context = browser.new_context(
            locale=BROWSER_LOCALES[language], viewport={"width": width, "height": 900}
        )
        self.context.route(
            re.compile(r"^https?://(www|secure)\.gravatar\.com/"),
            lambda route: route.fulfill(content_type="image/png", body=BLANK_PNG),
        )
        self.page = self.context.new_page()
        self.page.on("response", self._response)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.problems.append(f"page error: {error}"))

    def _response(self, response):
        for fragment, status, seen in self._expecting:
            if response.status == status and fragment in urlsplit(response.url).path:
                seen.append(response.url)
                self._expected.add((response.url, status))
                self.problems[:] = [p for p in self.problems if not self._is_expected(p)]
                return
        if response.status >= 500:
            self.problems.append(f"{response.status} {response.request.method} {response.url}")

    # what Chromium logs for a document or resource answered with an error status
    FAILED_LOAD = re.compile(
        r"^console: Failed to load resource: the server responded with a status of (\d+) \(.*\) \((.*)\)$"
    )

    def _is_expected(self, problem):
        match = self.FAILED_LOAD.match(problem)
        return bool(match) and (match[2], int(match[1])) in self._expected

    def _console(self, message):
        if message.type == "error":
            problem = f"console: {message.text} ({message.location.get('url')})"
            if not self._is_expected(problem):
                self.problems.append(problem)

    @contextlib.contextmanager
    def expect_status(self, path_fragment, status):
        """Within the block, an answer `status` (a 4xx) from a URL whose path
        contains `path_fragment` is the refusal the journey is causing: neither it
        nor Chromium's console error about it is a problem. The block fails when no
        such answer came; other answers and errors are checked as always."""
        assert 400 <= status < 500, "only a 4xx refusal can be expected; a 5xx is always a problem"
        seen = []
        entry = (path_fragment, status, seen)
        self._expecting.append(entry)
        try:
            yield seen
        finally:
            self._expecting.remove(entry)
        assert seen, f"expected a {status} from a URL with {path_fragment!r}, none came"

    def goto(self, path):
        response = self.page.goto(self.base_url + path)
        self.page.wait_for_load_state("networkidle")
        return response

    def log_in(self):
        self.goto("/admin/login/")
        self.screen("login")
        self.page.fill("input[name=username]", self.user.username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        self.page.wait_for_load_state("networkidle")
        assert urlsplit(self.page.url).path == "/admin/", self.page.locator("main").inner_text()[:500]
        return self

    def screen(self, name, ignore=()):
        """Check the screen now shown and keep a screenshot of it."""
        RESULTS.mkdir(exist_ok=True)
        self.page.screenshot(path=str(RESULTS / f"{name}-{self.language}.png"), full_page=False)
        english = untranslated_on_screen(self.page, self.language, ignore=ignore)
        assert not english, f"{name} ({self.language}) shows English: {english}"
        self.assert_clean()

    def assert_clean(self):
        # Chromium may log a refusal's console error after its response event
        self.problems[:] = [p for p in self.problems if not self._is_expected(p)]
        assert not self.problems, self.problems

    def close(self):
        self.context.close()


@pytest.fixture
def admin_session(browser, site_server):
    """`admin_session(user, language)` opens a logged-in admin browser;
    closed afterwards, failing the test if anything broke after the last check."""
    sessions = []

    def open_session(user, language, width=1280):
        session = AdminSession(browser, site_server.url, user, language, width=width)
        sessions.append(session)
        return session.log_in()

    yield open_session
    for session in sessions:
        session.close()
    for session in sessions:
        session.assert_clean()
