"""Keep the suggestion index in step with publishing."""

from django.db.models.signals import post_delete
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from .registry import get_sources
from .suggestions import refresh_for_page


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


def connect():
    page_published.connect(on_publish_change, dispatch_uid="search-suggestions-published")
    page_unpublished.connect(on_publish_change, dispatch_uid="search-suggestions-unpublished")
    post_delete.connect(on_delete, sender=Page, dispatch_uid="search-suggestions-deleted")
