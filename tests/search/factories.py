"""Test content for the search suite: standard pages in a locale's tree."""

import itertools

from wagtail.models import Locale

from home.models import HomePage, StandardPage
from tests.factories import publish

_slugs = itertools.count()


def locale_home(language):
    return HomePage.objects.get(locale__language_code=language)


def add_page(language, title, intro="", body="", parent=None, live=True, **fields):
    """A published StandardPage (draft when live=False) under the locale's home."""
    parent = parent or locale_home(language)
    page = StandardPage(
        title=title,
        slug=f"search-test-{next(_slugs)}",
        intro=intro,
        body=[("paragraph", f"<p>{body}</p>")] if body else [],
        locale=Locale.objects.get(language_code=language),
        **fields,
    )
    if not live:
        page.live = False
    parent.add_child(instance=page)
    if live:
        publish(page)
    else:
        page.save_revision()
    return page


def translate(page, language, title, intro=""):
    """A published translation of `page` in `language` with its own title."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=language), copy_parents=True)
    translated.title = title
    translated.intro = intro
    translated.slug = page.slug
    return publish(translated)
