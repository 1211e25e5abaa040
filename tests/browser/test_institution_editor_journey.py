"""Issue 13's "Done when", in a real Chromium on the committed demo database:

a Directory manager (Bulgarian admin) invites a member institution's person
from the institution's page; the invitee opens the link from the e-mail
(Django's mail outbox), creates their account, logs in, changes the opening
hours and adds an e-service in Bulgarian and submits for moderation; a
Romanian-speaking moderator approves it; the public /ro/ and /en/ pages (aliases
awaiting translation) show the change. The link is refused once used. Every
admin screen: no 5xx, no console error, no untranslated English
(tests/browser/admin.py); the public invitation pages: axe-clean and valid HTML."""

import datetime
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect
from wagtail.models import Collection, Page, PageLogEntry, Revision, WorkflowState

from cms.roles import DIRECTORY_MANAGERS, MODERATORS
from directory.models import InstitutionAccess, InstitutionPage, ServiceCategory
from tests.browser.admin import PASSWORD, committed
from tests.browser.checks import axe_violations, html_errors
from tests.browser.test_staff_journeys import (
    approve_on_dashboard,
    choose_in_modal,
    dashboard_row,
    settle_autosave,
    submit_action,
    tolerate_autosave_validation,
)
from tests.directory.factories import bg_directory, make_institution

pytestmark = [pytest.mark.browser]

TITLE = "Община Лом – покана"
EMAIL = "mariya.petrova@lom.example.bg"
SERVICE = "Заявление за местни данъци онлайн"


@pytest.fixture
def institution(site_server):
    """A published bg institution without e-services (its ro and en pages are aliases), opening
    Monday–Friday 08:00–17:00; it, its editors' group and collection, the
    invitee and everything they wrote are removed afterwards."""

    def create():
        page = make_institution(
            bg_directory(),
            title=TITLE,
            opening_hours=[
                (
                    "hours",
                    {"day_from": "1", "day_to": "5", "opens": datetime.time(8), "closes": datetime.time(17)},
                )
            ],
        )
        return InstitutionPage.objects.get(pk=page.pk)

    def remove():
        pages = Page.objects.filter(translation_key=page.translation_key)
        ids = [str(pk) for pk in pages.values_list("pk", flat=True)]
        WorkflowState.objects.filter(object_id__in=ids).delete()
        accesses = list(InstitutionAccess.objects.filter(institution__translation_key=page.translation_key))
        for alias in pages.filter(alias_of__isnull=False):
            alias.delete()
        Revision.objects.filter(object_id__in=ids).delete()
        PageLogEntry.objects.filter(page_id__in=[int(i) for i in ids]).delete()
        get_user_model().objects.filter(email=EMAIL).delete()
        for page_left in Page.objects.filter(translation_key=page.translation_key):
            page_left.delete()  # the access and the invitations go with it
        for access in accesses:
            Group.objects.filter(pk=access.group_id).delete()
            Collection.objects.filter(pk=access.collection_id).delete()

    page = committed(create)
    yield page
    committed(remove)


def public_checks(response, page, name):
    assert not axe_violations(page), name
    assert html_errors({name: response.text()}) == {}, name


