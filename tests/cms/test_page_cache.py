"""The shared page cache (cms.caching.pages) on Redis: anonymous answers are
served from it, never stale after any change the public could see, never for
anyone who could see more, and each change purges the front cache once, after
the commit, with the public Host (cms.caching.purge)."""

import datetime
import json
import os
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.cache import caches
from django.core.management import call_command
from django.utils import timezone
from wagtail import hooks
from wagtail.contrib.redirects.models import Redirect
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction, Site

from cms.caching import keys
from cms.caching.clock import content_clock
from cms.caching.pages import STATUS_HEADER
from cms.translation import translate_object
from news.models import NewsCategory, NewsPage
from tests.documents.factories import make_public_document
from tests.news.factories import make_news, news_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def page_cache(settings):
    """The page cache on, in the run's Redis (tests/services.py starts it)."""
    redis_url = os.environ.get("TEST_REDIS_URL")
    if not redis_url:
        pytest.fail(
            "The page cache tests need the Redis that `python -m tests.services` starts (TEST_REDIS_URL)."
        )
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis_url,
            "KEY_PREFIX": "test-pages",
        },
    }
    caches["pages"].clear()
    yield caches["pages"]
    caches["pages"].clear()


def status(response):
    return response.get(STATUS_HEADER)


def directives(response):
    return dict(
        (part.strip().split("=", 1) + [""])[:2]
        for part in response.get("Cache-Control", "").split(",")
        if part
    )


def body(response):
    return response.content.decode()


def served_twice(client, url, **headers):
    """The first answer (a miss, stored) and the second (a hit) of `url`."""
    first = client.get(url, **headers)
    assert first.status_code == 200, url
    assert status(first) == "miss", (url, dict(first.items()), content_clock())
    second = client.get(url, **headers)
    assert status(second) == "hit", url
    assert second.content == first.content
    return first


# --- Served from the cache, with the front cache's marks -----------------------------


def test_an_anonymous_page_is_served_from_the_cache_with_the_clock_queries_only(
    client, demo_site, page_cache, django_assert_max_num_queries
):
    page = make_news(title="Кеширана новина")
    first = served_twice(client, page.url)
    # the content clock alone: the alerts' start/end times are folded into its query
    with django_assert_max_num_queries(1):
        hit = client.get(page.url)
    assert status(hit) == "hit" and "Кеширана новина" in body(hit)
    cache_control = directives(hit)
    assert "public" in cache_control and cache_control["max-age"] == "0"
    assert 590 <= int(cache_control["s-maxage"]) <= 600
    assert set(first["xkey"].split()) >= {"all", "pages", "html", keys.page_key(page.pk)}
    # its CSP nonce is the one of its stored body
    nonce = re.search(r"'nonce-([^']+)'", hit["Content-Security-Policy"]).group(1)
    assert f'nonce="{nonce}"' in body(hit)
    # HEAD is answered from the GET's entry; a conditional GET gets 304 from it
    assert status(client.head(page.url)) == "hit"
    assert client.get(page.url, HTTP_IF_NONE_MATCH=hit["ETag"]).status_code == 304


def test_the_key_holds_query_language_and_negotiated_format(client, demo_site, page_cache):
    url = "/api/v2/pages/?type=news.NewsPage&limit=5"
    served_twice(client, url, HTTP_ACCEPT_LANGUAGE="ro")
    assert status(client.get(url, HTTP_ACCEPT_LANGUAGE="bg")) == "miss"  # unprefixed: Accept-Language
    assert status(client.get(url + "&offset=1")) == "miss"
    page = make_news(title="Договорен формат")
    served_twice(client, page.url)
    assert status(client.get(page.url, HTTP_ACCEPT="application/ld+json")) == "miss"
    assert status(client.get(page.url, HTTP_ACCEPT="text/html;q=0.9, */*;q=0.8")) == "hit"


# --- Never stale: every change shows on the next request -----------------------------


def publish(client):
    page = make_news(title="Преди редакцията")

    def make():
        page.title = "След редакцията"
        page.save_revision().publish()

    return [page.url, news_index().url], make, "След редакцията", True


