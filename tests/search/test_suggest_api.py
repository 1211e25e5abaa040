"""/api/search/suggest/: names from the suggestion index, validated input."""

import pytest

from search.models import SuggestionEntry
from search.suggestions import rebuild_all
from tests.search.factories import add_page, translate

pytestmark = pytest.mark.django_db


@pytest.fixture
def giurgiu(demo_site, standard_suggestions):
    ro = add_page("ro", "Consiliul Județean Giurgiu")
    bg = translate(ro, "bg", "Окръжен съвет Гюргево")
    return ro, bg


def test_latin_prefix_finds_the_bulgarian_name(client, giurgiu):
    response = client.get("/api/search/suggest/", {"q": "Giu", "locale": "bg"})
    assert response.status_code == 200
    body = response.json()
    assert body["locale"] == "bg"
    assert [r["name"] for r in body["results"]] == ["Окръжен съвет Гюргево"]
    assert body["results"][0]["url"] == giurgiu[1].url
    assert body["results"][0]["kind"] == "place"


@pytest.mark.parametrize(("query", "locale", "name"), [
    ("giu", "ro", "Consiliul Județean Giurgiu"),
    ("Гюр", "ro", "Consiliul Județean Giurgiu"),
    ("Gyurg", "bg", "Окръжен съвет Гюргево"),
    ("judetean giu", "ro", "Consiliul Județean Giurgiu"),
    ("JUDEŢEAN", "ro", "Consiliul Județean Giurgiu"),
])  # fmt: skip
def test_prefixes_in_either_script_and_without_diacritics(client, giurgiu, query, locale, name):
    results = client.get("/api/search/suggest/", {"q": query, "locale": locale}).json()["results"]
    assert [r["name"] for r in results] == [name]


def test_at_most_ten_results_names_starting_with_the_query_first(client, demo_site, standard_suggestions):
    for number in range(14):
        add_page("bg", f"Пристанище Оряхово {number}")
    add_page("bg", "Оряхово")
    results = client.get("/api/search/suggest/", {"q": "оря", "locale": "bg"}).json()["results"]
    assert len(results) == 10
    assert results[0]["name"] == "Оряхово"


def test_index_follows_publishing(client, demo_site, standard_suggestions):
    page = add_page("en", "Oryahovo ferry")
    assert client.get("/api/search/suggest/", {"q": "oryah", "locale": "en"}).json()["results"]
    page.unpublish()
    assert client.get("/api/search/suggest/", {"q": "oryah", "locale": "en"}).json()["results"] == []
    assert rebuild_all() == SuggestionEntry.objects.count()


@pytest.mark.parametrize(("params", "message"), [
    ({}, "q is required"),
    ({"q": ""}, "q is required"),
    ({"q": "   "}, "q is required"),
    ({"q": "x" * 101}, "at most 100 characters"),
    ({"q": "Giu\x00"}, "control characters"),
    ({"q": "Giu\x1b[31m"}, "control characters"),
    ({"q": "Giu\u202e"}, "control characters"),
    ({"q": "Giu", "locale": "de"}, "locale must be one of bg, ro, en"),
    ({"q": "..."}, "at least one letter"),
])  # fmt: skip
def test_bad_input_is_a_400_with_a_message_and_writes_nothing(client, giurgiu, params, message):
    before = SuggestionEntry.objects.count()
    response = client.get("/api/search/suggest/", params, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert SuggestionEntry.objects.count() == before


def test_post_is_refused(client, demo_site):
    assert client.post("/api/search/suggest/", {"q": "Giu"}).status_code == 405


def test_query_count_is_constant(client, giurgiu, django_assert_max_num_queries):
    # measured 4 since the content clock (cms.caching.fragments) and the withdrawn pages
    # (cms.visibility) joined the restricted pages and the suggestions
    with django_assert_max_num_queries(4):
        client.get("/api/search/suggest/", {"q": "Giu", "locale": "bg"})


def test_misspelt_name_is_suggested_by_similarity(client, demo_site, standard_suggestions):
    add_page("ro", "Primăria Oltenița")
    results = client.get("/api/search/suggest/", {"q": "Oltenitza", "locale": "ro"}).json()["results"]
    assert [r["name"] for r in results] == ["Primăria Oltenița"]


def test_restricted_or_deleted_pages_leave_the_index(client, demo_site, standard_suggestions):
    from wagtail.models import PageViewRestriction

    def names():
        return [
            r["name"]
            for r in client.get("/api/search/suggest/", {"q": "lom", "locale": "en"}).json()["results"]
        ]

    parent = add_page("en", "Lom port")
    add_page("en", "Lom ferry", parent=parent)
    assert sorted(names()) == ["Lom ferry", "Lom port"]
    restriction = PageViewRestriction.objects.create(page=parent, restriction_type="login")
    assert names() == []
    restriction.delete()
    assert sorted(names()) == ["Lom ferry", "Lom port"]
    parent.get_children().first().specific.delete()
    assert names() == ["Lom port"]
