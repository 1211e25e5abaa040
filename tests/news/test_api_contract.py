"""The news API's JSON shape is a contract: the v2 detail and list of a demo
item are compared, after normalising ids, timestamps and file URLs, with
saved files in tests/news/expected/. A change shows up as a reviewed diff;
regenerate with UPDATE_EXPECTED=1."""

import json
import os
import re
from pathlib import Path

import pytest

from news.models import NewsPage

pytestmark = pytest.mark.django_db

EXPECTED = Path(__file__).parent / "expected"
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT[\d:.]+([+-]\d\d:\d\d|Z)?$")
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


def normalise(value, key=None):
    if isinstance(value, dict):
        return {k: normalise(v, k) for k, v in value.items()}
    if isinstance(value, list):
        return [normalise(v, key) for v in value]
    if key == "id" and isinstance(value, int):
        return "<id>"
    if isinstance(value, str):
        if TIMESTAMP.match(value):
            return "<timestamp>"
        if UUID.match(value):
            return "<uuid>"
        if "/images/" in value or "/media/" in value:
            return "<image url>"
        return re.sub(r"/api/v2/pages/\d+/", "/api/v2/pages/<id>/", value)
    return value


def check(name, data):
    path = EXPECTED / f"{name}.json"
    data = normalise(data)
    if os.environ.get("UPDATE_EXPECTED") or not path.exists():
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    assert data == json.loads(path.read_text())


def test_detail_contract(client, demo_site):
    page = NewsPage.objects.get(slug="ruse-giurgiu-bridge-toll-online", locale__language_code="ro")
    check("news_page_detail_ro", client.get(f"/api/v2/pages/{page.pk}/").json())


def test_list_contract(client, demo_site):
    response = client.get(
        "/api/v2/pages/?type=news.NewsPage&locale=en&order=-date&limit=2"
        "&fields=date,intro,featured,categories,regions,hero_image"
    )
    check("news_page_list_en", response.json())
