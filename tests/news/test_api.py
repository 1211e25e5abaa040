"""News in API v2 (fields, order, locale, category/region/since filters with
400 on bad values) and in the v3 read schema."""

import datetime

import pytest
from django.utils import timezone

from news.models import NewsPage
from tests.news.factories import category, make_news

pytestmark = pytest.mark.django_db

LIST = "/api/v2/pages/?type=news.NewsPage"


def items(client, query=""):
    response = client.get(LIST + query)
    assert response.status_code == 200, response.content
    return response.json()["items"]


def test_list_in_a_locale_ordered_by_date(client, demo_site):
    found = items(client, "&locale=ro&order=-date&limit=20")
    assert len(found) == 13
    assert {item["meta"]["locale"] for item in found} == {"ro"}
    assert found[0]["title"] == "Rezultatele studiului privind serviciile electronice"


def test_detail_fields(client, demo_site):
    page = NewsPage.objects.get(slug="ruse-giurgiu-bridge-toll-online", locale__language_code="ro")
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert data["date"] == "2026-02-18"
    assert data["intro"].startswith("Șoferii pot cumpăra")
    assert data["featured"] is True
    hero = data["hero_image"]
    assert hero["alt"] == "Podul Giurgiu–Ruse peste Dunăre"
    assert hero["renditions"]["large"]["width"] == 1200 and hero["renditions"]["large"]["height"] == 630
    assert hero["renditions"]["large"]["url"].startswith("http")
    assert hero["renditions"]["thumbnail"]["width"] == 400
    assert data["body"][0]["type"] == "paragraph"
    assert data["body"][0]["value"].startswith("<p>Noul serviciu")
    assert data["categories"] == [
        {"id": category("infrastructure", "ro").id, "slug": "infrastructure", "name": "Infrastructură"},
        {"id": category("e-services", "ro").id, "slug": "e-services", "name": "Servicii electronice"},
    ]
    assert data["regions"] == [{"code": "BG323", "name": "Ruse"}, {"code": "RO314", "name": "Giurgiu"}]
    assert data["related_institutions"] == []
    assert sorted((t["locale"], t["url"].split("/", 3)[3]) for t in data["translations"]) == [
        ("bg", "bg/news/ruse-giurgiu-bridge-toll-online/"),
        ("en", "en/news/ruse-giurgiu-bridge-toll-online/"),
    ]


def test_rich_text_links_are_resolved_to_html(client, demo_site):
    about = NewsPage.objects.none()
    from home.models import StandardPage

    about = StandardPage.objects.get(slug="about", locale__language_code="bg")
    page = make_news(body=[("paragraph", f'<p>See <a linktype="page" id="{about.pk}">about</a></p>')])
    data = client.get(f"/api/v2/pages/{page.pk}/").json()
    assert 'href="/bg/about/"' in data["body"][0]["value"]
    assert "linktype" not in data["body"][0]["value"]


def test_translations_list_only_live_ones(client, demo_site):
    bg = NewsPage.objects.get(slug="vratsa-dolj-open-data", locale__language_code="bg")
    en = bg.get_translation(bg.get_translations().get(locale__language_code="en").locale)
    en.unpublish()
    data = client.get(f"/api/v2/pages/{bg.pk}/").json()
    assert [t["locale"] for t in data["translations"]] == ["ro"]


def test_category_filter(client, demo_site):
    found = items(client, "&locale=en&category=infrastructure&fields=categories")
    assert {item["meta"]["slug"] for item in found} == {
        "ruse-giurgiu-bridge-toll-online",
        "vidin-calafat-ferry-timetable",
    }
    assert all(any(c["slug"] == "infrastructure" for c in item["categories"]) for item in found)


def test_region_filter(client, demo_site):
    found = items(client, "&locale=bg&region=BG325")
    assert [item["meta"]["slug"] for item in found] == ["silistra-calarasi-joint-office"]


def test_filters_combine(client, demo_site):
    found = items(client, "&locale=bg&region=RO314&category=cooperation")
    assert [item["meta"]["slug"] for item in found] == ["cooperation-agreement-ruse-giurgiu"]


def test_since_returns_pages_published_after_it(client, demo_site):
    moment = timezone.now()
    assert items(client, f"&since={moment.isoformat().replace('+', '%2B')}") == []
    fresh = make_news(title="Свежа", categories=[category("events")])
    found = items(client, f"&since={moment.isoformat().replace('+', '%2B')}")
    # the new page and its aliases in ro and en, published with it
    fresh_ids = set(
        NewsPage.objects.filter(translation_key=fresh.translation_key).values_list("pk", flat=True)
    )
    assert len(fresh_ids) == 3
    assert {item["id"] for item in found} == fresh_ids
    # republishing an old page brings it back for incremental sync
    old = NewsPage.objects.get(slug="vratsa-dolj-open-data", locale__language_code="ro")
    old.save_revision().publish()
    found = items(client, f"&since={moment.isoformat().replace('+', '%2B')}")
    assert {item["id"] for item in found} == fresh_ids | {old.pk}
    assert items(client, "&since=2000-01-01") != []


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("&category=no-such-category", "unknown category 'no-such-category'"),
        ("&region=BG999", "region must be a NUTS-3 code"),
        ("&since=yesterday", "since must be an ISO 8601 date or datetime"),
        ("&since=2026-13-45", "since must be an ISO 8601 date or datetime"),
        ("&locale=de", "locale must be one of bg, ro, en"),
        ("&search=мост&category=events", "cannot be combined with search"),
    ],
)
def test_bad_parameters_are_400_with_a_message(client, demo_site, query, message):
    response = client.get(LIST + query, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.json()["message"]


def test_v3_read_schema_and_openapi_have_the_news_fields(client, demo_site):
    spec = client.get("/api/v3/openapi.json").json()
    properties = spec["components"]["schemas"]["NewsPageSchema"]["properties"]
    for name in (
        "date",
        "intro",
        "hero_image",
        "body",
        "categories",
        "regions",
        "related_institutions",
        "translations",
        "featured",
    ):
        assert name in properties, name
    page = NewsPage.objects.get(slug="survey-of-e-services-results", locale__language_code="ro")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    assert data["regions"] == [{"code": "BG323", "name": "Ruse"}, {"code": "RO314", "name": "Giurgiu"}]
    assert [c["slug"] for c in data["categories"]] == ["e-services", "project"]
    assert data["hero_image"]["alt"] == "Diagramă cu ponderea serviciilor disponibile online"
    assert {t["locale"] for t in data["translations"]} == {"bg", "en"}


def test_api_list_query_count_does_not_grow_with_news(client, demo_site, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    query = LIST + "&locale=bg&order=-date&fields=date,intro,featured,categories,regions,hero_image"
    client.get(query)
    with CaptureQueriesContext(connection) as small:
        assert client.get(query).status_code == 200
        assert client.get(LIST + "&locale=bg&category=cooperation").status_code == 200
    budget = len(small)
    for number in range(200):
        make_news(
            categories=[category("cooperation")],
            regions=["RO314"],
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=number),
            revision=False,
        )
    client.get(query)
    with django_assert_max_num_queries(budget):
        assert client.get(query).status_code == 200
        assert client.get(LIST + "&locale=bg&category=cooperation").status_code == 200
