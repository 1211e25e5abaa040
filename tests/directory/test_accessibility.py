"""Directory pages in all three languages in a real Chromium: zero axe-core
violations (WCAG 2.1 A/AA) and valid HTML."""

import pytest

from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]

PAGES = {
    "directory index": "/{lang}/directory/",
    "filtered index": "/{lang}/directory/?country=RO&category=local-taxes",
    "e-services": "/{lang}/directory/e-services/?channel=online",
    "institution": "/{lang}/directory/ruse-municipality/",
}


def test_directory_pages_have_no_axe_violations_and_valid_html(site_server, page):
    audit = Audit()
    for lang in ("bg", "ro", "en"):
        for path in PAGES.values():
            url = site_server.url + path.format(lang=lang)
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert page.get_attribute("html", "lang") == lang
            # the e-services' "How to apply" sections open, so axe checks their content too
            opened = page.evaluate("[...document.querySelectorAll('details')].map(d => d.open = true).length")
            if path == PAGES["institution"]:
                assert opened >= 3, url
            audit.check(page, url, response.text())
    audit.assert_clean()
