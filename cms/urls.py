from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from alerts.views import api_alerts
from cms.api import api_router, apply_visibility_rule_to_v3, v3_api
from cms.open_data import open_data
from cms.openapi_v2 import openapi_v2
from cms.security import origin_checked_serve
from cms.sitemaps import MultilingualSitemap, sitemap_index
from cms.views import favicon, healthz, robots_txt
from directory import invitations
from directory.views import catalog, export_cpsv, export_csv, export_jsonld
from news.api import removed_news
from search import views as search_views

SITEMAPS = {"pages": MultilingualSitemap}
# An unreachable database or S3 is a 503 "temporarily unavailable", not a 500.
handler500 = "cms.outage.server_error"
apply_visibility_rule_to_v3()

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include("documents.urls")),  # adds cache headers around Wagtail's serve view
    path("documents/", include(wagtaildocs_urls)),
    path("api/v2/openapi.json", openapi_v2, name="openapi_v2"),
    path("api/v2/news/removed/", removed_news, name="news_removed"),
    path("api/v2/alerts/", api_alerts, name="alerts_api"),
    path("api/v2/", api_router.urls),
    path("api/search/suggest/", search_views.suggest, name="search_suggest"),
    path("api/v3/", v3_api.urls),
    path("api/directory/institutions.jsonld", export_jsonld, name="directory_export_jsonld"),
    path("api/directory/institutions.csv", export_csv, name="directory_export_csv"),
    path("api/directory/cpsv-ap.jsonld", export_cpsv, name="directory_export_cpsv"),
    path("api/directory/catalog.jsonld", catalog, name="directory_catalog"),
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap"},
        name="sitemap_index",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "cms/sitemap.xml"},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    from cms.views import local_media

    urlpatterns += staticfiles_urlpatterns()
    # local media under DEBUG, through the visibility rule (not django.views.static for all)
    urlpatterns.append(
        re_path(rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.+)$", local_media, name="local_media")
    )

# Every public page carries its language prefix: /bg/, /ro/, /en/.
urlpatterns += i18n_patterns(
    path("search/", include("search.urls")),
    path("feedback/", include("feedback.urls")),
    path("open-data/", open_data, name="open_data"),
    path("subscriptions/", include("subscriptions.urls")),
    path("alerts/", include("alerts.urls")),
    path("invitation/done/", invitations.done_view, name="directory_invitation_done"),
    path("invitation/<str:token>/", invitations.accept_view, name="directory_invitation"),
    # Form routes of cached pages (an institution's enquiry/): origin-checked, no CSRF token.
    re_path(r"^((?:[\w\-]+/)+enquiry/)$", origin_checked_serve, name="origin_checked_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
