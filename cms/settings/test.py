"""Test settings: fast and isolated, but on the real engines.

The suite runs on PostgreSQL and on an S3-compatible server that `make test`
starts (tests/services.py); without DATABASE_URL it refuses to run."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES
from .env import env_seconds, env_str

SECRET_KEY = "test-secret-key-that-is-long-enough-for-tests-only-0123456789"
DEBUG = False
ALLOWED_HOSTS = ["*"]

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql" and not env_str(
    "ALLOW_NON_POSTGRES_TESTS"
):
    raise ImproperlyConfigured(
        "The test suite runs on PostgreSQL: set DATABASE_URL=postgres://… or use `make test`."
    )

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# The test client's host, so that Wagtail's Site matches the requests it makes.
SITE_BASE_URL = WAGTAILADMIN_BASE_URL = WAGTAILAPI_BASE_URL = "http://testserver"
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Test receivers listen on 127.0.0.1; the SSRF tests switch this off as production does.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = True

# The shared page cache is off for the suite (its query and its keys would change
# every query-count test); tests/cms/test_page_cache.py and the Varnish test turn it on.
PAGE_CACHE_SECONDS = env_seconds("PAGE_CACHE_SECONDS", 0)
