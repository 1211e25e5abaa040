"""The admin and its emails speak the reader's language, names included.

Group, workflow and task names are stored in English (code and migrations look
them up by it) and shown translated: on the group and workflow listings, on a
page in moderation, in flash messages, in the history and in the moderation
emails, each email wholly in its recipient's language. "English" here is any
source string of the catalogues (tests/catalogues.py), not a hand-written list."""

import re

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from wagtail.models import Page, PageSubscription, Task, Workflow
from wagtail.test.utils.form_data import nested_form_data, streamfield
from wagtail.users.models import UserProfile

from cms.roles import EDITORS, MODERATORS, TASK_NAME, WORKFLOW_NAME, translators_group_name
from home.models import HomePage, StandardPage
from tests.catalogues import english_in_text
from tests.factories import make_draft, staff_member

pytestmark = pytest.mark.django_db

SHOWN = {
    "bg": {
        EDITORS: "Редактори",
        MODERATORS: "Модератори",
        translators_group_name("ro"): "Преводачи (румънски)",
        WORKFLOW_NAME: "Преглед и публикуване",
        TASK_NAME: "Одобрение от модератор",
    },
    "ro": {
        EDITORS: "Editori",
        MODERATORS: "Moderatori",
        translators_group_name("ro"): "Traducători (română)",
        WORKFLOW_NAME: "Revizuire și publicare",
        TASK_NAME: "Aprobare de către moderator",
    },
}
NAMES = {"Ivana": "bg", "Ioana": "ro"}


def visible_text(response, *, panels=False):
    """The text a reader can see (`panels`: and that of the side panels, hidden until opened)."""
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    hidden = soup(attrs={"hidden": True})
    if panels:
        hidden = [element for element in hidden if not element.find_parent(attrs={"data-side-panel": True})]
        hidden = [element for element in hidden if not element.has_attr("data-side-panel")]
    for element in [*soup(["script", "style", "template", "noscript"]), *hidden]:
        element.decompose()
    return " ".join(soup.get_text(" ").split())


@pytest.fixture
def people(demo_site):
    return {
        "editor_bg": staff_member(EDITORS, language="bg", first_name="Ivana"),
        "editor_ro": staff_member(EDITORS, language="ro", first_name="Ioana"),
        "moderator_bg": staff_member(MODERATORS, language="bg", first_name="Petar"),
        "moderator_ro": staff_member(MODERATORS, language="ro", first_name="Radu"),
    }


def submit(client, user, page):
    client.force_login(user)
    data = nested_form_data(
        {"title": page.title, "slug": page.slug, "intro": "", "body": streamfield([]), "social_text": ""}
    )
    data["action-submit"] = "submit"
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    # the flash message is in the submitter's language
    language = UserProfile.get_for_user(user).preferred_language
    flashed = messages_of(response)
    assert flashed and not english_in_text(" ".join(flashed), language), flashed
    return Page.objects.get(pk=page.pk)


def messages_of(response):
    """The flash messages' text (Wagtail's carry HTML: quotes escaped, buttons)."""
    texts = (BeautifulSoup(str(m), "html.parser").get_text(" ") for m in get_messages(response.wsgi_request))
    return [" ".join(text.split()) for text in texts]


def bg_draft(title):
    return make_draft(HomePage.objects.get(locale__language_code="bg"), title=title)


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_group_and_workflow_listings_show_the_names_in_the_viewers_language(client, demo_site, language):
    viewer = staff_member(language=language, first_name="Chief", is_superuser=True)
    client.force_login(viewer)
    groups = visible_text(client.get(reverse("wagtailusers_groups:index")))
    workflows = visible_text(client.get(reverse("wagtailadmin_workflows:index")))
    tasks = visible_text(client.get(reverse("wagtailadmin_workflows:task_index")))
    for stored in (EDITORS, MODERATORS, translators_group_name("ro")):
        assert SHOWN[language][stored] in groups
    assert SHOWN[language][WORKFLOW_NAME] in workflows and SHOWN[language][TASK_NAME] in workflows
    assert SHOWN[language][TASK_NAME] in tasks
    for text in (groups, workflows, tasks):
        assert not english_in_text(text, language)


