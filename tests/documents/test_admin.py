"""Staff work with publications in the Wagtail admin: the page editor, and the
translator's document swap through wagtail-localize's own override endpoint."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import OverridableSegment, Translation

from documents.models import DocumentIndexPage, PublicationPage
from tests.documents.factories import make_document

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_page_editor_and_create_form_render(admin_client, demo_site):
    page = PublicationPage.objects.get(slug="agreement-ruse-giurgiu", locale__language_code="bg")
    assert admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).status_code == 200
    index = DocumentIndexPage.objects.get(locale__language_code="bg")
    url = reverse("wagtailadmin_pages:add", args=["documents", "publicationpage", index.id])
    assert admin_client.get(url).status_code == 200


def test_translator_swaps_the_document_in_the_localize_editor(admin_client, demo_site):
    ro = Locale.objects.get(language_code="ro")
    source_page = PublicationPage.objects.get(slug="cross-border-strategy", locale__language_code="bg")
    ro_page = source_page.get_translation(ro)
    editor = admin_client.get(reverse("wagtailadmin_pages:edit", args=[ro_page.id]))
    assert editor.status_code == 200  # wagtail-localize's translation editor

    replacement = make_document("Strategie (versiune revizuită)", "strategie-revizuita.pdf", language="ro")
    translation = Translation.objects.get(source__object_id=source_page.translation_key, target_locale=ro)
    segment = OverridableSegment.objects.get(source=translation.source, context__path="document")
    response = admin_client.put(
        reverse("wagtail_localize:edit_override", args=[translation.id, segment.id]),
        urlencode({"value": replacement.pk}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200, response.content
    translation.save_target(publish=False)
    ro_page = PublicationPage.objects.get(pk=ro_page.pk)
    ro_page.get_latest_revision().publish()
    ro_page.refresh_from_db()
    assert ro_page.document == replacement
    assert replacement.url in admin_client.get(ro_page.url).content.decode()


def test_upload_form_shows_the_rules_and_the_language_field(admin_client, demo_site):
    html = admin_client.get(reverse("wagtaildocs:add")).content.decode()
    assert 'name="language"' in html
    assert "pdf, docx, xlsx, odt, ods, csv, txt" in html
