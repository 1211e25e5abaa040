"""The layout fragments, routes and view-restriction sets kept per content
change (cms.caching.fragments): a warm page costs a fixed, small number of
queries, and the next request after any change shows it."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from cms.caching.fragments import cached, content_version, request_scope
from cms.storage import MediaStorage
from directory.models import InstitutionPage
from news.models import NewsPage, NewsPageRelatedInstitution
from tests.news.factories import category, make_news, news_index

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/?type=news.NewsPage&locale=bg&fields=*&limit=20&order=-id"


def article():
    return NewsPage.objects.filter(locale__language_code="bg", live=True).order_by("-date", "-pk")[2]


def hreflangs(html):
    return set(re.findall(r'<link rel="alternate" hreflang="(\w+)"', html))


def warm_queries(client, path):
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize(
    ("name", "budget"),
    [("home", 10), ("article", 6), ("index", 5)],
)
def test_a_warm_page_costs_a_few_queries(client, demo_site, django_assert_max_num_queries, name, budget):
    """Layout tags, routing, the site lookup, the view-restriction check, the alert
    banner, the withdrawal lookup, the home page's blocks, the news cards and an
    article's links add none once their fragments are cached. Measured on the demo
    under production settings (bench/site/profile_pages.py): 7 (home), 3 (article),
    2 (index); before this: 32, 16, 12."""
    path = {"home": "/bg/", "article": article().url, "index": "/bg/news/"}[name]
    client.get(path)
    with django_assert_max_num_queries(budget):
        assert client.get(path).status_code == 200


def test_api_list_with_every_field_is_constant_in_items(client, demo_site, django_assert_max_num_queries):
    """translations, institution and related_institutions load for the whole page of results."""
    institutions = list(InstitutionPage.objects.filter(locale__language_code="bg", live=True)[:2])
    budget = warm_queries(client, LIST)
    for number in range(20):
        page = make_news(categories=[category("cooperation")], regions=["RO314"], institution=institutions[0])
        NewsPageRelatedInstitution.objects.create(page=page, institution=institutions[number % 2])
    items = client.get(LIST).json()["items"]
    assert len(items) == 20
    assert all(item["institution"] and item["related_institutions"] for item in items)  # the 20 new ones
    with django_assert_max_num_queries(budget):
        assert client.get(LIST).status_code == 200


def test_language_links_follow_an_unpublish(client, demo_site):
    page = article()
    assert hreflangs(client.get(page.url).content.decode()) >= {"bg", "ro", "en"}
    Page.objects.get(translation_key=page.translation_key, locale__language_code="ro").unpublish()
    html = client.get(page.url).content.decode()
    assert "ro" not in hreflangs(html)
    assert "en" in hreflangs(html)


def main_nav(html):
    return re.search(r'<nav class="main-nav".*?</nav>', html, re.S).group(0)


def test_main_menu_follows_a_publish(client, demo_site):
    index = news_index()
    assert index.show_in_menus
    assert index.title in main_nav(client.get("/bg/").content.decode())
    index.show_in_menus = False
    index.save_revision().publish()
    assert index.title not in main_nav(client.get("/bg/").content.decode())


def test_a_restriction_applies_on_the_next_request(client, demo_site):
    page = article()
    assert client.get(page.url).status_code == 200
    assert client.get("/bg/news/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=news_index(), restriction_type=PageViewRestriction.LOGIN
    )
    for path in (page.url, "/bg/news/"):
        response = client.get(path)
        assert response.status_code == 302 and "login" in response["Location"], path
    assert page.title not in client.get("/bg/").content.decode()  # gone from the home page's listing too
    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_a_new_slug_routes_on_the_next_request(client, demo_site):
    page = article()
    old_url = page.url
    assert client.get(old_url).status_code == 200
    page.slug = "renamed-for-the-route-cache"
    page.save_revision().publish()
    assert client.get(old_url).status_code == 404
    page.refresh_from_db()  # the new url_path was written by the revision's publish
    assert client.get(page.url).status_code == 200


def test_outside_a_request_nothing_is_kept(demo_site):
    calls = []
    assert cached("test", lambda: calls.append(1)) is None
    assert cached("test", lambda: calls.append(1)) is None
    assert len(calls) == 2
    with request_scope():
        version = content_version()
        cached("test", lambda: calls.append(1))
        cached("test", lambda: calls.append(1))
        assert len(calls) == 3
        make_news()  # a write forgets the scope's clock
        assert content_version() != version


def test_signed_media_urls_are_reused_for_half_their_lifetime(settings):
    storage = MediaStorage(**settings.STORAGES["default"]["OPTIONS"])
    first = storage.url("images/a.png")
    assert "X-Amz-Signature=" in first
    assert storage.url("images/a.png") == first
    assert storage.url("images/b.png") != first
    assert storage.url("images/a.png", expire=10) != first  # another lifetime, another URL


def home_news_titles(html):
    section = re.search(r'<section class="home-block home-news".*?</section>', html, re.S).group(0)
    return re.findall(r'class="card__link" href="[^"]*">([^<]+)</a>', section)


def test_the_home_blocks_follow_a_publish_and_an_unpublish(client, demo_site):
    """The home page's blocks are kept as HTML per content change: a news item
    published after they were cached leads the latest news on the next request,
    and leaves it when unpublished."""
    before = home_news_titles(client.get("/bg/").content.decode())
    assert before == home_news_titles(client.get("/bg/").content.decode())  # warm, the same
    page = make_news(title="Новина след кеширането", featured=True)
    assert home_news_titles(client.get("/bg/").content.decode())[0] == "Новина след кеширането"
    page.unpublish()
    assert "Новина след кеширането" not in home_news_titles(client.get("/bg/").content.decode())


def test_the_home_blocks_are_kept_per_language(client, demo_site):
    bg = client.get("/bg/").content.decode()
    ro = client.get("/ro/").content.decode()
    assert home_news_titles(bg) and home_news_titles(ro)
    assert set(home_news_titles(bg)).isdisjoint(home_news_titles(ro))
    assert 'lang="ro"' in ro and home_news_titles(client.get("/bg/").content.decode()) == home_news_titles(bg)
