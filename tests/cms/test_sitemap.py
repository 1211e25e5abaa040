"""/sitemap.xml lists live public pages of all three languages with hreflang
alternates, and nothing private or untranslated."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from home.models import HomePage
from tests.factories import StandardPageFactory, make_draft, make_private, publish

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return {
        url.find("s:loc", NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
        for url in root.findall("s:url", NS)
    }


def test_all_languages_with_alternates(client, demo_site):
    urls = sitemap(client)
    for lang in ("bg", "ro", "en"):
        assert f"http://localhost/{lang}/about/" in urls
    assert urls["http://localhost/ro/about/"] == {
        "bg": "http://localhost/bg/about/",
        "ro": "http://localhost/ro/about/",
        "en": "http://localhost/en/about/",
    }


def test_no_drafts_restricted_or_aliases(client, demo_site):
    home = HomePage.objects.get(locale__language_code="bg")
    make_draft(home, slug="draft-in-sitemap")
    make_private(home, slug="private-in-sitemap")
    aliased = publish(StandardPageFactory(parent=home, slug="aliased-in-sitemap"))
    aliased.copy_for_translation(Locale.objects.get(language_code="ro"), alias=True)
    urls = sitemap(client)
    assert not any("draft-in-sitemap" in u or "private-in-sitemap" in u for u in urls)
    assert "http://localhost/bg/aliased-in-sitemap/" in urls
    assert "http://localhost/ro/aliased-in-sitemap/" not in urls
    assert urls["http://localhost/bg/aliased-in-sitemap/"] == {}  # no translation, no alternates


def test_query_count_does_not_grow_with_pages(client, demo_site, django_assert_max_num_queries):
    home = HomePage.objects.get(locale__language_code="bg")
    with django_assert_max_num_queries(20):
        client.get("/sitemap.xml")
    for index in range(15):
        publish(StandardPageFactory(parent=home, slug=f"extra-{index}"))
    with django_assert_max_num_queries(20):
        assert len(sitemap(client)) >= 30


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
