"""Building and querying the suggestion index (search.models.SuggestionEntry)."""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db import connection, transaction
from django.db.models import BooleanField, Case, F, Func, IntegerField, Value, When
from wagtail.models import Page

from cms.visibility import hidden_pages

from .models import SuggestionEntry
from .normalise import cyrillic_to_latin, fold, query_words
from .registry import get_sources

__all__ = ["find_suggestions", "make_entry", "rebuild_all", "refresh_for_page", "refresh_subtree"]

LIMIT = 10


def _keys(names):
    words = []
    for name in names:
        for word in query_words(name) + query_words(cyrillic_to_latin(name)):
            if word not in words:
                words.append(word)
    return " " + " ".join(words) + " "


def make_entry(source_key, page, name, all_names, url, weight=0, context=""):
    """An unsaved row: `name` shown in the page's locale, found by `all_names`
    (`context`: what it belongs to, e.g. an e-service's institution)."""
    return SuggestionEntry(
        source=source_key,
        page_id=page.pk,
        language_code=page.locale.language_code,
        name=name[:255],
        name_folded=fold(name)[:255],
        keys=_keys([name, *all_names]),
        url=(url or "")[:500],
        weight=weight,
        context=(context or "")[:255],
    )


def _group_pages(source, translation_keys):
    pages = {}
    for page in source.pages().filter(translation_key__in=translation_keys):
        pages.setdefault(page.translation_key, []).append(page)
    return pages


def _refresh(source, translation_keys):
    group_ids = Page.objects.filter(translation_key__in=translation_keys).values("pk")
    SuggestionEntry.objects.filter(source=source.key, page_id__in=group_ids).delete()
    rows = []
    for pages in _group_pages(source, translation_keys).values():
        rows.extend(source.entries(pages))
    SuggestionEntry.objects.bulk_create(rows)


@transaction.atomic
def refresh_for_page(page):
    """Rebuild the rows that come from `page`'s translation group, for every source
    whose page model it is (unpublished or deleted pages simply lose theirs)."""
    page = page.specific_deferred if type(page) is Page else page
    for source in get_sources():
        if isinstance(page, source.page_model):
            _refresh(source, [page.translation_key])


@transaction.atomic
def refresh_subtree(page):
    """Rebuild the rows of every source page under `page` (a view restriction
    was added or removed there)."""
    for source in get_sources():
        keys = set(
            source.page_model.objects.descendant_of(page, inclusive=True).values_list(
                "translation_key", flat=True
            )
        )
        if keys:
            _refresh(source, list(keys))


@transaction.atomic
def rebuild_all(batch_size=2000):
    """Rebuild the whole index from every registered source; returns the row count."""
    SuggestionEntry.objects.all().delete()
    total = 0
    for source in get_sources():
        groups = {}
        for page in source.pages().iterator(chunk_size=batch_size):
            groups.setdefault(page.translation_key, []).append(page)
        rows = []
        for pages in groups.values():
            rows.extend(source.entries(pages))
            if len(rows) >= batch_size:
                SuggestionEntry.objects.bulk_create(rows)
                total += len(rows)
                rows = []
        SuggestionEntry.objects.bulk_create(rows)
        total += len(rows)
    return total


class WordSimilar(Func):
    """`query <% keys`: pg_trgm's word-similarity operator, answered by the GIN trigram index."""

    arg_joiner = " <%% "
    template = "(%(expressions)s)"
    output_field = BooleanField()


FUZZY_MIN_LENGTH = 4
FUZZY_THRESHOLD = 0.5


def find_suggestions(query, language_code, limit=LIMIT, fuzzy=True):
    """Entries in `language_code` with a word starting with the query's words
    (folded; Latin or Cyrillic), names starting with the query first. When
    nothing starts so and `fuzzy`, names spelt similarly (trigram word
    similarity, PostgreSQL only): "Silstra" still finds Silistra."""
    words = query_words(query)
    if not words:
        return []
    found = _prefix_matches(words, language_code, limit)
    folded = " ".join(words)
    if found or not fuzzy or len(folded) < FUZZY_MIN_LENGTH or connection.vendor != "postgresql":
        return found
    return list(
        _visible_entries(language_code)
        .filter(WordSimilar(Value(folded), F("keys")))
        .annotate(similarity=TrigramWordSimilarity(folded, "keys"))
        .filter(similarity__gte=FUZZY_THRESHOLD)
        .order_by("-similarity", "-weight", "name_folded", "pk")
        .values("name", "source", "url", "language_code", "context")[:limit]
    )


def _visible_entries(language_code):
    """Rows are rebuilt on publish, unpublish and delete; a page that expired,
    fell under a restriction or is not yet due since is dropped here."""
    return SuggestionEntry.objects.filter(language_code=language_code).exclude(
        page_id__in=hidden_pages().values("pk")
    )


def _prefix_matches(words, language_code, limit):
    queryset = _visible_entries(language_code)
    for word in words:
        queryset = queryset.filter(keys__contains=" " + word)
    folded = " ".join(words)
    queryset = queryset.annotate(
        starts=Case(
            When(name_folded__startswith=folded, then=Value(0)), default=Value(1), output_field=IntegerField()
        )
    ).order_by("starts", "-weight", "name_folded", "pk")
    return list(queryset.values("name", "source", "url", "language_code", "context")[:limit])
