"""`institution=` on API v2 and v3 (news and publications) and on the feeds:
an institution page id in any language or its translation key; anything else
is a 400 with a localized message. And the institution page's own sections."""

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from directory.models import InstitutionPage
from documents.models import PublicationPage
from news.models import NewsPage
from tests.news.factories import make_news

pytestmark = pytest.mark.django_db


def institution(slug, language="bg"):
    return InstitutionPage.objects.get(slug=slug, locale__language_code=language)


def ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return {item["id"] for item in response.json()["items"]}


def ruse_news(language):
    ruse = institution("ruse-municipality")
    return set(
        NewsPage.objects.filter(
            live=True, locale__language_code=language, institution__translation_key=ruse.translation_key
        ).values_list("pk", flat=True)
    )


@pytest.mark.parametrize("api", ["v2", "v3"])
def test_news_by_institution_id_in_any_language_or_translation_key(client, demo_site, api):
    ruse_ro = institution("ruse-municipality", "ro")
    expected = ruse_news("en")
    assert len(expected) == 3  # the demo's three news items from Ruse
    base = f"/api/{api}/pages/?type=news.NewsPage&locale=en&limit=100&institution="
    assert ids(client, base + str(ruse_ro.pk)) == expected
    assert ids(client, base + str(institution("ruse-municipality", "en").pk)) == expected
    assert ids(client, base + str(ruse_ro.translation_key)) == expected
    # an institution with no attributed news: an empty answer, not an error
    assert ids(client, base + str(institution("dobrich-municipality").pk)) == set()


@pytest.mark.parametrize("api", ["v2", "v3"])
def test_publications_by_institution(client, demo_site, api):
    ruse = institution("ruse-municipality")
    expected = set(
        PublicationPage.objects.filter(
            live=True, locale__language_code="bg", institution__translation_key=ruse.translation_key
        ).values_list("pk", flat=True)
    )
    assert len(expected) == 1  # the Ruse–Giurgiu agreement
    url = f"/api/{api}/pages/?type=documents.PublicationPage&locale=bg&institution={ruse.pk}"
    assert ids(client, url) == expected


@pytest.mark.parametrize("api", ["v2", "v3"])
@pytest.mark.parametrize(
    ("value", "language", "message"),
    [
        ("abc", "en", "institution must be the id or the translation key of an institution page"),
        ("999999", "en", "institution must be the id or the translation key of an institution page"),
        ("", "en", "institution must be the id or the translation key of an institution page"),
        ("00000000-0000-0000-0000-000000000000", "bg", "institution трябва да е идентификаторът"),
        ("news-page", "ro", "institution trebuie să fie id-ul"),
    ],
)
def test_bad_institution_values_are_a_localized_400(client, demo_site, api, value, language, message):
    response = client.get(
        f"/api/{api}/pages/?type=news.NewsPage&institution={value}", headers={"Accept-Language": language}
    )
    assert response.status_code == 400
    data = response.json()
    assert message in data.get("message", data.get("detail", ""))


def test_a_news_page_id_is_not_an_institution(client, demo_site):
    news = NewsPage.objects.filter(locale__language_code="bg").first()
    response = client.get(f"/api/v2/pages/?type=news.NewsPage&institution={news.pk}")
    assert response.status_code == 400


def test_without_a_type_institution_asks_for_one(client, demo_site):
    ruse = institution("ruse-municipality")
    response = client.get(f"/api/v2/pages/?institution={ruse.pk}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "add type=" in response.json()["message"]


def test_the_api_shows_the_institution_in_the_readers_language(client, demo_site):
    page = NewsPage.objects.get(slug="ruse-giurgiu-bridge-toll-online", locale__language_code="en")
    data = client.get(f"/api/v3/pages/{page.pk}/").json()
    en = institution("ruse-municipality", "en")
    assert data["institution"]["id"] == en.pk
    assert data["institution"]["title"] == en.title
    assert data["institution"]["translation_key"] == str(en.translation_key)
    spec = client.get("/api/v3/openapi.json").json()
    assert "institution" in spec["components"]["schemas"]["NewsPageSchema"]["properties"]


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_feeds_filter_by_institution(client, demo_site, kind):
    ruse = institution("ruse-municipality", "ro")
    response = client.get(f"/ro/news/{kind}/?institution={ruse.translation_key}")
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo
    titles = {entry.title for entry in feed.entries}
    expected = set(NewsPage.objects.filter(pk__in=ruse_news("ro")).values_list("title", flat=True))
    assert titles == expected and len(titles) == 3


def test_feed_refuses_a_bad_institution_in_the_feeds_language(client, demo_site):
    response = client.get("/bg/news/rss/?institution=nope")
    assert response.status_code == 400
    assert "institution трябва да е идентификаторът" in response.content.decode()
    response = client.get("/ro/news/atom/?institution=0")
    assert response.status_code == 400
    assert "institution trebuie să fie id-ul" in response.content.decode()


def test_institution_page_lists_its_news_once_newest_first(client, demo_site):
    ruse = institution("ruse-municipality", "ro")
    html = client.get(ruse.url).content.decode()
    assert "Știri de la această instituție" in html
    section = html.split('id="institution-news-heading"')[1].split("</section>")[0]
    titles = [page.title for page in NewsPage.objects.filter(pk__in=ruse_news("ro")).order_by("-date", "-pk")]
    positions = [section.index(title) for title in titles]
    assert positions == sorted(positions)
    # an attributed item that also links to the institution is not listed again under "Related news"
    if 'id="news-heading"' in html:
        related = html.split('id="news-heading"')[1].split("</section>")[0]
        assert not any(title in related for title in titles)
    assert "Publicații ale acestei instituții" in html


def test_institution_page_query_budget(client, demo_site, django_assert_max_num_queries):
    ruse = institution("ruse-municipality", "en")
    client.get(ruse.url)
    with CaptureQueriesContext(connection) as baseline:
        client.get(ruse.url)
    budget = len(baseline)  # now: a later request resets the connection's query log
    assert 0 < budget <= 60
    for number in range(5):
        make_news(title=f"Още {number}", institution=institution("ruse-municipality"))
    client.get(ruse.url)  # warm again: the news changed the content clock (cms.caching.fragments)
    with django_assert_max_num_queries(budget):
        assert client.get(ruse.url).status_code == 200


@pytest.mark.parametrize("api", ["v2", "v3"])
def test_openapi_documents_the_institution_parameter(client, demo_site, api):
    text = client.get(f"/api/{api}/openapi.json").content.decode()
    assert "the id of its institution page in any language" in text
    assert "translation key (a UUID, the same in every language)" in text
