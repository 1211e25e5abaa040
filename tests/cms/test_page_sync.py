"""Every way of creating a page syncs it into every locale (as aliases, once),
and a new slug reaches the aliases when the source is published."""

import io
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import APIToken, Locale, Page, PageViewRestriction
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail.users.models import UserProfile

from cms.translation import translate_object
from cms.visibility import is_publicly_visible
from directory.models import InstitutionPage
from home.models import HomePage, StandardPage
from tests.directory.test_import import SAMPLE

pytestmark = pytest.mark.django_db


def bg_home():
    return HomePage.objects.get(locale__language_code="bg")


def assert_in_every_locale(page):
    """`page` has exactly one version in each locale, the others aliases of it."""
    group = Page.objects.filter(translation_key=page.translation_key)
    by_locale = {}
    for version in group.select_related("locale"):
        assert version.locale.language_code not in by_locale, "two versions in one locale"
        by_locale[version.locale.language_code] = version
    assert set(by_locale) == {"bg", "ro", "en"}
    for code, version in by_locale.items():
        if version.pk != page.pk:
            assert version.alias_of_id == page.pk, code
            parent = version.get_parent()
            assert parent.locale.language_code == code  # under the same page of its own locale
    return by_locale


def test_add_child_in_code(demo_site):
    page = bg_home().add_child(instance=StandardPage(title="Създадена в кода", slug="made-in-code"))
    page.save_revision().publish()
    versions = assert_in_every_locale(page)
    assert versions["ro"].url_path.endswith("/made-in-code/")


def test_draft_child_in_code_syncs_as_draft_aliases(demo_site):
    page = bg_home().add_child(
        instance=StandardPage(title="Чернова в кода", slug="draft-in-code", live=False)
    )
    versions = assert_in_every_locale(page)
    assert not versions["ro"].live and not versions["en"].live


def test_import_directory(demo_site):
    call_command("import_directory", str(SAMPLE), stdout=io.StringIO(), stderr=io.StringIO())
    tutrakan = InstitutionPage.objects.get(registry_id="000565124", locale__language_code="bg")
    versions = assert_in_every_locale(tutrakan)
    assert versions["ro"].live and versions["ro"].specific.registry_id == "000565124"


def test_api_v3_post(client, admin_user, demo_site):
    _instance, token = APIToken.create_token(user=admin_user, name="sync test")
    response = client.post(
        "/api/v3/pages/",
        data=json.dumps(
            {
                "meta": {"type": "home.StandardPage", "parent_id": bg_home().id},
                "title": "Създадена през API",
                "slug": "made-by-api",
            }
        ),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 201, response.content
    assert_in_every_locale(StandardPage.objects.get(slug="made-by-api", locale__language_code="bg"))


def test_admin_create_view(client, admin_user, demo_site, settings):
    """The admin also runs wagtail-localize's own sync hook: it finds the aliases
    already there (no IntegrityError, no second alias)."""
    settings.REQUIRE_SECOND_REVIEWER = False  # published in the editor by its author
    client.force_login(admin_user)
    data = nested_form_data(
        {
            "title": "Създадена в админа",
            "slug": "made-in-admin",
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>Текст.</p>"))]),
            "social_text": "",
        }
    )
    data["action-publish"] = "publish"
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("home", "standardpage", bg_home().id)), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    page = StandardPage.objects.get(slug="made-in-admin", locale__language_code="bg")
    versions = assert_in_every_locale(page)
    assert client.get("/ro/made-in-admin/").status_code == 200
    assert versions["en"].live


def test_page_created_in_another_locale_syncs_into_bg(demo_site):
    ro_home = HomePage.objects.get(locale__language_code="ro")
    page = ro_home.add_child(instance=StandardPage(title="Scrisă în română", slug="written-in-ro"))
    assert_in_every_locale(page)


def test_slug_change_on_publish_reaches_aliases(client, demo_site):
    page = bg_home().add_child(instance=StandardPage(title="Стар адрес", slug="old-address"))
    page.save_revision().publish()
    child = page.add_child(instance=StandardPage(title="Подстраница", slug="child"))
    child.save_revision().publish()
    assert client.get("/ro/old-address/child/").status_code == 200

    page = StandardPage.objects.get(pk=page.pk)
    page.slug = "new-address"
    page.save_revision().publish()

    for code in ("ro", "en"):
        alias = page.get_translation(Locale.objects.get(language_code=code))
        assert alias.slug == "new-address"
        assert client.get(f"/{code}/new-address/").status_code == 200
        assert client.get(f"/{code}/old-address/").status_code == 404
        assert client.get(f"/{code}/new-address/child/").status_code == 200  # descendants' URLs follow


