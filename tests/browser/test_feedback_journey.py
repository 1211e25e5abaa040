"""The page-feedback journey in bg and ro: a visitor answers "No" with a comment
through the plain form (no JavaScript needed) and is thanked; a comment over the
limit is refused in the page's language and nothing is saved; then a staff member
whose admin speaks that language opens Reports → Page feedback from the menu,
finds the page and language with its counts and the comment, filters by
language (an unknown one is said and ignored) and downloads the CSV."""

import csv
import io
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation
from playwright.sync_api import expect

from feedback.models import PageFeedback
from home.models import StandardPage
from tests.browser.admin import BROWSER_LOCALES, committed
from tests.browser.admin import in_language as _
from tests.browser.checks import axe_violations, html_errors

pytestmark = [pytest.mark.browser]

COMMENTS = {
    "bg": "Липсва телефонът за връзка с общината (пътуване 4b2c).",
    "ro": "Lipsește telefonul de contact al primăriei (călătorie 4b2c).",
}


def counts(page_pk, language):
    answers = PageFeedback.objects.filter(page_id=page_pk, locale__language_code=language)
    return {
        "yes": answers.filter(useful=True).count(),
        "no": answers.filter(useful=False).count(),
        "comments": answers.exclude(comment="").count(),
    }


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_a_visitor_says_a_page_was_not_useful_and_staff_read_it_in_the_report(
    site_server, browser, staff, admin_session, language
):
    target = committed(lambda: StandardPage.objects.get(slug="about", locale__language_code=language))
    comment = COMMENTS[language]
    too_long = "д" * (settings.FEEDBACK_COMMENT_MAX_LENGTH + 1)
    try:
        before = committed(lambda: counts(target.pk, language))

        # --- the visitor, on the public page in that language
        context = browser.new_context(locale=BROWSER_LOCALES[language])
        visitor = context.new_page()
        visitor.goto(f"{site_server.url}{target.url}")
        form = visitor.locator("form.page-feedback__form")
        expect(form.locator("legend")).to_have_text(_(language, "Was this page useful?"))

        # a comment over the limit: a browser honours maxlength, an old or scripted
        # client need not; the server refuses it in the page's language
        visitor.evaluate("document.getElementById('page-feedback-comment').removeAttribute('maxlength')")
        visitor.fill("#page-feedback-comment", too_long)
        with visitor.expect_response(re.compile(r"/feedback/$")) as refused:
            form.get_by_role("button", name=_(language, "No"), exact=True).click()
        assert refused.value.status == 400
        assert visitor.get_attribute("html", "lang") == language
        expect(visitor.locator("h1")).to_have_text(_(language, "Your answer was not recorded"))
        with translation.override(language):
            limit = settings.FEEDBACK_COMMENT_MAX_LENGTH
            message = translation.ngettext(
                "The comment may be at most %(limit)d character long; yours has %(length)d.",
                "The comment may be at most %(limit)d characters long; yours has %(length)d.",
                limit,
            ) % {"limit": limit, "length": limit + 1}
        assert message != "The comment may be at most 1000 characters long; yours has 1001."
        expect(visitor.locator("main [role=alert]")).to_have_text(message)
        assert axe_violations(visitor) == []
        assert committed(lambda: counts(target.pk, language)) == before  # nothing saved
        assert not committed(lambda: PageFeedback.objects.filter(comment__startswith="дддд").exists())

        refused_html = visitor.content()
        expect(visitor.locator("main a", has_text=target.title)).to_have_attribute("href", target.url)
        context.close()

        # "No" with a comment, in a browser without JavaScript: thanked for
        context = browser.new_context(locale=BROWSER_LOCALES[language], java_script_enabled=False)
        visitor = context.new_page()
        visitor.goto(f"{site_server.url}{target.url}")
        form = visitor.locator("form.page-feedback__form")
        visitor.fill("#page-feedback-comment", comment)
        form.get_by_role("button", name=_(language, "No"), exact=True).click()
        visitor.wait_for_url(re.compile(r"/feedback/thanks/\?page=\d+$"))
        expect(visitor.locator("h1")).to_have_text(_(language, "Thank you for your feedback"))
        expect(visitor.locator("main [role=status]")).to_have_text(
            _(language, "Your answer has been recorded. It helps us improve this website.")
        )
        context.close()
        assert html_errors({f"{language} refused": refused_html}) == {}
        answer = committed(lambda: PageFeedback.objects.select_related("locale").get(comment=comment))
        assert answer.useful is False and answer.page_id == target.pk
        assert answer.locale.language_code == language
        now = committed(lambda: counts(target.pk, language))
        assert now == {"yes": before["yes"], "no": before["no"] + 1, "comments": before["comments"] + 1}

        # --- staff, in their admin language: Reports → Page feedback from the menu
        editor = staff(f"ivana-feedback-{language}", "Editors", language=language)
        session = admin_session(editor, language)
        page = session.page
        page.get_by_role("button", name=_(language, "Reports")).click()
        page.get_by_role("link", name=_(language, "Page feedback")).click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("h1")).to_contain_text(_(language, "Page feedback"))
        session.screen("feedback-report")
        row = page.locator(f"#feedback-rows tr[data-page='{target.pk}'][data-locale='{language}']")
        expect(row).to_have_count(1)
        expect(row.locator("[data-count=yes]")).to_have_text(str(now["yes"]))
        expect(row.locator("[data-count=no]")).to_have_text(str(now["no"]))
        expect(row.locator("[data-count=comments]")).to_have_text(str(now["comments"]))

        # filtered to the language: only its rows
        page.select_option("#feedback-locale", language)
        page.get_by_role("button", name=_(language, "Filter"), exact=True).click()
        page.wait_for_load_state("networkidle")
        assert f"locale={language}" in page.url
        session.screen("feedback-report-filtered")
        locales = page.locator("#feedback-rows tbody tr[data-locale]").evaluate_all(
            "rows => rows.map(r => r.dataset.locale)"
        )
        assert locales and set(locales) == {language}
        expect(row).to_have_count(1)

        # the CSV of what is shown: the comment, and as many "no" as the report counts
        with page.expect_download() as download:
            page.locator("main form a.button", has_text=_(language, "Download CSV")).click()
        assert download.value.suggested_filename.startswith("page-feedback-")
        table = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))
        assert table[0] == ["sent_at", "page_id", "page_title", "language", "useful", "comment"]
        assert {r[3] for r in table[1:]} == {language}
        ours = [r for r in table[1:] if r[1] == str(target.pk)]
        assert sum(r[4] == "no" for r in ours) == now["no"]
        assert sum(r[4] == "yes" for r in ours) == now["yes"]
        assert [r for r in ours if r[5] == comment] == [ours[-1]]  # the latest answer, as sent
        assert ours[-1][4] == "no" and ours[-1][2] == target.title

        # the page's own report: its counts and the comment
        row.get_by_role("link", name=target.title).click()
        page.wait_for_load_state("networkidle")
        session.screen("feedback-page-report")
        expect(page.locator("#feedback-counts")).to_have_text(
            _(language, "Useful: %(yes)s · Not useful: %(no)s") % {"yes": now["yes"], "no": now["no"]}
        )
        expect(page.locator("#feedback-comments tbody tr").first).to_contain_text(comment)

        # a language the site does not have: said in the staff member's language, all shown
        session.goto("/admin/reports/page-feedback/?locale=xx")
        expect(page.locator("main [role=alert]")).to_have_text(
            _(language, "Unknown language “%(code)s”; showing all languages.") % {"code": "xx"}
        )
        expect(page.locator("#feedback-locale")).to_have_value("")
        session.screen("feedback-report-unknown-language")
        expect(row).to_have_count(1)
    finally:
        committed(lambda: PageFeedback.objects.filter(comment__in=[comment, too_long.strip()]).delete())
