"""A directory manager imports institutions through the admin in a real
Chromium, in Bulgarian and in Romanian: the menu leads to the import, a dry run
reports in the manager's language and writes nothing, the real run publishes
the institution, which the page explorer lists and the public site shows in
bg, ro and en. Every screen is checked for 5xx, console errors and English."""

import csv
import io
import itertools
from urllib.parse import quote

import pytest
from django.utils import translation
from playwright.sync_api import expect

from directory import columns
from directory.models import DirectoryIndexPage, InstitutionPage
from directory.validators import cui_with_check, eik_with_check
from tests.browser.admin import committed
from tests.browser.admin import in_language as gettext_in

pytestmark = [pytest.mark.browser]

_numbers = itertools.count(3100)

INSTITUTIONS = {
    "bg": {
        "country": "BG",
        "name": "Читалище „Светлина“ – Тутракан",
        "type": "ngo",
        "region": "BG325",
        "locality": "Тутракан",
        "service_name": "Записване за курс по румънски език",
        "service_category": "education",
        "service_channel": "in_person",
        "languages_served": "bg ro",
    },
    "ro": {
        "country": "RO",
        "name": "Asociația „Dunărea Unită” Giurgiu",
        "type": "ngo",
        "region": "RO314",
        "locality": "Giurgiu",
        "service_name": "Înscriere la cursul de limba bulgară",
        "service_category": "education",
        "service_channel": "in_person",
        "languages_served": "ro bg",
    },
}


def ngettext_in(language, singular, plural, count):
    with translation.override(language):
        return translation.ngettext(singular, plural, count) % {"count": count}


def sample_file(language):
    number = next(_numbers)
    row = dict(INSTITUTIONS[language])
    row["registry_id"] = (
        eik_with_check(f"0031{number:04d}") if language == "bg" else cui_with_check(str(31000 + number))
    )
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns.IMPORTED, extrasaction="ignore")
    writer.writeheader()
    writer.writerow(row)
    return row, out.getvalue().encode("utf-8")


@pytest.fixture
def imported(site_server):
    """Registry identifiers the test imports; their pages (every locale) are removed afterwards."""
    keys = []
    yield keys

    def remove():
        pages = InstitutionPage.objects.filter(registry_id__in=keys)
        for page in sorted(pages, key=lambda p: p.alias_of_id is None):  # aliases first
            page.delete()

    committed(remove)


def choose(page, content, name="directory.csv"):
    page.set_input_files("input[name=file]", {"name": name, "mimeType": "text/csv", "buffer": content})


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_directory_manager_imports_with_a_dry_run_then_a_real_run(
    site_server, staff, admin_session, imported, language
):
    manager = staff(f"directory-manager-{language}", "Directory managers", language=language)
    session = admin_session(manager, language)
    page = session.page
    session.screen("import-dashboard")

    # the menu item leads to the import (Editors, Moderators and Translators have none: unit tests)
    menu_label = gettext_in(language, "Import institutions")
    page.get_by_role("link", name=menu_label).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_contain_text(menu_label)
    expect(page.locator("select[name=locale]")).to_have_value(language)  # the manager's language
    session.screen("import-form")

    row, content = sample_file(language)
    imported.append(row["registry_id"])

    # dry run: a localized report, nothing written
    choose(page, content)
    page.get_by_role("button", name=gettext_in(language, "Check the file (dry run)")).click()
    page.wait_for_load_state("networkidle")
    report = page.locator("#import-report")
    expect(report).to_contain_text(
        gettext_in(language, "Dry run: nothing was written. Importing this file would make these changes:")
    )
    expect(report).to_contain_text(
        ngettext_in(language, "%(count)s institution created", "%(count)s institutions created", 1)
    )
    expect(report).to_contain_text(
        ngettext_in(language, "%(count)s e-service added", "%(count)s e-services added", 1)
    )
    expect(report).to_contain_text(row["name"])
    session.screen("import-dry-run")
    assert committed(lambda: InstitutionPage.objects.filter(registry_id=row["registry_id"]).count()) == 0

    # real run
    choose(page, content)
    page.get_by_role("button", name=gettext_in(language, "Import"), exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("#import-report")).to_contain_text(gettext_in(language, "The file was imported:"))
    session.screen("import-done")

    def created():
        pages = InstitutionPage.objects.filter(registry_id=row["registry_id"]).select_related("locale")
        return {
            p.locale.language_code: (p.url_path, p.live, p.live_revision.user_id if p.live_revision else None)
            for p in pages
        }, DirectoryIndexPage.objects.get(locale__language_code=language).pk

    versions, index_id = committed(created)
    assert sorted(versions) == ["bg", "en", "ro"]
    assert all(live for _path, live, _user in versions.values())
    assert versions[language][2] == manager.pk  # the revision is the manager's

    # the page explorer lists it
    session.goto(f"/admin/pages/{index_id}/")
    expect(page.get_by_role("link", name=row["name"]).first).to_be_visible()
    session.screen("import-explorer")

    # the public site shows it in every language (the others as aliases, in the file's language)
    for code in ("bg", "ro", "en"):
        response = page.goto(f"{site_server.url}/{code}/directory/?q={quote(row['name'])}")
        assert response.status == 200
        link = page.get_by_role("link", name=row["name"])
        expect(link).to_be_visible()
        link.click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1")).to_contain_text(row["name"])
        expect(page.locator("main")).to_contain_text(row["service_name"])
    session.assert_clean()
