"""REQUIRE_SECOND_REVIEWER (default on): nobody — a moderator or an
administrator included — publishes content they last edited; another
moderator's approval in the workflow does (cms/second_reviewer.py)."""

import json

import pytest
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
