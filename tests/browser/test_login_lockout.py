"""Someone guessing a staff password in a real Chromium: after five wrong
passwords the admin says, in the browser's language, that signing in is paused
— an accessible, valid page answered with 429."""

import pytest
from axes.models import AccessAttempt, AccessLog

from tests.browser.admin import BROWSER_LOCALES, RESULTS, committed
from tests.browser.checks import axe_violations, html_errors

pytestmark = [pytest.mark.browser]


@pytest.fixture
def forgotten_attempts(site_server):
    """The attempts are committed for the live server; forget them afterwards so
    the other journeys, from the same address, can sign in."""
    yield
    committed(lambda: (AccessAttempt.objects.all().delete(), AccessLog.objects.all().delete()))


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_guessing_a_password_pauses_signing_in(browser, site_server, forgotten_attempts, staff, language):
    user = staff(f"guessed-{language}", "Editors", language=language)
    context = browser.new_context(locale=BROWSER_LOCALES[language])
    page = context.new_page()
    statuses = []
    page.on(
        "response",
        lambda response: statuses.append(response.status) if response.request.method == "POST" else None,
    )
    for attempt in range(5):
        page.goto(site_server.url + "/admin/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", f"wrong-{attempt}")
        page.click("button[type=submit]")
        page.wait_for_load_state()
    assert statuses == [200, 200, 200, 200, 429], statuses
    heading = page.locator("h1").inner_text()
    assert heading == {"bg": "Входът е временно спрян", "ro": "Autentificarea este suspendată temporar"}.get(
        language, "Signing in is paused"
    )
    assert page.locator("[role=alert]").inner_text().strip()
    RESULTS.mkdir(exist_ok=True)
    page.screenshot(path=str(RESULTS / f"login-lockout-{language}.png"))
    assert html_errors({"lockout": page.content()}) == {}  # before axe adds its script
    assert axe_violations(page) == []
    context.close()
