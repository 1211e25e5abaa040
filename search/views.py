"""The site search: the HTML results page and the JSON suggestion endpoint.

Queries are never logged or stored (no Query hit counting): a visitor may
type a name, an address or an ID number into a search box."""

import math
import re

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_GET
from modelsearch.utils import normalise_query_string
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Locale, Page, Site
from wagtail.search.backends import get_search_backend

from cms.visibility import publicly_visible

from .backends import LanguageAwarePlainText
from .normalise import (
    MAX_QUERY_LENGTH,
    MIN_QUERY_LENGTH,
    fold,
    has_control_characters,
    normalise_query,
    query_words,
    stem_prefix,
    word_alternatives,
)
from .registry import OtherPagesType, PageType, get_types, searchable_pages, site_root_paths
from .suggestions import find_suggestions

__all__ = ["search", "suggest"]

PER_PAGE = 10
CYRILLIC_LANGUAGES = {"bg"}
MAX_PAGES = 50
EXCERPT_LENGTH = 240
WORD_RE = re.compile(r"\w+", re.UNICODE)


# --- Highlighting ----------------------------------------------------------


def match_prefixes(query):
    """Folded prefixes that mark a word of a text as matching the query."""
    prefixes = set()
    for word in query_words(query):
        for alternative in word_alternatives(word):
            prefixes.add(alternative[: max(4, len(alternative) - 2)] if len(alternative) > 4 else alternative)
        prefix = stem_prefix(word)
        if prefix:
            prefixes.add(prefix)
    return tuple(sorted(prefixes, key=len, reverse=True))


