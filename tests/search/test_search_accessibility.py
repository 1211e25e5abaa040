"""The results page in a real Chromium: zero axe violations, valid HTML, in all locales."""

import pytest

from tests.browser.checks import Audit
from tests.search.factories import add_page

pytestmark = [pytest.mark.browser]


def test_search_pages_have_no_axe_violations_and_valid_html(site_server, page):
    for number in range(12):
        add_page("ro", f"Călărași {number}", intro="Servicii electronice în Călărași.")
    urls = []
    for lang in ("bg", "ro", "en"):
        urls += [
            f"/{lang}/search/",
            f"/{lang}/search/?q=zzzzqqq",
            f"/{lang}/search/?q=Calarasi&languages=all",
        ]
    urls += ["/ro/search/?q=calarasi", "/ro/search/?q=calarasi&page=2"]
    audit = Audit()
    for path in urls:
        response = page.goto(site_server.url + path)
        assert response is not None and response.status == 200, path
        audit.check(page, path, response.text())
    audit.assert_clean()


def test_header_search_box_leads_to_results(site_server, page):
    page.goto(site_server.url + "/bg/")
    page.get_by_role("combobox", name="Търсене в сайта").fill("Svishtov")
    page.keyboard.press("Enter")
    page.wait_for_url("**/bg/search/?q=Svishtov")
    # Latin script finds the demo's Cyrillic institution
    assert page.locator('a[href="/bg/directory/svishtov-municipality/"]').first.is_visible()
