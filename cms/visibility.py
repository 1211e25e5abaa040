"""What the public may see: the one rule every surface asks.

A page is *publicly visible* when it is

- live, not past its `expire_at` (whether or not the `publish_scheduled` cron
  has run yet) and not scheduled to go live later;
- free of view restrictions — on itself or an ancestor — **in every locale of
  its translation group**: a restriction on one translation (or on one
  translation of a section) hides all its translations and aliases; and
- in one of the site's trees (the site root and its translations), when a site
  is given; and
- for listings (the default): not *withdrawn* — a withdrawn page (or a withdrawn
  translation of it) stays readable at its address but leaves listings, menus,
  search, feeds and the sitemap. What shows one page rather than lists pages
  (`serve()`, the language switcher, links to a page, the read APIs, which say
  `withdrawn_notice`) passes `include_withdrawn=True`.

`publicly_visible(queryset)` applies it to any page queryset (also as the
`.publicly_visible()` method of every page type's manager) and
`is_publicly_visible(page)` checks one page. Listings, menus, feeds, the
sitemap, hreflang and the language switcher, search, both APIs, the exports,
related-content blocks and `serve()` all go through these two. Documents and
images follow from it: they are public only when a publicly visible page uses
them (`publicly_used`).

This module imports no feature app."""

from __future__ import annotations

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import BigIntegerField, Q, QuerySet
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    Page,
    PageViewRestriction,
    ReferenceIndex,
    Site,
)
from wagtail.query import PageQuerySet

from cms.caching.fragments import cached

__all__ = [
    "PublicPageQuerySet",
    "effective_restrictions",
    "expired_but_live",
    "hidden_pages",
    "in_publication_window",
    "hidden_translation_keys",
    "is_publicly_visible",
    "visible_in_locale",
    "visible_in_locales",
    "is_publicly_used",
    "publicly_used",
    "publicly_visible",
    "publicly_visible_pages",
    "restricted_collection_ids",
    "site_tree_q",
    "under_paths_q",
    "used_by_visible_pages",
    "withdrawn_translation_keys",
]


def under_paths_q(paths) -> Q:
    """Pages at or below any of the tree paths (none when there are none)."""
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(path__startswith=path)
    return condition


def restricted_group_roots() -> list[str]:
    """Tree paths of every page that carries a view restriction, and of each of
    their translations and aliases: everything below these is restricted.
    (One query; inside a request, once per content change: cms.caching.fragments.)"""

    def compute():
        restricted_keys = PageViewRestriction.objects.values("page__translation_key")
        return list(Page.objects.filter(translation_key__in=restricted_keys).values_list("path", flat=True))

    return cached("restricted-roots", compute)


def hidden_translation_key_set() -> frozenset:
    """The translation keys of every page below a restricted page (or below one of
    its translations): the pages the rule hides for their restrictions. Cached
    like `restricted_group_roots` (no query at all when nothing is restricted)."""

    def compute():
        roots = restricted_group_roots()
        if not roots:
            return frozenset()
        return frozenset(Page.objects.filter(under_paths_q(roots)).values_list("translation_key", flat=True))

    return cached("hidden-translation-keys", compute)


def hidden_translation_keys(roots: list[str] | None = None) -> QuerySet | None:
    """Translation keys of every page below a restricted page (or below one of its
    translations), as a subquery; None when nothing is restricted."""
    roots = restricted_group_roots() if roots is None else roots
    if not roots:
        return None
    return Page.objects.filter(under_paths_q(roots)).values("translation_key")


def site_tree_q(site: Site) -> Q:
    """Pages in the site's trees: its root page and the root's translations."""
    paths = cached(
        "site-tree-paths",
        lambda: list(site.root_page.get_translations(inclusive=True).values_list("path", flat=True)),
        site.pk,
        site.root_page_id,
    )
    return under_paths_q(paths)


def withdrawn_translation_keys() -> QuerySet:
    """Translation keys of withdrawn pages (a subquery; cms.change_history keeps them)."""
    from cms.models.history import Withdrawal

    return Withdrawal.objects.values("translation_key")


def publicly_visible(
    queryset: QuerySet,
    site: Site | None = None,
    now: datetime.datetime | None = None,
    include_withdrawn: bool = False,
):
    """`queryset` narrowed to the pages an anonymous visitor may see (see module doc),
    as listed: without withdrawn pages unless `include_withdrawn`.
    (A queryset to be searched takes it as `pk__in=publicly_visible(…).values("pk")`:
    the search backends filter on indexed fields only.)"""
    now = now or timezone.now()
    queryset = queryset.filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now),
        Q(go_live_at__isnull=True) | Q(go_live_at__lte=now),
        live=True,
    )
    hidden = hidden_translation_keys()
    if hidden is not None:
        queryset = queryset.exclude(translation_key__in=hidden)
    if not include_withdrawn:
        queryset = queryset.exclude(translation_key__in=withdrawn_translation_keys())
    if site is not None:
        queryset = queryset.filter(site_tree_q(site))
    return queryset


def hidden_pages(now: datetime.datetime | None = None):
    """The complement of the listing rule over all pages (ignoring site trees): for
    precomputed indexes that only need to drop what became hidden (or withdrawn) since."""
    now = now or timezone.now()
    condition = Q(live=False) | Q(expire_at__lte=now) | Q(go_live_at__gt=now)
    condition |= Q(translation_key__in=withdrawn_translation_keys())
    hidden = hidden_translation_keys()
    if hidden is not None:
        condition |= Q(translation_key__in=hidden)
    return Page.objects.filter(condition)


