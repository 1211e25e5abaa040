"""The results page: help for short queries, facets with counts, pagination,
editors' picks per locale, suggestions when nothing is found, constant queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from search.models import SuggestionEntry
from tests.search.factories import add_page

pytestmark = pytest.mark.django_db

WORD = "Тутракан"
WORD_EN = "Oryahovo"


@pytest.mark.parametrize("query", ["", " ", "a", "!!", "\x00\x01"])
def test_empty_or_too_short_query_shows_help(demo_site, client, query):
    response = client.get("/bg/search/", {"q": query})
    assert response.status_code == 200
    assert response.context["show_help"] is True
    assert "Въведете поне 2 знака" in response.content.decode()


def test_too_long_query_is_cut_and_still_answered(demo_site, search):
    add_page("bg", f"{WORD} дълга")
    response, titles = search("bg", WORD + " " + "x" * 200)
    assert len(response.context["query"]) == 100
    assert titles == []
    assert "Текстът за търсене е твърде дълъг" in response.content.decode()


def test_query_is_kept_in_the_box(demo_site, search):
    response, _titles = search("ro", "Călăraşi  port")
    html = response.content.decode()
    assert 'value="Călărași port"' in html  # cedilla normalised, spaces collapsed


def test_pagination_ten_per_page_with_accessible_links(demo_site, search):
    for number in range(23):
        add_page("bg", f"{WORD} {number}")
    response, titles = search("bg", WORD)
    assert len(titles) == 10
    assert response.context["total"] == 23
    html = response.content.decode()
    assert 'aria-label="Страници с резултати"' in html
    assert 'aria-current="page"' in html
    page2 = search("bg", WORD, page=2)[1]
    page3 = search("bg", WORD, page=3)[1]
    assert len(page2) == 10 and len(page3) == 3
    assert len(set(titles) | set(page2) | set(page3)) == 23
    assert search("bg", WORD, page="999")[0].context["page_number"] == 3
    assert search("bg", WORD, page="abc")[0].context["page_number"] == 1


def test_facets_count_each_type_and_filter(demo_site, search, standard_type):
    for number in range(3):
        add_page("bg", f"{WORD} {number}")
    response, _titles = search("bg", WORD)
    facets = {facet["key"]: facet["count"] for facet in response.context["facets"]}
    assert facets == {"standard": 3}
    response, titles = search("bg", WORD, type="standard")
    assert len(titles) == 3
    assert {r["type_label"] for r in response.context["results"]} == {"Standard pages"}
    assert search("bg", WORD, type="page")[1] == []
    assert len(search("bg", WORD, type="no-such-type")[1]) == 3  # unknown type: all results


def test_editors_picks_per_locale(demo_site, search):
    bg_page = add_page("bg", "Споразумение за сътрудничество")
    ro_page = add_page("ro", "Acord de cooperare")
    query = Query.objects.create(query_string="сътрудничество")
    SearchPromotion.objects.create(query=query, page=bg_page, sort_order=0, description="Препоръчано")
    SearchPromotion.objects.create(query=query, page=ro_page, sort_order=1)
    response, _titles = search("bg", "Сътрудничество")
    assert [pick.page_id for pick in response.context["promotions"]] == [bg_page.pk]
    assert "Препоръчано" in response.content.decode()
    assert [pick.page_id for pick in search("ro", "сътрудничество")[0].context["promotions"]] == [ro_page.pk]
    all_languages = search("bg", "сътрудничество", languages="all")[0].context["promotions"]
    assert [pick.page_id for pick in all_languages] == [bg_page.pk, ro_page.pk]
    bg_page.unpublish()
    assert search("bg", "сътрудничество")[0].context["promotions"] == []


def test_external_link_picks_are_shown_in_every_locale(demo_site, search):
    query = Query.objects.create(query_string="interreg")
    SearchPromotion.objects.create(
        query=query,
        external_link_url="https://interreg-robg.eu/",
        external_link_text="Interreg RO-BG",
        sort_order=0,
    )
    for language in ("bg", "ro", "en"):
        response, _titles = search(language, "Interreg")
        assert 'href="https://interreg-robg.eu/"' in response.content.decode()


def test_results_of_different_types_are_merged_by_relevance(demo_site, search, standard_type):
    from home.models import HomePage

    home = HomePage.objects.get(locale__language_code="en")
    home.intro = f"Welcome to {WORD_EN}."
    home.save_revision().publish()
    add_page("en", f"{WORD_EN} {WORD_EN} ferry", intro=f"{WORD_EN} ferry timetable")
    response, titles = search("en", WORD_EN)
    assert titles == [f"{WORD_EN} {WORD_EN} ferry", home.title]
    assert [r["type_label"] for r in response.context["results"]] == ["Standard pages", "Pages"]
    assert {f["key"]: f["count"] for f in response.context["facets"]} == {"standard": 1, "page": 1}


def test_searching_writes_nothing_and_logs_no_query(demo_site, client):
    before = (Query.objects.count(), SuggestionEntry.objects.count())
    client.get("/bg/search/", {"q": "Иван Петров ЕГН 8001010000"})
    assert (Query.objects.count(), SuggestionEntry.objects.count()) == before


def test_no_results_shows_suggestions_and_sections(demo_site, search, standard_suggestions):
    add_page("bg", "Община Силистра")
    from search.suggestions import rebuild_all

    rebuild_all()
    response, titles = search("bg", "Silistr")
    assert titles == []
    html = response.content.decode()
    assert "Община Силистра" in html  # a name from the suggestion index
    assert 'href="?q=Silistr&amp;languages=all"' in html


def _count_queries(client, url):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries), len(response.context["results"])


def test_query_count_does_not_grow_with_results(demo_site, client, standard_type):
    add_page("bg", f"{WORD} 0")
    client.get(f"/bg/search/?q={WORD}")  # warm caches (site root paths)
    few, shown_few = _count_queries(client, f"/bg/search/?q={WORD}")
    for number in range(1, 15):
        add_page("bg", f"{WORD} {number}")
    client.get(
        f"/bg/search/?q={WORD}"
    )  # warm again: the writes changed the content clock (cms.caching.fragments)
    many, shown_many = _count_queries(client, f"/bg/search/?q={WORD}")
    assert (shown_few, shown_many) == (1, 10)
    assert many == few
    all_languages, _shown = _count_queries(client, f"/bg/search/?q={WORD}&languages=all")
    assert all_languages <= few
