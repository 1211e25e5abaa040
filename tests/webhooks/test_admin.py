"""Settings → Webhooks for administrators: the target URL rules (a clear message,
nothing saved), the delivery log, "Send test ping" and "Send again"."""

import pytest
from django.urls import reverse
from wagtail.users.models import UserProfile

from tests.factories import UserFactory, staff_member
from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, demo_site):
    user = UserFactory(is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client.force_login(user)
    return client


def form_data(url, **extra):
    return {
        "name": "Portal",
        "target_url": url,
        "events": ["page.published"],
        "secret": "s" * 40,
        "is_active": "on",
        **extra,
    }


def test_an_administrator_adds_a_webhook(admin_client, receiver):
    response = admin_client.post(reverse("webhooks:add"), form_data(receiver.url, locales=["ro"]))
    assert response.status_code == 302, response.content.decode()[:2000]
    subscription = WebhookSubscription.objects.get()
    assert subscription.events == ["page.published"] and subscription.locales == ["ro"]


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://portal.example.org/hook", "https"),
        ("https://10.0.0.5/hook", "private"),
        ("https://169.254.169.254/latest", "private"),
        ("https://[::1]/hook", "private"),
    ],
)
def test_production_refuses_insecure_or_private_targets(admin_client, settings, url, message):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    response = admin_client.post(reverse("webhooks:add"), form_data(url))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_the_refusal_is_localized(client, demo_site, settings):
    settings.WEBHOOKS_ALLOW_PRIVATE_TARGETS = False
    user = UserFactory(is_superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "bg"
    profile.save()
    client.force_login(user)
    response = client.post(reverse("webhooks:add"), form_data("http://portal.example.org/hook"))
    assert "трябва да използва https" in response.content.decode()
    assert not WebhookSubscription.objects.exists()


def test_ping_log_and_send_again(admin_client, receiver, django_assert_max_num_queries):
    receiver.script = [500, 200]
    subscription = WebhookSubscription.objects.create(name="Portal", target_url=receiver.url, events=[])
    response = admin_client.post(reverse("webhooks_ping", args=[subscription.pk]), follow=True)
    assert response.status_code == 200
    ping = WebhookDelivery.objects.get()
    assert (ping.event_type, ping.status, ping.response_code) == ("ping", DeliveryStatus.RETRYING, 500)
    assert receiver.requests[0].json["type"] == "ping"

    admin_client.post(reverse("webhooks_send_again", args=[subscription.pk, ping.pk]))
    again = WebhookDelivery.objects.exclude(pk=ping.pk).get()
    assert (again.status, again.response_code, again.event_id) == ("succeeded", 200, ping.event_id)

    for _ in range(20):
        WebhookDelivery.objects.create(
            subscription=subscription, event_type="page.published", payload={}, created_at=ping.created_at
        )
    with django_assert_max_num_queries(30):
        response = admin_client.get(reverse("webhooks_deliveries", args=[subscription.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("data-delivery=") == 22
    assert 'data-status="succeeded"' in html and 'data-status="retrying"' in html


def test_editors_have_no_webhooks(client, demo_site):
    from cms.roles import EDITORS

    client.force_login(staff_member(EDITORS))
    subscription = WebhookSubscription.objects.create(
        name="Portal", target_url="https://x.example.org/", events=[]
    )
    assert client.get(reverse("webhooks:index")).status_code in (302, 403)
    # Wagtail's admin answers a refusal with a redirect and a message
    assert client.get(reverse("webhooks_deliveries", args=[subscription.pk])).status_code in (302, 403)
    assert client.post(reverse("webhooks_ping", args=[subscription.pk])).status_code in (302, 403)
    assert not WebhookDelivery.objects.exists()
