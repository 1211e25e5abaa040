"""An administrator in bg and ro sets up a webhook in Settings → Webhooks, sends a
test ping to a real receiver, reads the delivery log and sends a delivery again;
a target URL that is not a URL is refused with a message, nothing saved."""

import hashlib
import hmac
import re

import pytest
from playwright.sync_api import expect

from tests.browser.admin import committed
from tests.browser.admin import in_language as _
from tests.webhooks.receiver import Receiver
from webhooks.models import WebhookSubscription

pytestmark = [pytest.mark.browser]

SECRET = "journey-secret-" + "x" * 24


def verified(received):
    """What a consumer does with the README's recipe: recompute the signature."""
    parts = dict(part.split("=", 1) for part in received.headers["X-EGoverNet-Signature"].split(","))
    expected = hmac.new(
        SECRET.encode(), f"{parts['t']}.".encode() + received.body, hashlib.sha256
    ).hexdigest()
    return hmac.compare_digest(expected, parts["v1"])


@pytest.fixture
def receiver():
    server = Receiver().start()
    yield server
    server.stop()


@pytest.mark.parametrize("language", ["bg", "ro"])
def test_administrator_sets_up_a_webhook_pings_it_and_sends_again(
    site_server, staff, admin_session, receiver, language
):
    admin = staff(f"hooks-admin-{language}", superuser=True, language=language)
    name = f"Портал {language}" if language == "bg" else f"Portal {language}"
    try:
        session = admin_session(admin, language)
        page = session.page
        page.get_by_role("button", name=_(language, "Settings")).click()
        page.get_by_role("link", name=_(language, "Webhooks")).click()
        page.wait_for_load_state("networkidle")
        session.screen("webhooks-index")
        page.locator("main a[href$='/admin/webhooks/new/']").first.click()
        page.wait_for_load_state("networkidle")
        session.screen("webhooks-add")

        page.fill("input[name=name]", name)
        page.fill("input[name=target_url]", "не е адрес")
        page.check("input[name=events][value='page.published']")
        page.fill("input[name=secret]", SECRET)
        # the form again with its errors (200: Wagtail's generic views answer an invalid
        # form so; any 4xx or console error here would fail the harness's guard)
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state("networkidle")
        expect(
            page.locator("[data-field-wrapper]:has(input[name=target_url]) .error-message")
        ).to_be_visible()
        session.screen("webhooks-add-bad-url")
        assert not WebhookSubscription.objects.filter(name=name).exists()

        page.fill("input[name=target_url]", receiver.url)
        page.fill("input[name=secret]", SECRET)
        page.locator("main form button[type=submit]").last.click()
        page.wait_for_load_state("networkidle")
        expect(page.locator(".messages .success")).to_be_visible()
        subscription = WebhookSubscription.objects.get(name=name)
        assert subscription.events == ["page.published"] and subscription.is_active

        # the delivery log: a test ping reaches the receiver, signed
        session.goto("/admin/webhooks/")
        page.locator("tr", has_text=name).get_by_role("link", name=_(language, "Delivery log")).click()
        page.wait_for_load_state("networkidle")
        page.get_by_role("button", name=_(language, "Send test ping")).click()
        page.wait_for_load_state("networkidle")
        expect(page.locator(".messages")).to_contain_text(
            re.compile(re.escape(_(language, "Delivered (HTTP %(code)s).") % {"code": 200}))
        )
        session.screen("webhooks-deliveries")
        assert len(receiver.requests) == 1 and verified(receiver.requests[0])
        first = receiver.requests[0].json
        assert first["type"] == "ping"
        rows = page.locator("#webhook-deliveries tbody tr[data-delivery]")
        expect(rows).to_have_count(1)
        expect(rows.first).to_contain_text("200")

        # send again: the same event, delivered once more
        rows.first.get_by_role("button", name=_(language, "Send again")).click()
        page.wait_for_load_state("networkidle")
        assert len(receiver.requests) == 2 and verified(receiver.requests[1])
        assert receiver.requests[1].json["id"] == first["id"]
        session.screen("webhooks-sent-again")
    finally:
        committed(lambda: WebhookSubscription.objects.filter(name=name).delete())