def unpublish(client):
    page = make_news(title="Ще бъде оттеглена")
    return [news_index().url, news_index().url + "rss/"], page.unpublish, "Ще бъде оттеглена", False


def expiry_passing(client):
    page = make_news(title="Ще изтече")

    def make():  # the moment passes after the answers were stored; no cron, no signal
        NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now())

    return (
        [news_index().url, "/api/v2/pages/?type=news.NewsPage&locale=bg&limit=100"],
        make,
        "Ще изтече",
        False,
    )


def go_live_passing(client):
    client.get(news_index().url)  # warm (templates, fragments): the stored answer's render is quick
    page = make_news(title="Ще излезе скоро")  # (advances the clock: the warm answer is not reused)
    go_live_at = timezone.now() + datetime.timedelta(seconds=12)  # and room for a slow one under load
    NewsPage.objects.filter(pk=page.pk).update(go_live_at=go_live_at)

    def make():  # its go-live moment passes; nothing is written
        time.sleep(max((go_live_at - timezone.now()).total_seconds(), 0) + 0.1)

    return [news_index().url], make, "Ще излезе скоро", True


def scheduled_revision(client):
    page = make_news(title="Текуща версия")
    page.title = "Насрочена версия"
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=1.5)
    page.save_revision().publish()  # scheduled: the live page keeps its current version

    def make():
        time.sleep(max((page.go_live_at - timezone.now()).total_seconds(), 0) + 0.05)
        call_command("publish_scheduled")

    return [page.url, news_index().url], make, "Насрочена версия", True


def restriction_added(client):
    page = make_news(title="Ще бъде ограничена")

    def make():
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-pass")

    return [news_index().url, news_index().url + "rss/"], make, "Ще бъде ограничена", False


def translation_published(client):
    source = make_news(title="Изходна новина", intro="Изходно резюме", hero_image_alt="")
    translate_object(
        source, "ro", {"Изходна новина": "Știre tradusă", "Изходно резюме": "Rezumat"}, publish=False
    )
    translation = NewsPage.objects.get(translation_key=source.translation_key, locale__language_code="ro")

    def make():
        translate_object(
            source, "ro", {"Изходна новина": "Știre tradusă", "Изходно резюме": "Rezumat"}, publish=True
        )

    return [translation.url, news_index("ro").url], make, "Știre tradusă", True


def snippet_edited(client):
    item = NewsCategory.objects.filter(locale__language_code="bg").first()
    page = make_news(title="Новина с категория", categories=[item])

    def make():
        item.name = "Преименувана категория"
        item.save()

    return [page.url], make, "Преименувана категория", True


def document_edited(client):
    document = make_public_document(title="Стар отчет")

    def make():
        document.title = "Нов отчет"
        document.save()

    return ["/api/v2/documents/?limit=100"], make, "Нов отчет", True


def image_edited(client):
    listed = client.get("/api/v2/images/?limit=2").json()["items"]  # not the URL checked
    image = get_image_model().objects.get(pk=listed[0]["id"])

    def make():
        image.title = "Преименувано изображение"
        image.save()

    return ["/api/v2/images/?limit=1"], make, "Преименувано изображение", True


CHANGES = {
    "publish": publish,
    "unpublish": unpublish,
    "expiry passing": expiry_passing,
    "go-live passing": go_live_passing,
    "revision scheduled": scheduled_revision,
    "view restriction": restriction_added,
    "translation published": translation_published,
    "snippet edited": snippet_edited,
    "document edited": document_edited,
    "image edited": image_edited,
}


def text(response):
    if response["Content-Type"].startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return body(response)


@pytest.mark.parametrize("build", CHANGES.values(), ids=CHANGES.keys())
def test_every_change_shows_on_the_next_request(client, demo_site, page_cache, build):
    urls, make, marker, shown_after = build(client)
    for url in urls:
        before = served_twice(client, url)  # stored, and served from the cache
        assert (marker in text(before)) is not shown_after, url
    make()
    for url in urls:
        after = client.get(url)
        assert status(after) != "hit", url
        if after.status_code == 200:
            assert (marker in text(after)) is shown_after, url
        else:  # a page that left the public
            assert not shown_after and after.status_code == 404, url


