"""API v3 applies the filters that feature apps register exactly as API v2 does:
the same pages for the same query, the same 400 message for a bad value or an
unknown parameter, and both OpenAPI documents list every parameter."""

import datetime

import pytest
from django.utils import timezone

from documents.models import PublicationKind
from news.models import NewsPage
from tests.directory.factories import bg_directory, make_institution
from tests.documents.factories import make_publication
from tests.news.factories import category, make_news

pytestmark = pytest.mark.django_db

REGISTERED = {
    "category",
    "region",
    "since",
    "country",
    "institution_type",
    "service_category",
    "channel",
    "cross_border",
    "kind",
}


def v2_ids(client, params):
    response = client.get("/api/v2/pages/", {"limit": 100, **params})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["meta"]["total_count"] <= 100  # the whole result is compared
    return {item["id"] for item in data["items"]}


def v3_ids(client, params):
    response = client.get("/api/v3/pages/", {"limit": 100, **params})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["count"] <= 100
    return {item["id"] for item in data["items"]}


def _news_category():
    inside = make_news(categories=[category("events")])
    outside = make_news(categories=[category("cooperation")])
    return {"type": "news.NewsPage", "category": "events"}, inside, outside


def _news_region():
    inside = make_news(regions=["RO314"])
    outside = make_news(regions=["BG323"])
    return {"type": "news.NewsPage", "region": "ro314"}, inside, outside


def _news_since():
    outside = make_news()
    NewsPage.objects.filter(pk=outside.pk).update(
        last_published_at=timezone.now() - datetime.timedelta(days=400)
    )
    since = (timezone.now() - datetime.timedelta(days=1)).isoformat()
    inside = make_news()
    return {"type": "news.NewsPage", "since": since}, inside, outside


def _institution(parameter, value, inside_kwargs, outside_kwargs):
    def build():
        inside = make_institution(bg_directory(), **inside_kwargs)
        outside = make_institution(bg_directory(), **outside_kwargs)
        return {"type": "directory.InstitutionPage", parameter: value}, inside, outside

    return build


def _publication_kind():
    inside = make_publication(kind=PublicationKind.SURVEY, slug="survey-for-filter")
    outside = make_publication(kind=PublicationKind.GUIDE, slug="guide-for-filter")
    return {"type": "documents.PublicationPage", "kind": "survey"}, inside, outside


def _untyped_country():
    """Without type=, a parameter that only one page type reads still filters."""
    query, inside, outside = _institution("country", "RO", {"country": "RO", "region": "RO314"}, {})()
    del query["type"]
    return query, inside, outside


ONE_SERVICE = {"category": "tourism", "channel": "assisted", "cross_border": "yes"}

FILTER_CASES = {
    "news category": _news_category,
    "news region": _news_region,
    "news since": _news_since,
    "institution country": _institution("country", "RO", {"country": "RO", "region": "RO314"}, {}),
    "institution region": _institution("region", "BG325", {"region": "BG325"}, {"region": "BG323"}),
    "institution type": _institution(
        "institution_type", "county-council", {"type_code": "county-council"}, {"type_code": "municipality"}
    ),
    "service category": _institution(
        "service_category", "tourism", {"services": [ONE_SERVICE]}, {"services": [{}]}
    ),
    "service channel": _institution("channel", "assisted", {"services": [ONE_SERVICE]}, {"services": [{}]}),
    "cross-border service": _institution(
        "cross_border", "yes", {"services": [ONE_SERVICE]}, {"services": [{}]}
    ),
    "publication kind": _publication_kind,
    "without type": _untyped_country,
}


@pytest.mark.parametrize("build", FILTER_CASES.values(), ids=FILTER_CASES.keys())
def test_each_filter_narrows_v3_as_v2(client, demo_site, build):
    query, inside, outside = build()
    query = {"locale": "bg", **query}
    expected = v2_ids(client, query)
    assert inside.pk in expected and outside.pk not in expected
    assert v3_ids(client, query) == expected
    unfiltered = {key: value for key, value in query.items() if key in ("locale", "type")}
    assert outside.pk in v3_ids(client, unfiltered)  # it was the filter that left it out


def test_conditions_on_services_hold_for_one_and_the_same_service(client, demo_site):
    """service_category and channel on two different services of one institution do not match."""
    split = make_institution(bg_directory(), services=[{"category": "tourism"}, {"channel": "assisted"}])
    query = {
        "type": "directory.InstitutionPage",
        "locale": "bg",
        "service_category": "tourism",
        "channel": "assisted",
    }
    assert split.pk not in v3_ids(client, query)
    assert v3_ids(client, query) == v2_ids(client, query)


