"""The documents index and publication pages, in all three languages, in a real
Chromium: zero axe-core violations (WCAG 2.1 A/AA) and valid HTML."""

import pytest

from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]

PAGES = {
    "index": "/{lang}/documents/",
    "index filtered": "/{lang}/documents/?kind=agreement&year=2018",
    "agreements in force": "/{lang}/documents/?status=in_force",
    "agreements expired in 2018": "/{lang}/documents/?status=expired&year=2018",
    "publication": "/{lang}/documents/survey-local-e-services/",
    "agreement": "/{lang}/documents/agreement-ruse-giurgiu/",
}


def test_document_pages_have_no_axe_violations_and_valid_html(site_server, page):
    audit = Audit()
    for lang in ("bg", "ro", "en"):
        for path in PAGES.values():
            url = site_server.url + path.format(lang=lang)
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert page.get_attribute("html", "lang") == lang
            audit.check(page, url, response.text())
    audit.assert_clean()


def test_download_button_delivers_the_pdf(site_server, page):
    page.goto(site_server.url + "/ro/documents/platform-user-guide/")
    link = page.locator('a.button[hreflang="ro"]')
    response = page.request.get(site_server.url + link.get_attribute("href"))
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body().startswith(b"%PDF-")
