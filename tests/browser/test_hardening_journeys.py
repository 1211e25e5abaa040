"""Issue 14's journeys in a real Chromium, in the admin languages of the staff who
make them: two-step sign-in set up and used (REQUIRE_2FA), the four-eyes rule as a
moderator meets it in the editor, and the outage page as a visitor sees it."""

import base64
import re
import time
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from django.utils import translation
from django_otp.oath import TOTP
from playwright.sync_api import expect
from wagtail.models import Page

from cms.outage import DATABASE, unavailable
from home.models import HomePage, StandardPage
from tests.browser.admin import PASSWORD, AdminSession, committed
from tests.browser.admin import in_language as _
from tests.browser.checks import axe_violations, html_errors
from tests.browser.test_staff_journeys import (
    approve_on_dashboard,
    dashboard_row,
    open_footer_menu,
    save_draft,
    settle_autosave,
    submit_action,
)

pytestmark = [pytest.mark.browser]

LANGUAGES = ["bg", "ro"]


def code_from_key(key_text, steps_ahead=0):
    """The code an authenticator app shows for the key the setup screen printed.

    Not in the last seconds of a 30-second step: a code typed at the end of one step
    and checked in the next makes django-otp record a clock drift of -1 (OTP_TOTP_SYNC),
    after which the next step's code is outside its tolerance."""
    left = 30 - time.time() % 30
    if left < 5:
        time.sleep(left + 0.5)
    key = base64.b32decode(key_text.replace(" ", ""))
    totp = TOTP(key)
    totp.time += steps_ahead * 30
    return f"{totp.token():06d}"


def sign_in_with_password(session):
    session.goto("/admin/login/")
    session.page.fill("input[name=username]", session.user.username)
    session.page.fill("input[name=password]", PASSWORD)
    session.page.click("button[type=submit]")
    session.page.wait_for_load_state("networkidle")
    return urlsplit(session.page.url).path


@pytest.fixture
def sessions(browser, site_server):
    opened = []

    def open_session(user, language):
        session = AdminSession(browser, site_server.url, user, language)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        session.close()
    for session in opened:
        session.assert_clean()


