"""The accessibility-statement editor journey in bg and ro: a moderator opens the
statement in the page editor, sets the compliance status, adds a non-accessible
content item with the WCAG criterion it fails and a last review more than a
year ago; a review date in the future is refused with nothing saved; the
editor's warning about the old review shows in their language; they submit, a
second moderator approves (REQUIRE_SECOND_REVIEWER), and the public statement
shows the new item. (axe and vnu on the statement in bg, ro and en are in
test_home_alerts_accessibility.py; here the changed statement is checked.)"""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Revision, WorkflowState

from home.models import NOT_COMPLIANT, AccessibilityStatementPage, HomePage
from tests.browser.admin import committed
from tests.browser.admin import in_language as _
from tests.browser.checks import axe_violations, html_errors
from tests.browser.test_staff_journeys import (
    approve_on_dashboard,
    dashboard_row,
    open_footer_menu,
    save_draft,
    settle_autosave,
    submit_action,
    tolerate_autosave_validation,
)

pytestmark = [pytest.mark.browser]

ITEMS = {
    "bg": ("Картата на регионите няма текстова алтернатива (пътуване 9d1e).", "1.1.1 Нетекстово съдържание"),
    "ro": ("Harta regiunilor nu are o alternativă text (călătorie 9d1e).", "1.1.1 Conținut non-text"),
}


def the_statement():
    """The demo's statement in its source language (bg): its structure, status and
    dates are kept there and synchronised into the translations."""
    statement = AccessibilityStatementPage.objects.get(locale__language_code="bg")
    home = HomePage.objects.get(locale__language_code="bg")
    return statement, home, statement.live_revision_id


def restore(pk, revision_id):
    """The demo's statement as it was, live and as the latest revision (the editor
    shows the latest one: re-publishing the old revision would leave the journey's
    draft there)."""
    for state in WorkflowState.objects.filter(object_id=str(pk), status=WorkflowState.STATUS_IN_PROGRESS):
        state.cancel()
    Revision.objects.get(pk=revision_id).as_object().save_revision().publish()


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_a_moderator_updates_the_statement_and_it_is_published_after_a_second_review(
    site_server, browser, staff, admin_session, language
):
    author = staff(f"petar-statement-{language}", "Moderators", language=language)
    second = staff(f"elena-statement-{language}", "Moderators", language=language)
    statement, home, original = committed(the_statement)
    description, criterion = ITEMS[language]
    today = timezone.localdate()
    prepared = today - datetime.timedelta(days=500)
    reviewed = today - datetime.timedelta(days=400)
    try:
        session = admin_session(author, language)
        tolerate_autosave_validation(session)  # while the review date is in the future, below
        page = session.page

        # from the home page's listing in the explorer to the statement's editor
        session.goto(f"/admin/pages/{home.pk}/")
        session.screen("statement-parent")
        page.locator(f"main a[href='/admin/pages/{statement.pk}/edit/']").first.click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("[data-review-due]")).to_have_count(0)  # the demo's review is recent
        session.screen("statement-editor")

        page.select_option("select[name=compliance_status]", NOT_COMPLIANT)
        # one more non-accessible content item (the field has one block type: "+" adds it)
        field = page.locator("div:has(> input[name='non_accessible_content-count'])")
        items = field.locator("textarea[name^='non_accessible_content-'][name$='-value-description']")
        before = items.count()
        assert before >= 1  # the demo's PDF item
        field.locator("button.c-sf-add-button").last.click()
        chooser = page.get_by_role("option", name=_(language, "Non-accessible content"))
        if chooser.count():
            chooser.first.click()
        expect(items).to_have_count(before + 1)
        items.last.fill(description)
        field.locator("input[name^='non_accessible_content-'][name$='-value-criteria']").last.fill(criterion)

        # a review date in the future is refused, in the moderator's language, nothing saved
        page.fill("input[name=prepared_on]", prepared.isoformat())
        page.fill("input[name=last_reviewed_on]", (today + datetime.timedelta(days=3)).isoformat())
        page.keyboard.press("Escape")  # the date picker
        settle_autosave(page)
        page.locator("footer button.action-save").first.click()
        page.wait_for_load_state("networkidle")
        error = page.locator("[data-field-wrapper]:has(input[name=last_reviewed_on]) .error-message")
        expect(error).to_have_text(_(language, "This date cannot be in the future."))
        session.screen("statement-future-review-refused")
        # (autosave keeps the valid changes as a draft; the future date reaches no revision)
        saved = committed(lambda: AccessibilityStatementPage.objects.get(pk=statement.pk))
        assert saved.get_latest_revision_as_object().last_reviewed_on <= today
        assert saved.last_reviewed_on == statement.last_reviewed_on  # nor the live page

        # more than a year ago: saved, and the editor warns that a review is due
        page.fill("input[name=last_reviewed_on]", reviewed.isoformat())
        page.keyboard.press("Escape")
        settle_autosave(page)
        save_draft(page, language)
        warning = page.locator("[data-review-due]")
        expect(warning).to_be_visible()
        expect(warning).to_have_text(
            _(
                language,
                "The last review of this statement was more than a year ago (%(date)s): "
                "check the site again, update the statement and its review date.",
            )
            % {"date": reviewed.isoformat()}
        )
        session.screen("statement-review-due")

        # submitted for review (nobody publishes their own edit) …
        open_footer_menu(page)
        expect(page.locator("footer button[name='action-publish']")).to_have_count(0)
        submit_action(page, "action-submit")
        expect(page.locator(".messages .success")).to_be_visible()
        session.screen("statement-submitted")

        # … and another moderator approves it from their dashboard
        review = admin_session(second, language)
        row = dashboard_row(review.page, statement.title)
        expect(row).to_have_count(1)
        review.screen("statement-awaiting-approval")
        approve_on_dashboard(review.page, row)
        review.screen("statement-approved")
        live = committed(lambda: AccessibilityStatementPage.objects.get(pk=statement.pk))
        assert live.compliance_status == NOT_COMPLIANT and live.last_reviewed_on == reviewed
        assert live.live_revision_id != original

        # the public statement shows the new item with its criterion, and the status
        visitor = browser.new_page(locale="bg-BG")
        answer = visitor.goto(f"{site_server.url}{statement.url}")
        assert answer.status == 200
        expect(visitor.locator("[data-compliance]")).to_have_attribute("data-compliance", NOT_COMPLIANT)
        item = visitor.locator(".statement-items li", has_text=description)
        expect(item).to_have_count(1)
        expect(item.locator(".statement-items__criteria")).to_contain_text(criterion)
        expect(visitor.locator("[data-last-reviewed]")).to_have_attribute("datetime", reviewed.isoformat())
        assert axe_violations(visitor) == []
        assert html_errors({"statement changed": visitor.content()}) == {}
        visitor.close()
    finally:
        committed(lambda: restore(statement.pk, original))