BAD_QUERIES = {
    "unknown category": (
        {"type": "news.NewsPage", "category": "zzz"},
        "unknown category 'zzz'; known categories:",
    ),
    "news region": (
        {"type": "news.NewsPage", "region": "XX999"},
        "region must be a NUTS-3 code of the programme area",
    ),
    "since": ({"type": "news.NewsPage", "since": "last week"}, "since must be an ISO 8601 date or datetime"),
    "country": (
        {"type": "directory.InstitutionPage", "country": "FR"},
        "country must be one of BG, RO; got 'FR'",
    ),
    "institution region": ({"type": "directory.InstitutionPage", "region": "RO999"}, "region must be one of"),
    "institution type": (
        {"type": "directory.InstitutionPage", "institution_type": "castle"},
        "institution_type must be one of",
    ),
    "service category": (
        {"type": "directory.InstitutionPage", "service_category": "x"},
        "service_category must be one of",
    ),
    "channel": (
        {"type": "directory.InstitutionPage", "channel": "fax"},
        "channel must be one of assisted, in_person, online; got 'fax'",
    ),
    "cross_border": (
        {"type": "directory.InstitutionPage", "cross_border": "maybe"},
        "cross_border must be one of no, partly, yes; got 'maybe'",
    ),
    "kind": ({"type": "documents.PublicationPage", "kind": "poem"}, "kind must be one of survey, strategy"),
    "parameter of two types without type": (
        {"region": "RO314"},
        "region filters directory.InstitutionPage and news.NewsPage: add type= with one of them",
    ),
    "parameter of another type": (
        {"type": "home.StandardPage", "category": "events"},
        "category filters news.NewsPage: add type= with one of them",
    ),
    "unknown parameter": ({"foo": "1"}, "query parameter is not an operation or a recognised field: foo"),
    "unknown locale": ({"locale": "de"}, "locale must be one of bg, ro, en; got 'de'"),
}


@pytest.mark.parametrize(("query", "message"), BAD_QUERIES.values(), ids=BAD_QUERIES.keys())
def test_bad_values_are_400_with_the_v2_message(client, demo_site, query, message):
    v2 = client.get("/api/v2/pages/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert v2.status_code == 400
    assert message in v2.json()["message"]
    v3 = client.get("/api/v3/pages/", query, HTTP_ACCEPT_LANGUAGE="en")
    assert v3.status_code == 400
    assert v3["Content-Type"] == "application/problem+json"
    problem = v3.json()
    assert problem["status"] == 400 and problem["title"] == "Bad Request"
    assert problem["detail"] == v2.json()["message"]


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("bg", "channel трябва да е една от стойностите assisted, in_person, online; получено: 'fax'"),
        ("ro", "channel trebuie să fie una dintre valorile assisted, in_person, online; s-a primit: 'fax'"),
    ],
)
def test_the_messages_follow_the_clients_language(client, demo_site, language, message):
    query = {"type": "directory.InstitutionPage", "channel": "fax"}
    assert client.get("/api/v2/pages/", query, HTTP_ACCEPT_LANGUAGE=language).json()["message"] == message
    assert client.get("/api/v3/pages/", query, HTTP_ACCEPT_LANGUAGE=language).json()["detail"] == message
    news = client.get(
        "/api/v2/pages/", {"type": "news.NewsPage", "since": "вчера"}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert "ISO 8601" in news.json()["message"] and "since must" not in news.json()["message"]


def test_field_filters_are_still_known_parameters_in_v3(client, demo_site):
    page = make_news(title="Поле за филтър")
    assert v3_ids(client, {"type": "news.NewsPage", "slug": page.slug, "locale": "bg"}) == {page.pk}


def _parameters(document, path):
    return {parameter["name"]: parameter for parameter in document["paths"][path]["get"]["parameters"]}


def test_both_openapi_documents_list_every_registered_filter(client):
    v2 = client.get("/api/v2/openapi.json").json()
    v3 = client.get("/api/v3/openapi.json").json()
    v2_parameters = _parameters(v2, "/api/v2/pages/")
    v3_parameters = _parameters(v3, "/api/v3/pages/")
    for name in REGISTERED:
        assert v2_parameters[name]["in"] == v3_parameters[name]["in"] == "query", name
        assert v2_parameters[name]["description"] == v3_parameters[name]["description"], name
        assert "type=" in v3_parameters[name]["description"], name  # says which page type it filters
    assert "news.NewsPage" in v3_parameters["region"]["description"]
    assert "directory.InstitutionPage" in v3_parameters["region"]["description"]
    # Wagtail's own parameters are still described, once each
    names = [parameter["name"] for parameter in v3["paths"]["/api/v3/pages/"]["get"]["parameters"]]
    assert {"type", "locale", "child_of", "order", "search", "limit", "offset"} <= set(names)
    assert len(names) == len(set(names))
    assert "400" in v3["paths"]["/api/v3/pages/"]["get"]["responses"]
    assert "post" in v3["paths"]["/api/v3/pages/"]  # page creation still documented
