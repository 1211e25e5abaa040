"""Alert banners on PostgreSQL: which alerts a page shows (time window, scope,
language, severity order), dismissing for the session (no cookie before),
emergencies that cannot be dismissed, the public API, the review workflow and
the Emergency publishers, and the page cache's time boundaries."""

import datetime
import re
import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.utils import timezone
from wagtail.models import Locale, Page, WorkflowContentType
from wagtail.signals import published

from alerts.models import EMERGENCY, INFORMATION, WARNING, Alert
from alerts.queries import live_alerts
from cms import roles
from cms.caching.clock import content_changed_at, content_clock
from cms.translation import translate_object
from tests.alerts.admin_forms import alert_form

pytestmark = pytest.mark.django_db

ORIGIN = "http://testserver"


def make_alert(
    title, severity=INFORMATION, *, language="bg", start=None, end=None, section=None, publish=True
):
    now = timezone.now()
    alert = Alert(
        locale=Locale.objects.get(language_code=language),
        title=title,
        severity=severity,
        text=f"{title} text",
        start_at=start or now - datetime.timedelta(hours=1),
        end_at=end,
        section=section,
        live=publish,  # a draft, as the editor's "Save draft" leaves it
    )
    alert.full_clean()
    alert.save()
    if publish:
        alert.save_revision().publish()
    return alert


def banner(html):
    """[(severity, title)] of the alerts at the top of the page, in order."""
    return re.findall(
        r'data-severity="(\w+)".*?<span class="alert__severity">[^<]*</span> ([^<]+)</strong>', html, re.S
    )


@pytest.fixture
def no_demo_alerts(demo_site):
    Alert.objects.update(live=False)


