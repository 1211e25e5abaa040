"""Every page type, in all three languages, in a real Chromium: zero axe-core
violations for WCAG 2.1 A/AA, and HTML that the Nu Html Checker accepts."""

import pytest

from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]

PAGES = {
    "home": "/{lang}/",
    "standard": "/{lang}/about/",
    "open data": "/{lang}/open-data/",
    "search results": "/{lang}/search/?q=Giurgiu",
    "not found": "/{lang}/no-such-page/",
}


def test_pages_have_no_axe_violations_and_valid_html(site_server, page):
    audit = Audit()
    for lang in ("bg", "ro", "en"):
        for kind, path in PAGES.items():
            url = site_server.url + path.format(lang=lang)
            response = page.goto(url)
            assert response is not None
            assert response.status == (404 if kind == "not found" else 200), url
            assert page.get_attribute("html", "lang") == lang
            audit.check(page, url, response.text())
    audit.assert_clean()


def test_skip_link_moves_focus_to_main_content(site_server, page):
    page.goto(site_server.url + "/ro/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Sari la conținutul principal"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main-content"


def test_layout_is_usable_on_a_small_screen(site_server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    small = context.new_page()
    small.goto(site_server.url + "/bg/about/")
    overflow = small.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    context.close()
    assert overflow <= 0
