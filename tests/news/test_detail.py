"""A news page: localized date, links back to the filtered index, related
institutions (live only), previous/next, Open Graph and NewsArticle JSON-LD."""

import json
import re

import pytest

from home.models import StandardPage
from news.models import NewsPage, NewsPageRelatedInstitution

pytestmark = pytest.mark.django_db

URL = "/{lang}/news/survey-of-e-services-results/"


@pytest.mark.parametrize(
    ("lang", "date"), [("bg", "5 март 2026 г."), ("ro", "5 martie 2026"), ("en", "5 March 2026")]
)
def test_date_in_the_locales_own_format(client, demo_site, lang, date):
    html = client.get(URL.format(lang=lang)).content.decode()
    assert f'<time datetime="2026-03-05">{date}</time>' in html


def test_categories_and_regions_link_to_the_filtered_index(client, demo_site):
    html = client.get(URL.format(lang="ro")).content.decode()
    assert '<a href="/ro/news/?category=e-services">Servicii electronice</a>' in html
    assert '<a href="/ro/news/?region=RO314">Giurgiu</a>' in html
    html = client.get(URL.format(lang="bg")).content.decode()
    assert '<a href="/bg/news/?region=RO314">Гюргево</a>' in html


def test_previous_and_next_stay_in_the_locale(client, demo_site):
    response = client.get("/ro/news/ruse-giurgiu-bridge-toll-online/")
    assert response.context["previous_news"].slug == "cooperation-agreement-ruse-giurgiu"
    assert response.context["next_news"].slug == "survey-of-e-services-results"
    assert response.context["next_news"].locale.language_code == "ro"
    html = response.content.decode()
    assert 'href="/ro/news/survey-of-e-services-results/" rel="next"' in html
    newest = client.get(URL.format(lang="en"))
    assert newest.context["next_news"] is None


def test_open_graph_and_news_article_json_ld(client, demo_site):
    html = client.get(URL.format(lang="en")).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert re.search(r'<meta property="og:image" content="https?://[^"]+">', html)
    assert '<meta property="og:image:alt" content="Chart of the share of services available online">' in html
    raw = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == "Results of the survey of e-services"
    assert data["datePublished"] == "2026-03-05"
    assert data["inLanguage"] == "en"
    assert data["url"].endswith("/en/news/survey-of-e-services-results/")
    assert data["image"][0].startswith("http")


def test_hero_image_uses_the_translated_alt_text(client, demo_site):
    html = client.get(URL.format(lang="ro")).content.decode()
    assert 'alt="Diagramă cu ponderea serviciilor disponibile online"' in html


def test_related_institutions_show_live_pages_in_the_news_language(client, demo_site):
    news = NewsPage.objects.get(slug="survey-of-e-services-results", locale__language_code="bg")
    about = StandardPage.objects.get(slug="about", locale__language_code="bg")
    privacy = StandardPage.objects.get(slug="privacy", locale__language_code="bg")
    privacy.get_translations().update(live=False)
    privacy.live = False
    privacy.save()
    for institution in (about, privacy):
        NewsPageRelatedInstitution.objects.create(page=news, institution=institution)
    # translations share related institutions (synchronised)
    for translated in news.get_translations():
        for institution in (about, privacy):
            NewsPageRelatedInstitution.objects.create(page=translated, institution=institution)
    html = client.get(URL.format(lang="ro")).content.decode()
    assert '<a href="/ro/about/">Despre proiect</a>' in html
    assert "/ro/privacy/" not in html and "/bg/privacy/" not in html
    api = client.get(f"/api/v2/pages/{news.pk}/").json()
    assert [i["title"] for i in api["related_institutions"]] == ["За проекта"]
    assert api["related_institutions"][0]["url"].endswith("/bg/about/")


def test_expired_but_still_live_item_is_hidden(client, demo_site):
    from django.utils import timezone

    news = NewsPage.objects.get(slug="survey-of-e-services-results", locale__language_code="bg")
    NewsPage.objects.filter(pk=news.pk).update(expire_at=timezone.now())
    assert client.get(URL.format(lang="bg")).status_code == 410  # Gone at once, before the cron
