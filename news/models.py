"""The newsroom: a news index per locale, news pages, translatable categories,
and a log of removed news for API consumers that sync."""

import datetime
from collections.abc import Sequence

from django import forms
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MaxLengthValidator
from django.db import connection, models
from django.db.models import CharField, F, Func, Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms.attribution import AttributedPageMixin, InstitutionField
from cms.blocks import BodyStreamBlock
from cms.caching.fragments import cached
from cms.draft_translations import translated
from cms.models import BasePage
from cms.visibility import publicly_visible, visible_in_locales

from .regions import REGION_CODES, region_choices, regions_for
from .serializers import (
    CategoriesField,
    HeroImageField,
    RegionsField,
    RelatedInstitutionsField,
    TranslationsField,
)

__all__ = [
    "NewsCategory",
    "NewsIndexPage",
    "NewsPage",
    "NewsPageCategory",
    "NewsPageRelatedInstitution",
    "NewsRemoval",
    "RegionCodesField",
    "live_news",
]

NEWS_PER_PAGE = 12
FEATURED_ON_FIRST_PAGE = 3
FILTER_OPTIONS_SECONDS = 60
FILTER_OPTIONS_VERSION_KEY = "news:filter-options-version"


def invalidate_filter_options():
    """Called when news is published, unpublished or deleted."""
    try:
        cache.incr(FILTER_OPTIONS_VERSION_KEY)
    except ValueError:
        cache.set(FILTER_OPTIONS_VERSION_KEY, 1, None)


# --- Fields -------------------------------------------------------------------


class RegionCodesFormField(forms.TypedMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, **kwargs):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        kwargs.pop("max_length", None)
        super().__init__(*args, choices=region_choices, **kwargs)


