"""Wagtail's database search backend, with the way people really type.

Set as WAGTAILSEARCH_BACKENDS["default"]["BACKEND"] = "search.backends". On
PostgreSQL it is modelsearch's backend with a query compiler that expands each
typed word before it reaches `to_tsquery`: the word itself (the `egovernet`
configuration folds diacritics and stems it), its Cyrillic spellings when it
is Latin (Bulgarian transliteration), and a prefix shared by its inflected
forms. Everything that searches through Wagtail (the HTML view, API v2
`?search=`, the admin) gets the same behaviour.

On SQLite (`make run`) modelsearch's FTS5 backend is used with the same
expansion: FTS5's unicode61 tokenizer already folds case and diacritics, and
has no stemmer, so the stem prefix does the work of inflected forms. Other
databases get modelsearch's fallback unchanged."""

from functools import reduce

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler
from modelsearch.backends.database.postgres.query import Lexeme
from modelsearch.query import PlainText

from .normalise import query_words, stem_prefix, word_alternatives

__all__ = ["LanguageAwarePlainText", "NormalisingPostgresSearchBackend", "SearchBackend", "expand_query"]


class LanguageAwarePlainText(PlainText):
    """Plain text that says whether Bulgarian content is searched: only then are
    Latin words also looked up in their Cyrillic spellings (`Calarasi` needs 16
    of them, and Romanian or English text has none). A plain string searches
    as if it were (API `?search=`, the admin)."""

    def __init__(self, query_string, transliterate=True, operator=PlainText.DEFAULT_OPERATOR):
        super().__init__(query_string, operator=operator)
        self.transliterate = transliterate


def expand_query(
    query_string, operator, term, group=None, prefix_last=False, stemmers=(stem_prefix,), transliterate=True
):
    """(word₁ alternatives) AND/OR (word₂ alternatives) …, or None for no words.

    `term(text, prefix, stem)` makes one backend expression: a typed word or one
    of its Cyrillic spellings (stem=False), or a stem prefix (stem=True, always a
    prefix). `group` wraps each word's alternatives where the backend needs it;
    `stemmers` give the stem prefixes of a word (None when they have none)."""
    words = query_words(query_string)
    if not words:
        return None
    parts = []
    for position, word in enumerate(words):
        is_last = position == len(words) - 1
        alternatives = [
            term(alternative, prefix_last and is_last, False)
            for alternative in word_alternatives(word, transliterate=transliterate)
        ]
        for prefix in dict.fromkeys(stemmer(word) for stemmer in stemmers):
            if prefix:
                alternatives.append(term(prefix, True, True))
        combined = reduce(lambda a, b: a | b, alternatives)
        parts.append(group(combined) if group else combined)
    if operator == "or":
        return reduce(lambda a, b: a | b, parts)
    return reduce(lambda a, b: a & b, parts)


def _expanded_tsquery(query, config, prefix_last=False):
    def term(text, prefix, stem):
        # 'simple' keeps a stem prefix as it is: it is already folded and stemmed.
        return SearchQuery(
            Lexeme(text, prefix=prefix), search_type="raw", config="simple" if stem else config
        )

    return expand_query(
        query.query_string,
        query.operator,
        term,
        prefix_last=prefix_last,
        transliterate=getattr(query, "transliterate", True),
    )


def SearchBackend(params):  # noqa: N802 - the factory name modelsearch looks up
    """The backend for the current database: ours on PostgreSQL and SQLite (FTS5),
    modelsearch's elsewhere."""
    if connection.vendor == "postgresql":
        return NormalisingPostgresSearchBackend(params)
    from modelsearch.backends.database import SearchBackend as DatabaseSearchBackend

    backend = DatabaseSearchBackend(params)
    if connection.vendor == "sqlite" and type(backend).__name__ == "SQLiteSearchBackend":
        # Imported only here: modelsearch's SQLite module needs its FTS model, which exists only on SQLite.
        from .sqlite import NormalisingSQLiteSearchBackend

        return NormalisingSQLiteSearchBackend(params)
    return backend


class NormalisingQueryCompiler(PostgresSearchQueryCompiler):
    """Expands plain-text queries (see the module docstring); phrases, negations
    and the rest are modelsearch's."""

    def build_tsquery_content(self, query, config=None, invert=False):
        if isinstance(query, PlainText) and not invert:
            return _expanded_tsquery(query, config, prefix_last=self.LAST_TERM_IS_PREFIX)
        return super().build_tsquery_content(query, config=config, invert=invert)


class NormalisingPostgresSearchBackend(PostgresSearchBackend):
    query_compiler_class = NormalisingQueryCompiler
