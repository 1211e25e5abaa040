"""From signals to deliveries: which changes are events, what their JSON says, and
who gets them. Every delivery row is written, and its task queued, after the
publishing transaction commits; nothing here can fail a publication."""

import logging
import threading
import uuid

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_delete, pre_save
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, published

from cms.base_url import absolute_url, page_url
from cms.signals import page_withdrawn
from webhooks.models import PING, Event, WebhookDelivery, WebhookSubscription

logger = logging.getLogger(__name__)

ALERT_MODEL_LABEL = "alerts.Alert"  # the home lane's app; matched by label, never imported


def page_data(page):
    code = page.locale.language_code if page.locale_id else ""
    return {
        "id": page.pk,
        "type": page.specific_class._meta.label if page.specific_class else page._meta.label,
        "title": page.title,
        "locale": code,
        "translation_key": str(page.translation_key),
        "url": page_url(page),
        "api": {
            "v2": absolute_url(reverse("wagtailapi:pages:detail", args=[page.pk])),
            "v3": absolute_url(f"/api/v3/pages/{page.pk}/"),
        },
    }


def envelope(event_type, data, now=None):
    return {
        "id": str(uuid.uuid4()),
        "type": event_type,
        "time": (now or timezone.now()).isoformat(),
        "data": data,
    }


def emit(event_type, data, page_type="", locale="", subscriptions=None):
    """Queue `event_type` for every active subscription that wants it (after commit)."""

    def write_and_queue():
        try:
            queue(event_type, data, page_type, locale, subscriptions)
        except Exception:  # delivery never breaks publishing
            logger.exception("Could not queue webhook event %s", event_type)

    transaction.on_commit(write_and_queue)


def queue(event_type, data, page_type="", locale="", subscriptions=None):
    from webhooks.tasks import deliver

    now = timezone.now()
    candidates = (
        subscriptions if subscriptions is not None else WebhookSubscription.objects.filter(is_active=True)
    )
    deliveries = []
    for subscription in candidates:
        if not subscription.wants(event_type, page_type, locale):
            continue
        payload = envelope(event_type, data, now)
        deliveries.append(
            WebhookDelivery.objects.create(
                subscription=subscription,
                event_id=payload["id"],
                event_type=event_type,
                payload=payload,
                created_at=now,
                next_attempt_at=now,
            )
        )
    for delivery in deliveries:
        deliver.enqueue(delivery.pk)
    return deliveries


def send_ping(subscription):
    """The admin's "Send test ping": one `ping` event to this subscription only (if active)."""
    if not subscription.is_active:
        return []
    return queue(PING, {"message": "ping", "webhook": subscription.pk}, subscriptions=[subscription])


def send_again(delivery):
    """A new delivery of the same event (same event id: receivers can de-duplicate)."""
    from webhooks.tasks import deliver

    now = timezone.now()
    again = WebhookDelivery.objects.create(
        subscription=delivery.subscription,
        event_id=delivery.event_id,
        event_type=delivery.event_type,
        payload=delivery.payload,
        created_at=now,
        next_attempt_at=now,
    )
    deliver.enqueue(again.pk)
    return again


def _is_translation(page):
    from wagtail_localize.models import TranslationSource

    return (
        TranslationSource.objects.filter(object_id=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .exists()
    )


def _page_event(event_type, page):
    data = {"page": page_data(page)}
    emit(event_type, data, data["page"]["type"], data["page"]["locale"])
    return data


def on_page_published(sender, instance, **kwargs):
    if kwargs.get("alias") or instance.alias_of_id:
        return
    data = _page_event(Event.PAGE_PUBLISHED, instance)
    if _is_translation(instance):
        emit(Event.TRANSLATION_PUBLISHED, data, data["page"]["type"], data["page"]["locale"])


_deleting = threading.local()  # pages being deleted: Wagtail also unpublishes them after the delete


def on_page_unpublished(sender, instance, **kwargs):
    if instance.alias_of_id:  # aliases follow their source, whose event consumers get
        return
    if instance.pk in getattr(_deleting, "pks", set()):
        _deleting.pks.discard(instance.pk)  # the page.deleted event says it
        return
    _page_event(Event.PAGE_UNPUBLISHED, instance)


def on_page_withdrawn(sender, instance, reason="", **kwargs):
    data = {"page": page_data(instance), "reason": reason}
    emit(Event.PAGE_WITHDRAWN, data, data["page"]["type"], data["page"]["locale"])


def on_page_deleted(sender, instance, **kwargs):
    """Only pages the public could see: a consumer never knew the others."""
    if not instance.live or instance.alias_of_id:
        return
    if not hasattr(_deleting, "pks"):
        _deleting.pks = set()
    _deleting.pks.add(instance.pk)
    _page_event(Event.PAGE_DELETED, instance)


def on_published(sender, instance, **kwargs):
    """Wagtail's `published` (snippets): alerts only, recognised by their label."""
    if sender._meta.label != ALERT_MODEL_LABEL:
        return
    locale = instance.locale.language_code if getattr(instance, "locale_id", None) else ""
    data = {
        "alert": {
            "id": instance.pk,
            "locale": locale,
            "translation_key": str(getattr(instance, "translation_key", "") or ""),
            "title": str(instance),
            "api": {"v2": absolute_url("/api/v2/alerts/" + (f"?locale={locale}" if locale else ""))},
        }
    }
    emit(Event.ALERT_PUBLISHED, data, locale=locale)


def remember_document_file(sender, instance, **kwargs):
    """pre_save: the file a document had, to tell a replacement from other edits."""
    if instance.pk is None:
        instance._webhooks_previous_file = None
        return
    previous = sender.objects.filter(pk=instance.pk).values_list("file", flat=True).first()
    instance._webhooks_previous_file = previous


def on_document_saved(sender, instance, created, **kwargs):
    previous = getattr(instance, "_webhooks_previous_file", None)
    if created or previous is None or previous == instance.file.name:
        return
    data = {
        "document": {
            "id": instance.pk,
            "title": instance.title,
            "url": absolute_url(instance.url),
            "api": {
                "v2": absolute_url(reverse("wagtailapi:documents:detail", args=[instance.pk])),
                "v3": absolute_url(f"/api/v3/documents/{instance.pk}/"),
            },
        }
    }
    emit(Event.DOCUMENT_REPLACED, data, locale=getattr(instance, "language", "") or "")


def connect():
    from wagtail.documents import get_document_model

    if not getattr(settings, "WEBHOOKS_ENABLED", True):
        return
    document_model = get_document_model()
    page_published.connect(on_page_published, dispatch_uid="webhooks_page_published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="webhooks_page_unpublished")
    page_withdrawn.connect(on_page_withdrawn, dispatch_uid="webhooks_page_withdrawn")
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="webhooks_page_deleted")
    published.connect(on_published, dispatch_uid="webhooks_published")
    pre_save.connect(remember_document_file, sender=document_model, dispatch_uid="webhooks_document_file")
    post_save.connect(on_document_saved, sender=document_model, dispatch_uid="webhooks_document_saved")
