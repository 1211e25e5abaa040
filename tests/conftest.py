"""Shared fixtures: the demo site, API tokens, S3 access, and a real Chromium."""

import os
import shutil

import boto3
import pytest
from django.conf import settings
from django.core.management import call_command

# Playwright's sync API runs an event loop in this thread; Django's ORM calls
# made by tests and the live server around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _load_demo():
    with open(os.devnull, "w") as devnull:
        call_command("load_demo", stdout=devnull)


def pytest_collection_modifyitems(items):
    """Tests on `site_server` read the test database from the server's thread:
    marked as database tests, so that pytest-django sets that database up even
    when they are run on their own (it only sets up what collected tests ask for)."""
    for item in items:
        if "site_server" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.django_db)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the demo site once per test database; each test rolls back to it.

    The demo is committed, so the live server of the browser tests (another
    thread, another connection) reads it too."""
    with django_db_blocker.unblock():
        _load_demo()
    yield
    # The browser tests leave one idle connection that no Django code can reach any more
    # (Django's connections are per thread and async context, and Playwright runs an event
    # loop in the main thread); end such sessions so that the test database can be dropped.
    from django.db import connection

    # A fresh connection: the fault tests restart PostgreSQL, which may leave this one dead.
    connection.close()
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(scope="session")
def site_server(django_db_setup, django_db_blocker):
    """A live server on the committed demo site, for browser tests that only read.

    Unlike pytest-django's `live_server` it needs no transactional test, so no
    flush after each test and no rebuilding of the demo (minutes per test)."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        server = LiveServer("localhost")
        try:
            yield server
        finally:
            server.stop()


@pytest.fixture
def demo_site(db):
    """The demo site in bg, ro and en, built through wagtail-localize.

    Loaded once per session; transactional tests (which flush the database)
    get it rebuilt — load_demo is idempotent, so this is cheap when present."""
    from wagtail.models import Site

    site = Site.objects.filter(is_default_site=True).first()
    if site is None or not site.root_page.get_translations().exists():  # flushed by a transactional test
        _load_demo()
        site = Site.objects.get(is_default_site=True)
    return site


@pytest.fixture(autouse=True)
def _fragments_follow_the_rollback():
    """Each test rolls the database back, and the content clock with it: fragments
    cached under a clock value (cms.caching.fragments) must not outlive the test."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def s3_client():
    """boto3 client for the test bucket, independent of django-storages."""
    options = settings.STORAGES["default"].get("OPTIONS", {})
    if not options.get("bucket_name"):
        pytest.fail("The suite needs the S3 server that `make test` starts (AWS_STORAGE_BUCKET_NAME unset).")
    return boto3.client(
        "s3",
        endpoint_url=options["endpoint_url"],
        aws_access_key_id=options["access_key"],
        aws_secret_access_key=options["secret_key"],
        region_name=options["region_name"],
    )


@pytest.fixture
def bucket_keys(s3_client):
    """Return the set of object keys currently in the bucket."""
    bucket = settings.STORAGES["default"]["OPTIONS"]["bucket_name"]

    def keys(prefix=""):
        paginator = s3_client.get_paginator("list_objects_v2")
        found = set()
        for page in paginator.paginate(Bucket=bucket, Prefix=prefix):
            found.update(item["Key"] for item in page.get("Contents", []))
        return found

    return keys


# --- Browser ------------------------------------------------------------------


def _require_chromium():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium; `make test` does)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    _require_chromium()
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }
