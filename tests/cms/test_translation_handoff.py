"""A translator hands a finished page translation over to review: the admin
views the translation editor uses, Wagtail's workflow and its emails."""

from urllib.parse import urlencode

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, Page, WorkflowState
from wagtail_localize.models import StringSegment, Translation

from cms.roles import EDITORS, MODERATORS, TASK_NAME, translators_group_name
from home.models import HomePage, StandardPage
from tests.catalogues import email_lines, untranslated_texts
from tests.factories import StandardPageFactory, publish, staff_member

pytestmark = pytest.mark.django_db

RO_TEXTS = {
    "Трансгранична среща": "Întâlnire transfrontalieră",
    "Среща на общините от двата бряга.": "Întâlnirea municipalităților de pe ambele maluri.",
}


def ro_task_name():
    """The review task's name as the Romanian catalogue gives it."""
    with translation.override("ro"):
        name = translation.gettext(TASK_NAME)
    assert name != TASK_NAME, "the catalogue has no Romanian name for the task"
    return name


@pytest.fixture
def people(demo_site):
    return {
        "translator_ro": staff_member(translators_group_name("ro"), language="ro", email="ro@example.org"),
        "other_translator_ro": staff_member(
            translators_group_name("ro"), language="ro", email="ro2@example.org"
        ),
        "translator_en": staff_member(translators_group_name("en"), language="en", email="en@example.org"),
        "moderator": staff_member(MODERATORS, language="bg", email="moderator@example.org"),
        "moderator_ro": staff_member(MODERATORS, language="ro", email="moderator-ro@example.org"),
        "editor": staff_member(EDITORS, language="bg", email="editor@example.org"),
    }


@pytest.fixture
def source():
    bg_home = HomePage.objects.get(locale__language_code="bg")
    return publish(
        StandardPageFactory(
            parent=bg_home,
            title="Трансгранична среща",
            slug="meeting",
            intro="Среща на общините от двата бряга.",
        )
    )


def ro_page(page):
    return page.get_translation(Locale.objects.get(language_code="ro")).specific


def start_translation(client, user, page):
    """What "Translate this page" on the ro alias does."""
    client.force_login(user)
    ro = Locale.objects.get(language_code="ro")
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[page.id]), {"locales": [ro.id]}
    )
    assert response.status_code == 302
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=ro)


def translate_segments(client, translation, texts):
    """What the translation editor sends for each segment the translator saves."""
    for segment in StringSegment.objects.filter(source=translation.source).select_related("string"):
        url = reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id])
        response = client.put(
            url,
            urlencode({"value": texts[segment.string.data]}),
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code in (200, 201), response.content


def submit(client, translation):
    return client.post(reverse("cms_submit_translation_for_review", args=[translation.id]))


def test_translator_submits_moderator_approves_the_ro_page_becomes_romanian(client, people, source):
    translator, moderator = people["translator_ro"], people["moderator"]
    alias = ro_page(source)
    assert alias.alias_of_id == source.id
    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[alias.id])).content.decode()
    assert (
        reverse("wagtail_localize:submit_page_translation", args=[source.id]) in html
    )  # "Translate this page"

    translation = start_translation(client, translator, source)
    page = ro_page(source)
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.id])
    html = client.get(edit_url).content.decode()
    assert 'id="translation-handoff"' in html and 'id="submit-translation-for-review"' in html
    assert "Trimite spre revizuire" in html  # the translator's admin is Romanian
    assert 'id="approve-translation"' not in html

    # nothing translated yet: refused with a Romanian message, nothing started or saved
    revisions = page.revisions.count()
    response = submit(client, translation)
    assert response.status_code == 409
    assert "2 segmente nu sunt încă traduse." in response.content.decode()
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 0
    assert page.revisions.count() == revisions

    translate_segments(client, translation, {**RO_TEXTS, "meeting": "intalnire"})
    mail.outbox.clear()
    response = submit(client, translation)
    assert response.status_code == 302 and response["Location"] == edit_url
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.requested_by_id == translator.id
    assert state.current_task_state.revision.as_object().title == "Întâlnire transfrontalieră"

    # the moderators are told, each in their admin language (task name included)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert {"moderator@example.org", "moderator-ro@example.org"} <= set(by_recipient)
    assert "ro@example.org" not in by_recipient
    bg_mail, ro_mail = by_recipient["moderator@example.org"], by_recipient["moderator-ro@example.org"]
    assert "„Одобрение от модератор“" in bg_mail.subject or "Одобрение от модератор" in bg_mail.subject
    assert "Одобрение от модератор" in bg_mail.body and "Moderator approval" not in bg_mail.body
    assert ro_task_name() in ro_mail.body and TASK_NAME not in ro_mail.body
    assert "Întâlnire transfrontalieră" in ro_mail.subject
    assert edit_url in ro_mail.body
    assert (
        untranslated_texts(email_lines(bg_mail), "bg") == []
        and untranslated_texts(email_lines(ro_mail), "ro") == []
    )

    # visitors still read the Bulgarian source on /ro/ until it is published
    client.logout()
    assert "Среща на общините от двата бряга." in client.get("/ro/meeting/").content.decode()

    # the translator sees it is in review; the moderator sees it on the dashboard and in the editor
    client.force_login(translator)
    html = client.get(edit_url).content.decode()
    assert 'data-handoff-state="in_review"' in html and ro_task_name() in html
    client.force_login(moderator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Întâlnire transfrontalieră" in dashboard
    html = client.get(edit_url).content.decode()
    assert 'id="approve-translation"' in html and 'id="request-translation-changes"' in html
    task_state = state.current_task_state

    mail.outbox.clear()
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "approve", task_state.id]),
        {"next": edit_url},
    )
    assert response.status_code == 302
    page = StandardPage.objects.get(pk=page.pk)
    assert page.live and page.live_revision_id == task_state.revision_id
    assert page.title == "Întâlnire transfrontalieră"
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    approval = [m for m in mail.outbox if m.to == ["ro@example.org"]]
    assert len(approval) == 1 and "Revizuire și publicare" in approval[0].body
    assert (
        "has been approved" not in approval[0].body
        and untranslated_texts(email_lines(approval[0]), "ro") == []
    )

    client.logout()
    html = client.get(page.url).content.decode()
    assert "Întâlnirea municipalităților de pe ambele maluri." in html
    assert "nu a fost încă tradusă" not in html


