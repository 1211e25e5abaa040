"""News pages (index, filtered index, empty result, detail) in all three
languages: zero axe-core violations and valid HTML."""

import pytest

from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]

PAGES = {
    "index": "/{lang}/news/",
    "index page 2": "/{lang}/news/?page=2",
    "filtered": "/{lang}/news/?category=cooperation&region=RO314",
    "empty": "/{lang}/news/?category=events&region=RO223",
    "detail": "/{lang}/news/ruse-giurgiu-bridge-toll-online/",
}


def test_news_pages_have_no_axe_violations_and_valid_html(site_server, page):
    audit = Audit()
    for lang in ("bg", "ro", "en"):
        for _kind, path in PAGES.items():
            url = site_server.url + path.format(lang=lang)
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert page.get_attribute("html", "lang") == lang
            audit.check(page, url, response.text())
    audit.assert_clean()


def test_filters_are_usable_with_the_keyboard(site_server, page):
    page.goto(site_server.url + "/ro/news/")
    page.select_option("#filter-region", "BG325")
    page.locator("#filter-region").locator("xpath=ancestor::form").locator("button[type=submit]").click()
    assert "region=BG325" in page.url
    assert page.locator(".news-card").count() == 1
