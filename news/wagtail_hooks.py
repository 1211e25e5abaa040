"""Admin: a flat news listing (newest first, filter by category and locale)
and the translatable category snippets."""

import django_filters
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.tables import BooleanColumn, Column, DateColumn
from wagtail.admin.views.pages.listing import IndexView, PageFilterSet, PageListingMixin
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from cms.base_url import page_url
from cms.caching.fragments import cached

from .models import NewsCategory, NewsIndexPage, NewsPage


def _category_choices():
    locale = Locale.get_default()
    return [(c.slug, c.name) for c in NewsCategory.objects.filter(locale=locale).order_by("name")]


class NewsPageFilterSet(PageFilterSet):
    category = django_filters.ChoiceFilter(
        label=_("Category"),
        field_name="news_categories__category__slug",
        choices=_category_choices,
        distinct=True,
    )
    featured = django_filters.BooleanFilter(label=_("Featured"))

    class Meta:
        model = NewsPage
        fields = []


class NewsIndexView(IndexView):
    default_ordering = "-date"


class NewsPageListingViewSet(PageListingViewSet):
    icon = "calendar-alt"
    menu_label = _("News")
    add_to_admin_menu = True
    menu_order = 150
    model = NewsPage
    index_view_class = NewsIndexView
    filterset_class = NewsPageFilterSet
    columns = [
        *[c for c in PageListingMixin.base_columns if c.name in ("bulk_actions", "title")],
        DateColumn("date", label=_("Date"), sort_key="date", width="12%"),
        Column("locale", label=_("Language"), accessor="locale.get_display_name", width="10%"),
        BooleanColumn("featured", label=_("Featured"), width="8%"),
        *[c for c in PageListingMixin.base_columns if c.name in ("latest_revision_created_at", "status")],
    ]


@hooks.register("register_admin_viewset")
def register_news_listing():
    return NewsPageListingViewSet("news_pages")


class NewsCategoryViewSet(SnippetViewSet):
    model = NewsCategory
    icon = "tag"
    menu_label = _("News categories")
    add_to_settings_menu = False
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


register_snippet(NewsCategoryViewSet)


INSTITUTION_NEWS = 5


@hooks.register("institution_related_content")
def news_about_institution(page, request):
    """The five newest visible news items in the institution page's language that
    link to it ("Related news") and are not attributed to it: those are "News
    from this institution" (`news_from_institution`), listed once, there."""
    items = (
        NewsPage.objects.publicly_visible()
        .filter(
            locale_id=page.locale_id, related_institutions__institution__translation_key=page.translation_key
        )
        .exclude(institution__translation_key=page.translation_key)
        .distinct()
        .order_by("-date", "-pk")[:INSTITUTION_NEWS]
    )
    return "news", list(items)


@hooks.register("institution_related_content")
def news_from_institution(page, request):
    """News attributed to the institution, newest visible first, in its page's language."""
    items = (
        NewsPage.objects.publicly_visible()
        .filter(locale_id=page.locale_id, institution__translation_key=page.translation_key)
        .order_by("-date", "-pk")[:INSTITUTION_NEWS]
    )
    return "institution_news", list(items)


@hooks.register("institution_editor_page_permissions")
def institution_editors_write_news():
    """Institution editors may add news (attributed to their institution) in every newsroom."""
    return [(NewsIndexPage.objects.all(), ("add",))]


@hooks.register("site_head_content")
def news_feed_links(request, page):
    """<link rel="alternate"> to the RSS and Atom feeds of this locale's newsroom."""
    locale_id = getattr(page, "locale_id", None)

    def render():
        locale = (
            Locale.objects.filter(pk=locale_id).first()
            if locale_id
            else Locale.objects.filter(language_code=translation.get_language()).first()
        )
        index = NewsIndexPage.objects.publicly_visible().filter(locale=locale).first() if locale else None
        if index is None:
            return ""
        base = page_url(index, request)
        return render_to_string(
            "news/tags/feed_links.html",
            {
                "feeds": [
                    {"type": "application/rss+xml", "title": f"{index.title} (RSS)", "href": base + "rss/"},
                    {
                        "type": "application/atom+xml",
                        "title": f"{index.title} (Atom)",
                        "href": base + "atom/",
                    },
                ]
            },
        )

    # absolute URLs on the one base URL: the same for every request of a language
    return cached("news-feed-links", render, locale_id or translation.get_language())


@hooks.register("open_data_downloads")
def news_feeds(request, language_code):
    """The newsroom's feeds in the visitor's language, for the open-data page."""
    index = NewsIndexPage.objects.publicly_visible().filter(locale__language_code=language_code).first()
    base = page_url(index, request) if index else None
    if not base:
        return None
    return {
        "title": translation.gettext("News feeds"),
        "description": translation.gettext(
            "The latest news in the language of this page; add ?category=<slug> for one category."
        ),
        "downloads": [
            {"label": translation.gettext("News"), "format": "RSS 2.0", "url": base + "rss/"},
            {"label": translation.gettext("News"), "format": "Atom", "url": base + "atom/"},
        ],
    }


@hooks.register("latest_news")
def latest_news(locale, count):
    """For the home page's "Latest news" block: the `count` newest visible items in
    `locale`, featured ones first, and the locale's newsroom (for "All news")."""
    items = (
        NewsPage.objects.publicly_visible()
        .filter(locale=locale)
        .select_related("listing_image", "hero_image", "locale")
        .order_by("-featured", "-date", "-pk")[:count]
    )
    return {
        "items": list(items),
        "index": NewsIndexPage.objects.publicly_visible().filter(locale=locale).first(),
    }
