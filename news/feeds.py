"""RSS 2.0 and Atom feeds of one locale's newsroom: the 20 newest live items,
absolute URLs, the locale's language tag, optional `?category=<slug>` and
`?institution=<institution page id in any language | translation key>`
(news attributed to it; a value naming no institution is a 400)."""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponseBadRequest
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cms.attribution import attribution_keys
from cms.base_url import absolute_url, page_url

from .models import NewsCategory, NewsPage

FEED_ITEMS = 20


class NewsRSSFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page):
        super().__init__()
        self.index_page = index_page
        self.language_code = index_page.locale.language_code

    def __call__(self, request, *args, **kwargs):
        self.request = request
        self.category = None
        slug = request.GET.get("category")
        if slug:
            self.category = NewsCategory.objects.filter(slug=slug, locale=self.index_page.locale).first()
            if self.category is None:
                raise Http404(_("There is no such news category."))
        self.institution_key = None
        if "institution" in request.GET:
            value = request.GET["institution"]
            self.institution_key = attribution_keys(value, NewsPage.attribution_page_type)
            if self.institution_key is None:
                with translation.override(self.language_code):
                    message = _(
                        "institution must be the id or the translation key of an institution page; "
                        "got “%(value)s”."
                    ) % {"value": value}
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        with translation.override(self.language_code):
            response = super().__call__(request, *args, **kwargs)
        response.headers["Content-Language"] = self.language_code
        return response

    def get_object(self, request, *args, **kwargs):
        return self.index_page

    def title(self, obj):
        if self.category:
            return f"{obj.title}: {self.category.name} · E-GoverNet"
        return f"{obj.title} · E-GoverNet"

    def link(self, obj):
        return page_url(obj, self.request)

    def feed_url(self, obj):
        return absolute_url(self.request.get_full_path())

    def description(self, obj):
        return obj.intro or _("News of the Bulgaria–Romania cross-border information network E-GoverNet")

    def items(self, obj):
        news = obj.news().order_by("-date", "-pk")
        if self.category:
            news = news.filter(news_categories__category=self.category)
        if self.institution_key:
            news = news.filter(institution__translation_key=self.institution_key)
        return news.prefetch_related("news_categories__category")[:FEED_ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        """The introduction, then the latest change note of a major update (cms change history)."""
        notes = item.change_notes
        if not notes:
            return item.intro
        latest = notes[0]
        update = _("Updated %(date)s: %(note)s") % {
            "date": date_format(timezone.localtime(latest["at"]), "DATE_FORMAT"),
            "note": latest["note"],
        }
        return f"{item.intro}\n\n{update}" if item.intro else update

    def item_link(self, item):
        return page_url(item, self.request)

    def item_guid(self, item):
        return page_url(item, self.request)

    def item_pubdate(self, item):
        published = item.first_published_at or timezone.now()
        moment = datetime.datetime.combine(
            item.date, published.astimezone(timezone.get_current_timezone()).time()
        )
        return timezone.make_aware(moment) if timezone.is_naive(moment) else moment

    def item_updateddate(self, item):
        """The last major change (a minor correction does not make an item look new)."""
        return max(item.last_major_change_at or self.item_pubdate(item), self.item_pubdate(item))

    def item_categories(self, item):
        return [category.name for category in item.category_list()]


class NewsAtomFeed(NewsRSSFeed):
    feed_type = Atom1Feed
    subtitle = NewsRSSFeed.description