def test_translated_page_keeps_slug_synchronised(client, demo_site):
    page = bg_home().add_child(instance=StandardPage(title="Преведена", slug="translated-slug"))
    page.save_revision().publish()
    translate_object(page, "ro", {"Преведена": "Tradusă"}, strict=False)

    page = StandardPage.objects.get(pk=page.pk)
    page.slug = "translated-slug-renamed"
    page.save_revision().publish()
    translate_object(page, "ro", {"Преведена": "Tradusă"}, strict=False)  # the next sync of the translation

    ro_page = page.get_translation(Locale.objects.get(language_code="ro"))
    assert ro_page.alias_of_id is None and ro_page.title == "Tradusă"
    assert ro_page.slug == "translated-slug-renamed"
    assert client.get("/ro/translated-slug-renamed/").status_code == 200


def test_aliases_of_a_restricted_page_are_not_public(client, demo_site):
    page = bg_home().add_child(instance=StandardPage(title="Само за членове", slug="members-only"))
    page.save_revision().publish()
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type="password", password="secret-pass"
    )
    alias = page.get_translation(Locale.objects.get(language_code="ro"))
    listed = {
        item["id"] for item in client.get("/api/v2/pages/", {"locale": "ro", "limit": 100}).json()["items"]
    }
    assert alias.pk not in listed
    assert not is_publicly_visible(alias)
    restriction.delete()
    assert is_publicly_visible(alias)


def _editor_form(title, slug):
    return nested_form_data(
        {"title": title, "slug": slug, "intro": "", "body": streamfield([]), "social_text": ""}
    )


def _autosave(client, url, title, slug):
    """What the page editor's autosave sends: the form, no action button, asking for JSON."""
    return client.post(url, _editor_form(title, slug), headers={"Accept": "application/json"})


def test_an_abandoned_autosaved_page_has_no_aliases_until_saved_on_purpose(client, admin_user, demo_site):
    """Open "Add page", type a title, leave: a draft in bg only; the editor's
    own "Save draft" later syncs it."""
    client.force_login(admin_user)
    add_url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", bg_home().id))
    response = _autosave(client, add_url, "Изоставена чернова", "abandoned-draft")
    assert response.status_code == 200 and response.json()["success"], response.content
    page = StandardPage.objects.get(slug="abandoned-draft", locale__language_code="bg")
    assert not page.live
    assert Page.objects.filter(translation_key=page.translation_key).count() == 1

    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    response = _autosave(client, edit_url, "Изоставена чернова (2)", "abandoned-draft")
    assert response.status_code == 200, response.content
    assert Page.objects.filter(translation_key=page.translation_key).count() == 1  # autosaves never sync

    response = client.post(edit_url, _editor_form("Изоставена чернова", "abandoned-draft"))
    assert response.status_code == 302, response.content.decode()[:2000]
    versions = assert_in_every_locale(page)
    assert not versions["ro"].live


def test_an_autosaved_page_published_outside_the_editor_is_synced(client, admin_user, demo_site):
    client.force_login(admin_user)
    add_url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", bg_home().id))
    assert _autosave(client, add_url, "Публикувана по-късно", "published-later").status_code == 200
    page = StandardPage.objects.get(slug="published-later", locale__language_code="bg")
    assert Page.objects.filter(translation_key=page.translation_key).count() == 1
    page.get_latest_revision().publish()
    versions = assert_in_every_locale(page)
    assert versions["ro"].live and client.get("/ro/published-later/").status_code == 200


def test_the_next_request_syncs_new_pages_again(client, admin_user, demo_site):
    """The deferral lasts one autosave request: a page made in code afterwards is synced."""
    client.force_login(admin_user)
    add_url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", bg_home().id))
    assert _autosave(client, add_url, "Само чернова", "only-a-draft").status_code == 200
    client.get("/bg/")
    page = bg_home().add_child(instance=StandardPage(title="След автоматичния запис", slug="after-autosave"))
    assert_in_every_locale(page)


def test_retrying_with_the_same_title_gets_a_localized_slug_message(client, admin_user, demo_site):
    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "bg"
    profile.save()
    client.force_login(admin_user)
    add_url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", bg_home().id))
    assert _autosave(client, add_url, "Втори опит", "second-try").status_code == 200

    retry = _autosave(client, add_url, "Втори опит", "second-try")
    assert retry.status_code == 400 and retry.json()["error_code"] == "validation_error"
    response = client.post(add_url, _editor_form("Втори опит", "second-try"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Слъгът „second-try“ вече се използва в родителската страница." in html
    assert "already in use" not in html
    assert StandardPage.objects.filter(slug="second-try").count() == 1
