"""Which changes become which events: unpublished, deleted, withdrawn, translation
published, document replaced; each with the facts a consumer needs."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.signals import published

from cms.signals import page_withdrawn
from cms.translation import translate_object
from home.models import HomePage
from tests.factories import StandardPageFactory, publish
from webhooks.models import Event, WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def bg_home(demo_site):
    return HomePage.objects.get(locale__language_code="bg")


def subscribe(receiver, *events, **fields):
    return WebhookSubscription.objects.create(
        name="Aggregator", target_url=receiver.url, events=[str(e) for e in events], **fields
    )


def received(receiver):
    return [(r.json["type"], r.json["data"]) for r in receiver.requests]


def test_unpublished_deleted_and_withdrawn_pages(bg_home, receiver, django_capture_on_commit_callbacks):
    page = publish(StandardPageFactory(parent=bg_home, slug="going-away"))
    other = publish(StandardPageFactory(parent=bg_home, slug="deleted-soon"))
    subscribe(receiver, Event.PAGE_UNPUBLISHED, Event.PAGE_DELETED, Event.PAGE_WITHDRAWN)
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    with django_capture_on_commit_callbacks(execute=True):
        page_withdrawn.send(sender=type(page), instance=page, reason="Заменена")
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    # (the translations of a deleted page may go offline with it: their own events, other ids)
    events = [(t, data) for t, data in received(receiver) if data["page"]["id"] in (page.pk, other.pk)]
    assert [(t, data["page"]["id"]) for t, data in events] == [
        ("page.unpublished", page.pk),
        ("page.withdrawn", page.pk),
        ("page.deleted", other.pk),
    ]
    assert events[1][1]["reason"] == "Заменена"
    deleted = events[2][1]["page"]
    assert deleted["type"] == "home.StandardPage" and deleted["locale"] == "bg"


def test_a_published_translation_is_a_translation_event(
    bg_home, receiver, django_capture_on_commit_callbacks
):
    page = publish(StandardPageFactory(parent=bg_home, title="Пазар", slug="market-tr", intro="Пазар."))
    subscribe(receiver, Event.TRANSLATION_PUBLISHED, locales=["ro"])
    with django_capture_on_commit_callbacks(execute=True):
        publish(page)  # the source: no translation event
        ro_page = translate_object(
            page, "ro", {"Пазар": "Piață", "Пазар.": "Piață.", "market-tr": "market-tr"}
        )
    [(kind, data)] = received(receiver)
    assert kind == "translation.published"
    assert data["page"]["id"] == ro_page.pk and data["page"]["locale"] == "ro"
    assert data["page"]["translation_key"] == str(page.translation_key)


def test_a_replaced_document_file_is_an_event_other_edits_are_not(
    demo_site, receiver, django_capture_on_commit_callbacks
):
    Document = get_document_model()
    document = Document(title="Правилник", language="bg")
    document.file.save("rules.txt", ContentFile(b"first version\n"), save=False)
    document.save()
    subscribe(receiver, Event.DOCUMENT_REPLACED)
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "Правилник (нов)"
        document.save()
    assert receiver.requests == []
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("rules-2.txt", ContentFile(b"second version\n"), save=False)
        document.save()
    [(kind, data)] = received(receiver)
    assert kind == "document.replaced"
    assert data["document"]["id"] == document.pk
    assert data["document"]["api"]["v2"] == f"http://testserver/api/v2/documents/{document.pk}/"


def test_only_alerts_among_published_snippets_are_alert_events(
    receiver, django_capture_on_commit_callbacks, db
):
    """Wagtail's `published` for anything but alerts.Alert (the home lane's model) is ignored."""
    subscribe(receiver, *Event.values)
    page_like = StandardPageFactory.build()
    with django_capture_on_commit_callbacks(execute=True):
        published.send(sender=type(page_like), instance=page_like)
    assert receiver.requests == []


def test_a_published_alert_is_an_alert_event(demo_site, receiver, django_capture_on_commit_callbacks):
    """Publishing a real alert (the alerts app's snippet, through its revision) is
    delivered as alert.published, filtered by language like page events."""
    from tests.alerts.test_alerts import make_alert

    subscribe(receiver, Event.ALERT_PUBLISHED, locales=["bg"])
    with django_capture_on_commit_callbacks(execute=True):
        alert = make_alert("Фериботът не работи", language="bg")
    with django_capture_on_commit_callbacks(execute=True):
        make_alert("Feribotul nu circulă", language="ro")  # another language: not wanted
    events = received(receiver)
    assert [t for t, _data in events] == ["alert.published"]
    data = events[0][1]["alert"]
    assert data["id"] == alert.pk and data["locale"] == "bg"
    assert data["title"] == "Фериботът не работи"
    assert data["translation_key"] == str(alert.translation_key)
    assert data["api"]["v2"] == "http://testserver/api/v2/alerts/?locale=bg"