@pytest.mark.parametrize("language", LANGUAGES)
def test_moderator_sets_up_two_step_sign_in_and_signs_in_with_a_code(
    settings, site_server, staff, sessions, language
):
    settings.REQUIRE_2FA = True
    moderator = staff(f"twostep-{language}", "Moderators", language=language)
    session = sessions(moderator, language)
    page = session.page

    # the password alone leads to the setup, not to the admin
    assert sign_in_with_password(session) == "/admin/two-step/setup/"
    expect(page.locator("main")).to_contain_text(
        _(language, "Your role requires two-step sign-in. Set it up to continue to the admin.")
    )
    expect(page.locator(".two-factor-qr img")).to_be_visible()
    expect(page.locator("main")).to_have_count(1)  # the icon sprite is fetched, not the setup again
    session.screen("two-step-setup")
    session.goto("/admin/pages/")
    assert urlsplit(page.url).path == "/admin/two-step/setup/"
    key = page.locator("main code").first.inner_text()

    # a wrong code is refused in the staff member's language
    page.fill("#id_code", "000000" if code_from_key(key) != "000000" else "111111")
    with session.expect_status("/admin/two-step/setup/", 400):  # the form again, with its message
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
    expect(page.locator("#id_code-error")).to_have_text(
        _(
            language,
            "This code is not right. Enter the 6 digits the app shows for this account now, then try again.",
        )
    )
    expect(page.locator("#id_code")).to_have_attribute("aria-invalid", "true")
    session.screen("two-step-setup-wrong-code")
    page.wait_for_timeout(1100)  # django-otp's throttle after a wrong code (1 s, doubling)

    page.fill("#id_code", code_from_key(key))
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_have_text(_(language, "Recovery codes"))
    codes = page.locator(".two-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    session.screen("two-step-recovery-codes")
    page.locator("main a.button").click()
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == "/admin/pages/"  # where they were going when sent to the setup
    session.screen("two-step-admin-pages")

    # Account → Two-step sign-in shows it on, and that it cannot be turned off
    session.goto("/admin/two-step/")
    expect(page.locator("main")).to_contain_text(
        _(language, "Your role requires two-step sign-in; it cannot be turned off.")
    )
    expect(page.locator("button", has_text=_(language, "Turn off two-step sign-in"))).to_have_count(0)
    session.screen("two-step-manage")

    # signing in again: password, then the code screen
    session.context.clear_cookies()  # a new browser session
    assert sign_in_with_password(session) == "/admin/two-step/verify/"
    session.screen("two-step-verify")
    page.fill("#id_code", "12 34 56" if code_from_key(key, 1) != "123456" else "654321")
    with session.expect_status("/admin/two-step/verify/", 400):
        page.click("main button[type=submit]")
        page.wait_for_load_state("networkidle")
    expect(page.locator("#id_code-error")).to_have_text(
        _(
            language,
            "This code is not right or has expired. Enter the 6 digits your app shows now"
            " (check that the phone's clock is right), or a recovery code.",
        )
    )
    session.screen("two-step-verify-wrong-code")
    page.wait_for_timeout(1100)
    page.fill("#id_code", code_from_key(key, 1))  # the next step's: the first one was used
    page.click("main button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert urlsplit(page.url).path == "/admin/"

    # a recovery code in another browser, once
    other = sessions(moderator, language)
    assert sign_in_with_password(other) == "/admin/two-step/verify/"
    other.page.fill("#id_code", codes[0])
    other.page.click("main button[type=submit]")
    other.page.wait_for_load_state("networkidle")
    assert urlsplit(other.page.url).path == "/admin/"
    expect(other.page.locator(".messages")).to_contain_text(re.compile(r"\b9\b"))
    other.screen("two-step-recovery-used")

    # the code screen's "Sign out" is a form (Django signs out by POST only)
    third = sessions(moderator, language)
    assert sign_in_with_password(third) == "/admin/two-step/verify/"
    third.page.locator("main form[action='/admin/logout/'] button").click()
    third.page.wait_for_load_state("networkidle")
    third.goto("/admin/")
    assert urlsplit(third.page.url).path == "/admin/login/"


def moderated_page(author, title, language):
    """A live page another staff member wrote, for the moderator to edit."""

    def create():
        home = HomePage.objects.get(locale__language_code=language)
        page = StandardPage(title=title, intro=title, owner=author, live=False)
        home.add_child(instance=page)
        page.save_revision(user=author).publish()
        return page.pk

    return committed(create)


def remove_with_its_copies(pk):
    """The page and the aliases/translations cms.page_sync made of it in the other locales."""
    key = Page.objects.get(pk=pk).translation_key
    for copy in sorted(Page.objects.filter(translation_key=key), key=lambda p: p.alias_of_id is None):
        Page.objects.filter(pk=copy.pk).exists() and Page.objects.get(pk=copy.pk).delete()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_moderator_submits_their_own_edit_and_another_moderator_publishes_it(
    site_server, staff, admin_session, language
):
    """REQUIRE_SECOND_REVIEWER: the editor offers no Publish (it would publish the
    user's own revision), a forged Publish is a 403, and the edit goes live when
    another moderator approves it."""
    author = staff(f"author-{language}", "Editors", language=language)
    editing = staff(f"editing-mod-{language}", "Moderators", language=language)
    second = staff(f"second-mod-{language}", "Moderators", language=language)
    original = "Четири очи" if language == "bg" else "Patru ochi"
    corrected = "Четири очи, поправено" if language == "bg" else "Patru ochi, corectat"
    pk = moderated_page(author, original, language)
    try:
        session = admin_session(editing, language)
        page = session.page
        session.goto(f"/admin/pages/{pk}/edit/")
        page.fill("#id_title", corrected)
        settle_autosave(page)
        save_draft(page, language)
        open_footer_menu(page)
        expect(page.locator("footer button[name='action-publish']")).to_have_count(0)
        expect(page.locator("footer button[name='action-submit']")).to_have_count(1)
        session.screen("four-eyes-own-edit")

        # asking anyway is refused, in their language, and nothing is published
        token = next(c["value"] for c in session.context.cookies() if c["name"] == "csrftoken")
        edit_url = f"{session.base_url}/admin/pages/{pk}/edit/"
        response = page.request.post(
            edit_url,
            form={"csrfmiddlewaretoken": token, "action-publish": "action-publish", "title": corrected},
            headers={"Referer": edit_url},
            max_redirects=0,
        )
        assert response.status == 403
        refusal = "Content you edited is published after another moderator approves it: submit it for review instead."
        assert _(language, refusal) in response.text()
        assert Page.objects.get(pk=pk).title == original

        submit_action(page, "action-submit")
        expect(page.locator(".messages .success")).to_be_visible()
        session.screen("four-eyes-submitted")

        # the other moderator approves it from their dashboard: now it is live
        review = admin_session(second, language)
        row = dashboard_row(review.page, corrected)
        expect(row).to_have_count(1)
        review.screen("four-eyes-awaiting-other-moderator")
        approve_on_dashboard(review.page, row)
        assert Page.objects.get(pk=pk).title == corrected
        assert Page.objects.get(pk=pk).live
    finally:
        committed(lambda: remove_with_its_copies(pk))


def submitted_for_review(pk, author, title):
    """The author's new version of page `pk`, in the "Review and publish" workflow."""

    def submit():
        page = StandardPage.objects.get(pk=pk)
        page.title = title
        page.save_revision(user=author)
        page.get_workflow().start(page, author)

    committed(submit)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reviewer_who_changes_a_submission_leaves_its_approval_to_another_moderator(
    site_server, staff, admin_session, language
):
    """REQUIRE_SECOND_REVIEWER in review: a moderator who changes what they review
    and presses Approve is told, in their language, that another moderator approves
    it, and nothing is saved; once their change is saved the editor offers Reject but
    no Approve, and a third moderator's approval publishes it."""
    author = staff(f"review-author-{language}", "Editors", language=language)
    reviewer = staff(f"reviewing-mod-{language}", "Moderators", language=language)
    third = staff(f"third-mod-{language}", "Moderators", language=language)
    original, submitted, changed = {
        "bg": ("Преглед", "Преглед, подаден", "Преглед, поправен от модератора"),
        "ro": ("Revizuire", "Revizuire, trimisă", "Revizuire, corectată de moderator"),
    }[language]
    pk = moderated_page(author, original, language)
    submitted_for_review(pk, author, submitted)
    approve = "footer button[data-workflow-action-name='approve']:not([data-workflow-action-modal-url])"
    try:
        session = admin_session(reviewer, language)
        page = session.page
        edit = f"/admin/pages/{pk}/edit/"
        session.goto(edit)
        page.fill("#id_title", changed)
        settle_autosave(page)
        open_footer_menu(page)
        with session.expect_status(edit, 403):
            page.locator(approve).click()
            page.wait_for_load_state("networkidle")
        refusal = "You changed this content during its review: another moderator approves it."
        expect(page.get_by_text(_(language, refusal))).to_be_visible()
        session.screen("four-eyes-reviewer-changed-it")
        live = Page.objects.get(pk=pk)
        assert live.title == original and live.live

        # back in the editor nothing of theirs was saved; they save their change as a
        # draft, and the editor now offers Reject but no Approve
        page.get_by_role("link", name=_(language, "Back to the editor")).click()
        page.wait_for_load_state("networkidle")
        expect(page.locator("#id_title")).to_have_value(submitted)
        page.fill("#id_title", changed)
        settle_autosave(page)
        save_draft(page, language)
        open_footer_menu(page)
        expect(page.locator(approve)).to_have_count(0)
        expect(page.locator("footer button[data-workflow-action-name='reject']")).to_have_count(1)

        # a third moderator approves from the dashboard: the reviewer's change is live
        review = admin_session(third, language)
        row = dashboard_row(review.page, changed)
        expect(row).to_have_count(1)
        approve_on_dashboard(review.page, row)
        assert Page.objects.get(pk=pk).title == changed
    finally:
        committed(lambda: remove_with_its_copies(pk))


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_the_outage_page_is_accessible_and_valid(site_server, page, language):
    """The 503 page the site shows while PostgreSQL or S3 is down (cms/outage.py),
    rendered by the real handler and shown at a URL of the site."""
    with translation.override(language):
        response = unavailable(RequestFactory().get(f"/{language}/news/"), DATABASE)
    assert response.status_code == 503 and response["Retry-After"]
    html = response.content.decode()
    url = f"{site_server.url}/{language}/news/"
    page.route(
        url, lambda route: route.fulfill(status=503, body=html, content_type="text/html; charset=utf-8")
    )
    answer = page.goto(url)
    assert answer.status == 503
    expect(page.locator("h1")).to_have_text(_(language, "Temporarily unavailable"))
    assert page.locator("html").get_attribute("lang") == language
    assert axe_violations(page) == []
    assert html_errors({language: html}) == {}
