"""A translation is public only once it is published: one rule for whether a
page shows its own content or its source's ("not translated yet").

A page shows its source's content when it is an alias, or when it is the
target of a wagtail-localize translation that has never been published (no
live revision). Templates, the sitemap, search and the API ask this module.

Why not keep the alias until the translation is published: Wagtail refuses
revisions on aliases (`save_revision()` raises, the edit view answers POST with
405), and wagtail-localize's edit view shows an alias as "Translate this page"
instead of its translation editor. So the draft is a normal page with a draft
revision, as wagtail-localize leaves it, and only its live row is put back: when
wagtail-localize saves a translation without publishing (it writes the draft
into the live row), the row shows again what the public saw before, the source's
content for a first translation, the live revision's for a later one. The draft
stays the latest revision (`has_unpublished_changes`), for the translation
editor, previews, workflows and publishing."""

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.db.models.signals import post_save
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, TranslatableMixin, _copy_m2m_relations
from wagtail.signals import page_published
from wagtail_localize.models import Translation, TranslationLog

__all__ = [
    "content_source",
    "shows_source_content",
    "translated",
    "with_translated_flag",
]

# Fields of a page that are its place in the tree, never content (as in Page.update_aliases).
_TREE_FIELDS = ["id", "path", "depth", "numchild", "url_path", "index_entries", "postgres_index_entries"]


def _is_translation_target():
    return Exists(
        Translation.objects.filter(
            source__object_id=OuterRef("translation_key"), target_locale=OuterRef("locale")
        )
    )


def _translated_q():
    """Pages whose live row holds their own content."""
    return Q(alias_of__isnull=True) & (Q(live_revision__isnull=False) | ~_is_translation_target())


def translated(queryset):
    """Only pages that show their own content (no aliases, no unpublished first translations)."""
    return queryset.filter(_translated_q())


def with_translated_flag(queryset):
    """Annotate `is_translated` (see `translated`) without an extra query per page."""
    return queryset.annotate(is_translated=ExpressionWrapper(_translated_q(), output_field=BooleanField()))


def _first_translation_pending(page):
    return (
        page.alias_of_id is None
        and page.live_revision_id is None
        and Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        ).exists()
    )


def _source_of_translation(page):
    translation = (
        Translation.objects.filter(source__object_id=page.translation_key, target_locale_id=page.locale_id)
        .select_related("source")
        .first()
    )
    if translation is None:
        return None
    return Page.objects.filter(
        translation_key=page.translation_key, locale_id=translation.source.locale_id
    ).first()


def content_source(page):
    """The page whose content `page` shows: its source while not translated, else itself.
    (Remembered on the instance: a page template asks several times.)"""
    cached = getattr(page, "_content_source", None)
    if cached is None:
        if page.alias_of_id is not None:
            cached = page.alias_of
        elif _first_translation_pending(page):
            cached = _source_of_translation(page) or page
        else:
            cached = page
        page._content_source = cached
    return cached


def shows_source_content(page):
    """True when `page` shows its source's content: an alias, or a translation never published."""
    return content_source(page).pk != page.pk


# --- Keeping drafts off the live row ------------------------------------------


def _show_content_of(page, source):
    """Write `source`'s live content into `page`'s live row, as Wagtail does for an
    alias (Page.update_aliases), keeping the page's own slug, tree position,
    draft and latest revision. The page counts as never published again."""
    updated = page.with_content_json(source.serializable_data())
    child_object_map = source.copy_all_child_relations(target=updated, exclude=_TREE_FIELDS)
    for children in child_object_map.values():
        for child in children if isinstance(children, list) else [children]:
            if isinstance(child, TranslatableMixin):
                child.locale_id = page.locale_id
    _copy_m2m_relations(source, updated, exclude_fields=_TREE_FIELDS)
    updated.slug = (
        page.slug if page.depth <= 2 else find_available_slug(page.get_parent(), source.slug, page.pk)
    )
    updated.set_url_path(updated.get_parent())
    updated.live = source.live
    updated.live_revision = None
    updated.last_published_at = source.last_published_at
    updated.has_unpublished_changes = True
    updated.save(clean=False)
    return updated


def _show_live_revision(page):
    """Put the live revision's content back into the live row (the draft stays the latest revision)."""
    updated = page.with_content_json(page.live_revision.content)
    updated.live_revision_id = page.live_revision_id
    updated.last_published_at = page.last_published_at
    updated.has_unpublished_changes = True
    updated.save(clean=False)
    return updated


def keep_draft_translation_off_live_page(sender, instance, created, raw=False, **kwargs):
    """wagtail-localize logs every translation it writes into a page (TranslationLog).
    When that revision is not the live one (`save_target(publish=False)`, or before
    a publish that runs on commit), the live row goes back to what the public saw."""
    if not created or raw or instance.revision_id is None:
        return
    revision = instance.revision
    if not issubclass(revision.content_type.model_class() or object, Page):
        return
    page = Page.objects.get(pk=revision.object_id).specific
    if not page.live or page.alias_of_id is not None or page.live_revision_id == revision.pk:
        return
    if page.live_revision_id is not None:
        _show_live_revision(page)
        return
    source = instance.source.get_source_instance()
    if isinstance(source, Page):
        _show_content_of(page, Page.objects.get(pk=source.pk).specific)


def pending_translations_follow_source(sender, instance, alias=False, **kwargs):
    """A republished source updates its unpublished first translations' live rows,
    as it updates its aliases."""
    if alias:
        return
    pending = Page.objects.filter(
        translation_key=instance.translation_key, alias_of__isnull=True, live_revision__isnull=True, live=True
    ).exclude(pk=instance.pk)
    for page in pending:
        if Translation.objects.filter(
            source__object_id=instance.translation_key,
            source__locale_id=instance.locale_id,
            target_locale_id=page.locale_id,
        ).exists():
            _show_content_of(page.specific, instance.specific)


def connect():
    post_save.connect(
        keep_draft_translation_off_live_page, sender=TranslationLog, dispatch_uid="cms_keep_draft_off_live"
    )
    page_published.connect(pending_translations_follow_source, dispatch_uid="cms_pending_translations_follow")
