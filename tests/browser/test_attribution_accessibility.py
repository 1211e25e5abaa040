"""The institution page with its "News from this institution" and publications,
and the agreements registry filtered by party, in all three languages in a real
Chromium: zero axe-core violations (WCAG 2.1 A/AA) and valid HTML."""

import pytest

from tests.browser.admin import committed
from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]


def _ruse_key():
    from directory.models import InstitutionPage

    return InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="bg").translation_key


def test_institution_page_and_party_filter_are_accessible_and_valid(site_server, page):
    key = committed(_ruse_key)
    audit = Audit()
    for lang, heading in (
        ("bg", "Новини от тази институция"),
        ("ro", "Știri de la această instituție"),
        ("en", "News from this institution"),
    ):
        for path in (f"/{lang}/directory/ruse-municipality/", f"/{lang}/documents/?party={key}"):
            url = site_server.url + path
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert page.get_attribute("html", "lang") == lang
            if "directory" in path:
                assert page.get_by_role("heading", name=heading).is_visible()
            else:
                assert page.locator(".publication-item").count() == 1
            audit.check(page, url, response.text())
    audit.assert_clean()
