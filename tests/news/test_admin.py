"""Editors: a news listing newest first with category and locale filters; categories as snippets."""

import pytest

from news.models import NewsCategory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_news_listing_is_newest_first(editor_client, demo_site):
    response = editor_client.get("/admin/news_pages/")
    assert response.status_code == 200
    pages = list(response.context["object_list"])
    dates = [p.date for p in pages]
    assert dates == sorted(dates, reverse=True)


def test_news_listing_filters_by_category_and_locale(editor_client, demo_site):
    response = editor_client.get("/admin/news_pages/", {"category": "infrastructure", "locale": "ro"})
    assert response.status_code == 200
    pages = list(response.context["object_list"])
    assert {p.slug for p in pages} == {"ruse-giurgiu-bridge-toll-online", "vidin-calafat-ferry-timetable"}
    assert {p.locale.language_code for p in pages} == {"ro"}


def test_categories_are_translatable_snippets(editor_client, demo_site):
    response = editor_client.get("/admin/snippets/news/newscategory/", {"locale": "ro"})
    assert response.status_code == 200
    assert "Cooperare" in response.content.decode()
    category = NewsCategory.objects.get(slug="events", locale__language_code="bg")
    edit = editor_client.get(f"/admin/snippets/news/newscategory/edit/{category.pk}/")
    assert edit.status_code == 200


def test_a_too_long_summary_is_refused_and_nothing_saved(editor_client, demo_site):
    from news.models import NewsIndexPage, NewsPage

    index = NewsIndexPage.objects.get(locale__language_code="bg")
    count = NewsPage.objects.count()
    response = editor_client.post(
        f"/admin/pages/add/news/newspage/{index.pk}/",
        {
            "title": "Дълго резюме",
            "slug": "long-summary",
            "date": "2026-01-01",
            "intro": "а" * 301,
            "body-count": "0",
            "news_categories-TOTAL_FORMS": "0",
            "news_categories-INITIAL_FORMS": "0",
            "news_categories-MIN_NUM_FORMS": "0",
            "news_categories-MAX_NUM_FORMS": "1000",
            "related_institutions-TOTAL_FORMS": "0",
            "related_institutions-INITIAL_FORMS": "0",
            "related_institutions-MIN_NUM_FORMS": "0",
            "related_institutions-MAX_NUM_FORMS": "1000",
            "regions": ["RO314"],
        },
    )
    assert response.status_code == 200
    assert "at most 300 characters" in response.content.decode() or "300" in response.content.decode()
    assert NewsPage.objects.count() == count
