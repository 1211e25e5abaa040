"""Breadcrumbs below home, the favicon and web app icons (print styles: tests/browser)."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db


def crumbs(html):
    match = re.search(r'<nav class="breadcrumbs" aria-label="([^"]+)">(.*?)</nav>', html, re.S)
    if not match:
        return None
    return match.group(1), re.findall(
        r"<li>(?:<a href=\"[^\"]+\">|<span aria-current=\"page\">)([^<]+)<", match.group(2)
    )


def test_breadcrumbs_on_every_page_below_home_only(client, demo_site):
    assert crumbs(client.get("/bg/").content.decode()) is None
    assert crumbs(client.get("/en/about/").content.decode()) == ("Breadcrumb", ["Home", "About the project"])
    label, trail = crumbs(client.get("/bg/directory/ruse-municipality/").content.decode())
    assert label == "Навигационна пътека"
    assert trail[:2] == ["Начало", "Указател"] or trail[0] == "Начало"
    assert len(trail) == 3


def test_icons_and_manifest_are_linked_and_served(client, demo_site):
    html = client.get("/ro/").content.decode()
    for rel in ('rel="icon"', 'rel="apple-touch-icon"', 'rel="manifest"'):
        assert rel in html
    manifest = json.loads(Path(finders.find("icons/site.webmanifest")).read_text(encoding="utf-8"))
    for icon in manifest["icons"]:
        assert finders.find(f"icons/{icon['src']}"), icon
    assert {icon["sizes"] for icon in manifest["icons"]} >= {"192x192", "512x512"}
    assert finders.find("icons/favicon.ico") and finders.find("icons/apple-touch-icon.png")
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("icons/favicon.ico")
