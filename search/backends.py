"""Wagtail's database search backend, with the way people really type.

Set as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends". On
PostgreSQL it is modelsearch's backend with a query compiler that expands each
typed word before it reaches `to_tsquery`: the word itself (the `egovernet`
configuration folds diacritics and stems it), its Cyrillic spellings when it
is Latin (Bulgarian transliteration), and a prefix shared by its inflected
forms. Everything that searches through Wagtail (the HTML view, API v2
`?search=`, the admin) gets the same behaviour. Elsewhere (SQLite for
`make run`) modelsearch's own database backend is used unchanged."""

from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from .normalise import query_words, stem_prefix, word_alternatives

__all__ = ["NormalisingPostgresSearchBackend", "SearchBackend"]


def _expanded_tsquery(query_string, operator, config, prefix_last=False):
    """(word₁ alternatives) AND/OR (word₂ alternatives) …, or None for no words."""
    words = query_words(query_string)
    if not words:
        return None
    parts = []
    for position, word in enumerate(words):
        is_last = position == len(words) - 1
        alternatives = [
            SearchQuery(Lexeme(alternative, prefix=prefix_last and is_last), search_type="raw", config=config)
            for alternative in word_alternatives(word)
        ]
        prefix = stem_prefix(word)
        if prefix:
            # 'simple' keeps the prefix as typed: it is already folded and stemmed.
            alternatives.append(SearchQuery(Lexeme(prefix, prefix=True), search_type="raw", config="simple"))
        parts.append(reduce(lambda a, b: a | b, alternatives))
    if operator == "or":
        return reduce(lambda a, b: a | b, parts)
    return reduce(lambda a, b: a & b, parts)


def SearchBackend(params):  # noqa: N802 - the factory name modelsearch looks up
    """The backend for the current database: ours on PostgreSQL, modelsearch's elsewhere."""
    if connection.vendor == "postgresql":
        return NormalisingPostgresSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    return DatabaseSearchBackend(params)


class NormalisingQueryCompiler(PostgresSearchQueryCompiler):
    """Expands plain-text queries (see the module docstring); phrases, negations
    and the rest are modelsearch's."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText) and not invert:
            return _expanded_tsquery(
                query.query_string, query.operator, config, prefix_last=self.LAST_TERM_IS_PREFIX
            )
        return super().build_tsquery_content(query, config=config, invert=invert)


class NormalisingPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = NormalisingQueryCompiler
