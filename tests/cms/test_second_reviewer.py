"""REQUIRE_SECOND_REVIEWER (default on): nobody — a moderator or an
administrator included — publishes content they last edited; another
moderator's approval in the workflow does (cms/second_reviewer.py)."""

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from wagtail.api.v3.auth import APIToken
from wagtail.models import WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.roles import MODERATORS
from home.models import HomePage, StandardPage
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

REFUSAL = "Content you edited is published after another moderator approves it: submit it for review instead."


def bg_home():
    return HomePage.objects.get(locale__language_code="bg")


def a_page(title="Четири очи"):
    page = bg_home().add_child(instance=StandardPage(title=title, slug="four-eyes"))
    page.save_revision().publish()
    return StandardPage.objects.get(pk=page.pk)


def form(page, title, **actions):
    data = nested_form_data(
        {
            "title": title,
            "slug": page.slug,
            "intro": "",
            "body": streamfield([("paragraph", rich_text("<p>Текст.</p>"))]),
            "social_text": "",
        }
    )
    data["go_live_at"] = data["expire_at"] = ""
    data.update(actions)
    return data


@pytest.fixture
def moderators(demo_site):
    return staff_member(MODERATORS, language="bg"), staff_member(MODERATORS, language="ro")


def test_the_editor_offers_no_publish_and_refuses_a_forged_one(client, moderators, admin_user):
    page = a_page()
    for user in (moderators[0], admin_user):
        client.force_login(user)
        edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
        html = client.get(edit).content.decode()
        assert 'name="action-publish"' not in html, user
        assert 'name="action-submit"' in html, user
        response = client.post(edit, form(page, "Публикувано от мен", **{"action-publish": "1"}))
        assert response.status_code == 403
        with translation.override("bg"):
            assert translation.gettext(REFUSAL) in response.content.decode()
    page.refresh_from_db()
    assert page.title == "Четири очи", "the live page changed"


def test_with_the_setting_off_the_editor_publishes_as_before(client, moderators, settings):
    settings.REQUIRE_SECOND_REVIEWER = False
    page = a_page()
    client.force_login(moderators[0])
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    assert 'name="action-publish"' in client.get(edit).content.decode()
    response = client.post(edit, form(page, "Сам публикувах", **{"action-publish": "1"}))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Сам публикувах"


def test_the_own_latest_revision_cannot_be_published_but_another_moderator_can(client, moderators):
    author, other = moderators
    page = a_page()
    page.title = "Чернова на модератора"
    page.save_revision(user=author)
    assert not page.permissions_for_user(author).can_publish()
    assert page.permissions_for_user(other).can_publish()

    # the page listing's bulk Publish asks the same question
    bulk = (
        reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        + f"?id={page.pk}&next=/admin/"
    )
    client.force_login(author)
    client.post(bulk)
    page.refresh_from_db()
    assert page.title == "Четири очи"
    client.force_login(other)
    client.post(bulk)
    page.refresh_from_db()
    assert page.title == "Чернова на модератора"


def test_api_v3_publish_of_ones_own_edit_is_refused(client, moderators):
    author, other = moderators
    page = a_page()
    page.title = "През API"
    page.save_revision(user=author)
    _token, secret = APIToken.create_token(user=author, name="own")
    url = f"/api/v3/pages/{page.pk}/actions/publish/"
    response = client.post(
        url, data=json.dumps({}), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 403, response.content
    page.refresh_from_db()
    assert page.title == "Четири очи"
    _token, secret = APIToken.create_token(user=other, name="other")
    response = client.post(
        url, data=json.dumps({}), content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert response.status_code == 200, response.content
    page.refresh_from_db()
    assert page.title == "През API"


def test_a_new_page_cannot_be_published_by_its_creator(client, moderators):
    client.force_login(moderators[0])
    add = reverse("wagtailadmin_pages:add", args=("home", "standardpage", bg_home().pk))
    assert 'name="action-publish"' not in client.get(add).content.decode()
    data = form(StandardPage(slug="new-four-eyes"), "Нова", **{"action-publish": "1"})
    assert client.post(add, data).status_code == 403
    assert not StandardPage.objects.filter(slug="new-four-eyes").exists()


def test_another_moderators_approval_publishes(moderators):
    author, other = moderators
    page = a_page()
    page.title = "Одобрено от друг"
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    state.current_task_state.task.specific.on_action(state.current_task_state, other, "approve")
    page.refresh_from_db()
    assert page.title == "Одобрено от друг" and page.live


def test_a_reviewer_who_changes_the_content_does_not_approve_it(client, moderators):
    """Wagtail's edit view saves a reviewer's changes and then approves: that would
    publish the reviewer's own work. The changes stay a draft under review; the
    reviewer may still reject, and a third moderator approves."""
    reviewer, author = moderators  # the reviewer edits in the Bulgarian admin
    third = staff_member(MODERATORS, language="bg")
    page = a_page()
    page.title = "Подадено от автора"
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    state = WorkflowState.objects.get(object_id=str(page.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    task = state.current_task_state.task.specific
    assert [name for name, _, _ in task.get_actions(page, reviewer)] == ["reject", "approve", "approve"]

    client.force_login(reviewer)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form(
        page,
        "Поправено от рецензента",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    with translation.override("bg"):
        response = client.post(edit, data)
    assert response.status_code == 403
    assert "Вие променихте това съдържание по време на прегледа му" in response.content.decode()
    page = StandardPage.objects.get(pk=page.pk)
    assert page.title == "Четири очи"  # nothing saved, nothing published
    assert page.get_latest_revision().user == author
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # a change the reviewer's autosave already stored: the task offers no approval
    page.title = "Поправено от рецензента"
    page.save_revision(user=reviewer)
    assert [name for name, _, _ in task.get_actions(page, reviewer)] == ["reject"]
    with translation.override("bg"), pytest.raises(PermissionDenied) as refused:
        task.on_action(state.current_task_state, reviewer, "approve")
    assert "Вие променихте това съдържание" in str(refused.value)
    assert 'data-workflow-action-name="approve"' not in client.get(edit).content.decode()
    # an editor page loaded before the autosave still has the button: told why, not "no permission"
    unchanged = form(
        page,
        "Поправено от рецензента",
        **{"action-workflow-action": "true", "workflow-action-name": "approve"},
    )
    with translation.override("bg"):
        response = client.post(edit, unchanged)
    assert response.status_code == 403
    assert "Вие променихте това съдържание по време на прегледа му" in response.content.decode()
    assert StandardPage.objects.get(pk=page.pk).title == "Четири очи"

    task.on_action(state.current_task_state, third, "approve")
    page = StandardPage.objects.get(pk=page.pk)
    assert page.live and page.title == "Поправено от рецензента"


def test_a_reviewer_who_changes_nothing_approves_from_the_editor(client, moderators):
    reviewer, author = moderators
    page = a_page()
    page.title = "Без промени"
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    client.force_login(reviewer)
    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = nested_form_data(
        {"title": "Без промени", "slug": page.slug, "intro": "", "body": streamfield([]), "social_text": ""}
    )
    data.update({"go_live_at": "", "expire_at": "", "action-workflow-action": "true"})
    data["workflow-action-name"] = "approve"
    response = client.post(edit, data)
    assert response.status_code == 302, response.content.decode()[:500]
    page = StandardPage.objects.get(pk=page.pk)
    assert page.live and page.title == "Без промени"