def test_a_draft_save_keeps_the_cache_and_its_publish_ends_it(client, demo_site, page_cache):
    """An autosave or "Save draft" shows nothing to the public: no reason to drop anything."""
    page = make_news(title="Публикувана версия")
    served_twice(client, page.url)
    page.title = "Чернова"
    revision = page.save_revision()
    kept = client.get(page.url)
    assert status(kept) == "hit" and "Публикувана версия" in body(kept)
    revision.publish()
    after = client.get(page.url)
    assert status(after) == "miss" and "Чернова" in body(after)


def test_a_redirect_added_shows_on_the_next_request(client, demo_site, page_cache):
    assert client.get("/bg/stara-adresa/").status_code == 404
    Redirect.objects.create(old_path=Redirect.normalise_path("/bg/stara-adresa/"), redirect_link="/bg/")
    response = client.get("/bg/stara-adresa/")
    assert response.status_code in (301, 302) and response["Location"].endswith("/bg/")


def test_no_entry_outlives_the_next_expiry_or_boundary(client, demo_site, page_cache):
    page = make_news(title="Изтича след малко", expire_at=timezone.now() + datetime.timedelta(seconds=40))
    for url in (page.url, news_index().url):
        assert int(directives(client.get(url))["s-maxage"]) <= 40, url
    moment = timezone.now() + datetime.timedelta(seconds=8)
    feed = news_index().url + "rss/"
    with hooks.register_temporarily("cache_time_boundaries", lambda now: [moment]):
        served = served_twice(client, feed)
        assert int(directives(served)["s-maxage"]) <= 8
        # the boundary passes: the entry is gone with it, no write
        time.sleep(max((moment - timezone.now()).total_seconds(), 0) + 0.1)
        after = client.get(feed)
        assert status(after) == "miss"
        assert int(directives(after)["s-maxage"]) <= 40


# --- Never cached for anyone who could see more ----------------------------------------


def _never_shared(response):
    return status(response) != "hit" and "public" not in directives(response)


def test_signed_in_readers_posts_and_tokens_are_never_cached(client, demo_site, page_cache, admin_user):
    page = make_news(title="Обща новина")
    served_twice(client, page.url)
    client.force_login(admin_user)
    signed_in = client.get(page.url)
    assert _never_shared(signed_in) and "private" in directives(signed_in)
    client.logout()
    assert _never_shared(client.get(page.url, HTTP_AUTHORIZATION="Bearer abc"))
    client.cookies["messages"] = "x"
    assert _never_shared(client.get(page.url))
    del client.cookies["messages"]
    assert status(client.post(page.url)) is None
    # the admin's preview is signed in and under /admin/: the cache never looks there
    client.force_login(admin_user)
    preview = client.get(f"/admin/pages/{page.pk}/edit/preview/?mode=")
    assert status(preview) is None


def test_a_restricted_page_is_never_cached_for_anyone(client, demo_site, page_cache):
    page = make_news(title="Ограничена новина")
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-pass")
    for _ in range(2):
        form = client.get(page.url)
        assert form.status_code == 200 and "Ограничена новина" not in body(form)
        assert _never_shared(form)
    action = re.search(r'action="([^"]+)"', body(form)).group(1)
    client.post(action, {"password": "secret-pass", "return_url": page.url})
    for _ in range(2):
        shown = client.get(page.url)
        assert "Ограничена новина" in body(shown)
        assert _never_shared(shown)
    client.cookies.clear()
    assert "Ограничена новина" not in body(client.get(page.url))


def test_a_page_cache_that_is_down_costs_speed_not_the_answer(client, demo_site, settings, caplog):
    settings.PAGE_CACHE_SECONDS = 600
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",  # nothing listens there
            "OPTIONS": {"socket_connect_timeout": 0.5},
        },
    }
    page = make_news(title="Без кеш")
    for _ in range(2):
        response = client.get(page.url)
        assert response.status_code == 200 and "Без кеш" in body(response)
        assert status(response) == "miss"
    assert "Page cache unavailable" in caplog.text


# --- Purging the front cache ------------------------------------------------------------


