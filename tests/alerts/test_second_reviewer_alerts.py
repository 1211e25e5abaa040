"""REQUIRE_SECOND_REVIEWER for alerts (alerts/wagtail_hooks.py): an information
or warning alert is published after another moderator approves it, never by the
person who wrote it; an emergency alert is still published at once by Moderators
and Emergency publishers, and that publish is in the alert's history."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale, ModelLogEntry, WorkflowState

from alerts.models import EMERGENCY, INFORMATION, WARNING, Alert
from cms.roles import EDITORS, EMERGENCY_PUBLISHERS, MODERATORS
from tests.alerts.admin_forms import alert_form
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

REFUSAL = "Content you edited is published after another moderator approves it: submit it for review instead."
ADD = "/admin/snippets/alerts/alert/add/?locale=bg"


def edit_url(alert):
    return reverse("wagtailsnippets_alerts_alert:edit", args=[alert.pk])


def publish_button(html):
    """The footer's Publish button (its opening tag), or None when it is not rendered."""
    tag = r'(?:[^>"]|"[^"]*")*'  # attributes, a quoted value may hold ">" ("change->w-rules#resolve")
    match = re.search(rf'<button\b{tag}\bname="action-publish"{tag}>', html)
    return match.group(0) if match else None


def offers_publish(html):
    button = publish_button(html)
    return button is not None and not re.search(r"\shidden(\s|>|=)", button)


def live_alert(title, severity):
    alert = Alert(locale=Locale.objects.get(language_code="bg"), title=title, severity=severity)
    alert.save()
    alert.save_revision().publish()
    return Alert.objects.get(pk=alert.pk)


@pytest.fixture
def moderators(demo_site):
    return staff_member(MODERATORS, language="bg"), staff_member(MODERATORS, language="ro")


def test_no_publish_for_a_moderators_information_alert_but_for_an_emergency(client, moderators):
    client.force_login(moderators[0])
    html = client.get(ADD).content.decode()
    assert not offers_publish(html), "a new alert is information until the severity is changed"
    assert 'name="action-submit"' in html
    # shown by Wagtail's rules controller once the severity field says emergency
    assert "data-w-rules-target" in publish_button(html) and "emergency" in publish_button(html)
    for severity, offered in ((INFORMATION, False), (WARNING, False), (EMERGENCY, True)):
        html = client.get(edit_url(live_alert(f"Live {severity}", severity))).content.decode()
        assert offers_publish(html) is offered, severity
    # an editor may not publish alerts at all: no button, not even a hidden one
    client.force_login(staff_member(EDITORS))
    assert publish_button(client.get(ADD).content.decode()) is None


def test_a_forged_publish_of_ones_own_information_alert_is_refused_and_nothing_saved(client, moderators):
    client.force_login(moderators[0])
    response = client.post(ADD, alert_form("Fog", "action-publish", INFORMATION))
    assert response.status_code == 403
    with translation.override("bg"):
        assert translation.gettext(REFUSAL) in response.content.decode()
    assert not Alert.objects.filter(title="Fog").exists()

    alert = live_alert("Roadworks", WARNING)
    revisions = alert.revisions.count()
    # an emergency turned into a warning: the submitted severity decides
    for severity, existing in ((WARNING, alert), (WARNING, live_alert("Storm", EMERGENCY))):
        response = client.post(edit_url(existing), alert_form("Changed", "action-publish", severity))
        assert response.status_code == 403, severity
    alert.refresh_from_db()
    assert alert.title == "Roadworks" and alert.revisions.count() == revisions
    assert not Alert.objects.filter(title="Changed").exists()


def test_submitted_by_one_moderator_approved_and_published_by_another(client, moderators):
    author, other = moderators
    client.force_login(author)
    assert client.post(ADD, alert_form("Bridge works", "action-submit", INFORMATION)).status_code == 302
    alert = Alert.objects.get(title="Bridge works")
    assert not alert.live and alert.workflow_in_progress
    state = WorkflowState.objects.get(
        object_id=str(alert.pk), base_content_type__model="alert", status=WorkflowState.STATUS_IN_PROGRESS
    )
    approve = reverse(
        "wagtailsnippets_alerts_alert:workflow_action",
        args=[alert.pk, "approve", state.current_task_state.pk],
    )
    client.post(approve, {"comment": ""})  # the author cannot approve their own submission
    alert.refresh_from_db()
    assert not alert.live
    client.force_login(other)
    assert client.post(approve, {"comment": ""}).status_code == 302
    alert.refresh_from_db()
    assert alert.live and alert.live_revision.user == author


@pytest.mark.parametrize("group", [MODERATORS, EMERGENCY_PUBLISHERS])
def test_an_emergency_alert_is_published_at_once_and_in_its_history(client, demo_site, group):
    publisher = staff_member(group, language="bg")
    client.force_login(publisher)
    response = client.post(ADD, alert_form("Flood", "action-publish", EMERGENCY))
    assert response.status_code == 302, response.content.decode()[:2000]
    alert = Alert.objects.get(title="Flood")
    assert alert.live and alert.live_revision.user == publisher
    assert ModelLogEntry.objects.for_instance(alert).filter(action="wagtail.publish", user=publisher).exists()
    # a warning that grows into an emergency is published at once too
    warning = live_alert("High water", WARNING)
    response = client.post(edit_url(warning), alert_form("High water", "action-publish", EMERGENCY))
    assert response.status_code == 302
    warning.refresh_from_db()
    assert warning.severity == EMERGENCY and warning.live_revision.user == publisher


def test_with_the_setting_off_a_moderator_publishes_an_information_alert_at_once(
    client, moderators, settings
):
    settings.REQUIRE_SECOND_REVIEWER = False
    client.force_login(moderators[0])
    assert offers_publish(client.get(ADD).content.decode())
    response = client.post(ADD, alert_form("Fog", "action-publish", INFORMATION))
    assert response.status_code == 302
    assert Alert.objects.get(title="Fog").live
