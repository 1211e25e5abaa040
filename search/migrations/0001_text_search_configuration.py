"""The `egovernet` PostgreSQL text-search configuration used by the search index.

Words go through, in order: the Bulgarian hunspell dictionary (claims the
Bulgarian words it knows and returns their lemma: услугата → услуга), then
unaccent (Călărași/Călăraşi → Calarasi), then the Romanian snowball stemmer
(servicii, serviciile → servic). The Romanian hunspell dictionary was measured
and not used: it returns serviciu/servicii/serviciile unchanged. English words
share the Romanian stemmer; the query side adds English stems (search.normalise).

Where the Bulgarian dictionary files are missing (hunspell-bg not installed, or
the server is elsewhere), the configuration is built without it and a warning
is logged; where unaccent is missing, without it. Never a crash. No-op on
databases other than PostgreSQL."""

import logging

from django.db import migrations

logger = logging.getLogger("search")

CONFIG = "egovernet"
BG_DICTIONARY = "egovernet_bg_hunspell"
TOKEN_TYPES = "asciiword, word, hword, hword_part, hword_asciipart, asciihword"


def _try(cursor, sql, what):
    """Run one statement in a savepoint; log a warning and return False if it fails."""
    cursor.execute("SAVEPOINT egovernet_search")
    try:
        cursor.execute(sql)
    except Exception as error:  # noqa: BLE001 - any database error means "not available"
        cursor.execute("ROLLBACK TO SAVEPOINT egovernet_search")
        logger.warning("Search: %s is not available (%s); falling back.", what, str(error).strip().splitlines()[0])
        return False
    cursor.execute("RELEASE SAVEPOINT egovernet_search")
    return True


def build_configuration(cursor, config=CONFIG, bg_dictionary=BG_DICTIONARY, bg_file="bg_bg"):
    """Create (or re-create) the configuration; returns the dictionaries it chains."""
    has_unaccent = _try(cursor, "CREATE EXTENSION IF NOT EXISTS unaccent", "the unaccent extension")
    _try(cursor, "CREATE EXTENSION IF NOT EXISTS pg_trgm", "the pg_trgm extension")
    cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {config}")
    cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {bg_dictionary}")
    has_bg = _try(
        cursor,
        f"CREATE TEXT SEARCH DICTIONARY {bg_dictionary} (TEMPLATE = ispell, DictFile = {bg_file}, AffFile = {bg_file})",
        f"the Bulgarian hunspell dictionary ({bg_file}.dict/.affix; apt-get install hunspell-bg, then pg_updatedicts)",
    )
    cursor.execute(f"CREATE TEXT SEARCH CONFIGURATION {config} (COPY = simple)")
    chain = [bg_dictionary] if has_bg else []
    if has_unaccent:
        chain.append("unaccent")
    chain.append("romanian_stem")
    cursor.execute(f"ALTER TEXT SEARCH CONFIGURATION {config} ALTER MAPPING FOR {TOKEN_TYPES} WITH {', '.join(chain)}")
    if not has_bg:
        logger.warning("Search: Bulgarian words are matched without stemming (simple configuration + unaccent).")
    return chain


def create_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        build_configuration(cursor)


def drop_configuration(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {CONFIG}")
        cursor.execute(f"DROP TEXT SEARCH DICTIONARY IF EXISTS {BG_DICTIONARY}")


class Migration(migrations.Migration):
    initial = True
    dependencies = []
    run_before = [("home", "0002_initial_site")]

    operations = [migrations.RunPython(create_configuration, drop_configuration, elidable=False)]