def test_saving_the_group_form_unchanged_keeps_the_stored_name(client, demo_site):
    editors = Group.objects.get(name=EDITORS)
    client.force_login(staff_member(language="bg", first_name="Chief", is_superuser=True))
    url = reverse("wagtailusers_groups:edit", args=[editors.pk])
    form = BeautifulSoup(client.get(url).content.decode(), "html.parser").find(
        "form", attrs={"method": "POST"}
    )
    data = {}
    for field in form.find_all(["input", "textarea", "select"]):
        name = field.get("name")
        if not name or field.get("type") in ("submit", "button"):
            continue
        if field.get("type") in ("checkbox", "radio"):
            if field.has_attr("checked"):
                data.setdefault(name, []).append(field.get("value", "on"))
        elif field.name == "select":
            data[name] = [o.get("value") for o in field.find_all("option") if o.has_attr("selected")]
        else:
            data[name] = field.get("value", field.text if field.name == "textarea" else "")
    assert data["name"] == "Редактори"  # the form shows the name translated
    permissions_before = set(editors.permissions.values_list("pk", flat=True))

    response = client.post(url, data)

    assert response.status_code == 302, visible_text(response)[:3000]
    editors.refresh_from_db()
    assert Group.objects.filter(name=EDITORS).get() == editors  # stored name unchanged
    assert not Group.objects.filter(name="Редактори").exists()
    assert set(editors.permissions.values_list("pk", flat=True)) == permissions_before
    assert messages_of(response) == ["Групата 'Редактори' е обновена. Редакция"]


def test_a_renamed_group_keeps_its_new_name(client, demo_site):
    """Only the translation of the group's own name is taken back to English."""
    editors = Group.objects.get(name=EDITORS)
    editors.name = "Модератори"  # another stored name's translation, typed on purpose
    editors.save()
    assert Group.objects.filter(name="Модератори").exists() and Group.objects.filter(name=MODERATORS).exists()


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_a_page_in_moderation_shows_workflow_and_task_in_the_viewers_language(client, people, language):
    page = submit(client, people[f"editor_{language}"], bg_draft("Страница за преглед"))
    assert page.current_workflow_state.current_task_state.task.name == TASK_NAME

    client.force_login(people[f"moderator_{language}"])
    shown = SHOWN[language]
    for url, names in (
        (reverse("wagtailadmin_pages:edit", args=[page.id]), [shown[TASK_NAME]]),
        (reverse("wagtailadmin_explore", args=[page.get_parent().id]), []),
        (reverse("wagtailadmin_home"), []),
        (reverse("wagtailadmin_pages:history", args=[page.id]), [shown[TASK_NAME], shown[WORKFLOW_NAME]]),
        (reverse("wagtailadmin_reports:workflow"), [shown[WORKFLOW_NAME]]),
        (reverse("wagtailadmin_reports:workflow_tasks"), [shown[TASK_NAME]]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        text = visible_text(response, panels=True)
        for name in names:
            assert name in text, (url, name)
        assert TASK_NAME not in text and WORKFLOW_NAME not in text, url


def _mail_to(user):
    found = [m for m in mail.outbox if user.email in m.to]
    assert len(found) == 1, [(m.to, m.subject) for m in mail.outbox]
    return found[0]


def _assert_wholly_in(message, language, *expected):
    text = f"{message.subject}\n{message.body}"
    assert not english_in_text(text, language), (english_in_text(text, language), text)
    for part in expected:
        assert part in text, (part, text)


def test_moderation_emails_are_wholly_in_each_recipients_language(client, people):
    # Ioana (ro) submits: both moderators are told, each in their own language
    mail.outbox.clear()
    page = submit(client, people["editor_ro"], bg_draft("Наредба за пристанищата"))
    for language in ("bg", "ro"):
        moderator = people[f"moderator_{language}"]
        message = _mail_to(moderator)
        _assert_wholly_in(message, language, SHOWN[language][TASK_NAME], "Наредба за пристанищата")
        assert f"/admin/pages/{page.id}/edit/" in message.body

    # Petar (bg) approves: Ioana is told in Romanian
    mail.outbox.clear()
    task_state = page.current_workflow_state.current_task_state
    client.force_login(people["moderator_bg"])
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id]), {}
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    _assert_wholly_in(_mail_to(people["editor_ro"]), "ro", SHOWN["ro"][WORKFLOW_NAME])

    # Ivana (bg) submits another; Radu (ro) requests changes: Ivana is told in Bulgarian
    other = submit(client, people["editor_bg"], bg_draft("Правила за кея"))
    mail.outbox.clear()
    task_state = other.current_workflow_state.current_task_state
    client.force_login(people["moderator_ro"])
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[other.id, "reject", task_state.id]),
        {"comment": "Моля, допълнете текста."},
    )
    assert response.status_code in (200, 302)
    task_state.refresh_from_db()
    assert task_state.status == "rejected"
    _assert_wholly_in(_mail_to(people["editor_bg"]), "bg", SHOWN["bg"][TASK_NAME], "Моля, допълнете текста.")


