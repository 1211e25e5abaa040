"""The footer's open-data link goes to a page listing the downloads in the
visitor's language, and every download it lists answers."""

from urllib.parse import urlsplit

import pytest
from django.test import override_settings

pytestmark = pytest.mark.django_db

STRINGS = {
    "bg": ("Отворени данни", "Указател на институциите и електронните услуги"),
    "ro": ("Date deschise", "Directorul instituțiilor și al serviciilor electronice"),
    "en": ("Open data", "Directory of institutions and e-services"),
}


@pytest.mark.parametrize("lang", ["bg", "ro", "en"])
def test_the_footer_links_to_the_open_data_page(client, demo_site, lang):
    html = client.get(f"/{lang}/").content.decode()
    assert f'<a href="/{lang}/open-data/">{STRINGS[lang][0]}</a>' in html
    assert "/api/v3/docs/" not in html


@pytest.mark.parametrize("lang", ["bg", "ro", "en"])
def test_open_data_page_lists_downloads_that_answer(client, demo_site, lang, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        response = client.get(f"/{lang}/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    title, directory = STRINGS[lang]
    assert f"<h1>{title}</h1>" in html and directory in html
    base = "http://testserver"
    expected = [
        f"{base}/api/directory/institutions.jsonld?locale={lang}",
        f"{base}/api/directory/cpsv-ap.jsonld?locale={lang}",
        f"{base}/api/directory/cpsv-ap.jsonld?locale={lang}&amp;format=ttl",
        f"{base}/api/directory/institutions.csv?locale={lang}",
        f"{base}/{lang}/news/rss/",
        f"{base}/{lang}/news/atom/",
        f"{base}/api/v2/pages/?locale={lang}",
        f"{base}/api/v2/openapi.json",
    ]
    for url in expected:
        assert f'href="{url}"' in html, url
    links = [part.split('"', 1)[0] for part in html.split('<li><a href="')[1:] if part.startswith(base)]
    assert len(links) >= len(expected) + 1  # the e-services CSV too
    for url in links:
        parts = urlsplit(url)
        answer = client.get(parts.path, dict(p.split("=") for p in parts.query.split("&") if p))
        assert answer.status_code == 200, url
    assert "/api/v3/docs/" not in html  # the write API's Swagger page is not for open-data users


def test_open_data_page_has_each_language_as_alternate(client, demo_site):
    html = client.get("/ro/open-data/").content.decode()
    for lang in ("bg", "ro", "en"):
        assert f'hreflang="{lang}" href="http://testserver/{lang}/open-data/"' in html


@override_settings(SITE_BASE_URL="https://data.example.org")
def test_download_urls_are_on_the_sites_one_base_url(client, demo_site):
    html = client.get("/en/open-data/").content.decode()
    assert 'href="https://data.example.org/api/directory/institutions.csv?locale=en"' in html
    assert "http://testserver/api" not in html


def test_open_data_page_refuses_posts(client, demo_site):
    assert client.post("/en/open-data/").status_code == 405
