"""What the site search knows about: searchable types (the type facet of the
results page) and suggestion sources (the autocomplete index).

Feature apps register from their AppConfig.ready():

    from search.registry import PageType, register_type
    register_type(PageType("news", _("News"), NewsPage, order=10))

A page type is searched through Wagtail's index (its `search_fields`). A
non-page model (an inline e-service) subclasses `SearchableType` and says
how to find visible rows, and where each result leads. Pages of types nobody
registered are found under "Pages"."""

from dataclasses import dataclass, field

from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from cms.draft_translations import translated
from cms.visibility import publicly_visible, under_paths_q

__all__ = [
    "PageSuggestionSource",
    "PageType",
    "SearchableType",
    "SuggestionSource",
    "get_sources",
    "get_types",
    "register_source",
    "register_type",
    "stream_text",
    "searchable_pages",
]


def site_root_paths(site):
    """Tree paths of the site root and its translations (/bg/, /ro/, /en/ homes)."""
    if site is None:
        return []
    return list(site.root_page.get_translations(inclusive=True).values_list("path", flat=True))


def searchable_pages(queryset, site=None, root_paths=None):
    """What search may find: the publicly visible pages (cms.visibility) in the
    site, without pages not translated yet (aliases, unpublished first
    translations; see cms.draft_translations): each locale's search finds content
    written in its language."""
    queryset = translated(publicly_visible(queryset, site=site if root_paths is None else None))
    if root_paths is not None:  # the site's trees, looked up once per search request
        queryset = queryset.filter(under_paths_q(root_paths))
    return queryset


# Keys of raw StreamField data whose values are not words for a reader: block
# types and ids, and choice values such as a heading's level ("h2").
NON_TEXT_KEYS = frozenset({"type", "id", "level"})


def stream_text(value):
    """Plain text of a StreamField's raw data (no rendering, no queries)."""
    texts = []

    def walk(data):
        if isinstance(data, str):
            text = strip_tags(data).strip()
            if text and not text.startswith(("http://", "https://")):
                texts.append(text)
        elif isinstance(data, dict):
            for key, item in data.items():
                if key not in NON_TEXT_KEYS:
                    walk(item)
        elif isinstance(data, (list, tuple)):
            for item in data:
                walk(item)

    raw = getattr(value, "raw_data", value)
    walk(list(raw) if raw is not None else [])
    return " ".join(texts)


@dataclass
class SearchableType:
    """One facet of the results page. Subclass for non-page models."""

    key: str
    label: str
    order: int = 100

    def queryset(self, context):
        """Visible objects of this type for `context`: site, root_paths, locale (a Locale pk, None = all)."""
        raise NotImplementedError

    def title(self, obj):
        return str(obj)

    def url(self, obj, request):
        raise NotImplementedError

    def language_code(self, obj, locales):
        """`locales` maps locale id → language code (one query per request)."""
        return locales.get(obj.locale_id)

    def context(self, obj):
        """What the result belongs to, shown beside its title (an e-service's institution)."""
        return ""

    def excerpt_texts(self, obj):
        """Texts to take the highlighted excerpt from, most telling first."""
        return []


@dataclass
class PageType(SearchableType):
    """A page model: searched through Wagtail's index, results lead to the page."""

    model: type = None
    excerpt_fields: tuple = ("search_description", "intro")
    body_fields: tuple = ("body",)

    def base_queryset(self):
        return self.model.objects.all()

    def queryset(self, context):
        visible = searchable_pages(self.base_queryset(), root_paths=context["root_paths"])
        if context["locale"] is not None:
            visible = visible.filter(locale_id=context["locale"])
        # The search backend only accepts filters on indexed FilterFields, so
        # visibility is applied as a subquery on the primary key.
        return self.base_queryset().filter(pk__in=visible.values("pk"))

    def title(self, obj):
        return obj.title

    def url(self, obj, request):
        return obj.get_url(request)

    def excerpt_texts(self, obj):
        texts = [getattr(obj, name, "") or "" for name in self.excerpt_fields]
        for name in self.body_fields:
            value = getattr(obj, name, None)
            if value is not None:
                texts.append(stream_text(value) if hasattr(value, "raw_data") else strip_tags(str(value)))
        return [text for text in texts if text]


@dataclass
class OtherPagesType(PageType):
    """Every page whose type no app registered (home, standard pages, section indexes)."""

    excluded: list = field(default_factory=list)

    def base_queryset(self):
        queryset = Page.objects.all()
        if self.excluded:
            queryset = queryset.not_type(*self.excluded)
        return queryset.specific(defer=False)


_types = {}
_sources = {}


def register_type(searchable_type):
    _types[searchable_type.key] = searchable_type


def unregister_type(key):
    _types.pop(key, None)


def get_types():
    """Registered types in facet order, then the catch-all "pages" type."""
    types = sorted(_types.values(), key=lambda t: (t.order, t.key))
    page_models = [t.model for t in types if isinstance(t, PageType) and t.model is not None]
    return [*types, OtherPagesType("page", _("Pages"), order=1000, excluded=page_models)]


# --- Suggestions ------------------------------------------------------------


class SuggestionSource:
    """Feeds the suggestion index from the pages of `page_model`.

    `entries(pages)` returns unsaved SuggestionEntry rows for those pages (all
    locales of a translation group are passed together); a page's rows are
    rebuilt whenever it or one of its translations is published, unpublished
    or deleted, and by `manage.py rebuild_suggestions`."""

    key = ""
    page_model = None
    weight = 0

    def pages(self):
        return searchable_pages(self.page_model.objects.all()).select_related("locale")

    def entries(self, pages):
        raise NotImplementedError


class PageSuggestionSource(SuggestionSource):
    """One suggestion per page: its title, found by the titles of all its translations."""

    def __init__(self, key, page_model, weight=0):
        self.key = key
        self.page_model = page_model
        self.weight = weight

    def entries(self, pages):
        from .suggestions import make_entry

        names = [page.title for page in pages]
        return [make_entry(self.key, page, page.title, names, page.get_url(), self.weight) for page in pages]


def register_source(source):
    _sources[source.key] = source


def unregister_source(key):
    _sources.pop(key, None)


def get_sources():
    return list(_sources.values())
