"""cms.base_url: one base URL, its validation, and the default Site that follows it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from wagtail.models import Site

from cms.base_url import absolute_url, page_url, site_address, site_base_url, sync_default_site
from cms.demo import ensure_site
from cms.settings.env import parse_base_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("http://127.0.0.1:8820", "http://127.0.0.1:8820"),
        ("https://EGoverNet.example.org/", "https://egovernet.example.org"),
        ("https://egovernet.example.org:443", "https://egovernet.example.org"),
        ("http://portal.egovernet.test:80", "http://portal.egovernet.test"),
        ("http://portal.egovernet.test:8080", "http://portal.egovernet.test:8080"),
        ("http://[::1]:8000", "http://[::1]:8000"),
    ],
)
def test_base_url_is_normalised(value, expected):
    assert parse_base_url("SITE_BASE_URL", value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("egovernet.example.org", "scheme://host[:port]"),
        ("ftp://egovernet.example.org", "scheme://host[:port]"),
        ("https://egovernet.example.org/cms/", "no path"),
        ("https://egovernet.example.org/?x=1", "no path"),
        ("https://user:pw@egovernet.example.org", "no path"),
        ("http://egovernet.example.org:port", "must be a URL"),
        # a Wagtail Site (hostname + port) says https only for 443
        ("https://portal.egovernet.test:8443", "https is served on port 443"),
        ("http://portal.egovernet.test:443", "https is served on port 443"),
    ],
)
def test_base_url_that_the_site_cannot_express_is_refused(value, message):
    with pytest.raises(ImproperlyConfigured, match="SITE_BASE_URL") as error:
        parse_base_url("SITE_BASE_URL", value)
    assert message in str(error.value)


def test_absolute_url_joins_paths_and_keeps_absolute_urls(settings):
    settings.SITE_BASE_URL = "https://egovernet.example.org"
    assert site_base_url() == "https://egovernet.example.org"
    assert absolute_url("/bg/news/") == "https://egovernet.example.org/bg/news/"
    assert absolute_url("bg/news/?page=2") == "https://egovernet.example.org/bg/news/?page=2"
    signed = "http://127.0.0.1:8333/media/images/a.jpg?X-Amz-Signature=abc"
    assert absolute_url(signed) == signed


def test_site_address_has_the_default_port_of_the_scheme(settings):
    settings.SITE_BASE_URL = "https://egovernet.example.org"
    assert site_address() == ("egovernet.example.org", 443)
    settings.SITE_BASE_URL = "http://127.0.0.1:8820"
    assert site_address() == ("127.0.0.1", 8820)


@pytest.mark.django_db
def test_default_site_follows_the_base_url(demo_site, settings):
    settings.SITE_BASE_URL = "http://portal.egovernet.test:8443"
    assert sync_default_site() is True
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("portal.egovernet.test", 8443)
    assert site.root_url == site_base_url()  # what Wagtail's API and page.full_url use
    assert sync_default_site() is False  # nothing to change the second time

    settings.SITE_BASE_URL = "https://egovernet.example.org"
    ensure_site()  # load_demo (make run) does the same on an existing database
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == "https://egovernet.example.org"


@pytest.mark.django_db
def test_page_url_is_on_the_base_url_whatever_the_request(demo_site, settings, rf):
    settings.SITE_BASE_URL = "https://egovernet.example.org"
    home = demo_site.root_page
    request = rf.get("/bg/", HTTP_HOST="127.0.0.1:8000")
    assert page_url(home, request) == "https://egovernet.example.org/bg/"
    assert page_url(home) == "https://egovernet.example.org/bg/"
    ro_home = home.get_translations().get(locale__language_code="ro")
    assert page_url(ro_home, request) == "https://egovernet.example.org/ro/"


def _settings_value(expression, **env):
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment.update(DJANGO_SETTINGS_MODULE="cms.settings.dev", **env)
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            f"import django; django.setup(); from django.conf import settings; print({expression})",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_wagtail_base_urls_are_derived_from_the_one_setting():
    expression = "settings.SITE_BASE_URL, settings.WAGTAILADMIN_BASE_URL, settings.WAGTAILAPI_BASE_URL"
    assert (
        _settings_value(expression, SITE_BASE_URL="http://127.0.0.1:8820/").split()
        == ["http://127.0.0.1:8820"] * 3
    )
