"""/sitemap.xml (an index of /sitemap-pages.xml pages) lists live public pages of
all three languages with hreflang alternates, and nothing private or untranslated."""

import xml.etree.ElementTree as ET

import pytest
from wagtail.models import Locale

from home.models import HomePage
from tests.factories import StandardPageFactory, make_draft, make_private, publish, sitemap_documents

pytestmark = pytest.mark.django_db
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def sitemap(client):
    urls = {}
    for document in sitemap_documents(client)[1:]:
        for url in ET.fromstring(document).findall("s:url", NS):
            links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
            urls[url.find("s:loc", NS).text] = links
    return urls


def test_all_languages_with_alternates(client, demo_site):
    urls = sitemap(client)
    for lang in ("bg", "ro", "en"):
        assert f"http://testserver/{lang}/about/" in urls
    assert urls["http://testserver/ro/about/"] == {
        "bg": "http://testserver/bg/about/",
        "ro": "http://testserver/ro/about/",
        "en": "http://testserver/en/about/",
    }


def test_no_drafts_restricted_or_aliases(client, demo_site):
    home = HomePage.objects.get(locale__language_code="bg")
    make_draft(home, slug="draft-in-sitemap")
    make_private(home, slug="private-in-sitemap")
    aliased = publish(StandardPageFactory(parent=home, slug="aliased-in-sitemap"))
    aliased.copy_for_translation(Locale.objects.get(language_code="ro"), alias=True)
    urls = sitemap(client)
    assert not any("draft-in-sitemap" in u or "private-in-sitemap" in u for u in urls)
    assert "http://testserver/bg/aliased-in-sitemap/" in urls
    assert "http://testserver/ro/aliased-in-sitemap/" not in urls
    assert urls["http://testserver/bg/aliased-in-sitemap/"] == {}  # no translation, no alternates


def test_query_count_does_not_grow_with_pages(client, demo_site, django_assert_max_num_queries):
    home = HomePage.objects.get(locale__language_code="bg")
    for url in ("/sitemap.xml", "/sitemap-pages.xml"):
        with django_assert_max_num_queries(20):
            client.get(url)
    for index in range(15):
        publish(StandardPageFactory(parent=home, slug=f"extra-{index}"))
    for url in ("/sitemap.xml", "/sitemap-pages.xml"):
        with django_assert_max_num_queries(20):
            client.get(url)
    assert len(sitemap(client)) >= 30


def test_long_sites_are_split_into_pages_of_the_index(client, demo_site, monkeypatch):
    from cms.sitemaps import MultilingualSitemap

    everything = sitemap(client)
    monkeypatch.setattr(MultilingualSitemap, "limit", 10)
    documents = sitemap_documents(client)
    assert documents[0].count("<sitemap>") == len(documents) - 1 == -(-len(everything) // 10)
    assert "http://testserver/sitemap-pages.xml?p=2" in documents[0]
    assert sitemap(client) == everything  # the same URLs, split
    assert client.get("/sitemap-pages.xml?p=999").status_code == 404


def test_robots_txt_points_to_the_sitemap(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert "Sitemap: http://testserver/sitemap.xml" in response.content.decode()
    assert "Disallow: /admin/" in response.content.decode()
