"""Keep the suggestion index in step with publishing."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from .registry import get_sources
from .suggestions import refresh_for_page, refresh_subtree


def _is_source_page(instance):
    return any(isinstance(instance, source.page_model) for source in get_sources())


def on_publish_change(sender, instance, **kwargs):
    if _is_source_page(instance):
        refresh_for_page(instance)


def on_delete(sender, instance, **kwargs):
    # Rows of the deleted page go with it (foreign key); its translations' rows
    # still carry its name in their keys, so they are rebuilt.
    if _is_source_page(instance):
        refresh_for_page(instance)


def on_restriction_change(sender, instance, **kwargs):
    if get_sources():
        refresh_subtree(instance.page)


def connect():
    page_published.connect(on_publish_change, dispatch_uid="search-suggestions-published")
    page_unpublished.connect(on_publish_change, dispatch_uid="search-suggestions-unpublished")
    # Sent for the specific page model too (multi-table inheritance), so the
    # isinstance test in on_delete sees the page's real type.
    post_delete.connect(on_delete, dispatch_uid="search-suggestions-deleted")
    post_save.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-suggestions-restricted"
    )
    post_delete.connect(
        on_restriction_change, sender=PageViewRestriction, dispatch_uid="search-suggestions-unrestricted"
    )
