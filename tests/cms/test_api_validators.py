"""ETag and Last-Modified on API v2 and v3 lists and details change with every
change the answer shows, so a conditional request gets 304 only when nothing
changed: publish, unpublish, expiry passing (before the cron), a scheduled
revision going live, a view restriction added or removed, a translation
published, a document's file replaced."""

import datetime
import hashlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.http import http_date
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from cms.caching.clock import content_changed_at, mark_content_changed
from cms.caching.models import ContentClock
from cms.translation import translate_object
from news.models import NewsPage
from tests.documents.factories import make_document, make_public_document, make_publication, pdf_bytes, upload
from tests.news.factories import make_news

pytestmark = pytest.mark.django_db

V2_NEWS = "/api/v2/pages/?type=news.NewsPage&locale={locale}&limit=100"
V3_NEWS = "/api/v3/pages/?type=news.NewsPage&locale={locale}&limit=100"


def settle_clock():
    """As if the set-up had been written ten seconds ago: HTTP dates have
    one-second resolution, and Last-Modified is only sent once the second of
    the last change is over (cms.caching.middleware.conditional_response)."""
    ContentClock.objects.update(changed_at=timezone.now() - datetime.timedelta(seconds=10))
    assert content_changed_at() < timezone.now() - datetime.timedelta(seconds=2)


def text(response):
    """The JSON answer as text, whatever escaping the API uses."""
    return json.dumps(response.json(), ensure_ascii=False)


@dataclass
class Change:
    urls: dict  # {"v2": [list, detail], "v3": [list, detail]}
    make: Callable[[], None]
    marker: str  # text the answers show after the change (or stop showing)
    shown_after: bool


def news_urls(page, locale="bg", detail=None):
    detail = detail or page
    return {
        "v2": [V2_NEWS.format(locale=locale), f"/api/v2/pages/{detail.pk}/"],
        "v3": [V3_NEWS.format(locale=locale), f"/api/v3/pages/{detail.pk}/"],
    }


def publish_change():
    page = make_news(title="Преди редакцията")

    def make():
        page.title = "След редакцията"
        page.save_revision().publish()

    return Change(news_urls(page), make, "След редакцията", True)


def unpublish_change():
    page = make_news(title="Ще бъде оттеглена")
    return Change(news_urls(page), page.unpublish, "Ще бъде оттеглена", False)


def expiry_change():
    page = make_news(title="Ще изтече", expire_at=timezone.now() + datetime.timedelta(days=1))

    def make():
        # the expiry moment passes after the answers were given; no cron, no signal
        NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now())

    return Change(news_urls(page), make, "Ще изтече", False)


def go_live_change():
    page = make_news(title="Текуща версия")
    page.title = "Насрочена версия"
    page.go_live_at = timezone.now() + datetime.timedelta(seconds=1.5)
    page.save_revision().publish()  # scheduled: the live page keeps its current version

    def make():
        # its go-live moment passes, then the publish_scheduled cron publishes it
        time.sleep(max((page.go_live_at - timezone.now()).total_seconds(), 0) + 0.05)
        call_command("publish_scheduled")

    return Change(news_urls(page), make, "Насрочена версия", True)


def restriction_added_change():
    page = make_news(title="Ще бъде ограничена")

    def make():
        PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-pass")

    return Change(news_urls(page), make, "Ще бъде ограничена", False)


def _translated_pair(publish):
    source = make_news(title="Изходна новина", intro="Изходно резюме", hero_image_alt="")
    translate_object(
        source, "ro", {"Изходна новина": "Știre tradusă", "Изходно резюме": "Rezumat"}, publish=publish
    )
    translation = NewsPage.objects.get(translation_key=source.translation_key, locale__language_code="ro")
    return source, translation


def restriction_removed_change():
    """The ro translation is restricted, which hides its whole translation group
    (cms.visibility): the ro list and a search show it only once the restriction
    is removed."""
    source, translation = _translated_pair(publish=True)
    restriction = PageViewRestriction.objects.create(
        page=translation, restriction_type="password", password="secret-pass"
    )
    urls = {
        api: [url.format(locale="ro"), url.format(locale="ro") + "&search=tradusă"]
        for api, url in (("v2", V2_NEWS), ("v3", V3_NEWS))
    }
    return Change(urls, restriction.delete, "Știre tradusă", True)


def translation_published_change():
    source, translation = _translated_pair(publish=False)

    def make():
        translate_object(
            source, "ro", {"Изходна новина": "Știre tradusă", "Изходно резюме": "Rezumat"}, publish=True
        )

    # the ro page exists (an alias, then an unpublished translation) and shows the bg text until then
    return Change(news_urls(translation, "ro"), make, "Știre tradusă", True)


def document_replaced_change():
    """v3 has no documents endpoint: a publication's detail shows its file."""
    document = make_document(title="Отчет", content=pdf_bytes("Първи вариант"))
    page = make_publication(document, slug="report-with-replaced-file")
    replacement = pdf_bytes("Втори вариант", pages=2)
    new_sha256 = hashlib.sha256(replacement).hexdigest()

    def make():
        document.file = upload("document.pdf", replacement, "application/pdf")
        document.save()

    urls = {
        "v2": ["/api/v2/documents/?limit=100", f"/api/v2/documents/{document.pk}/"],
        "v3": [f"/api/v3/pages/{page.pk}/"],
    }
    return Change(urls, make, new_sha256, True)