def test_changes_requested_then_resubmitted(client, people, source):
    translator, moderator = people["translator_ro"], people["moderator"]
    translation = start_translation(client, translator, source)
    translate_segments(client, translation, {**RO_TEXTS, "meeting": "intalnire"})
    assert submit(client, translation).status_code == 302
    page = ro_page(source)
    state = page.current_workflow_state

    client.force_login(moderator)
    mail.outbox.clear()
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=[page.id, "reject", state.current_task_state.id]),
        {"comment": "Titlul este prea lung."},
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert [m.to for m in mail.outbox] == [["ro@example.org"]]
    assert untranslated_texts(email_lines(mail.outbox[0]), "ro") == []

    client.force_login(translator)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.id])).content.decode()
    assert 'data-handoff-state="needs_changes"' in html and "Retrimite spre revizuire" in html
    assert submit(client, translation).status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS  # the same workflow, resumed
    assert WorkflowState.objects.filter(object_id=str(page.pk)).count() == 1


def test_only_the_submitter_or_a_publisher_resubmits_while_in_review(client, people, source):
    translation = start_translation(client, people["translator_ro"], source)
    translate_segments(client, translation, {**RO_TEXTS, "meeting": "intalnire"})
    assert submit(client, translation).status_code == 302
    state = ro_page(source).current_workflow_state

    client.force_login(people["other_translator_ro"])
    response = submit(client, translation)
    assert response.status_code == 409
    assert "Această traducere așteaptă deja revizuirea." in response.content.decode()
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS and state.requested_by == people["translator_ro"]

    client.force_login(people["translator_ro"])  # the submitter may send the newer revision
    assert submit(client, translation).status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_CANCELLED
    assert ro_page(source).current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_a_translator_of_another_language_cannot_submit(client, people, source):
    translation = start_translation(client, people["translator_ro"], source)
    translate_segments(client, translation, {**RO_TEXTS, "meeting": "intalnire"})
    client.force_login(people["translator_en"])
    response = submit(client, translation)
    assert response.status_code == 403
    assert "You may not submit this translation for review." in response.content.decode()  # en admin
    assert ro_page(source).current_workflow_state is None


def test_submit_is_post_only_and_needs_a_translation(client, people, source):
    translation = start_translation(client, people["translator_ro"], source)
    assert client.get(reverse("cms_submit_translation_for_review", args=[translation.id])).status_code == 405
    assert client.post(reverse("cms_submit_translation_for_review", args=[999999])).status_code == 404
    client.logout()
    response = submit(client, translation)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_editor_with_the_handoff_bar_is_cheap(client, people, source, django_assert_max_num_queries):
    translation = start_translation(client, people["translator_ro"], source)
    edit_url = reverse("wagtailadmin_pages:edit", args=[ro_page(source).id])
    client.get(edit_url)
    with django_assert_max_num_queries(90):
        response = client.get(edit_url)
    assert response.status_code == 200 and translation.id


def test_translators_sync_but_never_publish_from_update_translations(client, people, source):
    translation = start_translation(client, people["translator_ro"], source)
    url = reverse("wagtail_localize:update_translations", args=[translation.source.id])
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="publish_translations"' not in response.content.decode()
    response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == 302
    page = Page.objects.get(pk=ro_page(source).pk)
    assert page.live_revision_id is None  # never published by the sync

    client.force_login(people["moderator"])  # who may publish keeps the option
    assert 'name="publish_translations"' in client.get(url).content.decode()


def test_the_editors_own_scripts_are_on_the_translation_editor_only(client, people, source):
    start_translation(client, people["translator_ro"], source)
    with translation.override("ro"):
        glossary_link = f'"{reverse("cms_translation_glossary")}"; link.target'
        glossary_text = translation.gettext("Glossary of fixed terms")
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[ro_page(source).id])).content.decode()
    assert 'class="js-translation-editor"' in editor
    assert glossary_link in editor and glossary_text in editor and "More actions" in editor

    client.force_login(people["moderator"])  # other admin screens, the page editor included
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_pages:edit", args=[source.id])):
        response = client.get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert glossary_link not in html and ".js-translation-editor" not in html, url
