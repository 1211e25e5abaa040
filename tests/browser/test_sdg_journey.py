"""Network staff in bg and ro find what the Single Digital Gateway information
lacks and fix it in the editor: the completeness report (filter by a missing
item, CSV export), the score beside the e-service form, and a malformed legal
basis refused with a message naming the field, nothing saved."""

import csv
import io

import pytest
from playwright.sync_api import expect
from wagtail.models import Revision

from directory.models import EService
from tests.browser.admin import in_language as _
from tests.browser.test_staff_journeys import settle_autosave, tolerate_autosave_validation

pytestmark = [pytest.mark.browser]

BIRTH_CERTIFICATE = {
    "bg": "Дубликат на удостоверение за раждане",
    "ro": "Duplicat al certificatului de naștere",
}


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_network_staff_find_incomplete_e_services_and_a_bad_legal_basis_is_refused(
    site_server, staff, admin_session, language
):
    manager = staff(f"sdg-manager-{language}", "Directory managers", language=language)
    session = admin_session(manager, language)
    tolerate_autosave_validation(session)
    page = session.page
    name = BIRTH_CERTIFICATE[language]
    complete = _(language, "%(score)s of %(total)s") % {"score": 9, "total": 9}

    # Reports → Single Digital Gateway completeness, from the admin menu
    page.get_by_role("button", name=_(language, "Reports")).click()
    page.get_by_role("link", name=_(language, "Single Digital Gateway completeness")).click()
    page.wait_for_load_state("networkidle")
    session.screen("sdg-report")
    expect(page.locator("main table tbody tr").first).to_be_visible()

    # only those that lack a legal basis: no complete one among them
    session.goto("/admin/directory/sdg-report/?missing=legal_basis")
    session.screen("sdg-report-missing-legal-basis")
    rows = page.locator("main table tbody tr")
    assert rows.count() > 0
    for text in rows.all_inner_texts():
        assert _(language, "Legal basis (a link to the act)") in text
        assert complete not in text

    # the CSV export speaks the reader's language and lists the same e-services
    exported = page.request.get(
        f"{session.base_url}/admin/directory/sdg-report/?missing=legal_basis&export=csv"
    )
    assert exported.status == 200
    table = list(csv.reader(io.StringIO(exported.text().lstrip("\ufeff"))))
    assert _(language, "E-service") in table[0]
    assert len(table) - 1 >= rows.count()

    # the complete ones; from the report to one of them in the editor
    session.goto(f"/admin/directory/sdg-report/?completeness=complete&locale={language}")
    named = page.locator("main table tbody tr", has_text=name)
    expect(named.first).to_contain_text(complete)
    named.first.locator("a").first.click()
    page.wait_for_load_state("networkidle")
    page_id = int(page.url.rstrip("/").split("/")[-2])
    listed = EService.objects.get(page_id=page_id, name=name)
    # The legal basis is synchronised from the source-language page (the demo's are
    # Bulgarian): a translation opens wagtail-localize's editor, so a Romanian
    # manager fixes the link on the source page, in their own admin language.
    service = EService.objects.get(translation_key=listed.translation_key, locale__language_code="bg")
    if service.pk != listed.pk:
        session.goto(f"/admin/pages/{service.page_id}/edit/")
    name = service.name
    revisions = Revision.objects.filter(object_id=str(service.page_id)).count()
    names = page.locator("input[name^='e_services-'][name$='-name']")
    prefix = next(
        names.nth(i).get_attribute("name").removesuffix("-name")
        for i in range(names.count())
        if names.nth(i).input_value() == name
    )
    field = page.locator(f"input[name='{prefix}-legal_basis_url']")
    expect(page.locator(".sdg-completeness[data-sdg-score='9']").first).to_contain_text(
        _(language, "Single Digital Gateway completeness: %(score)s of %(total)s items")
        % {"score": 9, "total": 9}
    )
    field.scroll_into_view_if_needed()
    session.screen("sdg-editor-panel")
    field.fill("lex bg / закон")
    settle_autosave(page)
    save_draft_refused(page, language)
    error = page.locator(f"[data-field-wrapper]:has(input[name='{prefix}-legal_basis_url'])")
    expect(error).to_contain_text(_(language, "legal basis URL"), ignore_case=True)
    session.screen("sdg-editor-bad-legal-basis")
    assert Revision.objects.filter(object_id=str(service.page_id)).count() == revisions
    assert EService.objects.get(pk=service.pk).legal_basis_url.startswith("https://")


def save_draft_refused(page, language):
    page.locator("footer button.action-save").first.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages .error")).to_contain_text(
        _(language, "The page could not be saved due to validation errors.")
    )
