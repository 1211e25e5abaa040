"""Building blocks for `manage.py load_demo`.

Each app may ship a `demo.py` with `load(report)`; the command runs them in
INSTALLED_APPS order. Content is written in the source language (bg) with its
ro/en versions side by side and translated through wagtail-localize."""

from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Page, Site

from cms.base_url import site_address, sync_default_site
from cms.translation import is_translated, translate_object

TARGET_LANGUAGES = ("ro", "en")


@dataclass
class DemoReport:
    """What a demo run created; an empty report means nothing changed."""

    created: list = field(default_factory=list)

    def add(self, what):
        self.created.append(what)

    @property
    def changed(self):
        return bool(self.created)


def ensure_site():
    """Locales, the tree root, the bg HomePage and the default Site.

    Migrations create these; this re-creates them on a flushed database (tests
    that flush, an operator who emptied the tables) so load_demo always works.
    The Site's hostname and port follow SITE_BASE_URL (cms.base_url). The home
    page model is named by the HOME_PAGE_MODEL setting: the kernel imports no
    feature app."""
    HomePage = apps.get_model(settings.HOME_PAGE_MODEL)

    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        sync_default_site()
        site.refresh_from_db()
        return site
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=Locale.get_default()))
    home = HomePage.objects.filter(locale=Locale.get_default(), depth=2).first()
    if home is None:
        home = root.add_child(
            instance=HomePage(
                title="Начало", slug="home", hero_title="E-GoverNet", locale=Locale.get_default()
            )
        )
        home.save_revision().publish()
    hostname, port = site_address()
    return Site.objects.create(
        hostname=hostname,
        port=port,
        root_page=home,
        is_default_site=True,
        site_name="E-GoverNet",
    )


def bg_home():
    """The Bulgarian home page (the default site's root)."""
    return ensure_site().root_page.specific


def child_by_slug(parent, slug):
    return parent.get_children().filter(slug=slug).first()


def add_published_child(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def translation_texts(triples, language_code):
    """`triples` is a list of dicts {"bg": …, "ro": …, "en": …}; returns {bg: target}."""
    return {t["bg"]: t[language_code] for t in triples if t.get("bg")}


def ensure_translations(instance, triples, report, label):
    """Translate `instance` into ro and en unless a real translation exists."""
    results = {}
    for code in TARGET_LANGUAGES:
        if is_translated(instance, code):
            results[code] = instance.get_translation(Locale.objects.get(language_code=code))
            continue
        with transaction.atomic():
            results[code] = translate_object(instance, code, translation_texts(triples, code))
        report.add(f"{label} ({code})")
    return results


def ensure_page(parent, slug, build, triples, report, label):
    """Create the bg page `slug` under `parent` with `build()` if missing, then
    make sure its ro/en translations exist. Returns the bg page."""
    page = child_by_slug(parent, slug)
    if page is None:
        page = add_published_child(parent, build())
        report.add(f"{label} (bg)")
    page = page.specific
    ensure_translations(page, triples, report, label)
    return page


__all__ = [
    "DemoReport",
    "add_published_child",
    "bg_home",
    "child_by_slug",
    "ensure_page",
    "ensure_translations",
    "translation_texts",
]
