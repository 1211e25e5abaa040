"""The whole translation cycle through wagtail-localize's real models and the
admin views: alias → translated (PO upload) → outdated → translated again,
with what visitors and API consumers see at each step."""

import polib
import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation

from cms import translation_status as ts
from cms.roles import EDITORS, MODERATORS, translators_group_name
from home.models import HomePage, StandardPage
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(demo_site):
    def member(*groups, **kwargs):
        user = UserFactory(**kwargs)
        for name in groups:
            user.groups.add(Group.objects.get(name=name))
        return user

    return {
        "editor": member(EDITORS, email="editor@example.org"),
        "moderator": member(MODERATORS, email="moderator@example.org"),
        "editor_moderator": member(EDITORS, MODERATORS, email="both@example.org"),
        "translator_ro": member(translators_group_name("ro"), email="ro@example.org"),
        "translator_en": member(translators_group_name("en"), email="en@example.org"),
    }


def bg_home():
    return HomePage.objects.get(locale__language_code="bg")


def create_bg_page_in_admin(client, user, *, publish=True):
    """Create a bg StandardPage through the page editor (which fires the tree-sync hooks)."""
    client.force_login(user)
    data = nested_form_data(
        {
            "title": "Трансгранично сътрудничество",
            "slug": "cooperation",
            "intro": "Въведение към сътрудничеството.",
            "body": streamfield([("paragraph", rich_text("<p>Общини от двете страни на Дунав.</p>"))]),
            "social_text": "",
        }
    )
    data["action-publish"] = "publish" if publish else ""
    if not publish:
        data.pop("action-publish")
    response = client.post(
        reverse("wagtailadmin_pages:add", args=("home", "standardpage", bg_home().id)), data
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "/edit/" in response["Location"] or "/pages/" in response["Location"], response["Location"]
    return StandardPage.objects.get(slug="cooperation", locale__language_code="bg")


def ro_version(page):
    return page.get_translation(Locale.objects.get(language_code="ro")).specific


def api_state(client, page):
    response = client.get(f"/api/v2/pages/{page.id}/")
    assert response.status_code == 200
    return response.json()["translation_status"]


def test_full_translation_cycle(client, people, django_capture_on_commit_callbacks, settings):
    settings.REQUIRE_SECOND_REVIEWER = False  # its author publishes in the editor (a one-person site)
    admin_client = client
    source = create_bg_page_in_admin(admin_client, people["moderator"])

    # 1. the page appears in ro as an alias: shown in Bulgarian, honestly labelled
    alias = ro_version(source)
    assert alias.alias_of_id == source.id
    admin_client.logout()
    html = admin_client.get("/ro/cooperation/").content.decode()
    assert '<div class="content" lang="bg">' in html
    assert "Această pagină nu a fost încă tradusă în română; este afișată în bulgară." in html
    assert 'hreflang="ro" href' not in html.split("</head>")[0]  # no alternate for the untranslated version
    assert 'hreflang="bg" href' in html.split("</head>")[0]
    assert api_state(admin_client, alias) == {"locale": "ro", "content_language": "bg", "state": "alias"}

    # 2. an editor submits the page for translation into ro
    admin_client.force_login(people["editor"])
    ro = Locale.objects.get(language_code="ro")
    response = admin_client.post(
        reverse("wagtail_localize:submit_page_translation", args=[source.id]), {"locales": [ro.id]}
    )
    assert response.status_code == 302
    translation = Translation.objects.get(source__object_id=source.translation_key, target_locale=ro)

    # 3. the ro translator downloads the PO file, translates it in their own tool and uploads it
    admin_client.force_login(people["translator_ro"])
    po_response = admin_client.get(reverse("wagtail_localize:download_pofile", args=[translation.id]))
    assert po_response.status_code == 200
    catalogue = polib.pofile(po_response.content.decode())
    ro_texts = {
        "Трансгранично сътрудничество": "Cooperare transfrontalieră",
        "Въведение към сътрудничеството.": "Introducere la cooperare.",
        "Общини от двете страни на Дунав.": "Municipalități de pe ambele maluri ale Dunării.",
        "cooperation": "cooperation",
    }
    for entry in catalogue:
        entry.msgstr = ro_texts.get(entry.msgid, entry.msgid)
    upload = SimpleUploadedFile("ro.po", str(catalogue).encode(), content_type="text/x-gettext-translation")
    response = admin_client.post(
        reverse("wagtail_localize:upload_pofile", args=[translation.id]), {"file": upload, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert translation.get_progress()[0] == translation.get_progress()[1] > 0

    # the translator cannot publish it themselves …
    ro_page = ro_version(source)
    edit_url = reverse("wagtailadmin_pages:edit", args=[ro_page.id])
    response = admin_client.post(edit_url, {"action": "publish"})
    assert response.status_code in (302, 403)
    assert ro_version(source).alias_of_id is not None or not ro_version(source).title.startswith("Cooperare")

    # … a moderator does
    admin_client.force_login(people["moderator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(edit_url, {"action": "publish"})
    assert response.status_code == 302
    ro_page = ro_version(source)
    assert ro_page.live and ro_page.alias_of_id is None
    assert ro_page.title == "Cooperare transfrontalieră"

    # 4. visitors now read Romanian: no notice, hreflang present, API says translated
    admin_client.logout()
    html = admin_client.get("/ro/cooperation/").content.decode()
    assert "Municipalități de pe ambele maluri ale Dunării." in html
    assert "nu a fost încă tradusă" not in html
    assert '<div class="content">' in html
    assert 'hreflang="ro" href' in html.split("</head>")[0]
    assert api_state(admin_client, ro_page)["state"] == "translated"
    assert api_state(admin_client, source)["state"] == "source"

    # 5. the bg source is edited and republished: ro is outdated and its translators are told
    mail.outbox.clear()
    source = StandardPage.objects.get(pk=source.pk)
    source.intro = "Ново въведение към сътрудничеството."
    source.save_revision(user=people["moderator"]).publish(user=people["moderator"])
    assert api_state(admin_client, ro_page)["state"] == "outdated"
    assert ro_version(source).title == "Cooperare transfrontalieră"  # nothing overwritten
    recipients = {address for message in mail.outbox for address in message.to}
    assert "ro@example.org" in recipients
    assert "editor@example.org" not in recipients
    ro_mail = next(m for m in mail.outbox if "ro@example.org" in m.to)
    assert "Cooperare" not in ro_mail.subject and "Трансгранично сътрудничество" in ro_mail.subject

    # 6. sync the translation from the new source, translate the new string, publish
    admin_client.force_login(people["moderator"])
    translation_source = translation.source
    response = admin_client.post(
        reverse("wagtail_localize:update_translations", args=[translation_source.id]), {}
    )
    assert response.status_code == 302
    assert ts.page_state(ro_version(source)) == ts.IN_PROGRESS  # the new intro is not translated yet
    from cms.translation import translate_object

    translate_object(
        source,
        "ro",
        {**ro_texts, "Ново въведение към сътрудничеството.": "O nouă introducere la cooperare."},
        user=people["moderator"],
    )
    assert api_state(admin_client, ro_version(source))["state"] == "translated"
    assert ro_version(source).intro == "O nouă introducere la cooperare."


def test_a_page_created_in_romanian_is_synced_into_bg_and_en(client, people, settings):
    settings.REQUIRE_SECOND_REVIEWER = False  # its author publishes in the editor (a one-person site)
    ro_home = HomePage.objects.get(locale__language_code="ro")
    client.force_login(people["moderator"])
    data = nested_form_data(
        {
            "title": "Pagină scrisă în română",
            "slug": "ro-first",
            "intro": "",
            "body": streamfield([]),
            "social_text": "",
        }
    )
    data["action-publish"] = "publish"
    response = client.post(reverse("wagtailadmin_pages:add", args=("home", "standardpage", ro_home.id)), data)
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="ro-first", locale__language_code="ro")
    for code in ("bg", "en"):
        alias = page.get_translation(Locale.objects.get(language_code=code))
        assert alias.alias_of_id == page.id
    html = client.get("/bg/ro-first/").content.decode()
    assert '<div class="content" lang="ro">' in html


# --- permissions --------------------------------------------------------------


def test_translator_cannot_edit_or_publish_source_locale_pages(client, people):
    about_bg = StandardPage.objects.get(slug="about", locale__language_code="bg")
    client.force_login(people["translator_ro"])
    response = client.get(reverse("wagtailadmin_pages:edit", args=[about_bg.id]))
    assert response.status_code in (302, 403)
    title_before = about_bg.title
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[about_bg.id]),
        nested_form_data(
            {"title": "Hacked", "slug": "about", "body": streamfield([]), "action-publish": "publish"}
        ),
    )
    assert response.status_code in (302, 403)
    about_bg.refresh_from_db()
    assert about_bg.title == title_before
    assert not about_bg.has_unpublished_changes


def test_translator_cannot_browse_another_locales_tree(client, people):
    client.force_login(people["translator_ro"])
    bg = bg_home()
    response = client.get(reverse("wagtailadmin_explore", args=[bg.id]))
    assert response.status_code in (302, 403, 404)
    ro_home = HomePage.objects.get(locale__language_code="ro")
    assert client.get(reverse("wagtailadmin_explore", args=[ro_home.id])).status_code == 200


def test_translator_can_edit_own_locale_page(client, people):
    about_ro = StandardPage.objects.get(slug="about", locale__language_code="ro")
    client.force_login(people["translator_ro"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[about_ro.id])).status_code == 200
    client.force_login(people["translator_en"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=[about_ro.id])).status_code in (302, 403)


def test_nobody_approves_their_own_submission(client, people):
    author = people["editor_moderator"]
    page = create_bg_page_in_admin(client, author, publish=False)
    data = nested_form_data(
        {"title": page.title, "slug": page.slug, "intro": "", "body": streamfield([]), "social_text": ""}
    )
    data["action-submit"] = "submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), data)
    assert response.status_code == 302
    page = Page.objects.get(pk=page.pk)
    workflow_state = page.current_workflow_state
    assert workflow_state is not None and workflow_state.requested_by_id == author.id
    task_state = workflow_state.current_task_state

    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id])
    response = client.post(approve, {})
    assert response.status_code in (302, 403)
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"

    client.force_login(people["moderator"])
    response = client.post(approve, {})
    assert response.status_code in (200, 302)
    page.refresh_from_db()
    assert page.live


def test_workflow_is_assigned_to_every_home_page(demo_site):
    for home in HomePage.objects.all():
        assert home.get_workflow().name == "Review and publish"
