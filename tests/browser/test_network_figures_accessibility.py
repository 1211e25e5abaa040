"""The network page with its live figures and the directory's membership
filter, in all three languages in a real Chromium: zero axe-core violations and
valid HTML."""

import pytest

from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]

PAGES = {
    "network page": "/{lang}/network/",
    "directory filtered by membership": "/{lang}/directory/?membership=lead_partner",
    "institution with its membership": "/{lang}/directory/ruse-municipality/",
}


def test_network_figures_and_membership_filter_are_accessible_and_valid(site_server, page):
    audit = Audit()
    for lang in ("bg", "ro", "en"):
        for path in PAGES.values():
            url = site_server.url + path.format(lang=lang)
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert page.get_attribute("html", "lang") == lang
            audit.check(page, url, response.text())
        figures = page.goto(site_server.url + f"/{lang}/network/")
        assert figures is not None
        assert page.locator('[data-figure="members_by_country"] table th[scope="row"]').count() == 2
    audit.assert_clean()