@pytest.fixture
def purge_receiver(settings):
    """A real HTTP server on 127.0.0.1 that records the PURGE requests it gets."""
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_PURGE(self):  # noqa: N802 - the HTTP method's name
            received.append({"host": self.headers["Host"], "keys": self.headers["xkey-purge"]})
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FRONTEND_CACHE_PURGE_URL = f"http://127.0.0.1:{server.server_port}/"
    settings.SITE_BASE_URL = "https://egovernet.example.org"
    yield received
    server.shutdown()


def test_a_publish_purges_once_after_the_commit_with_the_public_host(
    demo_site, purge_receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        page = make_news(title="За прочистване")
        page.title = "Прочистена"
        page.save_revision().publish()
        assert purge_receiver == []  # nothing before the commit
    assert len(callbacks) >= 1
    assert purge_receiver == [{"host": "egovernet.example.org", "keys": "pages"}]


def test_a_site_change_purges_everything(demo_site, purge_receiver, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        site = Site.objects.get(is_default_site=True)
        site.site_name = "E-GoverNet (test)"
        site.save()
    assert purge_receiver == [{"host": "egovernet.example.org", "keys": "all"}]


def test_a_failed_purge_is_logged_not_raised(demo_site, settings, caplog, django_capture_on_commit_callbacks):
    settings.FRONTEND_CACHE_PURGE_URL = "http://127.0.0.1:9/"
    with django_capture_on_commit_callbacks(execute=True):
        make_news(title="Кешът е недостъпен")
    assert "Front cache purge of pages" in caplog.text


def test_local_midnight_is_a_boundary(client, demo_site, page_cache):
    """What is computed from "today" (memberships and agreements in force) changes
    at midnight in the site's time zone: no answer cached before it outlives it,
    and after it the clock counts it as a change."""
    from cms.caching.clock import content_clock

    now = timezone.now()
    served = served_twice(client, "/bg/network/")  # the network's figures in force today
    tomorrow = timezone.localdate(now) + datetime.timedelta(days=1)
    midnight = datetime.datetime.combine(tomorrow, datetime.time.min, tzinfo=timezone.get_current_timezone())
    assert int(directives(served)["s-maxage"]) <= (midnight - timezone.now()).total_seconds() + 1
    changed_at, next_boundary = content_clock(now)
    assert next_boundary is not None and next_boundary <= midnight
    assert content_clock(midnight + datetime.timedelta(seconds=1))[0] >= midnight
    assert changed_at < midnight


def test_a_translators_saved_strings_show_in_the_api_on_the_next_request(client, demo_site, page_cache):
    """The API's translation_status is read from wagtail-localize's records, which
    the content clock follows: a translator who saves the missing strings (no
    publish) changes the cached answer at once."""
    from wagtail.models import Locale

    from home.models import HomePage
    from tests.factories import StandardPageFactory, publish

    bg_home = HomePage.objects.get(locale__language_code="bg")
    source = publish(
        StandardPageFactory(parent=bg_home, title="Частично", slug="partial-in-cache", intro="Непреведено")
    )
    translate_object(source, "ro", {"Частично": "Parțial"}, strict=False)
    ro_page = source.get_translation(Locale.objects.get(language_code="ro"))
    url = "/api/v2/pages/?type=home.StandardPage&locale=ro&fields=translation_status&limit=100"

    def state(response):
        return {item["id"]: item["translation_status"]["state"] for item in response.json()["items"]}[
            ro_page.pk
        ]

    assert state(served_twice(client, url)) == "in_progress"
    # the translator saves every remaining string in the editor, without publishing
    from wagtail_localize.models import StringSegment, TranslationSource

    record = TranslationSource.update_or_create_from_instance(source)[0]
    texts = {
        segment.string.data: f"RO {segment.string.data}"
        for segment in StringSegment.objects.filter(source=record).select_related("string")
    }
    translate_object(source, "ro", {**texts, "Частично": "Parțial"}, publish=False)
    after = client.get(url)
    assert status(after) == "miss"  # not the answer stored before the strings were saved
    from cms.translation_status import page_state

    assert state(after) == page_state(ro_page)
