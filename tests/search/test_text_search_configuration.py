"""The `egovernet` configuration the migration builds, and its fallback without the
Bulgarian dictionary (a logged warning, never a crash)."""

import importlib
import logging

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

migration = importlib.import_module("search.migrations.0001_text_search_configuration")


def _lexemes(config, text):
    with connection.cursor() as cursor:
        cursor.execute("SELECT to_tsvector(%s::regconfig, %s)::text", [config, text])
        return cursor.fetchone()[0]


def test_configuration_stems_bulgarian_and_folds_romanian():
    assert _lexemes("egovernet", "услугата") == "'услуга':1"
    assert _lexemes("egovernet", "Călăraşi") == _lexemes("egovernet", "Calarasi")
    assert _lexemes("egovernet", "serviciile") == _lexemes("egovernet", "servicii")


def test_missing_bulgarian_dictionary_falls_back_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="search"), connection.cursor() as cursor:
        chain = migration.build_configuration(
            cursor,
            config="egovernet_fallback_test",
            bg_dictionary="egovernet_missing_bg",
            bg_file="no_such_dictionary",
        )
    assert chain == ["unaccent", "romanian_stem"]
    assert "Bulgarian hunspell dictionary" in caplog.text
    assert _lexemes("egovernet_fallback_test", "Русе Călărași") == "'calaras':2 'русе':1"
