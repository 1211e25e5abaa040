"""Translators are told, in their own language, when a source they translated
is published with changed content, with the links to sync and translate."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import Translation

from cms.roles import EDITORS, translators_group_name
from cms.translation import translate_object
from home.models import HomePage, StandardPage
from tests.catalogues import email_lines, untranslated_texts
from tests.factories import StandardPageFactory, publish, staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def translated(demo_site):
    bg_home = HomePage.objects.get(locale__language_code="bg")
    page = publish(StandardPageFactory(parent=bg_home, title="Пазар", slug="market", intro="Седмичен пазар."))
    ro_page = translate_object(
        page, "ro", {"Пазар": "Piață", "Седмичен пазар.": "Piață săptămânală.", "market": "market"}
    )
    return page, ro_page


@pytest.fixture
def people(demo_site):
    return {
        "ro": staff_member(
            translators_group_name("ro"), language="ro", email="ro@example.org", first_name="ro"
        ),
        "ro_in_bg": staff_member(
            translators_group_name("ro"), language="bg", email="ro-bg@example.org", first_name="ro-bg"
        ),
        "en": staff_member(
            translators_group_name("en"), language="en", email="en@example.org", first_name="en"
        ),
        "editor": staff_member(EDITORS, language="bg", email="editor@example.org", first_name="editor"),
    }


def republish(page, **changes):
    page = StandardPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_changed_content_tells_the_translators_in_their_language(client, translated, people):
    source, ro_page = translated
    mail.outbox.clear()
    republish(source, intro="Седмичен пазар всяка събота.")
    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert set(by_recipient) == {"ro@example.org", "ro-bg@example.org"}  # en is an alias, not a translation

    ro_mail = by_recipient["ro@example.org"]
    assert ro_mail.subject == "Sursa s-a schimbat: traducerea în română a paginii „Пазар” trebuie actualizată"
    assert "Bună ziua, ro," in ro_mail.body and "„Piață”" in ro_mail.body
    source_id = Translation.objects.get(source__object_id=source.translation_key).source_id
    sync = reverse("wagtail_localize:update_translations", args=[source_id])
    editor = reverse("wagtailadmin_pages:edit", args=[ro_page.pk])
    assert f"{sync}?next=" in ro_mail.body and f"{editor}\n" in ro_mail.body
    assert "Hello" not in ro_mail.body and "Sync" not in ro_mail.body
    assert untranslated_texts(email_lines(ro_mail), "ro") == []

    bg_mail = by_recipient["ro-bg@example.org"]
    assert bg_mail.subject == "Източникът е променен: преводът на румънски на „Пазар“ трябва да бъде обновен"
    assert "Синхронизирайте превода" in bg_mail.body and untranslated_texts(email_lines(bg_mail), "bg") == []

    # the same content published again: nobody is told twice
    mail.outbox.clear()
    republish(source)
    assert mail.outbox == []


def test_republishing_without_content_changes_tells_nobody(translated, people):
    source, _ro_page = translated
    mail.outbox.clear()
    republish(source)
    assert mail.outbox == []


def test_the_translator_syncs_from_the_link_and_sees_the_new_text(client, translated, people):
    source, ro_page = translated
    republish(source, intro="Седмичен пазар всяка събота.")
    translation = Translation.objects.get(source__object_id=source.translation_key)
    assert translation.get_progress()[0] == translation.get_progress()[1]
    client.force_login(people["ro"])
    editor = reverse("wagtailadmin_pages:edit", args=[ro_page.pk])
    response = client.post(
        reverse("wagtail_localize:update_translations", args=[translation.source_id]) + f"?next={editor}", {}
    )
    assert response.status_code == 302 and response["Location"] == editor
    total, done = translation.get_progress()
    assert done == total - 1  # the new intro waits for translation
    assert StandardPage.objects.get(pk=ro_page.pk).intro == "Piață săptămânală."  # visitors see the old one
    assert Locale.objects.get(language_code="ro") == ro_page.locale
