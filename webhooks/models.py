"""A webhook subscription (who wants which events, where, with which secret) and
the log of its deliveries (one row per event and subscription, with its attempts)."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Event(models.TextChoices):
    PAGE_PUBLISHED = "page.published", _("Page published")
    PAGE_UNPUBLISHED = "page.unpublished", _("Page unpublished")
    PAGE_DELETED = "page.deleted", _("Page deleted")
    PAGE_WITHDRAWN = "page.withdrawn", _("Page withdrawn")
    TRANSLATION_PUBLISHED = "translation.published", _("Translation published")
    DOCUMENT_REPLACED = "document.replaced", _("Document replaced")
    ALERT_PUBLISHED = "alert.published", _("Alert published")


PING = "ping"  # the admin's test button; sent whatever events a subscription chose


def new_secret():
    return secrets.token_urlsafe(32)


class WebhookSubscription(models.Model):
    """A consumer's endpoint: events are POSTed there as signed JSON while it is active."""

    name = models.CharField(_("name"), max_length=100)
    target_url = models.URLField(
        _("target URL"),
        max_length=500,
        help_text=_("Where events are POSTed. HTTPS only, except http://127.0.0.1 in development."),
    )
    events = models.JSONField(_("events"), default=list)
    page_types = models.JSONField(
        _("page types"), default=list, blank=True, help_text=_("Only pages of these types (none: all).")
    )
    locales = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Only content in these languages (none: all).")
    )
    secret = models.CharField(
        _("secret"),
        max_length=100,
        default=new_secret,
        help_text=_(
            "Signs every delivery (HMAC-SHA256). Keep it private; the receiver checks the signature."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Receives an e-mail when the subscription is deactivated after failing for 24 hours."),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    failing_since = models.DateTimeField(_("failing since"), null=True, blank=True, editable=False)
    deactivated_at = models.DateTimeField(_("deactivated at"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        ordering = ["name", "pk"]

    def __str__(self):
        return self.name

    def wants(self, event_type, page_type="", locale=""):
        if event_type != PING and event_type not in self.events:
            return False
        if self.page_types and page_type and page_type not in self.page_types:
            return False
        if self.page_types and not page_type:
            return False  # a page-type filter means "only such pages": documents and alerts are none
        return not (self.locales and locale and locale not in self.locales)


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    RETRYING = "retrying", _("Retrying")
    SUCCEEDED = "succeeded", _("Delivered")
    FAILED = "failed", _("Failed")


class WebhookDelivery(models.Model):
    """One event for one subscription: what was (or will be) sent and how it went."""

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries", verbose_name=_("webhook")
    )
    event_id = models.UUIDField(_("event id"), default=uuid.uuid4, editable=False)
    event_type = models.CharField(_("event"), max_length=40)
    payload = models.JSONField()
    status = models.CharField(
        _("status"), max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    response_code = models.PositiveIntegerField(_("response code"), null=True, blank=True)
    error = models.CharField(_("error"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("created"))
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhooks_due_idx")]

    def __str__(self):
        return f"{self.event_type} → {self.subscription}"
