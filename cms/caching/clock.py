"""When did anything the public API shows last change?

`content_changed_at()` is the latest of
- the clock row, advanced by `mark_content_changed` on every write that can
  change an answer: a page saved, published, unpublished, moved or deleted;
  a page or collection view restriction added, changed or removed (or its
  groups); a document or image saved (a replaced file included) or deleted;
  a site changed; `migrate` run (a release); and the models that feature apps
  declare with `track_changes_of` (snippets their pages show);
- the latest `expire_at` that has passed: a page leaves the API at its expiry,
  before the publish_scheduled cron unpublishes it, with no write at all;
- the latest `go_live_at` that has passed, for the same reason at the other end.

The clock is advanced inside the writing transaction (so it commits with the
change, or not at all) and once more after the commit: a response served
between the first advance and the commit still showed the old content, and
its validators must not outlive the commit."""

from django.db import transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from .models import ContentClock

__all__ = ["content_changed_at", "mark_content_changed", "track_changes_of"]

CLOCK_ID = 1


def _advance():
    now = timezone.now()
    if not ContentClock.objects.filter(pk=CLOCK_ID).update(changed_at=Greatest("changed_at", Value(now))):
        ContentClock.objects.get_or_create(pk=CLOCK_ID, defaults={"changed_at": now})


def mark_content_changed(**_signal_kwargs):
    """Advance the clock to now (a signal receiver; also callable directly)."""
    _advance()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_advance)


def _page_written(sender, instance=None, **kwargs):
    if isinstance(instance, Page):
        mark_content_changed()


def track_changes_of(*models):
    """Advance the clock whenever one of `models` is saved or deleted."""
    for model in models:
        uid = f"cms_caching_{model._meta.label_lower}"
        post_save.connect(mark_content_changed, sender=model, dispatch_uid=f"{uid}_save", weak=False)
        post_delete.connect(mark_content_changed, sender=model, dispatch_uid=f"{uid}_delete", weak=False)


def connect_signals():
    # Page subclasses send post_save / post_delete with their own class as sender.
    post_save.connect(_page_written, dispatch_uid="cms_caching_page_saved")
    post_delete.connect(_page_written, dispatch_uid="cms_caching_page_deleted")
    page_published.connect(mark_content_changed, dispatch_uid="cms_caching_published")
    page_unpublished.connect(mark_content_changed, dispatch_uid="cms_caching_unpublished")
    post_page_move.connect(mark_content_changed, dispatch_uid="cms_caching_moved")
    track_changes_of(
        PageViewRestriction, CollectionViewRestriction, get_document_model(), get_image_model(), Site
    )
    for restriction in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(
            mark_content_changed,
            sender=restriction.groups.through,
            dispatch_uid=f"cms_caching_{restriction._meta.model_name}_groups",
        )
    post_migrate.connect(_migrated, dispatch_uid="cms_caching_migrated")


def _migrated(sender, app_config=None, using="default", **kwargs):
    if app_config is not None and app_config.label == "cms_caching":  # once per migrate run
        mark_content_changed()


def _latest(field, now):
    pages = Page.objects.filter(**{f"{field}__lte": now}).order_by(f"-{field}")
    return Subquery(pages.values(field)[:1])


def content_changed_at(now=None):
    """The moment the public answers last changed (to the microsecond), or None
    when the clock was never set. One query."""
    now = now or timezone.now()
    row = (
        ContentClock.objects.filter(pk=CLOCK_ID)
        .annotate(expired=_latest("expire_at", now), went_live=_latest("go_live_at", now))
        .values_list("changed_at", "expired", "went_live")
        .first()
    )
    if row is None:
        return None
    return max(moment for moment in row if moment is not None)
