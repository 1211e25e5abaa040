"""A translator swaps the document per locale in wagtail-localize (an
overridable chooser → SegmentOverride): /ro/ offers the Romanian PDF first,
and every language version is listed."""

import pytest
from wagtail.models import Locale
from wagtail_localize.models import SegmentOverride, Translation, TranslationSource

from cms.translation import translate_object
from documents.models import PublicationPage
from documents.translation import override_segment
from tests.documents.factories import make_document, make_publication

pytestmark = pytest.mark.django_db


def test_document_chooser_is_an_overridable_segment(demo_site):
    document = make_document("Доклад", "doklad.pdf")
    page = make_publication(document, slug="report-2019")
    source, _ = TranslationSource.update_or_create_from_instance(page)
    assert source.overridablesegment_set.filter(context__path="document").exists()


def test_translator_override_swaps_the_file_in_the_translation(client, demo_site):
    bg_file = make_document("Доклад", "doklad.pdf", language="bg")
    ro_file = make_document("Raport", "raport.pdf", language="ro")
    page = make_publication(bg_file, title="Годишен доклад", slug="annual-report", summary="Резюме")
    texts = {"Годишен доклад": "Raport anual", "Резюме": "Rezumat"}
    ro_page = translate_object(page, "ro", texts)
    assert ro_page.document == bg_file  # synchronised until the translator overrides it

    override_segment(page, "ro", "document", ro_file.pk)
    translation = Translation.objects.get(
        source__object_id=page.translation_key, target_locale=Locale.objects.get(language_code="ro")
    )
    translation.save_target(publish=False)
    ro_page = PublicationPage.objects.get(pk=ro_page.pk)
    ro_page.get_latest_revision().publish()
    ro_page.refresh_from_db()
    assert ro_page.document == ro_file
    assert SegmentOverride.objects.filter(locale__language_code="ro", context__path="document").exists()
    page.refresh_from_db()
    assert page.document == bg_file  # the source keeps its own file

    html = client.get(ro_page.url).content.decode()
    assert ro_page.url.startswith("/ro/")
    assert ro_file.url in html and bg_file.url in html
    assert html.index(bg_file.url) < html.index(ro_file.url)  # listed in bg, ro, en order
    assert [file.language for file in ro_page.language_files()] == ["bg", "ro"]


@pytest.mark.parametrize("language", ["bg", "ro", "en"])
def test_demo_pages_offer_the_file_in_their_language(demo_site, language):
    pages = PublicationPage.objects.filter(locale__language_code=language).live()
    assert pages.count() == 8
    for page in pages:
        assert page.document.language == language
        assert [file.language for file in page.language_files()] == ["bg", "ro", "en"]
