"""Sending one delivery: signed POST, SSRF guard at connection time, the retry policy.

Retry policy: network errors, timeouts, 429 and 5xx are retried with exponential
backoff (WEBHOOKS_RETRY_BASE_SECONDS × 2^(attempt-1), at most one hour apart) for
up to 24 hours after the event; any other answer outside 2xx (4xx, 3xx: redirects
are not followed) fails at once. A subscription whose deliveries have been failing
for 24 hours is deactivated and its owner e-mailed."""

import hashlib
import hmac
import http.client
import ipaddress
import json
import logging
import time
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from webhooks.models import DeliveryStatus, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

SIGNATURE_HEADER = "X-EGoverNet-Signature"
RETRY_WINDOW = timedelta(hours=24)
MAX_BACKOFF = timedelta(hours=1)
USER_AGENT = "E-GoverNet-Webhooks/1"


class RefusedTarget(Exception):
    """The target resolves to an address deliveries may not reach (SSRF guard)."""


def body_of(payload) -> bytes:
    return json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":")).encode()


def signature(secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix time>,v1=<hex HMAC-SHA256 of "<t>." + body>` (receivers recompute and compare)."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={mac}"


def address_allowed(address: str) -> bool:
    if getattr(settings, "WEBHOOKS_ALLOW_PRIVATE_TARGETS", False):
        return True
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


class _GuardedConnection:
    """Checks the address the socket actually connected to (resolved at delivery
    time, so a DNS answer changed after the subscription was saved is still caught)."""

    def connect(self):
        super().connect()
        peer = self.sock.getpeername()[0]
        if not address_allowed(peer):
            self.sock.close()
            raise RefusedTarget(
                _("%(host)s resolves to %(address)s, a private, loopback or link-local address.")
                % {"host": self.host, "address": peer}
            )


class GuardedHTTPConnection(_GuardedConnection, http.client.HTTPConnection):
    pass


class GuardedHTTPSConnection(_GuardedConnection, http.client.HTTPSConnection):
    pass


def timeout_seconds() -> float:
    return getattr(settings, "WEBHOOKS_TIMEOUT_SECONDS", 5)


def post(url: str, body: bytes, headers: dict) -> int:
    """POST `body` to `url` and return the status code; raises OSError/RefusedTarget."""
    parts = urlsplit(url)
    connection_class = GuardedHTTPSConnection if parts.scheme == "https" else GuardedHTTPConnection
    connection = connection_class(parts.hostname, parts.port, timeout=timeout_seconds())
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", path, body=body, headers=headers)
        response = connection.getresponse()
        response.read(64 * 1024)
        return response.status
    finally:
        connection.close()


def retryable(code: int | None) -> bool:
    return code is None or code == 429 or code >= 500


def backoff(attempts: int) -> timedelta:
    base = timedelta(seconds=getattr(settings, "WEBHOOKS_RETRY_BASE_SECONDS", 30))
    return min(base * (2 ** max(attempts - 1, 0)), MAX_BACKOFF)


def headers_for(delivery, body: bytes, now) -> dict:
    return {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": USER_AGENT,
        "X-EGoverNet-Event": delivery.event_type,
        "X-EGoverNet-Delivery": str(delivery.event_id),
        SIGNATURE_HEADER: signature(delivery.subscription.secret, int(now.timestamp()), body),
    }


def attempt(delivery_id: int, now=None) -> WebhookDelivery | None:
    """One attempt of a due delivery (row-locked, so two workers never send it twice at once)."""
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("subscription")
            .filter(pk=delivery_id, status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING])
            .first()
        )
        if delivery is None:
            return None
        now = now or timezone.now()
        subscription = delivery.subscription
        if not subscription.is_active:
            delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
            delivery.error = _("The webhook is inactive.")
            delivery.save(update_fields=["status", "next_attempt_at", "error"])
            return delivery
        body = body_of(delivery.payload)
        code, error, refused = None, "", False
        started = time.monotonic()
        try:
            code = post(subscription.target_url, body, headers_for(delivery, body, now))
        except RefusedTarget as refusal:
            error, refused = str(refusal), True
        except (OSError, http.client.HTTPException) as failure:
            if isinstance(failure, TimeoutError):
                error = _("Timed out after %(seconds)s s") % {"seconds": timeout_seconds()}
            else:
                error = str(failure) or failure.__class__.__name__
        elapsed_ms = 1000 * (time.monotonic() - started)
        logger.info(
            "webhook %s to %s: %s %s (%.0f ms)", delivery.event_type, subscription.pk, code, error, elapsed_ms
        )
        delivery.attempts += 1
        delivery.last_attempt_at = now
        delivery.response_code = code
        delivery.error = error[:500]
        if code is not None and 200 <= code < 300:
            delivery.status, delivery.next_attempt_at, delivery.error = DeliveryStatus.SUCCEEDED, None, ""
            if subscription.failing_since is not None:
                WebhookSubscription.objects.filter(pk=subscription.pk).update(failing_since=None)
        else:
            deadline = delivery.created_at + RETRY_WINDOW
            if retryable(code) and not refused and now < deadline:
                delivery.status = DeliveryStatus.RETRYING
                delivery.next_attempt_at = min(
                    now + backoff(delivery.attempts), deadline
                )  # a last try at 24 h
            else:
                delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
            record_failure(subscription, now, since=delivery.created_at)
        delivery.save()
    if delivery.status == DeliveryStatus.RETRYING:
        schedule(delivery)
    return delivery


def record_failure(subscription, now, since):
    """Failing for 24 hours (since the first failed event after the last success):
    deactivate and tell the owner."""
    if subscription.failing_since is None:
        subscription.failing_since = since
        WebhookSubscription.objects.filter(pk=subscription.pk).update(failing_since=since)
    if now - subscription.failing_since < RETRY_WINDOW:
        return
    subscription.is_active, subscription.deactivated_at = False, now
    subscription.save(update_fields=["is_active", "deactivated_at"])
    WebhookDelivery.objects.filter(
        subscription=subscription, status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING]
    ).update(status=DeliveryStatus.FAILED, next_attempt_at=None)
    transaction.on_commit(lambda: mail_owner_of_deactivation(subscription))


def mail_owner_of_deactivation(subscription):
    from django.urls import reverse
    from wagtail.admin.mail import send_mail

    from cms.base_url import absolute_url

    owner = subscription.owner
    if owner is None or not owner.email:
        return
    profile = getattr(owner, "wagtail_userprofile", None)
    language = (profile.preferred_language if profile is not None else "") or settings.LANGUAGE_CODE
    with translation.override(language):
        subject = _("Webhook “%(name)s” deactivated") % {"name": subscription.name}
        body = _(
            "Hello,\n\nthe webhook “%(name)s” (%(url)s) has been failing for 24 hours and was deactivated: "
            "no more events are sent to it.\n\nSee its delivery log, fix the receiver and activate it again:\n"
            "%(admin_url)s\n"
        ) % {
            "name": subscription.name,
            "url": subscription.target_url,
            "admin_url": absolute_url(reverse("webhooks_deliveries", args=[subscription.pk])),
        }
    try:
        send_mail(subject, body, [owner.email])
    except OSError:
        logger.exception("Could not tell the owner of webhook %s that it was deactivated", subscription.pk)


def schedule(delivery):
    """Queue the next attempt: a task that runs later where the backend can defer
    (TASKS_BACKEND=database); otherwise `manage.py deliver_webhooks` (cron) sends it when due."""
    from django_tasks import default_task_backend

    from webhooks.tasks import deliver

    if delivery.next_attempt_at is None or not default_task_backend.supports_defer:
        return
    transaction.on_commit(lambda: deliver.using(run_after=delivery.next_attempt_at).enqueue(delivery.pk))


def due_deliveries(now=None):
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        status__in=[DeliveryStatus.PENDING, DeliveryStatus.RETRYING], next_attempt_at__lte=now
    ).order_by("next_attempt_at", "pk")


def run_due(now=None) -> int:
    """Send every delivery that is due (the cron/worker step); returns how many were attempted."""
    count = 0
    for delivery_id in list(due_deliveries(now).values_list("pk", flat=True)[:500]):
        if attempt(delivery_id, now=now) is not None:
            count += 1
    return count
