"""The home page's blocks, alerts of each severity, the emergency alert's
"cannot be hidden" page, the accessibility statement, the breadcrumbs and the
"Machine-translated" notice (cms.provenance) in a real Chromium in bg, ro and en:
zero axe-core violations and valid HTML. Also: hiding an alert without
JavaScript (and no cookie before), and print styles."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.admin import committed
from tests.browser.checks import Audit

pytestmark = [pytest.mark.browser]

LANGUAGES = ("bg", "ro", "en")


def _alerts():
    from wagtail.models import Locale

    from alerts.models import EMERGENCY, INFORMATION, Alert
    from cms.translation import translate_object

    now = timezone.now()
    made = []
    for severity, title, texts in (
        (
            INFORMATION,
            "Нов график на ферибота",
            {"ro": "Program nou al bacului", "en": "New ferry timetable"},
        ),
        (EMERGENCY, "Наводнение в Русе", {"ro": "Inundație la Ruse", "en": "Flood in Ruse"}),
    ):
        alert = Alert.objects.create(
            locale=Locale.objects.get(language_code="bg"),
            severity=severity,
            title=title,
            text="Кратък текст.",
            link_url="https://example.org/",
            start_at=now - datetime.timedelta(minutes=5),
            end_at=now + datetime.timedelta(hours=2),
        )
        alert.save_revision().publish()
        for code, text in texts.items():
            translate_object(alert, code, {title: text, "Кратък текст.": f"{text}."})
        made.append(str(alert.translation_key))
    return made


def _remove(keys):
    from alerts.models import Alert

    Alert.objects.filter(translation_key__in=keys).delete()


@pytest.fixture
def three_severities(site_server):
    keys = committed(_alerts)
    yield keys
    committed(lambda: _remove(keys))


def test_home_statement_breadcrumbs_and_alerts_are_accessible_and_valid(site_server, page, three_severities):
    from home.models import AccessibilityStatementPage

    statements = committed(
        lambda: {
            p.locale.language_code: p.url for p in AccessibilityStatementPage.objects.select_related("locale")
        }
    )
    audit = Audit()
    emergency = three_severities[1]
    for lang in LANGUAGES:
        for path in (
            f"/{lang}/",
            statements[lang],
            f"/{lang}/about/",
            f"/{lang}/directory/ruse-municipality/",
        ):
            url = site_server.url + path
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            assert page.get_attribute("html", "lang") == lang
            severities = page.locator(".alerts [data-severity]").evaluate_all(
                "els => els.map(e => e.dataset.severity)"
            )
            assert severities == ["emergency", "warning", "information"], url
            if path != f"/{lang}/":
                assert page.locator("nav.breadcrumbs li").count() >= 2
            audit.check(page, url, page.content())
        # the home page's four blocks
        page.goto(site_server.url + f"/{lang}/")
        assert page.locator(".home-block").count() == 4
        assert page.locator(".home-news .card").count() == 3
        # the emergency alert has no "hide" button; a forged POST gets the 400 page
        assert page.locator(f'[data-alert="{emergency}"] form').count() == 0
        refusal = site_server.url + f"/{lang}/alerts/{emergency}/dismiss/"
        # no button to press: a form made in the page posts, as a forged request would
        with page.expect_navigation() as navigation:
            page.evaluate(
                """action => { const form = document.createElement("form"); form.method = "post";
                form.action = action; document.body.append(form); form.submit(); }""",
                refusal,
            )
        response = navigation.value
        assert response is not None and response.status == 400
        assert page.locator("h1").count() == 1
        audit.check(page, refusal + " (400)", page.content())
    audit.assert_clean()


# (source language, title, intro, {target language: (title, intro)}): every locale gets a machine translation
MACHINE_TRANSLATED = (
    (
        "en",
        "Ferry timetable",
        "The ferry runs every hour.",
        {
            "bg": ("Разписание на ферибота", "Фериботът тръгва на всеки час."),
            "ro": ("Programul bacului", "Bacul pleacă în fiecare oră."),
        },
    ),
    (
        "bg",
        "Пазарни дни",
        "Пазарът е отворен в събота.",
        {"en": ("Market days", "The market opens on Saturday.")},
    ),
)


def _machine_translated_pages():
    """Pages whose bg, ro and en text a machine translator wrote (wagtail-localize's
    records say so) and whose editor chose to say it: {language: url}."""
    from wagtail_localize.models import StringTranslation

    from cms.translation import translate_object
    from home.models import HomePage, StandardPage
    from tests.factories import StandardPageFactory, publish

    urls, keys = {}, []
    for source_language, title, intro, targets in MACHINE_TRANSLATED:
        slug = f"machine-notice-{source_language}"
        home = HomePage.objects.get(locale__language_code=source_language)
        source = publish(StandardPageFactory(parent=home, title=title, slug=slug, intro=intro))
        keys.append(source.translation_key)
        for language, (target_title, target_intro) in targets.items():
            target = translate_object(
                source, language, {title: target_title, intro: target_intro, slug: slug}
            )
            # what wagtail-localize's "Translate with machine" records for each string
            StringTranslation.objects.filter(
                context__object_id=source.translation_key, locale__language_code=language
            ).update(translation_type=StringTranslation.TRANSLATION_TYPE_MACHINE)
            target = StandardPage.objects.get(pk=target.pk)
            target.show_machine_translation_notice = True
            target.save_revision().publish()
            urls[language] = target.url
    return urls, keys


def _remove_pages(keys):
    from wagtail.models import Page, PageLogEntry
    from wagtail_localize.models import TranslationContext, TranslationSource

    pages = Page.objects.filter(translation_key__in=keys)
    ids = list(pages.values_list("pk", flat=True))
    for page in sorted(pages, key=lambda p: p.alias_of_id is None):  # aliases first
        Page.objects.filter(pk=page.pk).first() and Page.objects.get(pk=page.pk).delete()
    PageLogEntry.objects.filter(page_id__in=ids).delete()
    TranslationSource.objects.filter(object_id__in=keys).delete()
    TranslationContext.objects.filter(object_id__in=keys).delete()
    return Page.objects.filter(translation_key__in=keys).count()


@pytest.fixture
def machine_translated(site_server):
    urls, keys = committed(_machine_translated_pages)
    yield urls
    assert committed(lambda: _remove_pages(keys)) == 0


def test_the_machine_translated_notice_is_accessible_and_valid(site_server, page, machine_translated):
    from django.utils import translation

    audit = Audit()
    for lang in LANGUAGES:
        url = site_server.url + machine_translated[lang]
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        assert page.get_attribute("html", "lang") == lang
        notice = page.locator("#machine-translation-notice")
        with translation.override(lang):
            expected = translation.gettext(
                "Machine-translated: most of this page's text was translated automatically and may contain errors."
            )
        assert notice.is_visible() and notice.inner_text().strip() == expected, url
        audit.check(page, url, page.content())
    audit.assert_clean()


def test_hiding_an_alert_needs_no_javascript_and_no_cookie_before(site_server, browser, three_severities):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_server.url + "/ro/about/")
        assert context.cookies() == [], "no cookie for a visitor who never hides an alert"
        information = page.locator('.alert[data-severity="information"]')
        assert information.count() == 1
        information.get_by_role("button").click()
        page.wait_for_load_state()
        assert page.url == site_server.url + "/ro/about/"
        assert page.locator('.alert[data-severity="information"]').count() == 0
        assert page.locator('.alert[data-severity="emergency"]').count() == 1
        assert [cookie["name"] for cookie in context.cookies()] == ["sessionid"]
        page.goto(site_server.url + "/en/")
        assert page.locator('.alert[data-severity="information"]').count() == 0
    finally:
        context.close()


def test_print_hides_navigation_and_writes_out_link_addresses(site_server, page):
    page.goto(site_server.url + "/en/about/")
    page.emulate_media(media="print")
    for selector in (".main-nav", ".header-search", ".language-switcher", ".breadcrumbs", ".alert__dismiss"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    after = page.evaluate(
        "() => getComputedStyle(document.querySelector('main a[href^=\"/\"]'), '::after').content"
    )
    assert after.startswith('" (/') and after.endswith(')"'), after
    page.emulate_media(media="screen")
    assert page.locator(".main-nav").is_visible()


def test_favicon_and_web_app_icons_are_served(site_server, page):
    page.goto(site_server.url + "/bg/")
    hrefs = page.locator('link[rel="icon"], link[rel="apple-touch-icon"], link[rel="manifest"]').evaluate_all(
        "links => links.map(l => l.href)"
    )
    assert len(hrefs) == 4
    for href in hrefs:
        response = page.request.get(href)
        assert response.status == 200, href
    manifest = page.request.get(hrefs[-1]).json()
    for icon in manifest["icons"]:
        assert page.request.get(hrefs[-1].rsplit("/", 1)[0] + "/" + icon["src"]).status == 200
