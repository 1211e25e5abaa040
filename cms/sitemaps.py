"""One sitemap for all three languages, each URL with its translations as
hreflang alternates. Only publicly visible (cms.visibility), translated pages:
pages not translated yet (aliases, unpublished first translations) are left out,
as their canonical URL is the source's; alternates follow the same rule.

`/sitemap.xml` is a sitemap index of `/sitemap-pages.xml?p=N` pages of
`MultilingualSitemap.limit` URLs: one sitemap of every page took 7.8 s to build
at 35,000 pages (and the protocol allows at most 50,000 URLs per file)."""

from collections import defaultdict
from dataclasses import replace
from functools import cached_property
from urllib.parse import urlsplit

from django.db.models import Max
from django.db.models.functions import Coalesce
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import index as wagtail_sitemap_index
from wagtail.models import Page

from cms.base_url import absolute_url, page_url
from cms.draft_translations import translated
from cms.visibility import publicly_visible


class MultilingualSitemap(Sitemap):
    limit = 1000

    @cached_property
    def _site(self):
        return self.get_wagtail_site()

    def _pages(self):
        return translated(publicly_visible(Page.objects.all(), site=self._site))

    def items(self):
        return self._pages().order_by("path").defer_streamfields().specific()

    def get_latest_lastmod(self):
        # For the index: one aggregate, not Django's default of loading every page.
        return self._pages().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]

    def _urls(self, page, protocol, domain):
        items = list(self.paginator.page(page).object_list)
        alternates = defaultdict(list)
        keys = {item.translation_key for item in items}
        for translation in self._pages().filter(translation_key__in=keys).select_related("locale"):
            alternates[translation.translation_key].append(
                {"lang": translation.locale.language_code, "location": page_url(translation, self.request)}
            )
        urls = []
        for item in items:
            found = sorted(alternates.get(item.translation_key, []), key=lambda a: a["lang"])
            for url_info in item.get_sitemap_urls(self.request):
                # Wagtail's one entry per page, located on the one base URL (cms.base_url)
                url_info["location"] = page_url(item, self.request)
                url_info["alternates"] = found if len(found) > 1 else []
                urls.append(url_info)
        lastmods = [url.get("lastmod") for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls


def sitemap_index(request, sitemaps, **kwargs):
    """Wagtail's sitemap index with each sitemap on the one base URL: Django
    builds those locations from the request's host."""
    response = wagtail_sitemap_index(request, sitemaps, **kwargs)
    response.context_data["sitemaps"] = [
        replace(item, location=absolute_url(urlsplit(item.location)._replace(scheme="", netloc="").geturl()))
        for item in response.context_data["sitemaps"]
    ]
    return response
