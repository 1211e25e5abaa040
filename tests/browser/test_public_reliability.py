"""Issue 17 points 3, 5, 7 in a real Chromium, in bg, ro and en: the withdrawn
page, the page with change notes, the 410 page, the feedback thank-you page and
the search-as-you-type combobox open: zero axe violations and valid HTML; the
combobox driven by the keyboard only."""

import re

import pytest

from feedback.models import PageFeedback
from tests.browser.admin import committed
from tests.browser.checks import Audit, axe_violations, html_errors

pytestmark = [pytest.mark.browser]

LANGUAGES = ("bg", "ro", "en")
GONE_TITLES = {
    "bg": "Покана за партньори 2017",
    "ro": "Apel pentru parteneri 2017",
    "en": "Call for partners 2017",
}
COMMENT = "browser-test comment 7f3a"


def test_new_page_states_have_no_axe_violations_and_valid_html(site_server, page):
    audit = Audit()
    try:
        for lang in LANGUAGES:
            for slug in ("partner-meetings-2018", "project-results"):
                response = page.goto(f"{site_server.url}/{lang}/about/{slug}/")
                assert response is not None and response.status == 200, slug
                assert page.get_attribute("html", "lang") == lang
                audit.check(page, f"{lang} {slug}", page.content())
            assert page.locator(".page-history__notes li").count() == 2
            response = page.goto(f"{site_server.url}/{lang}/about/call-for-partners-2017/")
            assert response is not None and response.status == 410
            assert GONE_TITLES[lang] not in page.inner_text("main")  # the 410 page never names it
            audit.check(page, f"{lang} 410", page.content())

            # the feedback form, without JavaScript's help: a plain POST
            page.goto(f"{site_server.url}/{lang}/about/")
            page.fill("#page-feedback-comment", COMMENT)
            page.locator(".page-feedback button[value=yes]").click()
            page.wait_for_url(re.compile(r"/feedback/thanks/\?page=\d+$"))
            assert page.get_attribute("html", "lang") == lang
            audit.check(page, f"{lang} feedback thanks", page.content())
    finally:
        committed(lambda: PageFeedback.objects.filter(comment=COMMENT).delete())
    audit.assert_clean()


def test_withdrawn_banner_says_date_and_reason(site_server, page):
    page.goto(f"{site_server.url}/ro/about/partner-meetings-2018/")
    notice = page.locator(".withdrawn-notice").inner_text()
    assert "retrasă" in notice
    assert "Întâlnirile s-au încheiat odată cu finalizarea proiectului în aprilie 2019." in notice
    # and it is not listed in the footer, menus or the 410 page's section links
    page.goto(f"{site_server.url}/ro/about/call-for-partners-2017/")
    assert page.locator('main a[href$="/partner-meetings-2018/"]').count() == 0
    assert page.locator('main a[href$="/project-results/"]').count() == 1


def _tab_to(page, element_id, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} not reached with Tab")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_as_you_type_with_the_keyboard_only(site_server, page, lang):
    page.goto(f"{site_server.url}/{lang}/search/")
    box = page.locator("#search-query")
    assert box.get_attribute("role") == "combobox"
    assert box.get_attribute("aria-expanded") == "false"
    _tab_to(page, "search-query")
    page.keyboard.type("Svish")
    listbox = page.locator("#search-query-suggestions")
    listbox.wait_for(state="visible")
    assert box.get_attribute("aria-expanded") == "true"
    status = box.locator("xpath=..").locator("[role=status]")
    page.wait_for_function(
        "() => document.getElementById('search-query').parentNode.querySelector('[role=status]').textContent"
    )
    assert status.inner_text()
    options = listbox.locator("[role=option]")
    assert options.count() >= 1
    # the combobox open: axe and the Nu checker on the live DOM
    violations = axe_violations(page)
    assert not violations, violations
    errors = html_errors({f"{lang} combobox open": page.content()})
    assert not errors, errors

    page.keyboard.press("ArrowDown")
    first = options.nth(0)
    assert box.get_attribute("aria-activedescendant") == first.get_attribute("id")
    assert first.get_attribute("aria-selected") == "true"
    page.keyboard.press("ArrowUp")  # wraps to the last
    assert box.get_attribute("aria-activedescendant") == options.nth(options.count() - 1).get_attribute("id")
    page.keyboard.press("Escape")
    assert box.get_attribute("aria-expanded") == "false" and not listbox.is_visible()
    page.keyboard.press("ArrowDown")
    assert listbox.is_visible()
    target = first.inner_text()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(f"/{lang}/directory/"))
    assert target.split(" — ")[0] in page.inner_text("main")


def test_e_service_suggestions_name_their_institution(site_server, page):
    page.goto(f"{site_server.url}/en/directory/")
    _tab_to(page, "filter-q", limit=40)
    page.keyboard.type("Duplicate birth")
    listbox = page.locator("#filter-q-suggestions")
    listbox.wait_for(state="visible")
    texts = listbox.locator("[role=option]").all_inner_texts()
    assert texts and all(" — " in text for text in texts), texts
    # Enter without choosing a suggestion submits the plain form
    page.keyboard.press("Escape")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/en/directory/\?q=Duplicate"))


def test_without_javascript_the_search_box_is_a_plain_form(site_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        plain = context.new_page()
        plain.goto(f"{site_server.url}/bg/search/")
        assert plain.locator("#search-query").get_attribute("role") is None
        plain.fill("#search-query", "Svishtov")
        plain.keyboard.press("Enter")
        plain.wait_for_url("**/bg/search/?q=Svishtov")
        assert plain.locator(".search-result").count() >= 1
    finally:
        context.close()
