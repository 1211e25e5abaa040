"""Signed webhook deliveries to a real receiver: payload and signature, retries with
backoff on 5xx and timeouts, none on 4xx, deactivation after 24 hours of failure,
the SSRF guard, and publishing that succeeds whatever the receiver does."""

import hashlib
import hmac
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from home.models import HomePage
from tests.factories import StandardPageFactory, UserFactory, publish
from webhooks.delivery import run_due
from webhooks.models import DeliveryStatus, Event, WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


def subscribe(url, events=(Event.PAGE_PUBLISHED,), **fields):
    return WebhookSubscription.objects.create(name="Portal", target_url=url, events=list(events), **fields)


def verify(secret, header, body):
    """The receiver's check, as README shows it."""
    parts = dict(item.split("=", 1) for item in header.split(","))
    expected = hmac.new(secret.encode(), f"{parts['t']}.".encode() + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


@pytest.fixture
def bg_home(demo_site):
    return HomePage.objects.get(locale__language_code="bg")


def publish_page(parent, capture, **fields):
    with capture(execute=True):
        page = publish(StandardPageFactory(parent=parent, **fields))
    return page


def test_a_publication_is_delivered_signed_with_the_page_facts(
    bg_home, receiver, django_capture_on_commit_callbacks
):
    subscription = subscribe(receiver.url)
    page = publish_page(bg_home, django_capture_on_commit_callbacks, title="Пазар", slug="market-hook")

    [request] = receiver.requests
    assert verify(subscription.secret, request.headers["X-EGoverNet-Signature"], request.body)
    assert not verify("another-secret", request.headers["X-EGoverNet-Signature"], request.body)
    assert request.headers["X-EGoverNet-Event"] == "page.published"
    payload = request.json
    assert payload["type"] == "page.published"
    assert payload["id"] == request.headers["X-EGoverNet-Delivery"]
    assert payload["time"]
    assert payload["data"]["page"] == {
        "id": page.pk,
        "type": "home.StandardPage",
        "title": "Пазар",
        "locale": "bg",
        "translation_key": str(page.translation_key),
        "url": "http://testserver/bg/market-hook/",
        "api": {
            "v2": f"http://testserver/api/v2/pages/{page.pk}/",
            "v3": f"http://testserver/api/v3/pages/{page.pk}/",
        },
    }
    delivery = WebhookDelivery.objects.get(subscription=subscription)
    assert (delivery.status, delivery.attempts, delivery.response_code) == (DeliveryStatus.SUCCEEDED, 1, 200)


def test_filters_and_chosen_events_decide_who_is_told(bg_home, receiver, django_capture_on_commit_callbacks):
    subscribe(receiver.url, locales=["ro"])
    subscribe(receiver.url, page_types=["news.NewsPage"])
    subscribe(receiver.url, events=[Event.PAGE_UNPUBLISHED])
    subscribe(receiver.url, is_active=False)
    publish_page(bg_home, django_capture_on_commit_callbacks)
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


def test_server_errors_are_retried_with_backoff_until_delivered(
    bg_home, receiver, django_capture_on_commit_callbacks
):
    receiver.script = [500, 500, 200]
    subscription = subscribe(receiver.url)
    publish_page(bg_home, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("retrying", 1, 500)
    first_retry = delivery.next_attempt_at
    assert first_retry - delivery.last_attempt_at == timedelta(seconds=30)

    assert run_due(now=first_retry - timedelta(seconds=1)) == 0  # not due yet
    assert run_due(now=first_retry) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("retrying", 2)
    assert delivery.next_attempt_at - first_retry == timedelta(seconds=60)  # doubled
    assert WebhookSubscription.objects.get().failing_since is not None

    assert run_due(now=delivery.next_attempt_at) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("succeeded", 3, 200)
    assert delivery.next_attempt_at is None
    assert len(receiver.requests) == 3
    assert len({r.json["id"] for r in receiver.requests}) == 1  # the same event each time
    assert all(
        verify(subscription.secret, r.headers["X-EGoverNet-Signature"], r.body) for r in receiver.requests
    )
    assert WebhookSubscription.objects.get().failing_since is None  # a success ends the failing streak


@pytest.mark.parametrize("code", [400, 404, 410])
def test_a_client_error_stops_the_retries(bg_home, receiver, django_capture_on_commit_callbacks, code):
    receiver.script = [code]
    subscribe(receiver.url)
    publish_page(bg_home, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("failed", 1, code)
    assert delivery.next_attempt_at is None
    assert run_due(now=timezone.now() + timedelta(hours=2)) == 0
    assert len(receiver.requests) == 1


def test_too_many_requests_is_retried(bg_home, receiver, django_capture_on_commit_callbacks):
    receiver.script = [429, 200]
    subscribe(receiver.url)
    publish_page(bg_home, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "retrying"
    run_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("succeeded", 2)


def test_a_timeout_is_retried(bg_home, receiver, django_capture_on_commit_callbacks, settings):
    settings.WEBHOOKS_TIMEOUT_SECONDS = 0.3
    receiver.slow_seconds = 1.0
    receiver.script = ["slow", 200]
    subscribe(receiver.url)
    publish_page(bg_home, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "retrying"
    assert delivery.response_code is None
    assert "0.3" in delivery.error
    run_due(now=delivery.next_attempt_at)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts, delivery.response_code) == ("succeeded", 2, 200)


def test_publishing_succeeds_while_the_receiver_is_down(
    bg_home, closed_port_url, django_capture_on_commit_callbacks
):
    subscribe(closed_port_url)
    page = publish_page(bg_home, django_capture_on_commit_callbacks, slug="down-receiver")
    assert page.live
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "retrying"
    assert delivery.response_code is None and delivery.error


def test_failing_for_a_day_deactivates_the_subscription_and_tells_its_owner(
    bg_home, receiver, django_capture_on_commit_callbacks
):
    receiver.script = [503]
    owner = UserFactory(email="owner@example.org")
    subscription = subscribe(receiver.url, owner=owner)
    publish_page(bg_home, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    started = clock = delivery.last_attempt_at
    while clock - started < timedelta(hours=23):  # the retries of the first day: still active
        clock = WebhookDelivery.objects.get().next_attempt_at
        run_due(now=clock)
    subscription.refresh_from_db()
    assert subscription.is_active
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        run_due(now=started + timedelta(hours=24, minutes=1))
    subscription.refresh_from_db()
    delivery.refresh_from_db()
    assert not subscription.is_active
    assert subscription.deactivated_at == started + timedelta(hours=24, minutes=1)
    assert delivery.status == "failed" and delivery.next_attempt_at is None
    [message] = mail.outbox
    assert message.to == ["owner@example.org"]
    assert "Portal" in message.subject
    assert f"/admin/webhooks/{subscription.pk}/deliveries/" in message.body
    # deactivated: later events are not queued for it
    publish_page(bg_home, django_capture_on_commit_callbacks)
    assert WebhookDelivery.objects.count() == 1


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_private_targets_are_refused_at_delivery_in_production(
    bg_home, receiver, django_capture_on_commit_callbacks, settings, host
):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False  # as cms.settings.production
    subscribe(receiver.url.replace("127.0.0.1", host))
    publish_page(bg_home, django_capture_on_commit_callbacks)
    delivery = WebhookDelivery.objects.get()
    assert receiver.requests == []
    assert delivery.status == "failed"  # refused, and not retried
    assert "127.0.0.1" in delivery.error
