"""The alert journey in the admin, in bg and ro: an editor may only submit an alert
for review; an Emergency publisher is offered Publish only once the alert is an
emergency (REQUIRE_SECOND_REVIEWER: information and warnings wait for a second
moderator), writes one and publishes it at once; visitors see it at the top of
the site in their language, without a "hide" button."""

import pytest
from playwright.sync_api import expect

from alerts.models import Alert
from tests.browser.admin import committed
from tests.browser.admin import in_language as _
from tests.browser.test_staff_journeys import open_footer_menu, settle_autosave

pytestmark = [pytest.mark.browser]


def open_alert_form(session, language):
    page = session.page
    page.get_by_role("link", name=_(language, "Alerts"), exact=True).click()
    page.wait_for_load_state("networkidle")
    page.locator("main a[href*='/admin/snippets/alerts/alert/add/']").first.click()
    page.wait_for_load_state("networkidle")


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_an_emergency_publisher_publishes_an_alert_visitors_see_it_at_once(
    site_server, staff, admin_session, browser, language
):
    editor = staff(f"alert-editor-{language}", "Editors", language=language)
    publisher = staff(f"alert-publisher-{language}", "Emergency publishers", language=language)
    title = "Мостът Русе–Гюргево е затворен" if language == "bg" else "Podul Giurgiu–Ruse este închis"
    try:
        # an editor drafts alerts but cannot publish them
        session = admin_session(editor, language)
        open_alert_form(session, language)
        session.screen("alert-add-editor")
        open_footer_menu(session.page)
        expect(session.page.locator("footer button[name='action-publish']")).to_have_count(0)
        expect(session.page.locator("footer button[name='action-submit']")).to_have_count(1)

        # an emergency publisher publishes one at once
        review = admin_session(publisher, language)
        page = review.page
        open_alert_form(review, language)
        review.screen("alert-add-publisher")
        publish = page.locator("footer button[name='action-publish']")
        open_footer_menu(page)
        expect(page.locator("footer button[name='action-submit']")).to_be_visible()
        expect(publish).to_be_hidden()  # a new alert is information: a second moderator publishes it
        page.select_option("select[name=severity]", "emergency")
        open_footer_menu(page)
        expect(publish).to_be_visible()
        page.fill("input[name=title]", title)
        page.fill(
            "textarea[name=text]",
            "Използвайте ферибота при Оряхово." if language == "bg" else "Folosiți bacul.",
        )
        settle_autosave(page)
        open_footer_menu(page)
        page.locator("footer button[name='action-publish']").click()
        page.wait_for_load_state("networkidle")
        expect(page.locator(".messages .success")).to_be_visible()
        review.screen("alert-published")
        alert = Alert.objects.get(title=title)
        assert alert.live  # (in the listing's language; other languages show it until translated)

        # a visitor sees it first thing, and cannot hide it
        visitor = browser.new_page(locale={"bg": "bg-BG", "ro": "ro-RO"}[language])
        visitor.goto(f"{site_server.url}/{language}/")
        banner = visitor.locator(".alert[data-severity='emergency']", has_text=title)
        expect(banner).to_have_count(1)
        expect(banner.locator("form.alert__dismiss")).to_have_count(0)
        visitor.close()
    finally:
        committed(lambda: Alert.objects.filter(title=title).delete())
