"""Settings shared by every environment. Everything configurable comes from
environment variables (see the table in README.md); no secrets live here."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured

from .env import (
    env_base_url,
    env_bool,
    env_int,
    env_list,
    env_seconds,
    env_str,
    env_url_list,
    media_origins,
)

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent

SECRET_KEY = env_str("SECRET_KEY")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "cms",
    "cms.caching",
    "home",
    # Feature apps, in the order their demo content builds on each other.
    "directory",
    "documents",
    "news",
    "search",
    "subscriptions",
    "alerts",
    "webhooks",  # signed event deliveries to API consumers (shell: listens to every app's signals)
    "feedback",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail_localize.modeladmin",
    "wagtail_modeladmin",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v2",
    "wagtail.api.v3",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "rest_framework",
    "ninja",  # serves the v3 API docs (Swagger UI) from local static files, not a CDN
    "storages",
    "axes",  # sign-in throttling (cms/security.py)
    "django_tasks_db",
    "django_otp",  # two-step sign-in for staff (cms/two_factor.py)
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # the database queue of background tasks (TASKS_BACKEND=database)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # outside every other middleware: a stored answer keeps their headers (CSP nonce)
    "cms.caching.pages.SharedPageCacheMiddleware",
    "cms.security.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.PrefixedLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "cms.two_factor.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # a 404 at the address of an unpublished or deleted page becomes 410 Gone
    # (outside the redirects middleware: an editor's redirect there still wins)
    "cms.change_history.GoneMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "cms.middleware.SiteNotFoundMiddleware",
    # GET/HEAD: the content clock is read once per request (cms.caching.fragments)
    "cms.caching.fragments.RequestScopeMiddleware",
    # last, as django-axes asks: it answers a locked-out sign-in
    "axes.middleware.AxesMiddleware",
]
# Sign-in throttling (django-axes, cms/security.py): locked out per account and
# per client address after LOGIN_FAILURE_LIMIT failures, for LOGIN_LOCKOUT_MINUTES.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Two-step sign-in (TOTP, cms/two_factor.py): anyone may turn it on; with
# REQUIRE_2FA administrators and Moderators must.
REQUIRE_2FA = env_bool("REQUIRE_2FA", False)
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "E-GoverNet")
# Four eyes: nobody, moderators and administrators included, publishes content
# they last edited; another moderator approves it (cms/second_reviewer.py).
REQUIRE_SECOND_REVIEWER = env_bool("REQUIRE_SECOND_REVIEWER", True)
# While PostgreSQL or S3 is unreachable, pages answer 503 with Retry-After (cms/outage.py).
OUTAGE_RETRY_AFTER = env_int("OUTAGE_RETRY_AFTER", 30)
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("LOGIN_LOCKOUT_MINUTES", 15)
# Proxies in front of the app (Varnish, nginx) whose X-Forwarded-For is trusted.
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "cms.security.client_ip"
AXES_LOCKOUT_CALLABLE = "cms.security.lockout_response"
AXES_VERBOSE = False
# Under DEBUG, visitors still get the site's 404 page; true shows Django's URL list.
DEBUG_TECHNICAL_404 = env_bool("DEBUG_TECHNICAL_404", False)

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Database: SQLite by default, anything dj-database-url understands when
# DATABASE_URL is set (postgres://… uses psycopg 3).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
        # A persistent connection is checked before a request reuses it, so a
        # restarted PostgreSQL costs no failed request once it is back.
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Bulgarian is the network's default; every URL carries its prefix.
LANGUAGE_CODE = "bg"
LANGUAGES = [
    ("bg", "Български"),
    ("ro", "Română"),
    ("en", "English"),
]
WAGTAIL_I18N_ENABLED = True
# The page type of each locale's root (the demo loader creates the bg one on an empty database).
HOME_PAGE_MODEL = "home.HomePage"
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Our own catalogue first (makemessages writes there), then the strings Wagtail,
# wagtail-localize and wagtail-modeladmin ship without bg/ro translations.
# LOCALE_PATHS outrank every installed app's catalogue, for the "django" domain
# and for the JavaScript catalogues (Django's JavaScriptCatalog always adds them).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_upstream"]
TIME_ZONE = env_str("TIME_ZONE", "Europe/Sofia")
USE_I18N = True
USE_TZ = True

# Static files and media.
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = env_str("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# S3 (or any S3-compatible store) for media when a bucket is configured.
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "cms.storage.MediaStorage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL"),
            "region_name": env_str("AWS_S3_REGION_NAME"),
            "access_key": env_str("AWS_ACCESS_KEY_ID"),
            "secret_key": env_str("AWS_SECRET_ACCESS_KEY"),
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE", "path"),
            "custom_domain": env_str("AWS_S3_CUSTOM_DOMAIN"),
            "location": env_str("AWS_LOCATION", ""),
            # Private by default: objects get no public ACL and URLs are signed.
            "default_acl": None,
            "querystring_auth": True,
            "querystring_expire": env_int("AWS_QUERYSTRING_EXPIRE", 300),
            "file_overwrite": False,
            "signature_version": "s3v4",
            # Fail fast (health checks, uploads) instead of hanging on a dead endpoint.
            "connect_timeout": env_int("AWS_S3_CONNECT_TIMEOUT", 3),
            "read_timeout": env_int("AWS_S3_READ_TIMEOUT", 20),
            "max_attempts": 2,
        },
    }

# Content-Security-Policy on every HTML response (django-csp; cms/security.py).
# Public pages: no inline script or style at all, scripts only from this site or
# with the request's nonce; images also from the media bucket. The admin (Wagtail
# and wagtail-localize put inline scripts and style attributes in their
# templates) gets its own policy with 'unsafe-inline' for those two only.
MEDIA_ORIGINS = media_origins(STORAGES["default"].get("OPTIONS", {}))
_CSP_COMMON = {
    "default-src": [SELF],
    "img-src": [SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [SELF],
    "connect-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    # the admin's preview shows the public pages in a frame of the same site
    "frame-ancestors": [SELF],
}
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {**_CSP_COMMON, "script-src": [SELF, NONCE], "style-src": [SELF], "frame-src": [NONE]}
}
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **_CSP_COMMON,
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *MEDIA_ORIGINS],
        "frame-src": [SELF],
    }
}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
# Staff avatars: Wagtail's default would ask gravatar.com (a third party) for every
# staff member's e-mail hash; the admin shows its own placeholder instead.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# Cache: local memory unless a shared Redis is configured.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "egovernet",
            "TIMEOUT": 600,
        },
        "renditions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "egovernet-renditions",
            "TIMEOUT": 3600,
        },
        "pages": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "egovernet-pages",
            "TIMEOUT": 600,
        },
    }
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": 5000},
        },
    }

# The shared page cache (cms/caching/pages.py) and the front cache's marks:
# anonymous GET/HEAD answers kept in CACHES["pages"] for at most
# PAGE_CACHE_SECONDS (0 turns the page cache and the public Cache-Control off),
# keyed on the content clock, so never stale; s-maxage the same remaining
# lifetime, max-age (browsers, which no purge reaches) PAGE_CACHE_BROWSER_SECONDS.
# Media in a private bucket are linked by signed URLs (valid AWS_QUERYSTRING_EXPIRE
# seconds; cms/storage.py hands out each URL while at least half its life is left):
# a stored page must not outlive the image and document links in it.
_SIGNED_MEDIA_LIFE = (
    env_int("AWS_QUERYSTRING_EXPIRE", 300) // 2
    if AWS_STORAGE_BUCKET_NAME and not env_str("AWS_S3_CUSTOM_DOMAIN")
    else None
)
PAGE_CACHE_SECONDS = env_seconds("PAGE_CACHE_SECONDS", min(600, _SIGNED_MEDIA_LIFE or 600))
# Rendered HTML fragments (cms.caching.fragments, `{% clock_cached %}`) hold media
# links too: the same bound.
HTML_FRAGMENT_SECONDS = min(600, _SIGNED_MEDIA_LIFE or 600)
if _SIGNED_MEDIA_LIFE is not None and PAGE_CACHE_SECONDS > _SIGNED_MEDIA_LIFE:
    raise ImproperlyConfigured(
        f"PAGE_CACHE_SECONDS ({PAGE_CACHE_SECONDS}) must be at most half of AWS_QUERYSTRING_EXPIRE"
        f" ({_SIGNED_MEDIA_LIFE}): cached pages would link to expired signed media URLs"
    )
PAGE_CACHE_BROWSER_SECONDS = env_seconds("PAGE_CACHE_BROWSER_SECONDS", 0)
PAGE_CACHE_STORE = True  # False: only the headers for a front cache, no app cache
PAGE_CACHE_ALIAS = "pages"
PAGE_CACHE_EXCLUDED_PATHS = [
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/media/",
    "/static/",
    "/healthz",
    "/api/v2/page_preview/",
]
# Front cache purging (Varnish + vmod xkey, deploy/varnish/default.vcl): on every
# change, PURGE with `xkey-purge: <keys>` and the Host of SITE_BASE_URL is sent to
# each of these comma-separated URLs (cms/caching/purge.py).
FRONTEND_CACHE_PURGE_URL = env_url_list("FRONTEND_CACHE_PURGE_URL")

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "E-GoverNet <noreply@example.org>")
if env_str("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env_str("EMAIL_HOST")
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)

# Background tasks (Django's tasks framework through django-tasks, as Wagtail 8
# uses it). TASKS_BACKEND=immediate (the default: run in the request, for `make
# run` and tests) or database (production: queued in the database, run by
# `manage.py db_worker`).
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
_task_backend = env_str("TASKS_BACKEND", "immediate")
if _task_backend not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be one of {', '.join(_TASK_BACKENDS)}, not {_task_backend!r}"
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "E-GoverNet"
# One base URL for every absolute URL (cms.base_url): pages, feeds, sitemaps,
# APIs, exports and emails. Wagtail's two settings are derived from it, and the
# default Site's hostname/port follow it after every `migrate`.
SITE_BASE_URL = env_base_url("SITE_BASE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_BASE_URL
# The licence of the open data, an IRI (e.g. of the EU licence authority table), stated in the
# DCAT-AP catalog (/api/directory/catalog.jsonld); empty: the catalog states none.
OPEN_DATA_LICENCE = env_str("OPEN_DATA_LICENCE", "")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("WAGTAILIMAGES_MAX_IMAGE_PIXELS", 64_000_000)
WAGTAILAPI_BASE_URL = SITE_BASE_URL
WAGTAILAPI_LIMIT_MAX = 100
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Wagtail's login form with a translatable "Password" label.
WAGTAILADMIN_USER_LOGIN_FORM = "cms.admin_l10n.LoginForm"

# wagtail-localize: submitting a page for translation never publishes it (by
# default a live source's translation is published at once, in the source's
# words); a translation goes public when someone publishes it.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

# wagtail-localize: machine translation only when a DeepL key is provided.
DEEPL_API_KEY = env_str("DEEPL_API_KEY")
if DEEPL_API_KEY:
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": DEEPL_API_KEY},
    }

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}

# --- directory app settings ---------------------------------------------------
# Enquiries visitors send to an institution (directory/enquiries.py): deleted
# after ENQUIRY_RETENTION_DAYS by `manage.py purge_enquiries` (run daily by cron);
# ENQUIRY_RATE_LIMIT accepted enquiries per client address per hour (Django's cache);
# a message of at most ENQUIRY_MESSAGE_MAX_LENGTH characters in a request body of
# at most ENQUIRY_MAX_BODY_BYTES.
ENQUIRY_RETENTION_DAYS = env_int("ENQUIRY_RETENTION_DAYS", 90)
ENQUIRY_RATE_LIMIT = env_int("ENQUIRY_RATE_LIMIT", 5)
ENQUIRY_RATE_WINDOW_SECONDS = 3600
ENQUIRY_MESSAGE_MAX_LENGTH = env_int("ENQUIRY_MESSAGE_MAX_LENGTH", 5000)
ENQUIRY_MAX_BODY_BYTES = env_int("ENQUIRY_MAX_BODY_BYTES", 32 * 1024)
# The standing page the consent text of the enquiry form links to.
PRIVACY_PAGE_SLUG = "privacy"
# "Was this page useful?" (feedback/): comment length, and per client address at
# most FEEDBACK_RATE_LIMIT answers per FEEDBACK_RATE_WINDOW seconds (counted in the cache).
FEEDBACK_COMMENT_MAX_LENGTH = 1000
FEEDBACK_RATE_LIMIT = env_int("FEEDBACK_RATE_LIMIT", 10)
FEEDBACK_RATE_WINDOW = env_int("FEEDBACK_RATE_WINDOW", 3600)

# --- subscriptions app settings ----------------------------------------------
# News by e-mail (subscriptions/): a request is confirmed within
# SUBSCRIPTION_CONFIRMATION_HOURS (else deleted: at the link, or by `manage.py
# purge_subscriptions`, daily by cron); a publish mails SUBSCRIPTION_BATCH_SIZE
# subscribers per task run, the next batch SUBSCRIPTION_BATCH_INTERVAL_SECONDS
# later (database task queue); SUBSCRIPTION_RATE_LIMIT requests per client
# address and per e-mail address per hour. The news model is named, not imported.
SUBSCRIPTION_CONFIRMATION_HOURS = env_int("SUBSCRIPTION_CONFIRMATION_HOURS", 48)
SUBSCRIPTION_BATCH_SIZE = env_int("SUBSCRIPTION_BATCH_SIZE", 50)
SUBSCRIPTION_BATCH_INTERVAL_SECONDS = env_int("SUBSCRIPTION_BATCH_INTERVAL_SECONDS", 60)
SUBSCRIPTION_RATE_LIMIT = env_int("SUBSCRIPTION_RATE_LIMIT", 5)
SUBSCRIPTION_NEWS_MODEL = "news.NewsPage"
SUBSCRIPTION_CATEGORY_MODEL = "news.NewsCategory"

# --- documents app settings ---------------------------------------------------
# Custom document model (language, SHA-256, MIME type, page count) and the
# upload rules every save obeys: allowed extensions, real type from the bytes,
# a size limit. Documents are served by our before_serve_document hook:
# public ones streamed with cache headers, private ones by redirect to a
# short-lived signed URL (S3) after a permission check.
WAGTAILDOCS_DOCUMENT_MODEL = "documents.Document"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "documents.forms.DocumentForm"
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
DOCUMENTS_MAX_UPLOAD_SIZE = env_int("DOCUMENTS_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)
# Lifetime of signed download URLs of private documents (capped at 300 s).
DOCUMENTS_SIGNED_URL_EXPIRY = min(env_int("DOCUMENTS_SIGNED_URL_EXPIRY", 300), 300)
# Cache-Control max-age of public document downloads.
DOCUMENTS_CACHE_MAX_AGE = env_int("DOCUMENTS_CACHE_MAX_AGE", 3600)

# --- cache validators (cms.caching) ------------------------------------------
# ETag (hash of the body) and 304 on every GET answer of the APIs; Last-Modified
# (the content clock) where the answer is made of content rather than code.
MIDDLEWARE += [
    "cms.caching.middleware.APICacheValidatorsMiddleware",
    "cms.api_guards.APIQueryGuardMiddleware",
]
CACHE_VALIDATED_PATHS = ["/api/v2/", "/api/v3/"]
CACHE_LAST_MODIFIED_PATHS = [
    "/api/v2/pages/",
    "/api/v2/images/",
    "/api/v2/documents/",
    "/api/v2/news/",
    "/api/v3/pages/",
    "/api/v3/sites/",
]

# --- webhooks (webhooks/) ------------------------------------------------------
# Deliveries to private, loopback or link-local addresses are refused (SSRF guard,
# checked on the connected address at each delivery) unless this is true: only
# for development, where http://127.0.0.1 receivers are allowed too. Production
# ignores it. Retries back off from WEBHOOKS_RETRY_BASE_SECONDS, doubling.
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", False)
WEBHOOKS_RETRY_BASE_SECONDS = env_int("WEBHOOKS_RETRY_BASE_SECONDS", 30)
WEBHOOKS_TIMEOUT_SECONDS = 5  # per connect/read; a slower receiver is retried later

# --- headless preview (cms/headless_preview.py) -------------------------------
# HEADLESS_PREVIEW_URL: the front end's preview URL(s), comma-separated; an entry
# `hostname=https://…` applies to that Wagtail site only, a bare URL to every site.
# Wagtail's preview then offers "Front end" with links carrying a 10-minute token.
HEADLESS_PREVIEW_URLS = {}
for _entry in env_list("HEADLESS_PREVIEW_URL"):
    _host, _sep, _url = _entry.partition("=") if "=" in _entry.split("://", 1)[0] else ("", "", _entry)
    HEADLESS_PREVIEW_URLS.setdefault(_host or "default", []).append(_url)

# --- news app settings --------------------------------------------------------
# API rich text as display HTML with resolved links (consumers may still ask ?rich_text_format=db_html).
WAGTAILAPI_RICH_TEXT_FORMAT = "html"

# --- search app settings ------------------------------------------------------
# Wagtail's database backend with our query expansion (search/backends.py) and
# the `egovernet` text-search configuration that search/migrations creates
# (Bulgarian hunspell + unaccent + Romanian stemmer). SQLite uses modelsearch's own.
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "search.backends", "SEARCH_CONFIG": "egovernet", "ATOMIC_REBUILD": True}
}
# PostgreSQL's default random_page_cost (4, for spinning disks) makes the planner
# prefer reading the whole search index over its GIN index (20x slower, measured
# in bench/search/RESULTS.md). 1.1 is the usual value for SSDs; set it to "" to
# leave the server's setting alone (e.g. behind a transaction-pooling pgbouncer,
# then use ALTER DATABASE … SET random_page_cost = 1.1).
DATABASE_RANDOM_PAGE_COST = env_str("DATABASE_RANDOM_PAGE_COST", "1.1")
if DATABASE_RANDOM_PAGE_COST and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        f"-c random_page_cost={DATABASE_RANDOM_PAGE_COST}"
    )
