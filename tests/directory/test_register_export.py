"""The e-services register in the admin (wagtail-modeladmin): filters, search
and CSV/XLSX export of exactly what is listed."""

import csv
import io

import openpyxl
import pytest

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


def test_csv_export_follows_filters(demo_site, admin_client):
    response = admin_client.get(URL + "?locale=en&region=RO314&export=csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(body_of(response).decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    # columns follow list_export; headings are in the admin user's language (bg by default)
    assert len(header) == 14 and header[1] == "Институция"
    region_column = 4
    assert body and all(row[region_column].startswith("RO314") for row in body)
    assert any(row[0] == "Payment of local taxes and fees" for row in body)


def test_xlsx_export(demo_site, admin_client):
    response = admin_client.get(URL + "?locale=bg&category=tourism&export=xlsx")
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(body_of(response)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert len(rows) > 1
    assert all(row[0] == "Регистрация на място за настаняване" for row in rows[1:])


def test_search(demo_site, admin_client):
    html = admin_client.get(URL + "?locale=ro&q=Giurgiu").content.decode()
    assert "Primăria Municipiului Giurgiu" in html
