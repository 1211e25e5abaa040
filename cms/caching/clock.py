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
- the latest `go_live_at` that has passed, for the same reason at the other end;
- the latest passed moment that a `cache_time_boundary_fields` hook names (the
  times at which something the public sees changes by the clock alone, stored
  in a column, e.g. an alert's start and end):
  `@hooks.register("cache_time_boundary_fields")` on
  `fn() -> iterable of (queryset, datetime field name)`, folded into the clock's
  one query;
- the latest passed moment that a `cache_time_boundaries` hook names (moments
  computed without a query, e.g. local midnight, when every "today" changes):
  `@hooks.register("cache_time_boundaries")` on
  `fn(now) -> iterable of aware datetimes`, past and future.

`content_clock()` also gives the *next* such moment (the earliest future
`expire_at`, `go_live_at` or hook boundary): no cached answer may outlive it
(cms.caching.pages caps the app cache's timeout and the front cache's
s-maxage there), so an expiry needs no cron and no purge.

Every advance also asks the front cache to purge (cms.caching.purge), once
per transaction, after the commit: the keys are in cms.caching.keys.

The clock is advanced inside the writing transaction (so it commits with the
change, or not at all) and once more after the commit: a response served
between the first advance and the commit still showed the old content, and
its validators must not outlive the commit."""

import datetime

from django.db import connection, transaction
from django.db.models import Subquery, Value
from django.db.models.functions import Greatest
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import CollectionViewRestriction, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from . import keys, purge
from .models import ContentClock

__all__ = ["content_changed_at", "content_clock", "mark_content_changed", "track_changes_of"]

CLOCK_ID = 1


def _advance():
    now = timezone.now()
    if not ContentClock.objects.filter(pk=CLOCK_ID).update(changed_at=Greatest("changed_at", Value(now))):
        ContentClock.objects.get_or_create(pk=CLOCK_ID, defaults={"changed_at": now})


def mark_content_changed(sender=None, purge_keys=None, **_signal_kwargs):
    """Advance the clock to now and purge the front cache's `purge_keys` (by
    default what `sender` changes, cms.caching.keys.purge_keys_for) after the
    commit. A signal receiver; also callable directly."""
    _advance()
    purge.purge_keys(*(purge_keys or keys.purge_keys_for(sender)))
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_advance)


# What `save_revision()` and locking write on the page row: the editor's draft,
# which the public never sees. Such a save (every autosave) keeps every cache.
DRAFT_ONLY_FIELDS = {
    "wagtail_admin_comments",
    "latest_revision_created_at",
    "draft_title",
    "latest_revision",
    "has_unpublished_changes",
    "locked",
    "locked_at",
    "locked_by",
}


def _page_written(sender, instance=None, update_fields=None, **kwargs):
    if not isinstance(instance, Page):
        return
    if update_fields and set(update_fields) <= DRAFT_ONLY_FIELDS:
        return
    mark_content_changed(sender=Page)


def _tracked_change(sender, **kwargs):
    mark_content_changed(sender=sender)


def track_changes_of(*models):
    """Advance the clock (and purge the front cache) whenever one of `models` is saved or deleted."""
    for model in models:
        uid = f"cms_caching_{model._meta.label_lower}"
        post_save.connect(_tracked_change, sender=model, dispatch_uid=f"{uid}_save", weak=False)
        post_delete.connect(_tracked_change, sender=model, dispatch_uid=f"{uid}_delete", weak=False)


def connect_signals():
    # Page subclasses send post_save / post_delete with their own class as sender.
    post_save.connect(_page_written, dispatch_uid="cms_caching_page_saved")
    post_delete.connect(_page_written, dispatch_uid="cms_caching_page_deleted")
    page_published.connect(mark_content_changed, dispatch_uid="cms_caching_published")
    page_unpublished.connect(mark_content_changed, dispatch_uid="cms_caching_unpublished")
    post_page_move.connect(mark_content_changed, dispatch_uid="cms_caching_moved")
    track_changes_of(
        PageViewRestriction,
        CollectionViewRestriction,
        get_document_model(),
        get_image_model(),
        Site,
        Redirect,
        # the API's translation_status and translation_provenance are read from
        # wagtail-localize's records: a translator's saved string changes them
        TranslationSource,
        Translation,
        StringTranslation,
    )
    for restriction in (PageViewRestriction, CollectionViewRestriction):
        m2m_changed.connect(
            _restriction_groups_changed,
            sender=restriction.groups.through,
            dispatch_uid=f"cms_caching_{restriction._meta.model_name}_groups",
        )
    post_migrate.connect(_migrated, dispatch_uid="cms_caching_migrated")


def _restriction_groups_changed(sender, action=None, **kwargs):
    if action in ("post_add", "post_remove", "post_clear"):
        mark_content_changed(sender=PageViewRestriction)


def _migrated(sender, app_config=None, using="default", **kwargs):
    if app_config is not None and app_config.label == "cms_caching":  # once per migrate run
        mark_content_changed(purge_keys=[keys.ALL])


def _latest(field, now, queryset=None):
    rows = (Page.objects if queryset is None else queryset).filter(**{f"{field}__lte": now})
    return Subquery(rows.order_by(f"-{field}").values(field)[:1])


def _next(field, now, queryset=None):
    rows = (Page.objects if queryset is None else queryset).filter(**{f"{field}__gt": now})
    return Subquery(rows.order_by(field).values(field)[:1])


def boundary_fields():
    """The (queryset, field) pairs of the `cache_time_boundary_fields` hooks."""
    return [pair for fn in hooks.get_hooks("cache_time_boundary_fields") for pair in fn()]


def hook_boundaries(now):
    """(latest passed, earliest future) of the `cache_time_boundaries` hooks' moments."""
    passed = upcoming = None
    for fn in hooks.get_hooks("cache_time_boundaries"):
        for moment in fn(now) or ():
            if moment is None:
                continue
            if moment <= now:
                passed = moment if passed is None else max(passed, moment)
            else:
                upcoming = moment if upcoming is None else min(upcoming, moment)
    return passed, upcoming


