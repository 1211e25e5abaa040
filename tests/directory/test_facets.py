"""The faceted directory index: counts per facet value in the page's locale,
combinable filters in the URL, 400 with a message for unknown values, and
names in the locale's alphabetical order."""

import csv
import re

import pytest

from directory import columns

pytestmark = pytest.mark.django_db


def option_count(html, name, value):
    select = re.search(rf'<select id="filter-{name}" name="{name}">(.*?)</select>', html, re.S).group(1)
    match = re.search(rf'<option value="{value}"[^>]*>[^<]*\((\d+)\)</option>', select)
    return int(match.group(1))


def titles(html):
    return re.findall(r'<a class="card__link" href="[^"]+">([^<]+)</a>', html)


def test_counts_per_facet_in_each_locale(client, demo_site):
    for language, region_label in (("bg", "Гюргево"), ("ro", "Giurgiu"), ("en", "Giurgiu")):
        html = client.get(f"/{language}/directory/").content.decode()
        assert option_count(html, "country", "BG") == 8 + 9 + 2
        assert option_count(html, "country", "RO") == 7 + 7 + 2
        assert option_count(html, "type", "county-council") == 7
        assert f'<option value="RO314">{region_label} (' in html
        assert option_count(html, "region", "RO314") == 4


def test_filters_combine_and_counts_follow(client, demo_site):
    response = client.get("/en/directory/?country=RO&type=municipality&category=tourism")
    html = response.content.decode()
    assert response.status_code == 200
    found = titles(html)
    assert found and all("Romania" not in t for t in found)
    # the country facet still shows BG (counts computed without its own filter)
    assert option_count(html, "country", "BG") > 0
    # the type facet counts only Romanian institutions offering tourism services
    assert option_count(html, "type", "municipality") == len(found)
    assert option_count(html, "type", "county-council") == 0


def test_text_filter_and_cross_border(client, demo_site):
    html = client.get("/ro/directory/?q=Giurgiu").content.decode()
    assert "Primăria Municipiului Giurgiu" in titles(html)
    assert all("Giurgiu" in t for t in titles(html))
    html = client.get("/en/directory/?cross_border=yes&type=district-administration").content.decode()
    assert len(titles(html)) == 8


def test_bad_filter_value_is_a_400_with_message(client, demo_site):
    response = client.get("/en/directory/?region=XX999&channel=fax")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Region: unknown value “XX999”" in html
    assert "Channel: unknown value “fax”" in html


def test_names_sorted_with_the_bulgarian_alphabet(client, demo_site):
    html = client.get("/bg/directory/?type=municipality").content.decode()
    found = titles(html)
    # Cyrillic alphabetical order: Бекет … Видин … Община Русе before Община Свищов
    names = [t.removeprefix("Община ") for t in found]
    assert names.index("Видин") < names.index("Гюргево") < names.index("Русе") < names.index("Свищов")


def test_e_services_page_and_csv_follow_the_filter(client, demo_site):
    html = client.get("/en/directory/e-services/?region=RO314&channel=online").content.decode()
    assert "Payment of local taxes and fees" in html
    assert 'href="/en/directory/e-services/csv/?region=RO314&amp;channel=online"' in html
    response = client.get("/en/directory/e-services/csv/?region=RO314&channel=online")
    assert response["Content-Type"].startswith("text/csv")
    lines = response.content.decode("utf-8-sig").strip().splitlines()
    rows = list(csv.DictReader(lines))
    assert list(rows[0]) == columns.HEADER  # the import's columns: re-importable
    assert rows and all(row["region"] == "RO314" for row in rows)
    assert all(row["service_channel"] == "online" for row in rows)
    assert client.get("/en/directory/e-services/csv/?channel=fax").status_code == 400


def test_romanian_collation_puts_a_breve_after_a(client, demo_site):
    html = client.get("/ro/directory/?type=county-council").content.decode()
    found = titles(html)
    # code-point order would put "Constanța" before "Călărași"
    assert found.index("Consiliul Județean Călărași") < found.index("Consiliul Județean Constanța")
