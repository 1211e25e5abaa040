"""The "Review and publish" workflow as its users meet it: its name on the
submit button and in the moderators' email in each reader's language
(cms/translated_names.py), and the submitter of a page offered no review of it
anywhere (cms.models.PeerReviewTask)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from wagtail.models import WorkflowState

from cms.models import PeerReviewTask
from cms.roles import EDITORS, MODERATORS, TASK_NAME, WORKFLOW_NAME
from home.models import HomePage, StandardPage
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

RO_WORKFLOW = "Revizuire și publicare"


def submitted(author, title="Нова страница"):
    home = HomePage.objects.get(locale__language_code="bg")
    page = home.add_child(instance=StandardPage(title=title, slug="review-me", live=False, owner=author))
    page.save_revision(user=author)
    page.get_workflow().start(page, author)
    return StandardPage.objects.get(pk=page.pk)


def test_the_submit_button_and_the_moderators_email_use_the_readers_language(client, demo_site):
    author = staff_member(EDITORS, language="ro", email="author@example.org")
    moderator = staff_member(MODERATORS, language="bg", email="moderator@example.org")
    page = submitted(author)
    client.force_login(author)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert RO_WORKFLOW in html and WORKFLOW_NAME not in html

    mail.outbox.clear()
    page.save_revision(user=author)
    WorkflowState.objects.get(object_id=str(page.pk)).cancel(user=author)
    page.get_workflow().start(page, author)
    to_moderator = [m for m in mail.outbox if moderator.email in m.to]
    assert to_moderator, [m.to for m in mail.outbox]
    # Wagtail's notification names the task (its text is Wagtail's own catalogue)
    assert "Одобрение от модератор" in to_moderator[0].subject
    assert TASK_NAME not in to_moderator[0].subject + to_moderator[0].body


def test_the_submitter_is_offered_no_review_of_their_own_page(client, demo_site):
    author = staff_member(EDITORS, MODERATORS, language="ro")
    other = staff_member(MODERATORS, language="ro")
    page = submitted(author)
    task = PeerReviewTask.objects.get(name=TASK_NAME)
    assert task.get_actions(page, author) == []
    assert [name for name, _, _ in task.get_actions(page, other)] == ["reject", "approve", "approve"]
    assert not task.get_task_states_user_can_moderate(author).filter(workflow_state__object_id=str(page.pk))
    assert task.get_task_states_user_can_moderate(other).filter(workflow_state__object_id=str(page.pk))

    # neither the dashboard nor the edit page offers it to the author …
    client.force_login(author)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    assert approve_url not in dashboard
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert 'data-workflow-action-name="approve"' not in edit
    # … nor does the action's URL, even with the form's data
    response = client.post(approve_url, {"comment": ""})
    assert response.status_code in (302, 403)
    task_state.refresh_from_db()
    assert task_state.status == "in_progress"

    client.force_login(other)
    assert approve_url in client.get(reverse("wagtailadmin_home")).content.decode()


def test_on_action_refuses_the_submitter_in_their_language(demo_site):
    from django.core.exceptions import PermissionDenied

    author = staff_member(MODERATORS, language="bg")
    page = submitted(author)
    task_state = WorkflowState.objects.get(object_id=str(page.pk)).current_task_state.specific
    with translation.override("bg"), pytest.raises(PermissionDenied) as refused:
        task_state.task.specific.on_action(task_state, author, "approve")
    assert (
        str(refused.value) == "Подаденото за преглед не може да бъде прегледано от човека, който го е подал."
    )


def test_the_reviewers_own_changes_cost_the_dashboard_no_query_per_item(client, demo_site, settings):
    """The review panel asks the task, per item, which actions the moderator has;
    whether they wrote the latest revision (REQUIRE_SECOND_REVIEWER) is read from the
    revision the panel already loaded: with the rule on, the panel costs what it
    costs with it off, for few items and for more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    author = staff_member(EDITORS, language="bg")
    moderator = staff_member(MODERATORS, language="bg")
    client.force_login(moderator)
    home = HomePage.objects.get(locale__language_code="bg")

    def submit(n):
        page = home.add_child(instance=StandardPage(title=f"За преглед {n}", slug=f"queue-{n}", live=False))
        page.save_revision(user=author)
        page.get_workflow().start(page, author)

    def dashboard_queries(rule):
        settings.REQUIRE_SECOND_REVIEWER = rule
        client.get(reverse("wagtailadmin_home"))  # warm
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("wagtailadmin_home")).content.decode()
        return len(queries), html

    for count in (2, 6):
        for n in range(count):
            if not StandardPage.objects.filter(slug=f"queue-{n}").exists():
                submit(n)
        with_rule, html = dashboard_queries(True)
        assert f"За преглед {count - 1}" in html
        without_rule, _html = dashboard_queries(False)
        assert with_rule == without_rule, (count, with_rule, without_rule)
