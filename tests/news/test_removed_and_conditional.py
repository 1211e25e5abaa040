"""Consumers that sync: removed news (unpublished, expired, deleted) are listed
at /api/v2/news/removed/?since=, and its answers, like the news API's, carry an
ETag with 304 for a matching conditional request (every change that must
invalidate them: tests/cms/test_api_validators.py)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from news.models import NewsPage, NewsRemoval
from tests.news.factories import make_news

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


def test_expiry_is_a_removal_before_and_after_publish_scheduled(client, demo_site):
    page = make_news(title="Изтичаща")
    expiry = timezone.now() - datetime.timedelta(minutes=1)
    # the expiry is a fact of the translation group: its aliases carry it too
    group = NewsPage.objects.filter(translation_key=page.translation_key)
    group.update(expire_at=expiry)
    ours = set(group.values_list("pk", flat=True))  # (journeys in other tests commit removals of their own)
    before = sorted(
        (i["id"], i["reason"], i["removed_at"])
        for i in client.get(REMOVED).json()["items"]
        if i["id"] in ours
    )
    assert before == sorted((pk, "expired", expiry.isoformat()) for pk in group.values_list("pk", flat=True))
    assert len(before) == 3
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    after = sorted(
        (i["id"], i["reason"], i["removed_at"])
        for i in client.get(REMOVED).json()["items"]
        if i["id"] in ours
    )
    # the cron records the same removal: a consumer that synced in between sees nothing new
    assert after == before
    assert [
        i for i in client.get(REMOVED, {"since": expiry.isoformat()}).json()["items"] if i["id"] in ours
    ] == []


def test_limit_and_next_since(client, demo_site):
    start = timezone.now().isoformat()  # (journeys in other tests commit removals of their own)
    for _ in range(3):
        make_news().unpublish()  # and its aliases in ro and en with it
    data = client.get(REMOVED, {"limit": 2, "since": start}).json()
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
    response = client.get(REMOVED, params, HTTP_ACCEPT_LANGUAGE="en")
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
        # no hero image: signed S3 URLs in a body change every second, and with them its ETag
        url = f"/api/v2/pages/{make_news(title='Без снимка').pk}/"
    first = client.get(url)
    assert first.status_code == 200
    etag = first["ETag"]
    assert etag
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200
