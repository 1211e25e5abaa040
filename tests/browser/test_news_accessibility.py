"""News pages (index, filtered index, empty result, detail) in all three
languages: zero axe-core violations and valid HTML."""

import pytest

from tests.browser.checks import axe_violations, html_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PAGES = {
    "index": "/{lang}/news/",
    "index page 2": "/{lang}/news/?page=2",
    "filtered": "/{lang}/news/?category=cooperation&region=RO314",
    "empty": "/{lang}/news/?category=events&region=RO223",
    "detail": "/{lang}/news/ruse-giurgiu-bridge-toll-online/",
}


def test_news_pages_have_no_axe_violations_and_valid_html(live_server, demo_site, page):
    collected = {}
    failures = []
    for lang in ("bg", "ro", "en"):
        for _kind, path in PAGES.items():
            url = live_server.url + path.format(lang=lang)
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert page.get_attribute("html", "lang") == lang
            violations = axe_violations(page)
            if violations:
                failures.append(f"{url}: {violations}")
            collected[url] = response.text()
    assert not failures, "\n".join(failures)
    errors = html_errors(collected)
    assert not errors, errors


def test_filters_are_usable_with_the_keyboard(live_server, demo_site, page):
    page.goto(live_server.url + "/ro/news/")
    page.select_option("#filter-region", "BG325")
    page.click("button[type=submit]")
    assert "region=BG325" in page.url
    assert page.locator(".news-card").count() == 1