_NOW = object()  # where the clock's SQL takes the current time
_SENTINEL = datetime.datetime(2000, 1, 1, 0, 0, 0, 424242, tzinfo=datetime.UTC)
_compiled = {}


def _clock_sql():
    """The clock's query as (SQL, parameters with _NOW where the time goes, number
    of boundary sources). Building it (2 subqueries per source) cost more Python
    than PostgreSQL spends running it, on every request and every cache hit: it
    is built once per set of boundary hooks and database, with a sentinel time
    that is swapped for the current one."""
    key = (connection.alias, tuple(hooks.get_hooks("cache_time_boundary_fields")))
    if key not in _compiled:
        sources = [(None, "expire_at"), (None, "go_live_at"), *boundary_fields()]
        passed = {f"passed_{i}": _latest(field, _SENTINEL, qs) for i, (qs, field) in enumerate(sources)}
        upcoming = {f"next_{i}": _next(field, _SENTINEL, qs) for i, (qs, field) in enumerate(sources)}
        query = (
            ContentClock.objects.filter(pk=CLOCK_ID)
            .annotate(**passed, **upcoming)
            .values_list("changed_at", *passed, *upcoming)
        )
        sql, params = query.query.sql_with_params()
        sentinel = connection.ops.adapt_datetimefield_value(_SENTINEL)
        _compiled[key] = (sql, [_NOW if param == sentinel else param for param in params], len(sources))
    return _compiled[key]


def _aware(moment):
    """A column as an aware datetime (SQLite's cursor gives text)."""
    if isinstance(moment, str):
        moment = parse_datetime(moment)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, datetime.UTC)
    return moment


def content_clock(now=None):
    """(changed_at, next_boundary): the moment the public answers last changed
    (to the microsecond; None when the clock was never set) and the next moment
    they change with no write at all (None when nothing is due). One query,
    the boundary fields' columns included, plus whatever the
    `cache_time_boundaries` hooks compute (local midnight: no query)."""
    now = now or timezone.now()
    sql, params, count = _clock_sql()
    value = connection.ops.adapt_datetimefield_value(now)
    with connection.cursor() as cursor:
        cursor.execute(sql, [value if param is _NOW else param for param in params])
        row = cursor.fetchone()
    if row is None:
        return None, None
    row = [_aware(moment) for moment in row]
    hook_passed, hook_next = hook_boundaries(now)
    changed_at = max(moment for moment in (*row[: 1 + count], hook_passed) if moment is not None)
    later = [moment for moment in (*row[1 + count :], hook_next) if moment is not None]
    return changed_at, min(later, default=None)


def content_changed_at(now=None):
    """The moment the public answers last changed (to the microsecond), or None
    when the clock was never set. One query (plus the boundary hooks')."""
    return content_clock(now)[0]
