"""Every absolute URL the site prints is on the one configured base URL
(cms.base_url), never the request's host, the Site's old hostname or a
settings default: feeds, sitemaps, page heads and JSON-LD, API v2 and v3, the
directory exports, robots.txt and the translators' email.

The base URL here (`http://portal.egovernet.test:8443`) is neither the test
client's host (`testserver`) nor any default, so a URL built any other way fails.

Left out as external, by design: vocabularies and XML namespaces (schema.org,
purl.org, data.europa.eu, w3.org, sitemaps.org), OpenStreetMap links, the
demo institutions' own sites and e-services (`*.example.org`), and media on
the S3 endpoint (signed by the storage, on its own host or CDN domain)."""

import re
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.urls import reverse
from wagtail.models import Site

from cms.base_url import sync_default_site
from cms.roles import translators_group_name
from directory.models import InstitutionPage
from documents.models import PublicationPage
from home.models import StandardPage
from news.models import NewsIndexPage, NewsPage
from tests.factories import UserFactory, sitemap_documents

pytestmark = pytest.mark.django_db

BASE = "http://portal.egovernet.test:8443"
URL = re.compile(r"https?://[^\s\"'<>\\,]+")
EXTERNAL_HOSTS = {
    "schema.org",
    "purl.org",
    "data.europa.eu",
    "www.w3.org",
    "www.sitemaps.org",
    "www.openstreetmap.org",
    # CPSV-AP and DCAT-AP vocabularies and code lists
    "publications.europa.eu",
    "xmlns.com",
    "semiceu.github.io",
    "www.iana.org",
    # the legal bases of the demo's e-services (Single Digital Gateway information)
    "lex.bg",
    "legislatie.just.ro",
    # the demo's ferry alert links to the Bulgarian border police
    "www.mvr.bg",
}


def _s3_hosts():
    options = settings.STORAGES["default"].get("OPTIONS", {})
    return {
        urlsplit(url).netloc for url in (options.get("endpoint_url"), options.get("custom_domain")) if url
    }


def is_external(url):
    host = urlsplit(url).netloc
    return host in EXTERNAL_HOSTS or host.endswith(".example.org") or host in _s3_hosts()


def own_urls(text):
    """The absolute http(s) URLs in `text` that are not known external ones."""
    return [url.rstrip(".;)") for url in URL.findall(text) if not is_external(url)]


@pytest.fixture
def portal(demo_site, settings):
    """The site configured on a distinctive base URL, as settings and `migrate` would make it."""
    cache.clear()  # cached listings and renditions were built on the old base URL
    settings.SITE_BASE_URL = BASE
    # cms/settings/base.py derives these two from SITE_BASE_URL (tests/cms/test_base_url.py)
    settings.WAGTAILADMIN_BASE_URL = BASE
    settings.WAGTAILAPI_BASE_URL = BASE
    sync_default_site()
    yield Site.objects.get(is_default_site=True)
    cache.clear()


def _get(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, (path, response.status_code)
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _surfaces(client):
    """{surface name: text} of every surface that prints absolute URLs."""
    news_page = (
        NewsPage.objects.live().public().filter(hero_image__isnull=False, locale__language_code="bg").first()
    )
    assert news_page is not None, "the demo has a bg news item with a hero image"
    institution = InstitutionPage.objects.live().public().filter(locale__language_code="ro").first()
    publication = PublicationPage.objects.live().public().filter(locale__language_code="en").first()
    news_index = NewsIndexPage.objects.live().get(locale__language_code="bg")
    texts = {
        "rss": _get(client, news_index.url + "rss/"),
        "atom": _get(client, news_index.url + "atom/"),
        "robots.txt": _get(client, "/robots.txt"),
        "news page": _get(client, news_page.url),
        "institution page": _get(client, institution.url),
        "publication page": _get(client, publication.url),
        "search page (hreflang of a non-page view)": _get(client, "/en/search/", q="Giurgiu"),
        "api v2 pages list": _get(client, "/api/v2/pages/", type="news.NewsPage", fields="*", limit=20),
        "api v2 news detail": _get(client, f"/api/v2/pages/{news_page.pk}/"),
        "api v2 institution detail": _get(client, f"/api/v2/pages/{institution.pk}/"),
        "api v2 publication detail": _get(client, f"/api/v2/pages/{publication.pk}/"),
        "api v2 images": _get(client, "/api/v2/images/", fields="*"),
        "api v2 documents": _get(client, "/api/v2/documents/", fields="*"),
        "api v2 openapi": _get(client, "/api/v2/openapi.json"),
        "api v3 pages list": _get(client, "/api/v3/pages/", locale="ro"),
        "api v3 news detail": _get(
            client, reverse("wagtailapi_v3:detail_page", kwargs={"page_id": news_page.pk})
        ),
        "directory JSON-LD": _get(client, "/api/directory/institutions.jsonld", locale="en"),
        "directory CSV": _get(client, "/api/directory/institutions.csv", locale="bg"),
        "directory CPSV-AP": _get(client, "/api/directory/cpsv-ap.jsonld", locale="ro"),
        "directory CPSV-AP Turtle": _get(client, "/api/directory/cpsv-ap.jsonld", locale="bg", format="ttl"),
        "DCAT-AP catalog": _get(client, "/api/directory/catalog.jsonld"),
    }
    for number, document in enumerate(sitemap_documents(client)):
        texts[f"sitemap {number}"] = document
    return texts


def test_every_surface_prints_urls_on_the_one_base_url(portal, client):
    for surface, text in _surfaces(client).items():
        urls = own_urls(text)
        assert urls, f"{surface}: no absolute URL found, the test would prove nothing"
        elsewhere = sorted({url for url in urls if url != BASE and not url.startswith(BASE + "/")})
        assert not elsewhere, f"{surface} prints URLs outside {BASE}: {elsewhere}"


def test_page_heads_carry_canonical_hreflang_and_json_ld_on_the_base_url(portal, client):
    news_page = NewsPage.objects.live().public().filter(locale__language_code="bg").first()
    head = _get(client, news_page.url).split("</head>")[0]
    assert f'<link rel="canonical" href="{BASE}{news_page.url}">' in head
    assert f'<meta property="og:url" content="{BASE}{news_page.url}">' in head
    assert f'hreflang="bg" href="{BASE}{news_page.url}"' in head
    assert f'"mainEntityOfPage": "{BASE}{news_page.url}"' in _get(client, news_page.url)


def test_translators_email_links_to_the_base_url(portal):
    source = StandardPage.objects.live().get(locale__language_code="bg", slug="about")
    translator = UserFactory(email="translator-ro@example.org")
    translator.groups.add(Group.objects.get(name=translators_group_name("ro")))
    mail.outbox.clear()
    source.intro = f"{source.intro} Обновено."  # translators are told only of changed content
    source.save_revision().publish()
    message = next(m for m in mail.outbox if translator.email in m.to)
    urls = own_urls(message.body)
    assert len(urls) == 3  # wagtail-localize's sync page, the source in the editor, the outdated report
    assert all(url.startswith(f"{BASE}/admin/") for url in urls), urls