def test_an_invited_person_updates_their_institution_and_a_moderator_publishes_it(
    browser, site_server, staff, admin_session, institution
):
    manager = staff("manager-bg", DIRECTORY_MANAGERS, language="bg")
    moderator = staff("moderator-ro", MODERATORS, language="ro")

    # 1. The Directory manager invites from the institution's page (bg admin).
    session = admin_session(manager, "bg")
    page = session.page
    session.goto(f"/admin/pages/{institution.pk}/edit/")
    session.screen("network-institution-edit")
    editors_href = f"/admin/directory/institution/{institution.pk}/editors/"
    link = page.locator(f"a[href='{editors_href}']").first
    if not link.is_visible():  # in the header's "more" menu
        page.locator("[data-w-dropdown-target='toggle']:has(svg.icon-dots-horizontal)").first.click()
    link.click()
    page.wait_for_load_state("networkidle")
    session.screen("network-editors-empty")
    mail.outbox.clear()
    page.fill("#id_email", EMAIL)
    page.select_option("#id_language", "bg")
    page.locator("#invite-form button[type=submit]").click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages .success")).to_contain_text(EMAIL)
    expect(page.locator("#pending-invitations")).to_contain_text(EMAIL)
    session.screen("network-editors-invited")
    [message] = [m for m in mail.outbox if m.to == [EMAIL]]
    assert TITLE in message.subject and "Покана" in message.subject
    link = re.search(r"https?://\S+/bg/invitation/\S+/", message.body).group(0)
    path = "/" + link.split("/", 3)[3]

    # 2. The invitee follows the link and creates their account (public pages, in bg).
    visitor = browser.new_context(locale="bg-BG")
    public = visitor.new_page()
    response = public.goto(site_server.url + path)
    assert response.status == 200
    expect(public.locator("h1")).to_have_text("Създайте своя профил")
    public_checks(response, public, "invitation-accept")
    public.fill("#id_first_name", "Мария")
    public.fill("#id_last_name", "Петрова")
    public.fill("#id_password1", PASSWORD)
    public.fill("#id_password2", "не-същата-2026")
    with public.expect_response(lambda r: r.request.method == "POST") as posted:
        public.locator("form.invitation-form button[type=submit]").click()
    assert posted.value.status == 400
    expect(public.locator(".errorlist")).to_contain_text("Двете пароли не са еднакви.")
    public_checks(posted.value, public, "invitation-accept-errors")
    public.fill("#id_password1", PASSWORD)
    public.fill("#id_password2", PASSWORD)
    public.locator("form.invitation-form button[type=submit]").click()
    public.wait_for_load_state("networkidle")
    expect(public.locator("h1")).to_have_text("Профилът ви е готов")
    response = public.goto(site_server.url + "/bg/invitation/done/")
    public_checks(response, public, "invitation-done")
    # the link works once
    response = public.goto(site_server.url + path)
    assert response.status == 410
    expect(public.locator("h1")).to_have_text("Тази покана вече е използвана")
    public_checks(response, public, "invitation-used")
    visitor.close()
    invitee = get_user_model().objects.get(email=EMAIL)
    assert list(InstitutionPage.edited_by(invitee)) == [institution]

    # 3. The manager sees them in the editors list.
    session.goto(editors_href)
    expect(page.locator("#institution-editors")).to_contain_text("Мария Петрова")
    session.screen("network-editors-listed")

    # 4. The invitee logs in (bg admin), changes the opening hours, adds an e-service, submits.
    editor = admin_session(invitee, "bg")
    epage = editor.page
    editor.screen("institution-editor-dashboard")
    editor.goto(f"/admin/pages/{institution.pk}/edit/")
    editor.screen("institution-editor-edit")
    closes = epage.locator("input[name='opening_hours-0-value-closes']")
    closes.fill("18:30")
    closes.press("Escape")
    epage.locator("#id_title").click()  # closes the time picker
    settle_autosave(epage)
    tolerate_autosave_validation(editor)  # while the new e-service is half-filled
    epage.locator("#id_e_services-ADD").click()
    form = epage.locator("#inline_child_e_services-0")
    expect(form).to_be_visible()
    form.locator("#id_e_services-0-name").fill(SERVICE)
    category = ServiceCategory.objects.filter(locale__language_code="bg").first()
    form.locator("#id_e_services-0-category-chooser .unchosen button").click()
    choose_in_modal(epage, category.name)
    form.locator("#id_e_services-0-channel").select_option("in_person")
    settle_autosave(epage)
    editor.screen("institution-editor-filled")
    # "Publish" is not offered to them
    expect(epage.locator("footer button[name='action-publish']")).to_have_count(0)
    mail.outbox.clear()
    submit_action(epage, "action-submit")
    expect(epage.locator(".messages .success")).to_be_visible()
    editor.screen("institution-editor-submitted")
    state = WorkflowState.objects.get(object_id=str(institution.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by_id == invitee.pk
    assert any(moderator.email in m.to for m in mail.outbox), [m.to for m in mail.outbox]
    assert SERVICE not in [s.name for s in InstitutionPage.objects.get(pk=institution.pk).e_services.all()]

    # 5. A Romanian-speaking moderator approves it from their dashboard.
    review = admin_session(moderator, "ro")
    rpage = review.page
    review.screen("moderator-dashboard")
    row = dashboard_row(rpage, TITLE)
    expect(row).to_have_count(1)
    approve_on_dashboard(rpage, row)
    expect(dashboard_row(rpage, TITLE)).to_have_count(0)
    review.screen("moderator-approved")
    live = InstitutionPage.objects.get(pk=institution.pk)
    assert live.live and SERVICE in [s.name for s in live.e_services.all()]
    assert live.opening_hours[0].value["closes"] == datetime.time(18, 30)

    # 6. Visitors see the change on the ro and en pages, which await translation.
    for language in ("ro", "en"):
        alias = InstitutionPage.objects.get(alias_of=live, locale__language_code=language)
        reader = browser.new_context(locale={"ro": "ro-RO", "en": "en-GB"}[language])
        public = reader.new_page()
        response = public.goto(site_server.url + alias.get_url())
        assert response.status == 200
        expect(public.locator("main")).to_contain_text(SERVICE)
        expect(public.locator("main")).to_contain_text("18:30")
        expect(public.locator("main .notice[role=note]")).to_be_visible()
        reader.close()

    # 7. Removing them takes effect at their next request.
    session.goto(editors_href)
    page.locator("#institution-editors button[type=submit]").first.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages .success")).to_be_visible()
    session.screen("network-editors-removed")
    response = editor.page.goto(site_server.url + f"/admin/pages/{institution.pk}/edit/")
    assert "/admin/login/" in editor.page.url, response.status


def test_an_expired_invitation_link_is_refused_in_romanian(browser, site_server, institution):
    from django.utils import timezone

    from directory.invitations import invite
    from directory.models import Invitation

    def create():
        invitation, token = invite("ion@example.ro", institution, "ro", None)
        Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now())
        return token

    token = committed(create)
    context = browser.new_context(locale="ro-RO")
    public = context.new_page()
    response = public.goto(f"{site_server.url}/ro/invitation/{token}/")
    assert response.status == 410
    expect(public.locator("h1")).to_have_text("Această invitație a expirat")
    public_checks(response, public, "invitation-expired-ro")
    context.close()
    assert not get_user_model().objects.filter(email="ion@example.ro").exists()