def highlight(texts, prefixes, length=EXCERPT_LENGTH):
    """An excerpt of the first text that matches, around the first match, with
    matching words in <mark>; the start of the first text when nothing matches.
    `length=None` keeps the whole text (a title)."""
    chosen, start = None, 0
    for text in texts:
        for match in WORD_RE.finditer(text):
            if fold(match.group()).startswith(prefixes):
                chosen, start = text, match.start()
                break
        if chosen is not None:
            break
    if chosen is None:
        chosen = texts[0] if texts else ""
    length = length or len(chosen)
    begin = max(0, start - length // 3) if length < len(chosen) else 0
    if begin:
        space = chosen.find(" ", begin)
        begin = space + 1 if 0 <= space < start else begin
    end = min(len(chosen), begin + length)
    if end < len(chosen):
        space = chosen.rfind(" ", begin, end)
        end = space if space > start else end
    fragment = chosen[begin:end]
    pieces, last = [], 0
    for match in WORD_RE.finditer(fragment):
        if prefixes and fold(match.group()).startswith(prefixes):
            pieces.append(escape(fragment[last : match.start()]))
            pieces.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    pieces.append(escape(fragment[last:]))
    return mark_safe(("…" if begin else "") + "".join(pieces) + ("…" if end < len(chosen) else ""))  # noqa: S308 - every piece is escaped


# --- Results page ----------------------------------------------------------


def _promotions(query, locale_pk, root_paths):
    """Editors' picks for this query: pages in the searched locale (all locales when
    None) that visitors may see, and external links."""
    normalised = normalise_query_string(query)
    candidates = {normalised, normalise_query_string(fold(query))}
    picks = SearchPromotion.objects.filter(query__query_string__in=candidates).select_related("page")
    visible = searchable_pages(Page.objects.all(), root_paths=root_paths)
    if locale_pk is not None:
        visible = visible.filter(locale_id=locale_pk)
    picks = picks.filter(page__isnull=True) | picks.filter(page__in=visible.values("pk"))
    seen, result = set(), []
    for pick in picks.order_by("sort_order", "pk"):
        key = pick.page_id or pick.external_link_url
        if key in seen:
            continue
        seen.add(key)
        result.append(pick)
    return result


@require_GET
def search(request):
    language = translation.get_language()
    raw_query = request.GET.get("q", "")
    query = normalise_query(raw_query)
    all_languages = request.GET.get("languages") == "all"
    types = get_types()
    type_keys = [t.key for t in types]
    selected = request.GET.get("type") if request.GET.get("type") in type_keys else None
    try:
        number = max(1, min(int(request.GET.get("page", "1")), MAX_PAGES))
    except ValueError:
        number = 1

    context = {
        "query": query,
        "all_languages": all_languages,
        "selected_type": selected,
        "min_length": MIN_QUERY_LENGTH,
        "max_length": MAX_QUERY_LENGTH,
        "too_long": len(raw_query.strip()) > MAX_QUERY_LENGTH,
        "results": [],
        "facets": [],
        "total": 0,
        "promotions": [],
        "show_help": len(query) < MIN_QUERY_LENGTH or not query_words(query),
    }
    if not context["show_help"]:
        context.update(_run_search(request, query, language, all_languages, types, selected, number))
    return TemplateResponse(request, "search/search.html", context)


def _run_search(request, query, language, all_languages, types, selected, number):
    site = Site.find_for_request(request)
    root_paths = site_root_paths(site)
    locales = dict(Locale.objects.values_list("pk", "language_code"))
    locale_pk = None if all_languages else next((pk for pk, code in locales.items() if code == language), 0)
    search_context = {"site": site, "root_paths": root_paths, "locale": locale_pk}
    backend = get_search_backend()
    # Latin words are looked up in Cyrillic too only where Bulgarian text is searched.
    text_query = LanguageAwarePlainText(query, transliterate=all_languages or language in CYRILLIC_LANGUAGES)

    # Pages of every type: one grouped count (a facet on content type), and
    # the page types' counts derived from it.
    page_types = [t for t in types if isinstance(t, PageType)]
    other_types = [t for t in types if not isinstance(t, PageType)]
    type_of_content_type = {ContentType.objects.get_for_model(t.model).pk: t for t in page_types if t.model}
    catch_all = next(t for t in page_types if t.model is None or isinstance(t, OtherPagesType))
    all_pages = OtherPagesType("*", "").queryset(search_context)
    counts = dict.fromkeys((t.key for t in types), 0)
    for content_type_pk, count in backend.search(text_query, all_pages).facet("content_type_id").items():
        counts[type_of_content_type.get(content_type_pk, catch_all).key] += count
    for searchable_type in other_types:
        counts[searchable_type.key] = backend.search(
            text_query, searchable_type.queryset(search_context)
        ).count()
    facets = [{"key": t.key, "label": t.label, "count": counts[t.key]} for t in types if counts[t.key]]

    # What to list: one type, or all pages plus each non-page type.
    if selected:
        chosen = next(t for t in types if t.key == selected)
        sources = [(chosen, chosen.queryset(search_context), counts[selected])]
    else:
        sources = [(None, all_pages, sum(counts[t.key] for t in page_types))]
        sources += [(t, t.queryset(search_context), counts[t.key]) for t in other_types]
    total = sum(count for _type, _queryset, count in sources)
    pages = max(1, math.ceil(total / PER_PAGE))
    number = min(number, pages, MAX_PAGES)
    offset = (number - 1) * PER_PAGE

    # Each source's best offset+PER_PAGE hits, merged by score: a constant
    # number of queries whatever the number of results.
    hits = []
    for searchable_type, queryset, count in sources:
        if not count:
            continue
        results = backend.search(text_query, queryset).annotate_score("_search_score")
        for obj in results[: offset + PER_PAGE]:
            kind = searchable_type or type_of_content_type.get(obj.content_type_id, catch_all)
            hits.append((obj._search_score or 0, kind, obj))
    hits.sort(key=lambda hit: -hit[0])
    prefixes = match_prefixes(query)
    names = dict(settings.LANGUAGES)
    rows = []
    for _score, searchable_type, obj in hits[offset : offset + PER_PAGE]:
        code = searchable_type.language_code(obj, locales)
        title = searchable_type.title(obj)
        rows.append(
            {
                "title": title,
                "title_html": highlight([title], prefixes, length=None),
                "url": searchable_type.url(obj, request),
                "type_label": searchable_type.label,
                "context": searchable_type.context(obj),
                "language_code": code,
                "language_name": names.get(code, code),
                "excerpt": highlight(searchable_type.excerpt_texts(obj), prefixes),
            }
        )

    result = {
        "results": rows,
        "facets": facets,
        "grand_total": sum(counts.values()),
        "total": total,
        "page_number": number,
        "page_count": pages,
        # numbers only, for the shared pager (results are merged from several sources)
        "page_obj": Paginator(range(min(total, MAX_PAGES * PER_PAGE)), PER_PAGE).page(number)
        if total
        else None,
        "first_index": offset + 1,
        "last_index": offset + len(rows),
        "promotions": _promotions(query, locale_pk, root_paths) if number == 1 and not selected else [],
    }
    if total == 0:
        result["suggestions"] = find_suggestions(query, language, limit=5)
        result["sections"] = _sections(site)
    return result


def _sections(site):
    """The home page's sections in the current language, to browse instead."""
    if site is None:
        return []
    home = site.root_page.localized
    return list(publicly_visible(home.get_children()).in_menu())


# --- Suggest API -----------------------------------------------------------


def _bad_request(message):
    return JsonResponse({"message": message}, status=400)


@require_GET
def suggest(request):
    """`/api/search/suggest/?q=Giu&locale=bg` → up to 10 names from the suggestion index,
    each with `context` (an e-service's institution; null for an institution)."""
    raw = request.GET.get("q")
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    language = request.GET.get("locale") or settings.LANGUAGE_CODE
    if language not in codes:
        return _bad_request(
            gettext("%(name)s must be one of %(values)s; got %(value)s")
            % {"name": "locale", "values": ", ".join(codes), "value": repr(language)}
        )
    if raw is None or not raw.strip():
        return _bad_request(gettext("q is required and must not be empty"))
    if len(raw) > MAX_QUERY_LENGTH:
        return _bad_request(
            gettext("q must be at most %(max)s characters; got %(length)s")
            % {"max": MAX_QUERY_LENGTH, "length": len(raw)}
        )
    if has_control_characters(raw):
        return _bad_request(gettext("q must not contain control characters"))
    query = normalise_query(raw)
    if not query_words(query):
        return _bad_request(gettext("q must contain at least one letter or digit"))
    results = find_suggestions(query, language)
    response = JsonResponse(
        {
            "query": query,
            "locale": language,
            "results": [
                {
                    "name": row["name"],
                    "kind": row["source"],
                    "url": row["url"],
                    "locale": row["language_code"],
                    "context": row["context"] or None,
                }
                for row in results
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
    response["Cache-Control"] = "public, max-age=300"
    return response
