"""Nothing private leaks: a future-scheduled and an expired item, and a draft
translation, stay out of HTML, feeds, sitemap and the API."""

import time

import pytest
from django.core.management import call_command
from django.utils import timezone

from cms.translation import translate_object
from news.models import NewsPage
from tests.factories import sitemap_documents
from tests.news.factories import make_news, news_index, now_plus

pytestmark = pytest.mark.django_db


def public_surfaces(client, lang="bg"):
    """Everything an anonymous visitor or consumer can read, concatenated."""
    parts = [
        client.get(f"/{lang}/news/").content.decode(),
        client.get(f"/{lang}/news/?year=2030").content.decode(),
        client.get(f"/{lang}/news/rss/").content.decode(),
        client.get(f"/{lang}/news/atom/").content.decode(),
        *sitemap_documents(client),
        client.get(f"/api/v2/pages/?type=news.NewsPage&locale={lang}&limit=100").content.decode(),
        client.get("/api/v2/pages/?limit=100&fields=title").content.decode(),
        client.get(f"/api/v3/pages/?type=news.NewsPage&locale={lang}&limit=100").content.decode(),
    ]
    return "\n".join(parts)


def test_demo_scheduled_item_is_not_public_anywhere(client, demo_site):
    scheduled = NewsPage.objects.filter(slug="new-e-services-catalogue")
    assert scheduled.count() == 3 and not scheduled.filter(live=True).exists()
    assert all(p.go_live_at > timezone.now() for p in scheduled)
    for page in scheduled:
        lang = page.locale.language_code
        assert page.title not in public_surfaces(client, lang)
        assert client.get(f"/{lang}/news/new-e-services-catalogue/").status_code == 404
        assert client.get(f"/api/v2/pages/{page.pk}/").status_code == 404


def test_future_scheduled_item_goes_live_only_when_due(client, demo_site):
    due = now_plus(seconds=8)
    page = make_news(title="Бъдеща новина", go_live_at=due)
    assert not NewsPage.objects.get(pk=page.pk).live
    for url in ("/bg/news/", "/bg/news/rss/", "/api/v2/pages/?type=news.NewsPage&locale=bg&limit=50"):
        assert "Бъдеща новина" not in client.get(url).content.decode(), url
    call_command("publish_scheduled")  # not due yet
    assert not NewsPage.objects.get(pk=page.pk).live
    time.sleep(max((due - timezone.now()).total_seconds(), 0) + 0.5)
    call_command("publish_scheduled")
    assert NewsPage.objects.get(pk=page.pk).live
    assert "Бъдеща новина" in client.get("/bg/news/").content.decode()


def test_expired_item_is_hidden_before_and_after_publish_scheduled(client, demo_site):
    page = make_news(title="Изтекла новина", expire_at=now_plus(days=1))
    assert "Изтекла новина" in client.get("/bg/news/").content.decode()
    # its expiry comes and passes, with no write (a moment after the last change, as in life)
    NewsPage.objects.filter(pk=page.pk).update(expire_at=now_plus(seconds=1))
    time.sleep(1.2)
    # still live (cron not run yet) but already hidden everywhere
    assert NewsPage.objects.get(pk=page.pk).live
    assert "Изтекла новина" not in public_surfaces(client)
    assert client.get(page.url).status_code == 410  # Gone at once, before the cron
    call_command("publish_scheduled")
    assert not NewsPage.objects.get(pk=page.pk).live
    assert "Изтекла новина" not in public_surfaces(client)
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404


def test_expired_page_leaves_api_v3_before_publish_scheduled(client, demo_site):
    page = make_news(title="Изтичаща новина", expire_at=now_plus(days=1))
    listing = "/api/v3/pages/?type=news.NewsPage&locale=bg&limit=100"

    def listed_ids():
        response = client.get(listing)
        assert response.status_code == 200
        return {item["id"] for item in response.json()["items"]}

    assert page.pk in listed_ids()
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 200
    NewsPage.objects.filter(pk=page.pk).update(expire_at=now_plus(seconds=-1))
    assert NewsPage.objects.get(pk=page.pk).live  # the cron has not run
    assert page.pk not in listed_ids()
    assert client.get(f"/api/v3/pages/{page.pk}/").status_code == 404
    assert page.pk not in {item["id"] for item in client.get(listing + "&search=Изтичаща").json()["items"]}


def test_draft_translation_never_leaks_into_its_locale(client, demo_site):
    """The ro version (an alias until translated) keeps showing the bg original
    while its translation is a draft (see cms.draft_translations)."""
    page = make_news(title="Само на български", intro="Само резюме", hero_image_alt="")
    translate_object(
        page, "ro", {"Само на български": "Doar în bulgară", "Само резюме": "Doar rezumat"}, publish=False
    )
    ro = NewsPage.objects.get(translation_key=page.translation_key, locale__language_code="ro")
    assert ro.has_unpublished_changes and ro.title == "Само на български"
    assert "Doar în bulgară" not in public_surfaces(client, "ro")
    assert "Doar în bulgară" not in client.get(f"/ro/news/{page.slug}/").content.decode()
    # and the bg page does not list the draft as a translation
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["translations"] == []
    # the ro listing shows the bg original, as it did before the translation started
    assert "Само на български" in client.get("/ro/news/").content.decode()
    assert "Само на български" in client.get("/bg/news/").content.decode()


def test_private_news_is_not_listed(client, demo_site):
    from wagtail.models import PageViewRestriction

    page = make_news(title="Поверителна новина")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-pass")
    assert "Поверителна новина" not in public_surfaces(client)
    assert news_index().news().filter(pk=page.pk).count() == 0
