"""Every page exists in every locale: a new page gets an alias in each other
locale, however it was created (admin, API v3, `import_directory`, the demo
loader, `parent.add_child()` in a shell), and aliases follow their source's slug.

This is the one sync of new pages. wagtail-localize's own `after_create_page`
hook (for locales with a "Sync from" setting) runs in the admin only and then
finds the aliases made here: `BasePage.copy_for_translation(alias=True)`
returns the page a locale already has instead of making a second one.

One exception: the admin's page editor autosaves a new page as soon as a title
is typed. Someone who opens "Add news", types and leaves has only left a draft
behind; that draft is not synced (no aliases appear in the other locales' trees)
until it is saved on purpose: saved as a draft, submitted for moderation or
published in the editor, or published by any other route (cms/wagtail_hooks.py
holds the admin's side, wagtail-localize's create hook included).
A retry with the same title then meets the draft's slug: Wagtail's message for
it is in our catalogues in bg and ro."""

import contextvars

from django.core.signals import request_started
from django.db.models.signals import post_save
from wagtail.coreutils import find_available_slug
from wagtail.models import Locale, Page, get_page_models
from wagtail.signals import page_published


def sync_new_page_into_every_locale(sender, instance, created, raw=False, **kwargs):
    """A page that starts a translation group gets an alias in every other locale.

    Skipped: aliases (made here or by wagtail-localize), translations and copies
    that share a translation key (wagtail-localize's `copy_for_translation`),
    the root and the locales' home pages, and fixtures being loaded (`raw`).

    The aliases are copied from the row just saved, not from `instance`: its
    child objects (inline panels) are committed only after this signal, and
    copying them uncommitted would share them between locales. Wagtail copies
    the children into the aliases when the page is published."""
    if not created or raw or _autosaving.get():
        return
    sync_into_every_locale(instance)


def sync_into_every_locale(instance):
    """Give `instance` an alias in every other locale unless it is an alias, a
    translation, the root or a home page, or has been synced already."""
    if instance.alias_of_id is not None or instance.depth <= 2:
        return
    if Page.objects.filter(translation_key=instance.translation_key).exclude(pk=instance.pk).exists():
        return
    saved = type(instance).objects.get(pk=instance.pk)
    for locale in _locales_with_a_tree_for(saved):
        saved.copy_for_translation(locale, copy_parents=True, alias=True)


# Set while the admin's create view handles an autosave (a JSON request), for
# that request only: cleared when the view is done and when any request starts.
_autosaving = contextvars.ContextVar("cms_page_sync_autosaving", default=False)


def is_autosave(request):
    """The page editor's autosave asks for JSON; a click on Save/Publish/Submit asks for HTML."""
    return request.method == "POST" and not request.accepts("text/html")


def autosave_started(request):
    """Called before the admin creates a page: defer the sync if it is an autosave."""
    _autosaving.set(is_autosave(request))


def autosave_finished(*args, **kwargs):
    _autosaving.set(False)


def autosaving():
    """Whether the admin is creating a page by an autosave right now."""
    return _autosaving.get()


def sync_deferred_page(sender, instance, **kwargs):
    """A page created by an autosave is synced when it is first published."""
    sync_into_every_locale(instance)


def _locales_with_a_tree_for(page):
    """The other locales that have a version of the page's home (depth 2): a
    locale's home is set up with the locale (and translated, not aliased, so its
    slug never changes under live pages); no home, no tree to sync into yet."""
    home = page.get_ancestors().filter(depth=2).first()
    if home is None:
        return Locale.objects.none()
    homes = Page.objects.filter(translation_key=home.translation_key, depth=2)
    return Locale.objects.filter(pk__in=homes.values("locale_id")).exclude(pk=page.locale_id)


def alias_follows_source_slug(sender, instance, alias=False, **kwargs):
    """Wagtail updates an alias's content when its source is published but keeps
    the alias's own slug; a synced page has the same slug in every locale (the
    slug is a SynchronizedField), so the alias takes the new one and its URL
    (and its descendants' URLs) change with it. Home pages (siblings under the
    root, with a language suffix) keep theirs."""
    if not alias or instance.alias_of_id is None or instance.depth <= 2:
        return
    source_slug = Page.objects.filter(pk=instance.alias_of_id).values_list("slug", flat=True).first()
    if source_slug is None or source_slug == instance.slug:
        return
    page = Page.objects.get(pk=instance.pk).specific
    page.slug = find_available_slug(page.get_parent(), source_slug, ignore_page_id=page.pk)
    if page.slug != instance.slug:
        page.save(clean=False)  # Page.save() recomputes url_path for the page and its descendants


def connect():
    for model in get_page_models():
        post_save.connect(
            sync_new_page_into_every_locale, sender=model, dispatch_uid=f"cms_page_sync_{model._meta.label}"
        )
    page_published.connect(alias_follows_source_slug, dispatch_uid="cms_alias_follows_source_slug")
    page_published.connect(sync_deferred_page, dispatch_uid="cms_sync_deferred_page")
    request_started.connect(autosave_finished, dispatch_uid="cms_page_sync_request_started")
