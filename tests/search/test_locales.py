"""Each locale searches its own content; "all languages" searches all and labels each result."""

import pytest

from tests.search.factories import add_page

pytestmark = pytest.mark.django_db


def test_each_locale_searches_its_own_content(demo_site, search):
    add_page("ro", "Portul Zimnicea")
    add_page("en", "Zimnicea harbour")
    add_page("bg", "Пристанище Зимнича Zimnicea")
    assert search("ro", "Zimnicea")[1] == ["Portul Zimnicea"]
    assert search("en", "Zimnicea")[1] == ["Zimnicea harbour"]
    assert search("bg", "Zimnicea")[1] == ["Пристанище Зимнича Zimnicea"]


def test_all_languages_finds_every_locale_and_labels_the_language(demo_site, search):
    add_page("ro", "Portul Zimnicea")
    add_page("en", "Zimnicea harbour")
    response, titles = search("en", "Zimnicea", languages="all")
    assert sorted(titles) == ["Portul Zimnicea", "Zimnicea harbour"]
    labels = {r["title"]: (r["language_code"], r["language_name"]) for r in response.context["results"]}
    assert labels == {"Zimnicea harbour": ("en", "English"), "Portul Zimnicea": ("ro", "Română")}
    html = response.content.decode()
    assert 'lang="ro"' in html
    assert "Română" in html


def test_latin_queries_find_cyrillic_text_in_bulgarian_and_all_languages_searches(demo_site, search):
    add_page("bg", "Пристанище Свищов")
    add_page("ro", "Portul Svishtov")
    assert search("bg", "Svishtov")[1] == ["Пристанище Свищов"]
    assert search("ro", "Svishtov")[1] == ["Portul Svishtov"]
    assert sorted(search("ro", "Svishtov", languages="all")[1]) == ["Portul Svishtov", "Пристанище Свищов"]
