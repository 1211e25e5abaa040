"""A real Varnish (Debian's varnish + varnish-modules xkey) with the shipped
deploy/varnish/default.vcl in front of the live test server, the app cache on
Redis and purges through FRONTEND_CACHE_PURGE_URL: a miss, a hit, a publish
shows on the next request, an expired page disappears on time with no purge
and no cron, a restricted page is never cached for anyone."""

import datetime
import os
import re
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.cache import caches
from django.utils import timezone
from wagtail.models import PageViewRestriction

from news.models import NewsPage
from tests.browser.admin import committed
from tests.news.factories import make_news, news_index

HOST = "testserver"  # the test settings' SITE_BASE_URL host: the purge's Host


def _env(name):
    value = os.environ.get(name)
    if not value:
        pytest.fail(f"The Varnish test needs the Varnish that `python -m tests.services` starts ({name}).")
    return value


def _admin(*command):
    result = subprocess.run(
        ["varnishadm", "-T", _env("TEST_VARNISH_ADMIN"), "-S", _env("TEST_VARNISH_SECRET"), *command],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@pytest.fixture
def varnish(site_server, settings):
    """The shipped VCL, its backend pointed at the live server; everything cached before is dropped."""
    port = re.search(r":(\d+)$", site_server.url).group(1)
    vcl = Path(_env("TEST_VARNISH_VCL")).read_text()
    assert '.port = "8000";' in vcl
    name = f"test{time.monotonic_ns()}"
    with tempfile.NamedTemporaryFile("w", suffix=".vcl", delete=False) as file:
        file.write(vcl.replace('.port = "8000";', f'.port = "{port}";'))
    os.chmod(file.name, 0o644)
    try:
        _admin("vcl.load", name, file.name)
        _admin("vcl.use", name)
    finally:
        os.unlink(file.name)
    _admin("ban", "req.url", "~", ".")
    settings.PAGE_CACHE_SECONDS = 600
    settings.FRONTEND_CACHE_PURGE_URL = _env("TEST_VARNISH_URL") + "/"
    settings.CACHES = {
        **settings.CACHES,
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": _env("TEST_REDIS_URL"),
            "KEY_PREFIX": "test-varnish-pages",
        },
    }
    caches["pages"].clear()
    yield _env("TEST_VARNISH_URL")
    caches["pages"].clear()


def get(base, path, **headers):
    request = urllib.request.Request(base + path, headers={"Host": HOST, **headers})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def front(headers):
    return headers.get("X-Front-Cache")


def test_varnish_serves_purges_expires_and_never_caches_restricted_pages(varnish):
    page = committed(lambda: make_news(title="Варниш първа версия"))
    expiring = committed(lambda: make_news(title="Варниш изтичаща"))
    restricted = committed(lambda: make_news(title="Варниш ограничена"))
    index_url = committed(lambda: news_index().url)
    try:
        # a miss, then a hit with the same bytes; the keys stay inside Varnish
        first = get(varnish, page.url)
        assert first[0] == 200 and front(first[1]) == "miss" and "Варниш първа версия" in first[2]
        second = get(varnish, page.url)
        assert front(second[1]) == "hit" and second[2] == first[2]
        assert "xkey" not in {name.lower() for name in second[1]}
        assert get(varnish, index_url)[0] == 200
        assert front(get(varnish, index_url)[1]) == "hit"

        # a publish: the purge reaches Varnish, the next requests show it
        def edit():
            live = NewsPage.objects.get(pk=page.pk)
            live.title = "Варниш втора версия"
            live.save_revision().publish()

        committed(edit)
        for url in (page.url, index_url):
            status, headers, body = get(varnish, url)
            assert status == 200 and front(headers) == "miss", url
            assert "Варниш втора версия" in body and "Варниш първа версия" not in body, url

        # an expiry: Varnish keeps the page no longer than its expire_at, with no purge at all
        expire_at = timezone.now() + datetime.timedelta(seconds=8)

        def schedule_expiry():
            live = NewsPage.objects.get(pk=expiring.pk)
            live.expire_at = expire_at
            live.save_revision().publish()

        committed(schedule_expiry)
        assert "Варниш изтичаща" in get(varnish, index_url)[2]
        status, headers, _ = get(varnish, expiring.url)
        assert status == 200 and int(re.search(r"s-maxage=(\d+)", headers["Cache-Control"]).group(1)) <= 8
        assert front(get(varnish, expiring.url)[1]) == "hit"
        time.sleep(max((expire_at - timezone.now()).total_seconds(), 0) + 0.2)
        assert get(varnish, expiring.url)[0] == 410  # Gone at once, before the cron
        assert "Варниш изтичаща" not in get(varnish, index_url)[2]

        # a view restriction: the page leaves the public at once and is never cached
        assert front(get(varnish, restricted.url)[1]) == "miss"
        assert front(get(varnish, restricted.url)[1]) == "hit"
        committed(
            lambda: PageViewRestriction.objects.create(
                page_id=restricted.pk, restriction_type="password", password="secret-pass"
            )
        )
        for cookie in ({}, {"Cookie": "sessionid=abc"}, {}):
            status, headers, body = get(varnish, restricted.url, **cookie)
            assert status == 200 and "Варниш ограничена" not in body
            assert front(headers) == "miss" and "public" not in headers.get("Cache-Control", "")
    finally:
        committed(lambda: PageViewRestriction.objects.filter(page_id=restricted.pk).delete())
        for item in (page, expiring, restricted):
            committed(lambda item=item: NewsPage.objects.filter(pk=item.pk).delete())