def test_comment_notifications_are_in_each_subscribers_language(client, people):
    page = bg_draft("Страница с коментари")
    for key in ("moderator_bg", "moderator_ro"):
        PageSubscription.objects.create(page=page, user=people[key], comment_notifications=True)
    mail.outbox.clear()
    client.force_login(people["editor_bg"])
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "intro": "",
            "body": streamfield([]),
            "social_text": "",
            "comments": {
                "TOTAL_FORMS": 1,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
                "0": {
                    "id": "",
                    "contentpath": "title",
                    "text": "Заглавието е твърде дълго.",
                    "position": "",
                    "resolved": "",
                    "DELETE": "",
                    "replies": {
                        "TOTAL_FORMS": 0,
                        "INITIAL_FORMS": 0,
                        "MIN_NUM_FORMS": 0,
                        "MAX_NUM_FORMS": 1000,
                    },
                },
            },
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.id]), data)
    assert response.status_code == 302, visible_text(response)[:2000]
    for language in ("bg", "ro"):
        _assert_wholly_in(_mail_to(people[f"moderator_{language}"]), language, "Заглавието е твърде дълго.")


def test_workflow_and_task_rows_keep_their_english_names(demo_site):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = Task.objects.get(name=TASK_NAME).specific
    assert workflow.name == WORKFLOW_NAME and task.name == TASK_NAME
    workflow.save()
    task.save()
    assert (
        Workflow.objects.filter(name=WORKFLOW_NAME).exists() and Task.objects.filter(name=TASK_NAME).exists()
    )


def test_translators_are_told_of_an_updated_source_in_their_own_language(demo_site):
    """Our own email: in the recipient's admin language, else the translation's."""
    chosen = staff_member(translators_group_name("ro"), language="bg", first_name="Mila")
    unset = staff_member(translators_group_name("ro"), email="unset@example.org")
    source = StandardPage.objects.live().get(locale__language_code="bg", slug="about")
    mail.outbox.clear()
    source.intro = f"{source.intro} Обновено."  # translators are told only of changed content
    source.save_revision().publish()
    in_bg, in_ro = _mail_to(chosen), _mail_to(unset)
    _assert_wholly_in(in_bg, "bg", "румънски")
    _assert_wholly_in(in_ro, "ro", "română")
    assert in_bg.subject != in_ro.subject


# --- English no catalogue could translate (cms/admin_l10n.py and template overrides) ----