def test_live_alerts_show_on_every_page_most_severe_first(client, demo_site, no_demo_alerts):
    make_alert("Bridge works", INFORMATION)
    make_alert("Storm", EMERGENCY)
    make_alert("Ferry closed", WARNING)
    for path in ("/bg/", "/bg/about/", "/bg/search/?q=x"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert banner(response.content.decode()) == [
            ("emergency", "Storm"),
            ("warning", "Ferry closed"),
            ("information", "Bridge works"),
        ], path


def test_alerts_outside_their_window_or_unpublished_are_not_shown(client, demo_site, no_demo_alerts):
    now = timezone.now()
    make_alert("Ended", end=now - datetime.timedelta(minutes=1), start=now - datetime.timedelta(days=1))
    make_alert("Tomorrow", start=now + datetime.timedelta(days=1))
    make_alert("Draft", publish=False)
    make_alert("Shown", end=now + datetime.timedelta(hours=1))
    assert banner(client.get("/bg/").content.decode()) == [("information", "Shown")]


def test_an_alert_expires_by_the_clock_alone(client, demo_site, no_demo_alerts):
    now = timezone.now()
    alert = make_alert("Short", end=now + datetime.timedelta(minutes=5))
    assert list(live_alerts(now)) == [alert]
    assert list(live_alerts(now + datetime.timedelta(minutes=6))) == []
    # and the page cache is told when: no cached answer outlives the end, and
    # once it has passed the content clock counts it as a change
    changed_at, next_boundary = content_clock(now)
    assert next_boundary is not None and next_boundary <= alert.end_at
    assert content_clock(alert.end_at + datetime.timedelta(microseconds=1))[0] >= alert.end_at
    assert content_clock(alert.start_at + datetime.timedelta(microseconds=1))[0] >= alert.start_at


def test_a_section_alert_shows_on_that_section_in_every_language_only(client, demo_site, no_demo_alerts):
    about_bg = Page.objects.get(slug="about", locale__language_code="bg")
    make_alert("About only", WARNING, section=about_bg)
    assert banner(client.get("/bg/about/").content.decode()) == [("warning", "About only")]
    assert banner(client.get("/bg/").content.decode()) == []
    assert banner(client.get("/bg/network/").content.decode()) == []
    # the same section in English (its translation) shows the alert too
    about_en = Page.objects.get(translation_key=about_bg.translation_key, locale__language_code="en")
    assert banner(client.get(about_en.url).content.decode()) == [("warning", "About only")]


def test_alerts_show_in_the_visitors_language_else_the_original(client, demo_site, no_demo_alerts):
    alert = make_alert("Затворен мост", WARNING)
    # not translated yet: the Bulgarian text, marked as Bulgarian
    html = client.get("/en/").content.decode()
    assert banner(html) == [("warning", "Затворен мост")]
    assert 'lang="bg"' in html.split('class="alerts"')[1].split("</section>")[0]
    translate_object(
        alert, "en", {"Затворен мост": "Bridge closed", "Затворен мост text": "Bridge closed text"}
    )
    assert banner(client.get("/en/").content.decode()) == [("warning", "Bridge closed")]
    assert banner(client.get("/bg/").content.decode()) == [("warning", "Затворен мост")]


def test_no_cookie_until_the_visitor_dismisses_then_hidden_for_the_session(client, demo_site, no_demo_alerts):
    alert = make_alert("Roadworks", INFORMATION)
    response = client.get("/bg/about/")
    assert banner(response.content.decode()) == [("information", "Roadworks")]
    assert not response.cookies, "a visitor who never dismisses gets no cookie"

    dismissed = client.post(
        f"/bg/alerts/{alert.translation_key}/dismiss/", {"next": "/bg/about/"}, HTTP_ORIGIN=ORIGIN
    )
    assert dismissed.status_code == 303 and dismissed["Location"] == "/bg/about/"
    assert "sessionid" in dismissed.cookies
    assert banner(client.get("/bg/about/").content.decode()) == []
    assert banner(client.get("/en/").content.decode()) == [], "dismissed in every language"


def test_dismiss_refuses_other_origins_unknown_alerts_and_unsafe_next(client, demo_site, no_demo_alerts):
    alert = make_alert("Roadworks", INFORMATION)
    url = f"/bg/alerts/{alert.translation_key}/dismiss/"
    refused = client.post(url, HTTP_ORIGIN="https://evil.example")
    assert refused.status_code == 403
    assert "Този формуляр" in refused.content.decode()
    assert "sessionid" not in refused.cookies
    assert client.post(f"/bg/alerts/{uuid.uuid4()}/dismiss/", HTTP_ORIGIN=ORIGIN).status_code == 404
    assert client.get(url).status_code == 405
    away = client.post(url, {"next": "https://evil.example/"}, HTTP_ORIGIN=ORIGIN)
    assert away.status_code == 303 and away["Location"] == "/bg/"


def test_emergency_alerts_cannot_be_dismissed(client, demo_site, no_demo_alerts):
    alert = make_alert("Flood", EMERGENCY)
    html = client.get("/ro/").content.decode()
    assert banner(html) == [("emergency", "Flood")]
    assert "alert__dismiss" not in html
    response = client.post(f"/ro/alerts/{alert.translation_key}/dismiss/", HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 400
    assert "Alertele de urgență nu pot fi ascunse" in response.content.decode()
    assert banner(client.get("/ro/").content.decode()) == [("emergency", "Flood")]


def test_an_alert_must_end_after_it_starts_with_a_localized_message(demo_site):
    from django.utils import translation

    now = timezone.now()
    alert = Alert(
        locale=Locale.get_default(), title="x", start_at=now, end_at=now - datetime.timedelta(hours=1)
    )
    with translation.override("bg"):
        with pytest.raises(ValidationError) as error:
            alert.full_clean()
        assert error.value.message_dict["end_at"] == ["Краят трябва да е по-късно от началото."]
    assert not Alert.objects.filter(title="x").exists()
    too_long = Alert(locale=Locale.get_default(), title="y", text="a" * 301)
    with pytest.raises(ValidationError) as error:
        too_long.full_clean()
    assert "text" in error.value.message_dict


def test_api_lists_alerts_in_force_per_locale(
    client, demo_site, no_demo_alerts, django_assert_max_num_queries
):
    about = Page.objects.get(slug="about", locale__language_code="bg")
    make_alert("Storm", EMERGENCY)
    make_alert("Section", WARNING, section=about)
    make_alert(
        "Ended",
        end=timezone.now() - datetime.timedelta(seconds=1),
        start=timezone.now() - datetime.timedelta(days=1),
    )
    make_alert("In English", language="en")
    with django_assert_max_num_queries(6):
        response = client.get("/api/v2/alerts/?locale=bg")
    assert response.status_code == 200
    data = response.json()
    assert [item["title"] for item in data["items"]] == ["Storm", "Section"]
    assert data["meta"]["total_count"] == 2
    storm, section = data["items"]
    assert (
        storm["severity"] == "emergency"
        and storm["dismissible"] is False
        and storm["scope"] == {"type": "site"}
    )
    assert section["scope"]["type"] == "section" and section["scope"]["url"].endswith("/bg/about/")
    assert [item["title"] for item in client.get("/api/v2/alerts/?locale=en").json()["items"]] == [
        "In English"
    ]
    assert len(client.get("/api/v2/alerts/").json()["items"]) == 3


def test_api_refuses_unknown_locale_and_parameters(client, demo_site):
    response = client.get("/api/v2/alerts/?locale=de", HTTP_ACCEPT_LANGUAGE="bg")
    assert response.status_code == 400
    assert "bg, ro, en" in response.json()["message"]
    assert client.get("/api/v2/alerts/?colour=red").status_code == 400


def test_publishing_an_alert_sends_wagtails_published_signal_and_advances_the_clock(
    demo_site, no_demo_alerts
):
    received = []

    def receiver(sender, instance, **kwargs):
        received.append((sender._meta.label, instance.pk))

    before = content_changed_at()
    published.connect(receiver)
    try:
        alert = make_alert("Signal")
    finally:
        published.disconnect(receiver)
    assert ("alerts.Alert", alert.pk) in received
    assert content_changed_at() > before


def test_emergency_publishers_publish_without_review_editors_go_through_it(demo_site):
    from wagtail.snippets.permissions import get_permission_name

    workflow = WorkflowContentType.objects.get(content_type__app_label="alerts").workflow
    assert workflow.name == roles.WORKFLOW_NAME
    publish = get_permission_name("publish", Alert)
    emergency = Group.objects.get(name=roles.EMERGENCY_PUBLISHERS)
    names = {f"{p.content_type.app_label}.{p.codename}" for p in emergency.permissions.all()}
    assert {"alerts.add_alert", "alerts.change_alert", publish, "wagtailadmin.access_admin"} <= names
    assert not emergency.page_permissions.exists(), "no rights on pages"
    editors = {p.codename for p in Group.objects.get(name=roles.EDITORS).permissions.all()}
    assert "add_alert" in editors and "publish_alert" not in editors


def test_demo_has_an_active_warning_in_three_languages(client, demo_site):
    for language in ("bg", "ro", "en"):
        alerts = live_alerts().filter(locale__language_code=language, severity=WARNING)
        assert alerts.exists(), language
        assert banner(client.get(f"/{language}/").content.decode())[0][0] == "warning"


def _staff(name, group_names):
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw-Long-enough-1")
    user.groups.add(*Group.objects.filter(name__in=group_names))
    return user


def test_an_emergency_publisher_publishes_at_once_an_editor_only_submits(client, demo_site, no_demo_alerts):
    # (information and warning alerts wait for a second moderator: tests/alerts/test_second_reviewer_alerts.py)
    add = "/admin/snippets/alerts/alert/add/?locale=bg"
    client.force_login(_staff("emergency", [roles.EMERGENCY_PUBLISHERS]))
    response = client.post(add, alert_form("Ice on the bridge", "action-publish", EMERGENCY))
    assert response.status_code == 302, response.content.decode()[:2000]
    alert = Alert.objects.get(title="Ice on the bridge")
    assert alert.live and alert.live_revision_id
    assert banner(client.get("/bg/").content.decode()) == [("emergency", "Ice on the bridge")]

    client.force_login(_staff("editor", [roles.EDITORS]))
    assert client.post(add, alert_form("Fog", "action-publish")).status_code == 403
    assert not Alert.objects.filter(title="Fog").exists(), "an editor cannot publish an alert"
    response = client.post(add, alert_form("Fog", "action-submit"))
    assert response.status_code == 302
    fog = Alert.objects.get(title="Fog")
    assert not fog.live and fog.workflow_in_progress
    assert banner(client.get("/bg/").content.decode()) == [("emergency", "Ice on the bridge")]


def test_the_admin_form_refuses_an_end_before_the_start(client, demo_site, no_demo_alerts):
    client.force_login(_staff("emergency2", [roles.EMERGENCY_PUBLISHERS]))
    data = alert_form("Backwards", "action-publish", EMERGENCY)
    data["end_at"] = (timezone.localtime() - datetime.timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = client.post("/admin/snippets/alerts/alert/add/?locale=bg", data, HTTP_ACCEPT_LANGUAGE="bg")
    assert response.status_code == 400 or response.status_code == 200
    assert "Краят трябва да е по-късно от началото." in response.content.decode()
    assert not Alert.objects.filter(title="Backwards").exists()
