"""The e-services register in the admin (wagtail-modeladmin): filters, search
and CSV/XLSX export of exactly what is listed."""

import csv
import io
import re

import openpyxl
import pytest

from directory import columns

pytestmark = pytest.mark.django_db

URL = "/admin/directory/eservice/"


def body_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_register_lists_and_filters(demo_site, admin_client):
    response = admin_client.get(URL + "?locale=en&country=RO&channel=online")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Payment of local taxes and fees" in html
    assert "/admin/pages/" in html  # links to the institution's editor


def test_csv_export_follows_filters_in_the_directory_columns(demo_site, admin_client):
    response = admin_client.get(URL + "?locale=en&region=RO314&export=csv")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    # the import's machine headers (directory/columns.py), not Title-Cased labels
    assert list(rows[0]) == columns.HEADER
    assert rows and all(row["region"] == "RO314" for row in rows)
    assert any(row["service_name"] == "Payment of local taxes and fees" for row in rows)
    assert all(row["institution_url"].startswith("http://testserver/en/directory/") for row in rows)


def test_xlsx_export(demo_site, admin_client):
    response = admin_client.get(URL + "?locale=bg&category=tourism&export=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(body_of(response)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) > 1
    assert rows[0] == tuple(columns.HEADER)
    name = columns.HEADER.index("service_name")
    assert all(row[name] == "Регистрация на място за настаняване" for row in rows[1:])


def test_search(demo_site, admin_client):
    html = admin_client.get(URL + "?locale=ro&q=Giurgiu").content.decode()
    assert "Primăria Municipiului Giurgiu" in html


def test_register_speaks_bulgarian(demo_site, admin_client):
    html = admin_client.get(URL + "?locale=bg&country=BG").content.decode()
    count = re.search(r'<span class="result-count">([^<]*)</span>', html).group(1)
    assert re.fullmatch(r"\d+ от \d+", count.strip()), count  # not "121 out of 357"
    # the filters are a bar of dropdowns, each named in Bulgarian ("Държава: България")
    assert "Държава:" in html and "By държава" not in html and "By " not in html