CHANGES = {
    "publish": publish_change,
    "unpublish": unpublish_change,
    "expiry passing": expiry_change,
    "go-live passing": go_live_change,
    "restriction added": restriction_added_change,
    "restriction removed": restriction_removed_change,
    "translation published": translation_published_change,
    "document file replaced": document_replaced_change,
}


@pytest.mark.parametrize("api", ["v2", "v3"])
@pytest.mark.parametrize("build", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_invalidates_etag_and_last_modified(client, demo_site, build, api):
    change = build()
    settle_clock()
    before = {url: client.get(url) for url in change.urls[api]}
    for url, response in before.items():
        assert response.status_code == 200, url
        assert response["ETag"] and response["Last-Modified"], url
        assert (change.marker in text(response)) is not change.shown_after, url

    change.make()

    for url, response in before.items():
        for condition in (
            {"HTTP_IF_NONE_MATCH": response["ETag"]},
            {"HTTP_IF_MODIFIED_SINCE": response["Last-Modified"]},
        ):
            again = client.get(url, **condition)
            assert again.status_code != 304, (url, condition)
            # a list answers 200; a detail whose page left the public answers 404
            assert again.status_code == 200 or (not change.shown_after and url != change.urls[api][0])
            assert (change.marker in text(again)) is change.shown_after, (url, condition)
            if again.status_code == 200:
                assert again["ETag"] != response["ETag"]


def _unchanged_urls():
    """(url, whether its body embeds signed media URLs). Media on S3 are served
    by signed URLs that change every second: such a body really changes, so its
    ETag (exact, the body's hash) does too; only Last-Modified stays."""
    page = make_news(title="Непроменена")  # no hero image: no signed URL in its answers
    image = get_image_model().objects.first()
    document = make_public_document(title="Непроменен")
    return [
        (V2_NEWS.format(locale="bg"), False),
        (f"/api/v2/pages/{page.pk}/", False),
        (V3_NEWS.format(locale="bg"), False),
        (f"/api/v3/pages/{page.pk}/", False),
        ("/api/v2/images/", True),
        (f"/api/v2/images/{image.pk}/", True),
        ("/api/v2/documents/", False),
        (f"/api/v2/documents/{document.pk}/", False),
        ("/api/v2/news/removed/", False),
    ]


def test_nothing_changed_is_304_for_each_validator(client, demo_site):
    urls = _unchanged_urls()
    settle_clock()
    for url, signed_media in urls:
        first = client.get(url)
        assert first.status_code == 200, url
        again = client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
        assert again.status_code == 304, url
        assert again.content == b""
        again = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
        if signed_media and again.status_code == 200:
            assert again.content != first.content  # a new second, newly signed URLs
            continue
        assert again.status_code == 304, url
        assert again.content == b"" and again["ETag"] == first["ETag"], url


def _wait_for_a_fresh_second():
    """Start at the beginning of a second, so that what follows happens within it."""
    time.sleep(1.02 - time.time() % 1)


def test_a_change_in_the_same_second_still_invalidates_if_modified_since(client, demo_site):
    url = V2_NEWS.format(locale="bg")
    _wait_for_a_fresh_second()
    mark_content_changed()
    first = client.get(url)
    if time.time() % 1 < 0.9:  # still the second of the change: no exact Last-Modified can be given yet
        assert "Last-Modified" not in first
    # a client that dates its copy by its own clock, in the same second as a later change
    client_date = http_date(int(time.time()))
    make_news(title="Същата секунда")
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=client_date).status_code == 200
    # once that second is over, Last-Modified is the first whole second after the change
    _wait_for_a_fresh_second()
    settled = client.get(url)
    assert settled["Last-Modified"] == http_date(int(content_changed_at().timestamp()) + 1)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=settled["Last-Modified"]).status_code == 304


def test_if_modified_since_in_the_future_is_ignored(client, demo_site):
    url = V3_NEWS.format(locale="bg")
    settle_clock()
    tomorrow = http_date(time.time() + 86400)
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=tomorrow).status_code == 200


def test_signed_in_readers_get_only_the_etag(client, demo_site, admin_user):
    """Their answers can show drafts and restricted pages, which the clock does not follow."""
    client.force_login(admin_user)
    settle_clock()
    response = client.get(V2_NEWS.format(locale="bg"))
    assert response["ETag"] and "Last-Modified" not in response
    assert response["Cache-Control"] == "private, no-cache"
    later = http_date(time.time())
    assert client.get(V2_NEWS.format(locale="bg"), HTTP_IF_MODIFIED_SINCE=later).status_code == 200


def test_openapi_documents_have_an_etag_but_no_last_modified(client, demo_site):
    """They are made of code, which changes without any write the clock sees."""
    settle_clock()
    for url in ("/api/v2/openapi.json", "/api/v3/openapi.json"):
        response = client.get(url)
        assert response["ETag"] and "Last-Modified" not in response
        assert client.get(url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code == 304


def test_the_clock_never_goes_backwards(demo_site):
    later = timezone.now() + datetime.timedelta(minutes=5)
    ContentClock.objects.update(changed_at=later)
    mark_content_changed()
    assert ContentClock.objects.get().changed_at == later
