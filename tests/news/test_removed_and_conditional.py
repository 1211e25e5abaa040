"""Consumers that sync: removed news (unpublished, expired, deleted) are listed
at /api/v2/news/removed/?since=, and API answers carry ETag/Last-Modified
with 304 for a matching conditional request."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django.utils.http import http_date

from news.models import NewsPage, NewsRemoval
from tests.news.factories import make_news, now_plus

pytestmark = pytest.mark.django_db

REMOVED = "/api/v2/news/removed/"


def test_unpublished_and_deleted_news_are_listed(client, demo_site):
    start = timezone.now()
    page = NewsPage.objects.get(slug="vratsa-dolj-open-data", locale__language_code="ro")
    page.unpublish()
    other = NewsPage.objects.get(slug="vratsa-dolj-open-data", locale__language_code="en")
    other_id, key = other.pk, str(other.translation_key)
    other.delete()
    response = client.get(REMOVED, {"since": start.isoformat()})
    assert response.status_code == 200
    data = response.json()
    removed = [(i["id"], i["locale"], i["reason"]) for i in data["items"]]
    assert (page.pk, "ro", "unpublished") in removed
    assert (other_id, "en", "deleted") in removed
    assert all(i["translation_key"] == key for i in data["items"])
    assert data["meta"]["total_count"] == len(data["items"])
    # later `since` → nothing new
    assert client.get(REMOVED, {"since": timezone.now().isoformat()}).json()["items"] == []


def test_expiry_by_publish_scheduled_is_a_removal(client, demo_site):
    page = make_news(title="Изтичаща")
    NewsPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    reasons = [(i["id"], i["reason"]) for i in client.get(REMOVED).json()["items"]]
    assert (page.pk, "unpublished") in reasons


def test_limit_and_next_since(client, demo_site):
    for _ in range(3):
        make_news().unpublish()  # and its aliases in ro and en with it
    data = client.get(REMOVED, {"limit": 2}).json()
    assert len(data["items"]) == 2
    assert data["meta"]["next_since"] == data["items"][-1]["removed_at"]
    rest = client.get(REMOVED, {"since": data["meta"]["next_since"]}).json()
    assert len(rest["items"]) == 3 * 3 - 2


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"since": "last week"}, "since must be an ISO 8601"),
        ({"limit": "0"}, "limit must be a whole number from 1 to 1000"),
        ({"limit": "abc"}, "limit must be a whole number"),
        ({"until": "2026-01-01"}, "unknown parameter(s): until"),
    ],
)
def test_bad_parameters_are_400(client, demo_site, params, message):
    count = NewsRemoval.objects.count()
    response = client.get(REMOVED, params)
    assert response.status_code == 400
    assert message in response.json()["message"]
    assert NewsRemoval.objects.count() == count


def test_post_is_refused(client, demo_site):
    assert client.post(REMOVED).status_code == 405


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=news.NewsPage&locale=bg",
        "/api/v2/news/removed/",
        "detail",
    ],
)
def test_etag_and_304(client, demo_site, url):
    if url == "detail":
        url = f"/api/v2/pages/{NewsPage.objects.live().first().pk}/"
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


def test_last_modified_and_if_modified_since(client, demo_site):
    url = "/api/v2/pages/?type=news.NewsPage&locale=en"
    first = client.get(url)
    assert first["Last-Modified"]
    assert client.get(url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]).status_code == 304
    # publishing news changes Last-Modified and the ETag: the same conditional request gets 200
    make_news(title="Нова", date=datetime.date(2027, 1, 1))
    later = client.get(url, HTTP_IF_MODIFIED_SINCE=http_date(now_plus(seconds=-3600).timestamp()))
    assert later.status_code == 200
    changed = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert changed.status_code == 304 or changed["ETag"] != first["ETag"]


def test_etag_changes_when_the_list_changes(client, demo_site):
    url = "/api/v2/pages/?type=news.NewsPage&locale=bg"
    first = client.get(url)
    make_news(title="Още една", date=datetime.date(2027, 1, 2))
    second = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]


def test_other_endpoints_are_untouched(client, demo_site):
    response = client.get("/api/v2/images/")
    assert response.status_code == 200
    assert "Last-Modified" not in response
    assert client.get("/api/v2/pages/?type=news.NewsPage&locale=xx").status_code == 400
