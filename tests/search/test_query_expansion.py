"""The query expansion shared by the PostgreSQL and SQLite (make run) backends,
checked as the expression tree it builds (no database needed)."""

import re

from search.backends import expand_query
from search.normalise import bulgarian_prefix, stem_prefix


class Term(str):
    """Stands for a backend lexeme: combines into readable boolean text."""

    def __or__(self, other):
        return Term(f"{self} | {other}")

    def __and__(self, other):
        return Term(f"{self} & {other}")


def term(text, prefix, stem):
    return Term(f"{text}{'*' if prefix else ''}{'~' if stem else ''}")


def group(expression):
    return Term(f"({expression})")


def test_bulgarian_forms_share_a_prefix():
    assert {bulgarian_prefix(word) for word in ("услуга", "услуги", "услугата", "УСЛУГИТЕ")} == {"услуг"}
    assert bulgarian_prefix("община") == "общин"
    assert bulgarian_prefix("Ruse") is None  # Latin script: the snowball stemmers' job
    assert bulgarian_prefix("ден") is None  # too short to cut


def test_latin_word_expands_to_cyrillic_spellings_and_stem():
    svishtov = expand_query("Svishtov", "and", term, group=group)
    assert svishtov.startswith("(svishtov | свищов | свиштов") and svishtov.endswith(")")
    serviciile = expand_query("serviciile", "and", term).split(" | ")
    assert serviciile[0] == "serviciile" and serviciile[-1] == "servic*~"


def test_romanian_and_english_searches_skip_the_cyrillic_spellings():
    for word in ("Svishtov", "Calarasi"):
        alternatives = expand_query(word, "and", term, transliterate=False).split(" | ")
        assert alternatives[0] == word.lower()
        assert not any(re.search("[а-я]", alternative) for alternative in alternatives)
        assert any(
            re.search("[а-я]", alternative) for alternative in expand_query(word, "and", term).split(" | ")
        )


def test_words_are_grouped_and_joined_by_the_operator():
    expanded = expand_query("Ruse permits", "and", term, group=group, prefix_last=True)
    first, second = expanded.split(" & ")
    assert first.startswith("(ruse | русе") and first.endswith(")")
    assert second.startswith("(permits* |") and "permit*~" in second
    assert " | " in expand_query("Ruse permits", "or", term, group=group).split(") | (")[0]
    assert expand_query("  ,;  ", "and", term) is None


def test_each_stemmer_adds_its_prefix_once():
    expanded = expand_query("услугата", "and", term, stemmers=(stem_prefix, bulgarian_prefix))
    assert expanded == "услугата | услуг*~"
    assert expand_query("услугата", "and", term) == "услугата"  # PostgreSQL: hunspell does it