@pytest.mark.parametrize(("language", "password"), [("bg", "Парола"), ("ro", "Parolă")])
def test_the_login_form_labels_the_password_field(client, demo_site, language, password):
    response = client.get(reverse("wagtailadmin_login"), HTTP_ACCEPT_LANGUAGE=language)
    label = BeautifulSoup(response.content.decode(), "html.parser").find(
        "label", attrs={"for": "id_password"}
    )
    assert " ".join(label.get_text(" ").split()) == f"{password} *"
    assert not english_in_text(visible_text(response), language)


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_headers_listings_and_counts_have_no_hard_coded_english(client, demo_site, language):
    client.force_login(staff_member(language=language, first_name="Chief", is_superuser=True))
    groups = BeautifulSoup(client.get(reverse("wagtailusers_groups:index")).content.decode(), "html.parser")
    assert (
        groups.find("nav", id="w-slim-header-buttons")["aria-label"]
        == {"bg": "Действия", "ro": "Acțiuni"}[language]
    )

    search = visible_text(client.get(reverse("wagtailadmin_pages:search") + "?q=Русе"))
    assert re.search(r"1-\d+ (от|din) \d+ (страници|страница|pagini|pagină)", search), search
    assert "None" not in search

    locales = visible_text(client.get(reverse("wagtaillocales:index")))
    assert {"bg": "страници", "ro": "pagini"}[language] in locales
    assert {"bg": "други елемента", "ro": "alte elemente"}[language] in locales
    assert " pages" not in locales and "others" not in locales

    sites = visible_text(client.get(reverse("wagtailsites:index")))
    for label in {
        "bg": ("Порт", "Име на сайта", "Начална страница"),
        "ro": ("Port", "Nume site", "Pagină rădăcină"),
    }[language]:
        assert label in sites, sites
    # languages are named in their own language (settings.LANGUAGES), "English" included
    endonyms = re.compile("|".join(name for _code, name in settings.LANGUAGES))
    for text in (locales, sites):
        assert not english_in_text(endonyms.sub(" ", text), language)


@pytest.mark.parametrize(
    ("language", "add_group"), [("bg", "Може да добавя група"), ("ro", "Poate adăuga grup")]
)
def test_group_permissions_are_named_in_the_viewers_language(client, demo_site, language, add_group):
    """Django stores permission names in English; the group form labels its
    checkboxes with them (for screen readers) and names Locale and Translation."""
    editors = Group.objects.get(name=EDITORS)
    client.force_login(staff_member(language=language, first_name="Chief", is_superuser=True))
    response = client.get(reverse("wagtailusers_groups:edit", args=[editors.pk]))
    soup = BeautifulSoup(response.content.decode(), "html.parser")
    labels = [" ".join(label.get_text(" ").split()) for label in soup.select("label.w-sr-only")]
    assert add_group in labels
    assert not [label for label in labels if label.startswith("Can ")], labels
    text = visible_text(response)
    assert {"bg": "Превод", "ro": "Traducere"}[language] in text
    assert not english_in_text(" ".join([text, *labels]), language)
    assert Permission.objects.get(codename="add_group").name == "Can add group"  # stored as Django made it


@pytest.mark.parametrize(("language", "expected"), [("bg", "1 Декември 2026"), ("ro", "1 Decembrie 2026")])
def test_translation_comments_date_in_the_readers_language(demo_site, language, expected):
    """wagtail-localize formats it with strftime (English month names); Django's
    month names as the rest of the admin writes them."""
    from django.utils import timezone, translation
    from wagtail_localize.models import StringTranslation

    string = StringTranslation(translation_type=StringTranslation.TRANSLATION_TYPE_MANUAL)
    string.updated_at = timezone.make_aware(timezone.datetime(2026, 12, 1, 12, 0))
    with translation.override(language):
        comment = string.get_comment()
    assert expected in comment
    assert not english_in_text(comment, language)