class RegionCodesField(models.JSONField):
    """A list of NUTS-3 codes of the programme area, stored as JSON so it works
    on PostgreSQL and SQLite, edited as checkboxes."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        unknown = [code for code in value or () if code not in REGION_CODES]
        if unknown:
            raise ValidationError(
                _("Unknown region code(s): %(codes)s"), params={"codes": ", ".join(unknown)}
            )

    def formfield(self, **kwargs):
        kwargs["form_class"] = RegionCodesFormField
        return super().formfield(**kwargs)


def region_q(code):
    """Pages tagged with NUTS-3 `code` (JSON containment on PostgreSQL)."""
    if connection.vendor == "postgresql":
        return Q(regions__contains=[code])
    return Q(regions__icontains=f'"{code}"')


def used_region_codes(news):
    """The set of region codes that the pages of `news` use (one query)."""
    if connection.vendor == "postgresql":
        codes = (
            NewsPage.objects.filter(pk__in=news.values("pk"))
            .annotate(code=Func(F("regions"), function="jsonb_array_elements_text", output_field=CharField()))
            .order_by()
            .values_list("code", flat=True)
            .distinct()
        )
        return set(codes)
    used = set()
    for codes in news.values_list("regions", flat=True):
        used.update(codes or ())
    return used


# --- Categories ---------------------------------------------------------------


class NewsCategory(TranslatableMixin, models.Model):
    """A news category; translated like any snippet, its slug is shared by all
    translations so `?category=<slug>` means the same in every language."""

    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(_("slug"), max_length=100, allow_unicode=False)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    override_translatable_fields = [TranslatableField("name"), SynchronizedField("slug")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("news category")
        verbose_name_plural = _("news categories")
        ordering = ["name"]
        unique_together = [("translation_key", "locale"), ("slug", "locale")]

    def __str__(self):
        return self.name


# --- Pages --------------------------------------------------------------------


def live_news(locale=None):
    """Publicly visible news pages (cms.visibility), optionally of one locale."""
    queryset = NewsPage.objects.publicly_visible()
    if locale is not None:
        queryset = queryset.filter(locale=locale)
    return queryset


def live_institutions_of(pages) -> dict:
    """{page pk: [linked institution pages, in the page's language where visible,
    else the linked page if visible]} for news pages (one query for all, with
    `related_institutions__institution` prefetched, as API listings do)."""
    pages = list(pages)
    pairs, owners = [], []
    for page in pages:
        links = page.related_institutions.all()
        if "related_institutions" not in getattr(page, "_prefetched_objects_cache", {}) and page.pk:
            links = links.select_related("institution")
        for link in links:
            if link.institution_id:
                pairs.append((link.institution, page.locale_id))
                owners.append(page.pk)
    result = {page.pk: [] for page in pages}
    for owner, target in zip(owners, visible_in_locales(pairs), strict=True):
        if target is not None and target not in result[owner]:
            result[owner].append(target)
    return result


def live_translations_of(pages) -> dict:
    """{page pk: its visible translations (other locales), not pages that still
    show its content (cms.draft_translations)}, in tree order: one query for all."""
    pages = list(pages)
    result = {page.pk: [] for page in pages}
    if not pages:
        return result
    by_key = {}
    for other in (
        translated(
            publicly_visible(
                Page.objects.filter(translation_key__in={p.translation_key for p in pages}),
                include_withdrawn=True,
            )
        )
        .select_related("locale")
        .order_by("path")
    ):
        by_key.setdefault(other.translation_key, []).append(other)
    for page in pages:
        result[page.pk] = [other for other in by_key.get(page.translation_key, []) if other.pk != page.pk]
    return result


class LazyList(Sequence):
    """A list made on first use: a page of cards whose HTML the template finds
    in the fragment cache ({% clock_cached %}) is never queried."""

    def __init__(self, make):
        self._make = make
        self._items = None

    def _list(self):
        if self._items is None:
            self._items = list(self._make())
        return self._items

    def __getitem__(self, item):
        return self._list()[item]

    def __len__(self):
        return len(self._list())


class FeaturedFirst:
    """The listing as a sequence for Paginator: up to FEATURED_ON_FIRST_PAGE
    featured items, then the rest newest first. Slicing only ever queries one
    page of the rest (an index scan on date), never sorts the whole set."""

    def __init__(self, featured, rest, total):
        self.featured = featured
        self.rest = rest
        self.total = total

    def count(self):
        return self.total

    def __len__(self):
        return self.total

    def __getitem__(self, item):
        if not isinstance(item, slice):
            return self[item : item + 1][0]
        return LazyList(lambda: self._slice(item))

    def _slice(self, item):
        start, stop = item.start or 0, min(item.stop if item.stop is not None else self.total, self.total)
        head = list(self.featured)[start:stop]
        offset = len(self.featured)
        rest_start, rest_stop = max(start - offset, 0), max(stop - offset, 0)
        tail = list(self.rest[rest_start:rest_stop]) if rest_stop > rest_start else []
        return head + tail


class NewsIndexPage(RoutablePageMixin, BasePage):
    """The newsroom of one locale: a filterable, paginated listing and its feeds."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    class Meta:
        verbose_name = _("news index page")
        verbose_name_plural = _("news index pages")

    def news(self):
        return live_news(self.locale).child_of(self)

    def filter_options(self):
        """Only the values that live news of this locale actually use.

        Cached for FILTER_OPTIONS_SECONDS; publishing, unpublishing or deleting
        news invalidates it in this process (other processes catch up within
        the timeout, or at once with a shared Redis cache)."""
        key = f"news:filter-options:{cache.get(FILTER_OPTIONS_VERSION_KEY, 0)}:{self.pk}"
        options = cache.get(key)
        if options is None:
            options = self._compute_filter_options()
            cache.set(key, options, FILTER_OPTIONS_SECONDS)
        return options

    def _compute_filter_options(self):
        news = self.news()
        categories = NewsCategory.objects.filter(
            locale=self.locale, news_pages__page__in=news.values("pk")
        ).distinct()
        used_regions = used_region_codes(news)
        years = sorted({d.year for d in news.dates("date", "year")}, reverse=True)
        return {
            "categories": list(categories.order_by("name")),
            "regions": regions_for(used_regions, self.locale.language_code),
            "years": years,
        }

    def parse_filters(self, request):
        """Filters from the query string; unknown values are ignored (and shown as such)."""
        options = self.filter_options()
        selected = {"category": None, "region": None, "year": None}
        category = request.GET.get("category")
        if category and any(c.slug == category for c in options["categories"]):
            selected["category"] = category
        region = request.GET.get("region")
        if region and any(r["code"] == region for r in options["regions"]):
            selected["region"] = region
        year = request.GET.get("year", "")
        if year.isdigit() and int(year) in options["years"]:
            selected["year"] = int(year)
        return options, selected

    def filtered_news(self, selected):
        news = self.news()
        if selected["category"]:
            news = news.filter(
                pk__in=NewsPageCategory.objects.filter(category__slug=selected["category"]).values("page_id")
            )
        if selected["region"]:
            news = news.filter(region_q(selected["region"]))
        if selected["year"]:
            news = news.filter(date__year=selected["year"])
        return news

    def listing_summary(self, news, selected):
        """(number of items, ids of the featured items shown first), cached
        like the filter options so large newsrooms don't count on every view."""
        version = cache.get(FILTER_OPTIONS_VERSION_KEY, 0)
        key = "news:listing:{}:{}:{}:{}:{}".format(
            version, self.pk, selected["category"] or "", selected["region"] or "", selected["year"] or ""
        )
        summary = cache.get(key)
        if summary is None:
            featured_ids = list(
                news.filter(featured=True).values_list("pk", flat=True)[:FEATURED_ON_FIRST_PAGE]
            )
            summary = (news.count(), featured_ids)
            cache.set(key, summary, FILTER_OPTIONS_SECONDS)
        return summary

    @path("")
    def listing(self, request):
        options, selected = self.parse_filters(request)
        news = self.filtered_news(selected).order_by("-date", "-pk")
        total, featured_ids = self.listing_summary(news, selected)
        # cards show no body: leave the StreamFields (JSON parsed per row) in the database
        cards = (
            news.defer_streamfields()
            .select_related("hero_image", "listing_image", "locale")
            .prefetch_related("hero_image__renditions", "listing_image__renditions")
        )
        featured = LazyList(lambda: cards.filter(pk__in=featured_ids))
        sequence = FeaturedFirst(featured, cards.exclude(pk__in=featured_ids), total)
        paginator = Paginator(sequence, NEWS_PER_PAGE)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            raise Http404(_("There is no such page of news.")) from None
        query = {k: v for k, v in selected.items() if v}
        return self.render(
            request,
            context_overrides={
                "news_items": page_obj.object_list,
                "page_obj": page_obj,
                "paginator": paginator,
                "filters": options,
                "selected": selected,
                "filter_query": query,
                "featured_ids": set(featured_ids),
            },
        )

    @path("rss/")
    def rss(self, request):
        from .feeds import NewsRSSFeed

        return NewsRSSFeed(self)(request)

    @path("atom/")
    def atom(self, request):
        from .feeds import NewsAtomFeed

        return NewsAtomFeed(self)(request)

    @re_path(r"^(?:rss|atom)$")
    def feed_without_slash(self, request):  # pragma: no cover - convenience redirect
        from django.shortcuts import redirect

        return redirect(request.path + "/")


