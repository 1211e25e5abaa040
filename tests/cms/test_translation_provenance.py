"""Where a translation came from (human, machine, mixed), read from wagtail-localize's
records: in API v2 (who, for signed-in staff only), in the translation status report,
and as a "Machine-translated" notice where the editor opted in."""

import pytest
from django.urls import reverse
from django.utils.http import urlencode
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation, TranslationSource

from cms.translation import translate_object
from home.models import HomePage, StandardPage
from tests.browser.checks import html_errors
from tests.factories import StandardPageFactory, UserFactory, publish

pytestmark = pytest.mark.django_db

TEXTS = {"Пазар": "Piață", "Седмичен пазар.": "Piață săptămânală.", "market-prov": "market-prov"}


@pytest.fixture
def machine_translator(settings):
    settings.WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {"CLASS": "tests.cms.machine_translator.MarkingTranslator"}


@pytest.fixture
def translator(demo_site):
    return UserFactory(is_superuser=True, first_name="Ioana", last_name="Pop")


@pytest.fixture
def translated(demo_site, client, translator, machine_translator):
    """ro translated by a person in the translation editor; en by the machine translator."""
    bg_home = HomePage.objects.get(locale__language_code="bg")
    page = publish(
        StandardPageFactory(parent=bg_home, title="Пазар", slug="market-prov", intro="Седмичен пазар.")
    )
    client.force_login(translator)
    ro_page = translate_object(page, "ro", TEXTS)  # published by nobody in particular (four eyes)
    # the editor's own endpoint: a translator changes a string by hand
    ro_translation = Translation.objects.get(
        target_locale__language_code="ro", source__object_id=page.translation_key
    )
    segment = StringSegment.objects.filter(source=ro_translation.source, string__data="Пазар").get()
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[ro_translation.pk, segment.pk]),
        data=urlencode({"value": "Piața"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code in (200, 201), response.content
    source = TranslationSource.objects.get(object_id=page.translation_key, locale__language_code="bg")
    en_translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code="en"), enabled=True
    )
    response = client.post(reverse("wagtail_localize:machine_translate", args=[en_translation.pk]))
    assert response.status_code == 302
    en_translation.save_target(user=translator, publish=False)
    en_page = StandardPage.objects.get(translation_key=page.translation_key, locale__language_code="en")
    en_page.get_latest_revision().publish()
    client.logout()
    return page, ro_page, StandardPage.objects.get(pk=en_page.pk)


def provenance(client, page):
    response = client.get(f"/api/v2/pages/{page.pk}/?fields=translation_provenance")
    assert response.status_code == 200
    return response.json()["translation_provenance"]


def test_the_api_says_how_each_locale_was_translated(client, translated, translator):
    source, ro_page, en_page = translated
    assert en_page.title == "[MT] Пазар"
    shown = provenance(client, source)
    assert shown["ro"]["method"] == "human" and shown["ro"]["machine_share"] == 0
    assert shown["en"]["method"] == "machine" and shown["en"]["machine_share"] == 1
    assert shown["ro"]["translated_at"]
    assert "translated_by" not in shown["ro"]  # the public never learns who
    assert provenance(client, ro_page) == shown  # the same facts from every translation

    client.force_login(translator)
    assert provenance(client, source)["ro"]["translated_by"] == "Ioana Pop"


def test_a_human_edit_of_a_machine_translation_makes_it_mixed(client, translated, translator):
    source, _ro, en_page = translated
    en_translation = Translation.objects.get(
        target_locale__language_code="en", source__object_id=source.translation_key
    )
    segment = StringSegment.objects.filter(source=en_translation.source, string__data="Пазар").get()
    client.force_login(translator)
    client.put(
        reverse("wagtail_localize:edit_string_translation", args=[en_translation.pk, segment.pk]),
        data=urlencode({"value": "Market"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert provenance(client, source)["en"] | {"translated_at": None, "translated_by": None} == {
        "method": "mixed",
        "machine_share": 0.5,
        "translated_at": None,
        "translated_by": None,
    }


def test_listings_cost_the_same_queries_for_more_pages(client, translated, django_assert_max_num_queries):
    url = "/api/v2/pages/?type=home.StandardPage&fields=translation_provenance&limit=50"
    with django_assert_max_num_queries(20):
        response = client.get(url)
    items = {item["id"]: item for item in response.json()["items"]}
    assert items[translated[0].pk]["translation_provenance"]["en"]["method"] == "machine"


def test_the_report_shows_the_provenance(client, translated, translator):
    client.force_login(translator)
    response = client.get(reverse("cms_translation_status") + "?type=home.StandardPage")
    html = response.content.decode()
    assert 'data-provenance="machine"' in html and 'data-provenance="human"' in html
    export = client.get(
        reverse("cms_translation_status") + "?type=home.StandardPage&export=csv"
    ).content.decode()
    assert "Ioana Pop" in export


def test_the_machine_translated_notice_shows_only_where_the_editor_opted_in(client, translated):
    _source, ro_page, en_page = translated
    assert "machine-translation-notice" not in client.get(en_page.url).content.decode()
    for page in (en_page, ro_page):
        page.show_machine_translation_notice = True
        page.save_revision().publish()
    html = client.get(en_page.url).content.decode()
    assert 'id="machine-translation-notice"' in html
    # a person's translation says nothing, whatever the editor ticked
    assert "machine-translation-notice" not in client.get(ro_page.url).content.decode()
    assert html_errors({"en page with the notice": html}) == {}
