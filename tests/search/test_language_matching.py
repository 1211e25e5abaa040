"""What must be found: diacritics, cedillas, inflection, transliteration, stemming."""

import pytest

from tests.factories import publish
from tests.search.factories import add_page

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ("Consiliul Județean Călărași", "Calarasi"),
        ("Consiliul Judetean Calarasi", "Călărași"),
        ("Primăria Călăraşi", "Călărași"),  # cedilla in the text, comma in the query
        ("Primăria Călărași", "Călăraşi"),  # comma in the text, cedilla in the query
        ("ŢARA DE JOS ŞI TÂRGUL", "Țara Târgul"),
        ("Țara de Sus și Râmnicul", "TARA RAMNICUL"),
    ],
)
def test_romanian_diacritics_and_cedillas_are_optional(demo_site, search, title, query):
    add_page("ro", title)
    _response, titles = search("ro", query)
    assert title in titles


@pytest.mark.parametrize("indexed", ["serviciu", "servicii", "serviciile"])
@pytest.mark.parametrize("query", ["serviciu", "servicii", "serviciile"])
def test_romanian_inflected_forms_match(demo_site, search, indexed, query):
    add_page("ro", f"Ghid {indexed} electronice", intro=f"Despre {indexed} publice.")
    _response, titles = search("ro", query)
    assert f"Ghid {indexed} electronice" in titles


@pytest.mark.parametrize("indexed", ["услуга", "услуги", "услугата"])
@pytest.mark.parametrize("query", ["услуга", "услуги", "услугата"])
def test_bulgarian_inflected_forms_match(demo_site, search, indexed, query):
    add_page("bg", f"Електронна {indexed} за граждани")
    _response, titles = search("bg", query)
    assert f"Електронна {indexed} за граждани" in titles


@pytest.mark.parametrize(
    ("title", "query"),
    [
        ("Община Русе", "Ruse"),
        ("Областна администрация Велико Търново", "Veliko Tarnovo"),
        ("Община Свищов", "Svishtov"),
        ("Пристанище Свищов", "svishtov"),
    ],
)
def test_latin_bulgarian_finds_cyrillic(demo_site, search, title, query):
    add_page("bg", title)
    _response, titles = search("bg", query)
    assert title in titles


@pytest.mark.parametrize(
    ("indexed", "query"), [("permit", "permits"), ("permits", "permit"), ("Permits", "PERMIT")]
)
def test_english_stemming(demo_site, search, indexed, query):
    add_page("en", f"Building {indexed} online")
    _response, titles = search("en", query)
    assert f"Building {indexed} online" in titles


def test_words_found_in_intro_and_body_with_highlighted_excerpt(demo_site, search):
    add_page(
        "ro", "Ghid", intro="Introducere.", body="Lista completă a serviciilor oferite de Primăria Călărași."
    )
    response, titles = search("ro", "calarasi")
    assert "Ghid" in titles
    excerpt = str(next(r for r in response.context["results"] if r["title"] == "Ghid")["excerpt"])
    assert "<mark>Călărași</mark>" in excerpt
    assert "<mark>" in response.content.decode()


def test_excerpt_is_escaped(demo_site, search):
    add_page("en", "Escaping", intro="<script>alert(1)</script> permits here")
    response, _titles = search("en", "permits")
    html = response.content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;" in html


def test_unrelated_words_are_not_found(demo_site, search):
    add_page("ro", "Consiliul Județean Călărași")
    _response, titles = search("ro", "Constanța")
    assert "Consiliul Județean Călărași" not in titles


def test_title_is_highlighted_whole_and_excerpts_hold_only_readable_text(demo_site, search):
    page = add_page("bg", "Дълго заглавие за пристанището на град Свищов на река Дунав")
    page.body = [("heading", {"text": "Пристанище", "level": "h2"}), ("paragraph", "<p>Свищов и Дунав.</p>")]
    publish(page)
    response, _titles = search("bg", "Svishtov")
    result = next(r for r in response.context["results"] if r["title"] == page.title)
    assert str(result["title_html"]) == (
        "Дълго заглавие за пристанището на град <mark>Свищов</mark> на река Дунав"
    )
    assert "h2" not in str(result["excerpt"])
    assert "<mark>Свищов</mark> на река Дунав</a>" in response.content.decode()
