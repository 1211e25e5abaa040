"""Test content for the search suite: standard pages in a locale's tree."""

import itertools

from wagtail.models import Locale

from cms.translation import translate_object
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
    """A published translation of `page` (until now an alias) in `language` with its own title."""
    texts = {page.title: title}
    if page.intro:
        texts[page.intro] = intro or page.intro
    return translate_object(page, language, texts, strict=False)
