"""The translation hand-off driven through the admin in a real Chromium, in
Romanian (a Translators (ro) member translating bg → ro, a Bulgarian moderator)
and in Bulgarian (a Translators (bg) member translating ro → bg, a Romanian
moderator):

the translator finds the untranslated page in the translation status report,
translates it segment by segment in wagtail-localize's editor and submits it
for review; the moderator is emailed, finds it on the dashboard and approves;
the page is then in the target language for visitors. The translator translates
a news category too, and is emailed (in their language) when the source page
changes, follows the link and syncs. Every screen: no 5xx, no console error, no
untranslated English (tests/browser/admin.py)."""

from urllib.parse import urlsplit

import pytest
from django.core import mail
from playwright.sync_api import expect
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import TranslationSource

from cms.roles import MODERATORS, translators_group_name
from home.models import HomePage, StandardPage
from news.models import NewsCategory
from tests.browser.admin import committed, in_language

pytestmark = [pytest.mark.browser]

CONTENT = {
    "bg": {"title": "Пристанищен съвет", "intro": "Съветът на пристанищата заседава всеки месец.",
           "new_intro": "Съветът на пристанищата заседава всяка седмица.", "category": "Пристанища"},
    "ro": {"title": "Consiliul porturilor", "intro": "Consiliul porturilor se întrunește în fiecare lună.",
           "new_intro": "Consiliul porturilor se întrunește în fiecare săptămână.", "category": "Porturi"},
}  # fmt: skip
SLUG = "harbour-council"
CATEGORY_SLUG = "harbours"


def texts(source, target):
    """What the translator types for each source text."""
    return {CONTENT[source][key]: CONTENT[target][key] for key in CONTENT[source]} | {SLUG: SLUG}


@pytest.fixture
def source_content(site_server, request):
    """A published page and a news category in the source language (committed);
    they, their translations and workflows are removed afterwards."""
    language = request.param
    keys = []

    def create():
        home = HomePage.objects.get(locale__language_code=language)
        page = StandardPage(title=CONTENT[language]["title"], slug=SLUG, intro=CONTENT[language]["intro"])
        home.add_child(instance=page)
        page.save_revision().publish()
        category = NewsCategory.objects.create(
            name=CONTENT[language]["category"], slug=CATEGORY_SLUG, locale=home.locale
        )
        keys.extend([page.translation_key, category.translation_key])
        return StandardPage.objects.get(pk=page.pk), category

    def remove():
        pages = Page.objects.filter(translation_key__in=keys)
        WorkflowState.objects.filter(
            object_id__in=[str(pk) for pk in pages.values_list("pk", flat=True)]
        ).delete()
        for page in pages.filter(alias_of__isnull=False):
            page.delete()
        for page in Page.objects.filter(translation_key__in=keys):
            page.delete()
        NewsCategory.objects.filter(translation_key__in=keys).delete()
        TranslationSource.objects.filter(object_id__in=keys).delete()

    page, category = committed(create)
    yield language, page, category
    committed(remove)


def translate_every_segment(admin, typed):
    """Translate, in the editor, each segment not translated yet; Enter saves it."""
    incomplete = admin.locator("li.incomplete")
    expect(incomplete.first).to_be_visible()
    for remaining in range(incomplete.count(), 0, -1):
        segment = incomplete.first
        source = segment.locator(":scope > p").first.inner_text().strip()
        segment.locator("button").first.click()
        field = segment.locator("textarea")
        field.fill(typed[source])
        with admin.expect_response(lambda response: response.request.method == "PUT") as saved:
            field.press("Enter")
        assert saved.value.ok, saved.value.status
        expect(incomplete).to_have_count(remaining - 1)


