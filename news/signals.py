"""Record news that stopped being public, for `/api/v2/news/removed/`."""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.signals import page_published, page_unpublished

from .models import NewsPage, NewsRemoval, invalidate_filter_options


def _record(page, reason, removed_at=None):
    """One row per removal: an expiry is recorded once, however many signals
    report it (the cron unpublishes a source and, with it, its aliases)."""
    invalidate_filter_options()
    NewsRemoval.objects.get_or_create(
        page_id=page.pk,
        reason=reason,
        removed_at=removed_at or timezone.now(),
        defaults={"translation_key": page.translation_key, "locale": page.locale.language_code},
    )


@receiver(page_unpublished, sender=NewsPage)
def news_unpublished(sender, instance, **kwargs):
    # The cron unpublishing an expired item: it left the public view at its
    # expiry (and /api/v2/news/removed/ has listed it since), not now.
    if instance.expire_at and instance.expire_at <= timezone.now():
        _record(instance, NewsRemoval.REASON_EXPIRED, removed_at=instance.expire_at)
    else:
        _record(instance, NewsRemoval.REASON_UNPUBLISHED)


@receiver(post_delete, sender=NewsPage)
def news_deleted(sender, instance, **kwargs):
    _record(instance, NewsRemoval.REASON_DELETED)


@receiver(page_published, sender=NewsPage)
def news_published(sender, instance, **kwargs):
    invalidate_filter_options()
