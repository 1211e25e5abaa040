"""Every admin screen the project adds, at 1280 px in Bulgarian and Romanian:
a screenshot in test-results/, nothing broken, no untranslated English
(tests/browser/admin.py), and listings that read as words: no table cell
narrower than its longest word, nothing laid over the table. The e-services
register also at 1400 px, with its filters used."""

from urllib.parse import urlsplit

import pytest

from directory.models import EService
from tests.browser.admin import committed

pytestmark = [pytest.mark.browser]

# Cells whose longest word (split at spaces, hyphens and slashes) is wider than
# the cell's content box; and the table's box against the other parts of the screen.
UNREADABLE_CELLS = """(table) => {
  const ctx = document.createElement('canvas').getContext('2d');
  const problems = [];
  for (const cell of table.querySelectorAll('th, td')) {
    if (!cell.checkVisibility()) continue;
    const style = getComputedStyle(cell);
    const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    while (walker.nextNode()) {
      const parent = walker.currentNode.parentElement;
      if (!parent || !parent.checkVisibility()) continue;
      ctx.font = getComputedStyle(parent).font;
      for (const word of walker.currentNode.textContent.split(/[\\s\\-\\u2010-\\u2014\\/]+/)) {
        const width = word ? ctx.measureText(word).width : 0;
        if (width > room + 1) problems.push(`${cell.tagName} "${word}": ${Math.round(width)} px in ${Math.round(room)} px`);
      }
    }
  }
  return problems;
}"""

OVERLAPS = """([table, selector]) => {
  const box = table.getBoundingClientRect();
  const overlapping = [];
  for (const el of document.querySelectorAll(selector)) {
    if (!el.checkVisibility() || table.contains(el) || el.contains(table)) continue;
    const other = el.getBoundingClientRect();
    if (other.width && other.height && other.left < box.right - 1 && other.right > box.left + 1 &&
        other.top < box.bottom - 1 && other.bottom > box.top + 1) overlapping.push(el.className || el.tagName);
  }
  return overlapping;
}"""


def assert_listing_readable(page, name):
    for table in page.locator("main table").all():
        if not table.is_visible():
            continue
        narrow = table.evaluate(UNREADABLE_CELLS)
        assert not narrow, f"{name}: cells narrower than their words: {narrow[:10]}"
        covered = page.evaluate(
            OVERLAPS, [table.element_handle(), ".changelist-filter, .register-filters, .w-dropdown, aside"]
        )
        assert not covered, f"{name}: laid over the table: {covered}"
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name}: the screen scrolls sideways by {overflow} px"


def project_screens():
    """(name, path) of every admin view the project adds (cms, directory, news, documents)."""
    service = (
        EService.objects.filter(page__live=True, page__locale__language_code="bg").order_by("pk").first()
    )
    return [
        ("dashboard", "/admin/"),
        ("translation-status", "/admin/translation-status/"),
        ("translation-glossary", "/admin/translation-glossary/"),
        ("e-services-register", "/admin/directory/eservice/"),
        ("e-service-inspect", f"/admin/directory/eservice/inspect/{service.pk}/"),
        ("directory-import", "/admin/directory/import/"),
        ("news-listing", "/admin/news_pages/"),
        ("news-categories", "/admin/snippets/news/newscategory/"),
        ("regions", "/admin/snippets/directory/region/"),
        ("institution-types", "/admin/snippets/directory/institutiontype/"),
        ("service-categories", "/admin/snippets/directory/servicecategory/"),
        ("documents-listing", "/admin/documents/"),
    ]


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_project_admin_screens_read_well_at_1280(staff, admin_session, language):
    user = staff(f"screens-{language}", language=language, superuser=True)
    session = admin_session(user, language)
    for name, path in committed(project_screens):
        response = session.goto(path)
        assert response.status == 200, (name, path, response.status)
        assert urlsplit(session.page.url).path == path, (name, session.page.url)
        session.screen(f"admin-{name}-1280")
        assert_listing_readable(session.page, name)


@pytest.mark.parametrize("width", [1280, 1400])
def test_e_services_register_reads_as_words_with_its_filters(staff, admin_session, width):
    user = staff(f"register-{width}", "Editors", language="bg")
    session = admin_session(user, "bg", width=width)
    session.goto("/admin/directory/eservice/")
    page = session.page
    total = page.locator("main table tbody tr").count()
    assert total > 10
    assert_listing_readable(page, f"register at {width}")

    # the country filter: a dropdown above the table, the table below it
    country = page.locator(".register-filters .w-dropdown").first
    country.locator("button").click()
    page.locator(".register-filters .w-dropdown__content a", has_text="България").first.click()
    page.wait_for_load_state("networkidle")
    assert "country=BG" in page.url
    rows = page.locator("main table tbody tr")
    assert 0 < rows.count() <= total
    assert all(
        text.strip() == "BG" for text in page.locator("main table tbody td.field-country").all_inner_texts()
    )
    assert_listing_readable(page, f"register filtered at {width}")
    session.screen(f"admin-e-services-register-filtered-{width}")


@pytest.mark.parametrize(("group", "language"), [("Editors", "bg"), ("Translators (ro)", "ro")])
def test_every_menu_entry_opens_in_the_browser(staff, admin_session, group, language):
    """The browser pass of tests/cms/test_admin_menus.py: each link of the user's
    menu (submenus included) opens in Chromium as that user, without a 5xx or a
    console error, and not on the login page or the dashboard."""
    from tests.cms.test_admin_menus import DEAD_ENDS, menu_links

    user = staff(f"menus-{language}", group, language=language)
    session = admin_session(user, language)
    links = committed(lambda: menu_links(type(user).objects.get(pk=user.pk)))
    assert len(links) > 5
    failures = []
    for label, url in links:
        if not url.startswith("/"):
            continue
        response = session.goto(url)
        where = urlsplit(session.page.url).path
        if response.status != 200 or (where != url and where in DEAD_ENDS):
            failures.append(f"{label} → {url}: {response.status} at {where}")
    session.assert_clean()
    assert not failures, failures