@pytest.mark.parametrize("source_content", ["bg", "ro"], indirect=True)
def test_translator_hands_over_moderator_publishes_translator_hears_of_changes(
    site_server, staff, admin_session, source_content
):
    source_language, source, category = source_content
    target = "ro" if source_language == "bg" else "bg"
    typed = texts(source_language, target)
    translator = staff(f"translator-{target}", translators_group_name(target), language=target)
    moderator = staff(f"moderator-{source_language}", MODERATORS, language=source_language)
    target_locale = Locale.objects.get(language_code=target)
    alias = source.get_translation(target_locale)
    assert alias.alias_of_id == source.pk

    # --- the translator sees what to translate ---------------------------------------
    t = admin_session(translator, target)
    admin = t.page
    t.screen("translator-dashboard")
    admin.locator("#translation-panel a[href*='state=needs_work']").click()
    admin.wait_for_load_state("networkidle")
    admin.locator("select[name=section]").select_option(label=source.title)  # the alias's title
    admin.locator("form.w-mt-6 button[type=submit]").click()
    admin.wait_for_load_state("networkidle")
    row = admin.locator(f"#translation-rows tr[data-locale='{target}']")
    expect(row).to_have_count(1)
    t.screen("translator-status-report")
    row.locator("a").click()
    admin.wait_for_load_state("networkidle")
    assert urlsplit(admin.url).path == f"/admin/pages/{alias.pk}/edit/"
    t.screen("translator-alias")

    # --- … translates it ----------------------------------------------------------------
    admin.locator(f"a[href*='/localize/submit/page/{source.pk}/']").first.click()
    admin.wait_for_load_state("networkidle")
    t.screen("translator-submit-translation")
    admin.locator("main input[type=submit]").click()
    admin.wait_for_load_state("networkidle")
    translated = Page.objects.get(translation_key=source.translation_key, locale=target_locale)
    assert urlsplit(admin.url).path == f"/admin/pages/{translated.pk}/edit/"
    expect(admin.locator("#translation-handoff")).to_be_visible()
    t.screen("translator-editor")
    translate_every_segment(admin, typed)

    # --- … and submits it for review; the moderator is told in their language -------------
    mail.outbox.clear()
    admin.locator("#submit-translation-for-review").click()
    admin.wait_for_load_state("networkidle")
    expect(admin.locator("[data-handoff-state=in_review]")).to_be_visible()
    t.screen("translator-submitted")
    state = WorkflowState.objects.get(object_id=str(translated.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by_id == translator.pk
    notices = [m for m in mail.outbox if m.to == [moderator.email]]
    assert len(notices) == 1, [(m.to, m.subject) for m in mail.outbox]
    task_name = in_language(source_language, "Moderator approval")
    assert task_name in notices[0].subject and CONTENT[target]["title"] in notices[0].subject
    assert "submitted" not in notices[0].body and "Moderator approval" not in notices[0].body
    client = admin.context.request
    before = client.get(site_server.url + f"/{target}/{SLUG}/").text()
    assert CONTENT[source_language]["intro"] in before  # the public still sees the source

    # --- the moderator finds it on the dashboard and approves it -----------------------------
    m = admin_session(moderator, source_language)
    review = m.page.locator("#awaiting-review-section")
    expect(review).to_contain_text(CONTENT[target]["title"])
    m.screen("moderator-dashboard")
    review.get_by_role("link", name=CONTENT[target]["title"]).click()
    m.page.wait_for_load_state("networkidle")
    assert urlsplit(m.page.url).path == f"/admin/pages/{translated.pk}/edit/"
    m.screen("moderator-editor")
    mail.outbox.clear()
    m.page.locator("#approve-translation").click()
    m.page.wait_for_load_state("networkidle")
    expect(m.page.locator("[data-handoff-state=in_review]")).to_have_count(0)
    m.screen("moderator-approved")
    published = StandardPage.objects.get(pk=translated.pk)
    assert published.live and published.live_revision_id is not None
    assert published.intro == CONTENT[target]["intro"]
    assert [m.to for m in mail.outbox if m.to == [translator.email]] == [[translator.email]]
    html = client.get(site_server.url + published.url).text()
    assert CONTENT[target]["intro"] in html and CONTENT[source_language]["intro"] not in html

    # --- the translator translates a news category -------------------------------------------
    t.goto(f"/admin/snippets/news/newscategory/?locale={source_language}")
    t.screen("translator-categories")
    translate = admin.locator(f"a[href='/admin/localize/submit/snippet/news/newscategory/{category.pk}/']")
    if not translate.is_visible():
        admin.locator("tr", has_text=category.name).locator(
            "button[aria-haspopup], .w-dropdown__toggle"
        ).first.click()
    translate.click()
    admin.wait_for_load_state("networkidle")
    admin.locator(f"input[name=locales][value='{target_locale.pk}']").check()
    t.screen("translator-submit-category")
    admin.locator("main input[type=submit]").click()
    admin.wait_for_load_state("networkidle")
    t.screen("translator-category-editor")
    translate_every_segment(admin, typed)
    admin.locator("footer button[name=action][value=publish]").click()
    admin.wait_for_load_state("networkidle")
    t.screen("translator-category-published")
    translated_category = NewsCategory.objects.get(
        translation_key=category.translation_key, locale=target_locale
    )
    assert (translated_category.name, translated_category.slug) == (
        CONTENT[target]["category"],
        CATEGORY_SLUG,
    )

    # --- the source changes: the translator is told, follows the link and syncs ---------------
    mail.outbox.clear()

    def change_source():
        page = StandardPage.objects.get(pk=source.pk)
        page.intro = CONTENT[source_language]["new_intro"]
        # set-up: the source changes and is published (its review is not this journey)
        page.save_revision(user=moderator).publish(user=moderator, skip_permission_checks=True)

    committed(change_source)
    notices = [m for m in mail.outbox if m.to == [translator.email]]
    assert len(notices) == 1, [(m.to, m.subject) for m in mail.outbox]
    body = notices[0].body
    sync_line = next(line for line in body.splitlines() if "/admin/localize/update/" in line)
    assert "Hello" not in body and "Sync" not in body
    t.goto(urlsplit(sync_line.strip()).path + "?" + urlsplit(sync_line.strip()).query)
    t.screen("translator-sync")
    admin.locator("main input[type=submit]").click()
    admin.wait_for_load_state("networkidle")
    assert urlsplit(admin.url).path == f"/admin/pages/{translated.pk}/edit/"
    expect(admin.locator("li.incomplete")).to_have_count(1)  # the new intro
    t.screen("translator-synced")
