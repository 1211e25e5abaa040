"""The SQLite (FTS5) side of search.backends, for `make run`: the same query
expansion as on PostgreSQL. Imported only on SQLite (modelsearch's SQLite
module needs a model that exists only there)."""

from modelsearch.backends.database.sqlite.query import (
    Lexeme,
    LexemeCombinable,
    SearchQueryExpression,
    SearchQueryField,
)
from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchQueryCompiler
from modelsearch.query import PlainText

from .backends import expand_query
from .normalise import bulgarian_prefix, stem_prefix

__all__ = ["NormalisingSQLiteSearchBackend"]


class Group(LexemeCombinable):
    """Parentheses around an FTS5 sub-expression: modelsearch joins lexemes with
    bare AND/OR, and FTS5 binds AND tighter than OR."""

    def __init__(self, inner):
        super().__init__(output_field=SearchQueryField())
        self.inner = inner

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.inner)
        return "%s", [f"({sql % tuple(params)})"]


def _term(text, prefix, stem):
    # FTS5's unicode61 tokenizer folds case and diacritics on both sides; it has no stemmer.
    return Lexeme(text, prefix=prefix)


class NormalisingSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    """Expands plain-text queries for FTS5; the rest is modelsearch's."""

    def build_search_query_content(self, query, config=None):
        if isinstance(query, PlainText):
            expanded = expand_query(
                query.query_string,
                query.operator,
                _term,
                group=Group,
                prefix_last=self.LAST_TERM_IS_PREFIX,
                stemmers=(stem_prefix, bulgarian_prefix),  # no Bulgarian dictionary here
                transliterate=getattr(query, "transliterate", True),
            )
            return None if expanded is None else SearchQueryExpression(expanded, config=config)
        return super().build_search_query_content(query, config=config)


class NormalisingSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = NormalisingSQLiteQueryCompiler
