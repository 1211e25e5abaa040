"""Indexes on PostgreSQL (no-op elsewhere):

- a trigram index on the suggestion index: word-prefix lookups (`keys LIKE
  '% giu%'`) and word similarity (`'oltenitza' <% keys`); skipped with a
  warning where pg_trgm is missing;
- a GIN index on Wagtail's search index for the expression its query filters
  on, `(title || body) @@ query`: Wagtail only indexes the two columns apart,
  so without it every search reads the whole index."""

import logging

from django.db import migrations

logger = logging.getLogger("search")


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS search_indexentry_title_body_gin "
            "ON wagtailsearch_indexentry USING gin ((title || body))"
        )
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            logger.warning("Search: pg_trgm is missing; suggestions are answered without a trigram index.")
            return
        cursor.execute(
            "CREATE INDEX IF NOT EXISTS search_sugg_keys_trgm ON search_suggestionentry USING gin (keys gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("DROP INDEX IF EXISTS search_sugg_keys_trgm")
        cursor.execute("DROP INDEX IF EXISTS search_indexentry_title_body_gin")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_suggestion_entry"), ("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_indexes, drop_indexes, elidable=False)]
