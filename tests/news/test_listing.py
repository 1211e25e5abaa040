"""The news index: newest first, 12 per page, featured first on page 1,
combinable filters that list only values used in this locale."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from news.models import NEWS_PER_PAGE, NewsPage
from tests.news.factories import category, make_news, news_index

pytestmark = pytest.mark.django_db


def listed(response):
    return [item.slug for item in response.context["news_items"]]


def test_newest_first_with_pagination_of_twelve(client, demo_site):
    response = client.get("/bg/news/")
    assert response.status_code == 200
    live = NewsPage.objects.live().filter(locale__language_code="bg")
    assert response.context["paginator"].count == live.count() == 13
    items = response.context["news_items"]
    assert len(items) == NEWS_PER_PAGE
    # featured first (three demo items are featured), the rest newest first
    featured = [item for item in items if item.featured]
    assert items[: len(featured)] == featured
    rest = [item.date for item in items[len(featured) :]]
    assert rest == sorted(rest, reverse=True)
    second = client.get("/bg/news/?page=2")
    assert len(second.context["news_items"]) == 1
    assert listed(second) == ["project-kick-off-ruse"]
    html = second.content.decode()
    assert '<nav class="pagination" aria-label="Страници с новини">' in html
    assert 'href="?page=2" aria-current="page"' in html


def test_long_listings_show_a_short_pager(client, demo_site, monkeypatch):
    monkeypatch.setattr("news.models.NEWS_PER_PAGE", 1)  # the 13 demo items make 13 pages
    html = client.get("/en/news/?page=7").content.decode()
    pager = html[
        html.index('<nav class="pagination"') : html.index("</nav>", html.index('<nav class="pagination"'))
    ]
    numbers = re.findall(r'<span class="visually-hidden">Page </span>(\d+)</a>', pager)
    assert numbers == ["1", "5", "6", "7", "8", "9", "13"]
    assert pager.count('<li><span aria-hidden="true">…</span></li>') == 2
    assert 'href="?page=7" aria-current="page"' in pager


def test_featured_items_go_first_only_on_page_one(client, demo_site):
    old = make_news(title="Стара акцентирана", date=datetime.date(2010, 1, 1), featured=True)
    # the three newest featured items lead page 1; an older featured one keeps its place by date
    first = listed(client.get("/bg/news/"))
    assert old.slug not in first[:3]
    assert first[:3] == [
        "survey-of-e-services-results",
        "ruse-giurgiu-bridge-toll-online",
        "cooperation-agreement-ruse-giurgiu",
    ]
    assert listed(client.get("/bg/news/?page=2"))[-1] == old.slug


def test_page_out_of_range_is_404_and_garbage_page_is_first(client, demo_site):
    assert client.get("/bg/news/?page=99").status_code == 404
    assert client.get("/bg/news/?page=abc").status_code == 200


def test_filter_by_category(client, demo_site):
    response = client.get("/bg/news/?category=infrastructure")
    assert set(listed(response)) == {"ruse-giurgiu-bridge-toll-online", "vidin-calafat-ferry-timetable"}
    assert response.context["selected"]["category"] == "infrastructure"


def test_filter_by_region(client, demo_site):
    response = client.get("/ro/news/?region=BG325")
    assert listed(response) == ["silistra-calarasi-joint-office"]


def test_filter_by_year(client, demo_site):
    response = client.get("/en/news/?year=2026")
    assert set(listed(response)) == {
        "survey-of-e-services-results",
        "ruse-giurgiu-bridge-toll-online",
        "cooperation-agreement-ruse-giurgiu",
    }


def test_filters_combine_and_are_kept_in_pagination_links(client, demo_site):
    response = client.get("/bg/news/?category=cooperation&region=RO314&year=2026")
    assert listed(response) == ["cooperation-agreement-ruse-giurgiu"]
    for _number in range(13):
        make_news(categories=[category("cooperation")], regions=["RO314"], date=datetime.date(2026, 5, 1))
    response = client.get("/bg/news/?category=cooperation&region=RO314&year=2026")
    assert response.context["paginator"].count == 14
    html = response.content.decode()
    assert "?category=cooperation&amp;region=RO314&amp;year=2026&amp;page=2" in html


def test_filters_list_only_values_used_in_this_locale(client, demo_site):
    # a category with no live news is not offered; nor is a region only a draft uses
    make_news(categories=[category("events")], regions=["BG312"], publish=False)
    options = client.get("/bg/news/").context["filters"]
    slugs = {c.slug for c in options["categories"]}
    assert slugs == {"e-services", "cooperation", "infrastructure", "events", "project"}
    assert all(c.locale.language_code == "bg" for c in options["categories"])
    assert options["years"] == [2026, 2025]
    make_news(regions=["BG312"], date=datetime.date(2019, 1, 1))
    options = client.get("/bg/news/").context["filters"]
    assert 2019 in options["years"]
    ro_options = client.get("/ro/news/").context["filters"]
    assert 2019 in ro_options["years"]  # its ro alias is listed (in Bulgarian) until translated
    assert {c.name for c in ro_options["categories"]} >= {"Cooperare", "Evenimente"}


def test_empty_result_says_so(client, demo_site):
    response = client.get("/bg/news/?category=events&region=RO223")
    assert response.status_code == 200
    assert listed(response) == []
    assert "Няма новини, които отговарят на тези филтри." in response.content.decode()
    empty_ro = client.get("/ro/news/?category=events&region=RO223")
    assert "Nicio știre nu corespunde acestor filtre." in empty_ro.content.decode()


def test_unknown_filter_values_are_ignored_not_errors(client, demo_site):
    response = client.get("/bg/news/?category=nope&region=XX999&year=abc")
    assert response.status_code == 200
    assert response.context["paginator"].count == 13
    assert response.context["filter_query"] == {}


def test_index_query_count_does_not_grow_with_news(client, demo_site, django_assert_max_num_queries):
    index = news_index()
    # make sure the 12-item state is measured with a full first page
    client.get("/bg/news/")  # warm caches (site root paths, renditions)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/bg/news/?category=cooperation").status_code == 200
        assert client.get("/bg/news/").status_code == 200
    budget = len(small)
    for number in range(200):
        make_news(
            index,
            categories=[category("cooperation")],
            regions=["RO314"],
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            revision=False,
        )
    client.get("/bg/news/")
    with django_assert_max_num_queries(budget):
        assert client.get("/bg/news/?category=cooperation").status_code == 200
        assert client.get("/bg/news/").status_code == 200