class NewsPageCategory(TranslatableMixin, Orderable):
    """A category of a news page. Translatable, so a translated page points at
    the category's translation in its own language."""

    page = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="news_categories")
    category = models.ForeignKey(
        NewsCategory, on_delete=models.CASCADE, related_name="news_pages", verbose_name=_("category")
    )

    panels = [FieldPanel("category")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order"]


class NewsPageRelatedInstitution(Orderable):
    """A link to an institution's page (directory.InstitutionPage). Shown in the
    news page's language, and only while the linked page is live."""

    page = ParentalKey("news.NewsPage", on_delete=models.CASCADE, related_name="related_institutions")
    institution = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("institution"),
    )

    panels = [PageChooserPanel("institution", "directory.InstitutionPage")]

    def clean(self):
        super().clean()
        if self.institution_id and self.institution.specific_class._meta.label != "directory.InstitutionPage":
            raise ValidationError({"institution": _("Choose an institution page of the directory.")})

    class Meta(Orderable.Meta):
        verbose_name = _("related institution")
        verbose_name_plural = _("related institutions")


class NewsPage(AttributedPageMixin, BasePage):
    """One news item. Date, regions, featured flag, the institution it comes
    from (`institution`, cms.attribution) and related institutions are facts
    shared by all translations; text and the hero image's alt are translated."""

    attribution_page_type = "directory.InstitutionPage"

    intro = models.TextField(
        _("summary"),
        max_length=300,
        validators=[MaxLengthValidator(300)],
        help_text=_("Plain text, at most 300 characters; shown in listings, feeds and search results."),
    )
    date = models.DateField(_("date"), default=datetime.date.today, db_index=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_image_alt = models.CharField(
        _("hero image alternative text"),
        max_length=250,
        blank=True,
        help_text=_("Describe the image for people who cannot see it; leave empty if it is decorative."),
    )
    body = StreamField(BodyStreamBlock(), blank=True, verbose_name=_("body"))
    regions = RegionCodesField(_("regions"))
    featured = models.BooleanField(
        _("featured"), default=False, help_text=_("Shown first on the news index.")
    )

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [
        FieldPanel("date"),
        PageChooserPanel("institution", "directory.InstitutionPage"),
        FieldPanel("intro"),
        MultiFieldPanel([FieldPanel("hero_image"), FieldPanel("hero_image_alt")], heading=_("Hero image")),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                InlinePanel("news_categories", label=_("Categories")),
                FieldPanel("regions"),
                FieldPanel("featured"),
            ],
            heading=_("Classification"),
        ),
        InlinePanel("related_institutions", label=_("Related institutions")),
    ]

    search_fields = BasePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("date"),
        index.FilterField("featured"),
    ]

    override_translatable_fields = BasePage.override_translatable_fields + [
        SynchronizedField("date"),
        SynchronizedField("regions"),
        SynchronizedField("featured"),
        SynchronizedField("hero_image", overridable=True),
        TranslatableField("hero_image_alt"),
        SynchronizedField("related_institutions"),
        SynchronizedField("institution"),
    ]

    class Meta:
        verbose_name = _("news page")
        verbose_name_plural = _("news pages")
        ordering = ["-date", "-pk"]

    api_fields = BasePage.api_fields + [
        APIField("date"),
        APIField("featured"),
        APIField("hero_image", serializer=HeroImageField()),
        APIField("body"),
        APIField("categories", serializer=CategoriesField()),
        APIField("regions", serializer=RegionsField()),
        APIField("institution", serializer=InstitutionField()),
        APIField("related_institutions", serializer=RelatedInstitutionsField()),
        APIField("translations", serializer=TranslationsField()),
    ]

    @property
    def region_list(self):
        return regions_for(self.regions, self.locale.language_code)

    def category_list(self):
        """The page's categories (prefetched in API listings; else one query, kept on the page)."""
        if getattr(self, "_category_list", None) is None:
            links = self.news_categories.all()
            if "news_categories" not in getattr(self, "_prefetched_objects_cache", {}) and self.pk:
                links = links.select_related("category")
            self._category_list = [link.category for link in links]
        return self._category_list

    def live_institutions(self):
        """Linked institution pages in this page's language where visible, else the linked page if visible."""
        return live_institutions_of([self])[self.pk]

    def live_translations(self):
        """Visible translations, not pages that still show this page's content (see cms.draft_translations)."""
        return live_translations_of([self])[self.pk]

    def siblings_in_order(self):
        return (
            live_news(self.locale_id).child_of(self.get_parent())
            if self.get_parent()
            else NewsPage.objects.none()
        )

    def previous_news(self):
        """The next older item (its title and URL are all the pager shows)."""
        return (
            self.siblings_in_order()
            # date__lte bounds the index scan on date; the OR alone makes it read from the start
            .filter(Q(date__lt=self.date) | Q(date=self.date, pk__lt=self.pk), date__lte=self.date)
            .order_by("-date", "-pk")
            .defer_streamfields()
            .first()
        )

    def next_news(self):
        """The next newer item."""
        return (
            self.siblings_in_order()
            .filter(Q(date__gt=self.date) | Q(date=self.date, pk__gt=self.pk), date__gte=self.date)
            .order_by("date", "pk")
            .defer_streamfields()
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # its index and what it links to, kept per content change like its neighbours
        context["news_index"] = cached("news-parent", lambda: self.get_parent().specific, self.pk)
        (
            context["categories"],
            context["institutions"],
            context["attributed_institution"],
        ) = cached(
            "news-links",
            lambda: (self.category_list(), self.live_institutions(), self.shown_institution()),
            self.pk,
        )
        self._category_list = context["categories"]  # the JSON-LD's keywords
        context["previous_news"], context["next_news"] = cached(
            "news-neighbours", lambda: (self.previous_news(), self.next_news()), self.pk
        )
        return context


# --- Removals -----------------------------------------------------------------


class NewsRemoval(models.Model):
    """A news page that stopped being public (unpublished, expired or deleted),
    so that API consumers who copied it can remove their copy."""

    REASON_UNPUBLISHED = "unpublished"
    REASON_DELETED = "deleted"
    REASON_EXPIRED = "expired"
    REASONS = [
        (REASON_UNPUBLISHED, _("unpublished")),
        (REASON_DELETED, _("deleted")),
        (REASON_EXPIRED, _("expired")),
    ]

    page_id = models.PositiveIntegerField(_("page id"), db_index=True)
    translation_key = models.UUIDField(_("translation key"))
    locale = models.CharField(_("language"), max_length=10)
    reason = models.CharField(_("reason"), max_length=20, choices=REASONS)
    removed_at = models.DateTimeField(_("removed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("news removal")
        verbose_name_plural = _("news removals")
        ordering = ["removed_at", "pk"]

    def __str__(self):
        return f"{self.page_id} {self.reason} {self.removed_at:%Y-%m-%d %H:%M}"
