"""An institution editor's dashboard and the network staff's review report
(refused to institution editors: tests/directory/test_reminders.py) in the
admin, in Bulgarian and Romanian: nothing broken, no untranslated English
(tests/browser/admin.py), the overdue flag shown in words."""

import pytest

from cms.roles import MODERATORS
from tests.browser.admin import committed

pytestmark = [pytest.mark.browser]


@pytest.fixture
def vidin_editor_access():
    """Committed editor access to the demo's Vidin municipality (reviewed June 2025), removed afterwards."""
    from directory.models import InstitutionAccess, InstitutionPage

    made = []

    def give(user):
        def run():
            from directory.network import add_editor

            page = InstitutionPage.objects.get(slug="vidin-municipality", locale__language_code="bg")
            access = add_editor(user, page)
            made.append(access.pk)
            return page

        return committed(run)

    yield give

    def clean():
        for access in InstitutionAccess.objects.filter(pk__in=made).select_related("group", "collection"):
            group, collection = access.group, access.collection
            access.delete()
            group.delete()
            collection.delete()

    committed(clean)


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_the_institution_dashboard_and_the_review_report(staff, admin_session, vidin_editor_access, language):
    editor = staff(f"vidin-{language}", language=language)
    page = vidin_editor_access(editor)
    session = admin_session(editor, language)
    session.goto("/admin/")
    panel = session.page.locator("#institution-dashboard-section")
    assert panel.is_visible()
    assert page.title in panel.inner_text()
    flagged = {"bg": "Предстои преглед", "ro": "De revizuit"}[language]
    # A status tag, shown in capitals.
    assert flagged.upper() in panel.locator("tr[data-overdue]").first.inner_text().upper()
    session.screen("institution-dashboard")

    moderator = staff(f"moderator-{language}", MODERATORS, language=language)
    staff_session = admin_session(moderator, language)
    staff_session.goto("/admin/directory/review-report/")
    assert staff_session.page.locator(f'[data-report="institutions"] tr[data-page="{page.pk}"]').count() == 1
    staff_session.screen("review-report")
