"""The demo newsroom: ≥ 12 items in bg translated through wagtail-localize,
≥ 4 translated categories, locally drawn images, one scheduled item; idempotent."""

import io

import pytest
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail_localize.models import Translation

from news.models import NewsCategory, NewsIndexPage, NewsPage

pytestmark = pytest.mark.django_db


def test_demo_newsroom_in_three_languages(demo_site):
    for lang in ("bg", "ro", "en"):
        index = NewsIndexPage.objects.get(locale__language_code=lang)
        assert index.live
        live = NewsPage.objects.child_of(index).live()
        assert live.count() >= 12
        for page in live:
            assert page.hero_image_id and page.news_categories.exists()
            if lang != "bg":
                assert Translation.objects.filter(
                    source__object_id=page.translation_key, target_locale=page.locale
                ).exists()
    assert NewsCategory.objects.filter(locale__language_code="bg").count() >= 4
    for category in NewsCategory.objects.filter(locale__language_code="ro"):
        assert Translation.objects.filter(source__object_id=category.translation_key).exists()
    assert NewsCategory.objects.get(slug="cooperation", locale__language_code="ro").name == "Cooperare"
    assert get_image_model().objects.filter(title__startswith="News: ").count() >= 13


def test_second_run_creates_nothing(demo_site):
    counts = (NewsPage.objects.count(), NewsCategory.objects.count(), get_image_model().objects.count())
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "nothing changed" in out.getvalue()
    assert (
        NewsPage.objects.count(),
        NewsCategory.objects.count(),
        get_image_model().objects.count(),
    ) == counts
