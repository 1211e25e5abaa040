"""API v2 `?search=` goes through the same backend: locale respected, same normalisation."""

import pytest

from tests.search.factories import add_page

pytestmark = pytest.mark.django_db


def _titles(client, **params):
    response = client.get("/api/v2/pages/", {"fields": "title", **params})
    assert response.status_code == 200, response.content
    return [item["title"] for item in response.json()["items"]]


def test_v2_search_respects_locale_and_diacritics(client, demo_site):
    add_page("ro", "Portul Zimnicea Călăraşi")
    add_page("en", "Zimnicea harbour")
    assert _titles(client, search="zimnicea calarasi", locale="ro") == ["Portul Zimnicea Călăraşi"]
    assert _titles(client, search="Zimnicea", locale="en") == ["Zimnicea harbour"]


def test_v2_search_transliterates_and_stems(client, demo_site):
    add_page("bg", "Услугите на Община Свищов")
    assert _titles(client, search="svishtov usluga", locale="bg") == ["Услугите на Община Свищов"]


def test_v2_search_never_returns_drafts(client, demo_site):
    add_page("bg", "Свищов чернова", live=False)
    assert _titles(client, search="Свищов", locale="bg") == []


def _v3_ids(client, **params):
    response = client.get("/api/v3/pages/", {"limit": 100, **params})
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def test_v3_search_respects_locale_and_normalisation(client, demo_site):
    ro = add_page("ro", "Portul Zimnicea Călăraşi")
    en = add_page("en", "Zimnicea harbour")
    bg = add_page("bg", "Услугите на Община Свищов")
    assert _v3_ids(client, search="zimnicea calarasi", locale="ro") == [ro.pk]
    assert _v3_ids(client, search="Zimnicea", locale="en") == [en.pk]
    assert _v3_ids(client, search="svishtov uslugata", locale="bg") == [bg.pk]
    assert _v3_ids(client, search="svishtov", locale="ro") == []
