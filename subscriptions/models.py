"""E-mail subscriptions to the news of one language (optionally of one category),
and the record of what was sent, so that no address gets an item twice.

An address is kept only for this purpose: a request that is not confirmed
within SUBSCRIPTION_CONFIRMATION_HOURS is deleted (at the link, or by
`manage.py purge_subscriptions`), an unsubscribe deletes the row and, with it,
its delivery records."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["Delivery", "Dispatch", "Subscription"]


class SubscriptionQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(confirmed_at__isnull=False)

    def expired_requests(self, now=None):
        """Requests whose confirmation link has expired."""
        return self.filter(confirmed_at__isnull=True, requested_at__lte=confirmation_deadline_start(now))


def confirmation_deadline_start(now=None):
    """Requests made before this moment can no longer be confirmed."""
    return (now or timezone.now()) - datetime.timedelta(hours=settings.SUBSCRIPTION_CONFIRMATION_HOURS)


class Subscription(models.Model):
    """One address subscribed to the news of one language: all of it (empty
    category) or one category, by the slug all its translations share."""

    email = models.EmailField(_("e-mail address"), max_length=254)
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    category_slug = models.SlugField(_("category"), max_length=100, blank=True)
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    objects = SubscriptionQuerySet.as_manager()

    class Meta:
        verbose_name = _("news subscription")
        verbose_name_plural = _("news subscriptions")
        constraints = [
            models.UniqueConstraint(
                fields=["email", "language", "category_slug"], name="subscription_unique_per_topic"
            )
        ]
        indexes = [models.Index(fields=["language", "confirmed_at"], name="subscription_recipients")]

    def __str__(self):
        return f"{self.email} ({self.language}{'/' + self.category_slug if self.category_slug else ''})"

    @property
    def is_confirmed(self):
        return self.confirmed_at is not None

    def confirmation_expired(self, now=None):
        return not self.is_confirmed and self.requested_at <= confirmation_deadline_start(now)


class Dispatch(models.Model):
    """A news item announced to its language's subscribers: made at its first
    publication, never again (a later publish of the same page sends nothing).
    It goes to those whose subscription was confirmed by `started_at`."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, related_name="+", verbose_name=_("page")
    )
    language = models.CharField(_("language"), max_length=10)
    category_slugs = models.JSONField(_("categories"), default=list, blank=True)
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        verbose_name = _("news mailing")
        verbose_name_plural = _("news mailings")

    def __str__(self):
        return f"{self.page_id} ({self.language})"


class Delivery(models.Model):
    """One mail sent: the unique constraint is what makes "never twice" hold,
    also when two workers run the same mailing."""

    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="deliveries")
    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)

    class Meta:
        verbose_name = _("news mail")
        verbose_name_plural = _("news mails")
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "subscription"], name="delivery_once_per_subscription"
            )
        ]

    def __str__(self):
        return f"{self.dispatch_id} → {self.subscription_id}"
