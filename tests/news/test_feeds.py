"""RSS 2.0 and Atom per locale: valid (feedparser, no bozo), 20 newest live
items, absolute URLs, the locale's language, optional ?category=, and
advertised on every page of the locale."""

import datetime

import feedparser
import pytest

from tests.news.factories import category, make_news

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return response, feed


@pytest.mark.parametrize("kind", ["rss", "atom"])
@pytest.mark.parametrize("lang", ["bg", "ro", "en"])
def test_feeds_are_valid_with_language_and_absolute_urls(client, demo_site, kind, lang):
    response, feed = parse(client, f"/{lang}/news/{kind}/")
    expected_type = "application/rss+xml" if kind == "rss" else "application/atom+xml"
    assert response["Content-Type"].startswith(expected_type)
    assert feed.feed.get("language") == lang or feed.feed.get("language", "").startswith(lang)
    assert len(feed.entries) == 13
    for entry in feed.entries:
        assert entry.link.startswith("http://") and f"/{lang}/news/" in entry.link
    assert feed.entries[0].title in {
        "Резултати от проучването на електронните услуги",
        "Rezultatele studiului privind serviciile electronice",
        "Results of the survey of e-services",
    }


def test_feed_has_the_twenty_newest_live_items_only(client, demo_site):
    for number in range(10):
        make_news(title=f"Нова {number}", date=datetime.date(2027, 1, 1 + number))
    draft = make_news(title="Чернова", date=datetime.date(2027, 6, 1), publish=False)
    _response, feed = parse(client, "/bg/news/rss/")
    titles = [entry.title for entry in feed.entries]
    assert len(titles) == 20
    assert titles[0] == "Нова 9"
    assert draft.title not in titles
    assert "Нов каталог на трансграничните електронни услуги" not in titles  # scheduled


def test_feed_category_filter(client, demo_site):
    _response, feed = parse(client, "/ro/news/atom/?category=infrastructure")
    assert {entry.title for entry in feed.entries} == {
        "Taxa de pod Giurgiu–Ruse se poate plăti acum online",
        "Informațiile despre podul Calafat–Vidin sunt disponibile pe platformă",
    }
    assert client.get("/ro/news/rss/?category=nope").status_code == 404


def test_feed_items_carry_categories(client, demo_site):
    make_news(title="С категория", date=datetime.date(2027, 1, 1), categories=[category("events")])
    _response, feed = parse(client, "/bg/news/rss/")
    assert [t.term for t in feed.entries[0].tags] == ["Събития"]


@pytest.mark.parametrize("path", ["/{lang}/", "/{lang}/about/", "/{lang}/news/", "/{lang}/no-such-page/"])
def test_every_page_advertises_its_locales_feeds(client, demo_site, path):
    for lang in ("bg", "ro", "en"):
        html = client.get(path.format(lang=lang)).content.decode()
        assert '<link rel="alternate" type="application/rss+xml" title="' in html
        assert f'/{lang}/news/rss/">' in html
        assert f'/{lang}/news/atom/">' in html
