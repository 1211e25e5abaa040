"""Bad cache settings stop the start with a message naming the variable."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import env_seconds, env_url_list
from tests.cms.test_production_settings import run_manage


@pytest.mark.parametrize("value", ["varnish:6081", "ftp://cache/", "http://", "http://cache:port/"])
def test_a_purge_url_that_is_not_http_is_refused(monkeypatch, value):
    monkeypatch.setenv("FRONTEND_CACHE_PURGE_URL", f"http://127.0.0.1:6081/,{value}")
    with pytest.raises(ImproperlyConfigured, match="FRONTEND_CACHE_PURGE_URL must be comma-separated http"):
        env_url_list("FRONTEND_CACHE_PURGE_URL")


def test_purge_urls_are_kept_in_order(monkeypatch):
    monkeypatch.setenv(
        "FRONTEND_CACHE_PURGE_URL", " http://10.0.0.1:6081/ , https://cache.example.org/purge "
    )
    assert env_url_list("FRONTEND_CACHE_PURGE_URL") == "http://10.0.0.1:6081/,https://cache.example.org/purge"
    monkeypatch.delenv("FRONTEND_CACHE_PURGE_URL")
    assert env_url_list("FRONTEND_CACHE_PURGE_URL") is None


@pytest.mark.parametrize(("value", "message"), [("-1", "0 or more seconds"), ("ten", "must be an integer")])
def test_page_cache_seconds_must_be_a_non_negative_integer(monkeypatch, value, message):
    monkeypatch.setenv("PAGE_CACHE_SECONDS", value)
    with pytest.raises(
        ImproperlyConfigured, match=f"PAGE_CACHE_SECONDS {message}|PAGE_CACHE_SECONDS must be"
    ):
        env_seconds("PAGE_CACHE_SECONDS", 600)


def test_the_app_refuses_to_start_with_a_bad_purge_url():
    result = run_manage("check", env_overrides={"FRONTEND_CACHE_PURGE_URL": "varnish:6081"})
    assert result.returncode != 0
    assert "FRONTEND_CACHE_PURGE_URL" in result.stderr and "ImproperlyConfigured" in result.stderr


def test_pages_are_not_cached_longer_than_their_signed_media_urls_live():
    """Private media are linked by signed URLs: a stored page must not outlive them."""
    bucket = {"AWS_STORAGE_BUCKET_NAME": "media", "AWS_QUERYSTRING_EXPIRE": "300"}
    result = run_manage("check", env_overrides={**bucket, "PAGE_CACHE_SECONDS": "600"})
    assert result.returncode != 0
    assert "PAGE_CACHE_SECONDS (600) must be at most half of AWS_QUERYSTRING_EXPIRE" in result.stderr
    assert run_manage("check", env_overrides={**bucket, "PAGE_CACHE_SECONDS": "150"}).returncode == 0