def publicly_visible_pages(site: Site | None = None, include_withdrawn: bool = True):
    """Every publicly visible page (of any type), as a queryset of `Page` (withdrawn
    ones too by default: their documents and images stay public with them)."""
    return publicly_visible(Page.objects.all(), site=site, include_withdrawn=include_withdrawn)


def visible_in_locale(pages, locale_id) -> list:
    """For each linked page, the page to link to from a page in `locale_id`: its
    translation there if publicly visible, else the linked page itself if
    publicly visible, else None (one query, whatever the number of pages)."""
    pages = list(pages)
    return visible_in_locales([(page, locale_id) for page in pages])


def visible_in_locales(pairs) -> list:
    """`visible_in_locale` for many (linked page, locale id) pairs at once: one
    query for all of them (API listings: each item links in its own locale)."""
    pairs = list(pairs)
    if not pairs:
        return []
    keys = {page.translation_key for page, _locale_id in pairs}
    visible = publicly_visible(Page.objects.filter(translation_key__in=keys), include_withdrawn=True)
    localized, visible_ids = {}, set()
    for page in visible.select_related("locale").specific():
        visible_ids.add(page.pk)
        localized[(page.translation_key, page.locale_id)] = page
    return [
        localized.get((page.translation_key, locale_id)) or (page if page.pk in visible_ids else None)
        for page, locale_id in pairs
    ]


def in_publication_window(page: Page, now: datetime.datetime | None = None) -> bool:
    """Neither past its `expire_at` nor before its `go_live_at` (whatever the cron did)."""
    now = now or timezone.now()
    return not ((page.expire_at and page.expire_at <= now) or (page.go_live_at and page.go_live_at > now))


def expired_but_live(queryset: QuerySet, now: datetime.datetime | None = None) -> QuerySet:
    """Pages past their expiry that the `publish_scheduled` cron has not unpublished
    yet: already hidden by the rule, still `live` in the database."""
    return queryset.filter(live=True, expire_at__lte=now or timezone.now())


def is_publicly_visible(page: Page, site: Site | None = None) -> bool:
    """The rule for one page (one query, or two when something is restricted)."""
    now = timezone.now()
    if not page.live or not in_publication_window(page, now):
        return False
    return publicly_visible(
        Page.objects.filter(pk=page.pk), site=site, now=now, include_withdrawn=True
    ).exists()


def effective_restrictions(page: Page) -> list[PageViewRestriction]:
    """The view restrictions that apply to `page`: those on itself or an ancestor
    in any locale of its translation group, and on their translations."""
    if page.translation_key not in hidden_translation_key_set():
        return []  # neither it nor any translation lies below a restricted page
    group_paths = list(page.get_translations(inclusive=True).values_list("path", flat=True))
    steplen = Page.steplen
    prefixes = {path[:length] for path in group_paths for length in range(steplen, len(path) + 1, steplen)}
    ancestor_keys = Page.objects.filter(path__in=prefixes).values("translation_key")
    return list(
        PageViewRestriction.objects.filter(page__translation_key__in=ancestor_keys)
        .select_related("page")
        .prefetch_related("groups")
        .order_by("pk")
    )


class PublicPageQuerySet(PageQuerySet):
    """Wagtail's page queryset with the site's visibility rule as a method."""

    def publicly_visible(self, site: Site | None = None, include_withdrawn: bool = False):
        return publicly_visible(self, site=site, include_withdrawn=include_withdrawn)


# --- Documents and images ------------------------------------------------------


def restricted_collection_ids():
    """Collections with a view restriction of any kind, and their descendants (a subquery)."""
    paths = cached(
        "restricted-collection-paths",
        lambda: list(
            Collection.objects.filter(
                id__in=CollectionViewRestriction.objects.values("collection_id")
            ).values_list("path", flat=True)
        ),
    )
    if not paths:
        return Collection.objects.none().values("id")
    return Collection.objects.filter(under_paths_q(paths)).values("id")


def used_by_visible_pages(queryset: QuerySet, site: Site | None = None) -> QuerySet:
    """The documents or images of `queryset` that a publicly visible page uses.

    Wagtail's reference index records what each page row refers to (its fields,
    StreamField blocks and rich text); a live page's row holds its live content,
    so a draft revision's new attachment counts only once it is published."""
    model = queryset.model
    references = (
        ReferenceIndex.objects.filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            to_content_type=ContentType.objects.get_for_model(model),
        )
        .annotate(page_pk=Cast("object_id", BigIntegerField()))
        .filter(page_pk__in=publicly_visible_pages(site=site).values("pk"))
        .annotate(object_pk=Cast("to_object_id", BigIntegerField()))
        .values("object_pk")
    )
    return queryset.filter(pk__in=references)


def publicly_used(queryset: QuerySet, site: Site | None = None) -> QuerySet:
    """Documents or images anyone may list and download: used by the live content
    of at least one publicly visible page, and not in a restricted collection.
    Everything else (unattached, used only by drafts or hidden pages, in a
    private collection) needs permission."""
    return used_by_visible_pages(queryset.exclude(collection_id__in=restricted_collection_ids()), site=site)


def is_publicly_used(obj) -> bool:
    """`publicly_used` for one document or image (cached per content change inside a request)."""
    return cached(
        "publicly-used",
        lambda: publicly_used(type(obj)._default_manager.filter(pk=obj.pk)).exists(),
        obj._meta.label_lower,
        obj.pk,
    )
