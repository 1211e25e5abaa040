"""Builders for news tests: news pages under the demo's news index."""

import datetime
import itertools

from django.utils import timezone
from wagtail.models import Locale

from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageCategory

_counter = itertools.count(1)


def news_index(language="bg"):
    return NewsIndexPage.objects.get(locale__language_code=language)


def category(slug, language="bg"):
    return NewsCategory.objects.get(slug=slug, locale__language_code=language)


def make_news(
    index=None,
    *,
    title=None,
    date=None,
    categories=(),
    regions=(),
    featured=False,
    publish=True,
    go_live_at=None,
    expire_at=None,
    revision=True,
    **extra,
):
    """A news page under `index` (the bg news index by default), published
    through a revision unless `publish` is False."""
    index = index or news_index()
    number = next(_counter)
    page = NewsPage(
        title=title or f"Тестова новина {number}",
        slug=f"test-news-{number}",
        date=date or datetime.date(2026, 6, 1),
        intro=extra.pop("intro", f"Резюме {number}"),
        regions=list(regions),
        featured=featured,
        live=publish and go_live_at is None,
        go_live_at=go_live_at,
        expire_at=expire_at,
        **extra,
    )
    for item in categories:
        page.news_categories.add(NewsPageCategory(category=item))
    index.add_child(instance=page)
    if revision:
        rev = page.save_revision()
        if publish:
            rev.publish()
        page.refresh_from_db()
    return page


def now_plus(**delta):
    return timezone.now() + datetime.timedelta(**delta)


def locale(code):
    return Locale.objects.get(language_code=code)
