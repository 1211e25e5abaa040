"""Announcing a published news item to its language's subscribers.

The first publication of a news page makes its Dispatch (never a second one:
republishing sends nothing) and, once the publish is committed, enqueues the
background task `send_news_mails`. Each run sends at most
SUBSCRIPTION_BATCH_SIZE mails over one SMTP connection and, while recipients
remain, enqueues the next batch SUBSCRIPTION_BATCH_INTERVAL_SECONDS later (on a
backend that can defer: the database queue of `manage.py db_worker`; the
immediate backend of development and tests runs it at once).

A mail is recorded (Delivery, unique per mailing and subscription) in the same
transaction in which it is handed to the mail server: a failed send records
nothing and is retried by the next run, a recorded one is never sent again.
An address subscribed both to all news and to a category gets one mail."""

import datetime
import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django_tasks import task
from wagtail.models import Page

from cms.base_url import page_url
from cms.draft_translations import shows_source_content
from cms.visibility import is_publicly_visible

from .mails import news_message
from .models import Delivery, Dispatch, Subscription
from .topics import categories, page_category_slugs

logger = logging.getLogger(__name__)


def is_news(page_class) -> bool:
    return page_class._meta.label == settings.SUBSCRIPTION_NEWS_MODEL


def is_announceable(page) -> bool:
    """Public, and showing its own words: an alias or a translation never published
    (cms.draft_translations) shows another language's, and is announced when translated."""
    return is_publicly_visible(page) and not shows_source_content(page)


def announce(page):
    """Called on every publish of a news page: a Dispatch the first time only."""
    if not is_announceable(page):
        return None
    dispatch, created = Dispatch.objects.get_or_create(
        page_id=page.pk,
        defaults={"language": page.locale.language_code, "category_slugs": page_category_slugs(page)},
    )
    if not created:
        return None
    transaction.on_commit(lambda: send_news_mails.enqueue(dispatch.pk))
    return dispatch


def pending_recipients(dispatch):
    """Confirmed subscriptions of the item's language and topics, confirmed
    by the time it was published, not mailed yet."""
    return (
        Subscription.objects.confirmed()
        .filter(language=dispatch.language, confirmed_at__lte=dispatch.started_at)
        .filter(Q(category_slug="") | Q(category_slug__in=dispatch.category_slugs))
        .exclude(deliveries__dispatch=dispatch)
        .order_by("pk")
    )


def _schedule_next_batch(dispatch):
    next_run = send_news_mails
    interval = settings.SUBSCRIPTION_BATCH_INTERVAL_SECONDS
    if interval and send_news_mails.get_backend().supports_defer:
        next_run = send_news_mails.using(run_after=timezone.now() + datetime.timedelta(seconds=interval))
    next_run.enqueue(dispatch.pk)


def send_batch(dispatch) -> int:
    """Send one batch; return the number of mails sent."""
    page = Page.objects.get(pk=dispatch.page_id).specific
    if not is_announceable(page):  # withdrawn before its mails left: nobody is told of it
        dispatch.finished_at = timezone.now()
        dispatch.save(update_fields=["finished_at"])
        return 0
    batch = list(pending_recipients(dispatch)[: max(settings.SUBSCRIPTION_BATCH_SIZE, 1)])
    mailed = set(
        Delivery.objects.filter(
            dispatch=dispatch, subscription__email__in=[subscription.email for subscription in batch]
        ).values_list("subscription__email", flat=True)
    )
    url, names = page_url(page) or "", dict(categories(dispatch.language))
    sent = 0
    with get_connection() as connection:
        for subscription in batch:
            duplicate = subscription.email in mailed
            try:
                with transaction.atomic():
                    Delivery.objects.create(dispatch=dispatch, subscription=subscription)
                    if not duplicate:
                        connection.send_messages([news_message(subscription, page, url=url, names=names)])
            except IntegrityError:  # another worker recorded it first
                continue
            mailed.add(subscription.email)
            sent += not duplicate
    return sent


@task()
def send_news_mails(dispatch_id: int) -> int:
    """One batch of a news item's mails (see the module docstring)."""
    dispatch = Dispatch.objects.filter(pk=dispatch_id, finished_at__isnull=True).first()
    if dispatch is None:
        return 0
    sent = send_batch(dispatch)
    dispatch.refresh_from_db(fields=["finished_at"])
    if dispatch.finished_at is None:
        if pending_recipients(dispatch).exists():
            _schedule_next_batch(dispatch)
        else:
            dispatch.finished_at = timezone.now()
            dispatch.save(update_fields=["finished_at"])
    logger.info("News mailing %s: %s mails sent", dispatch.pk, sent)
    return sent
