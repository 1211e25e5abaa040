"""The suggestion prefixes stem with PyStemmer (snowballstemmer's C back end, for
memory and speed), which must give the stems of snowballstemmer's own Python
stemmers, so that prefixes stored before the switch still match."""

import re

from snowballstemmer.english_stemmer import EnglishStemmer
from snowballstemmer.romanian_stemmer import RomanianStemmer

from search import normalise
from search.normalise import fold


def _words(field):
    """Romanian (msgstr) or English (msgid) words of the Romanian catalogue, folded as
    the normaliser folds them."""
    from pathlib import Path

    import polib

    root = Path(__file__).resolve().parents[2]
    words = set()
    for entry in polib.pofile(str(root / "locale" / "ro" / "LC_MESSAGES" / "django.po")):
        words.update(word.lower() for word in re.findall(r"\w+", getattr(entry, field)))
    return sorted(fold(word) for word in words if word.isalpha())


def test_the_stemmers_are_the_c_build():
    assert {type(stemmer).__module__ for stemmer in normalise._STEMMERS.values()} == {"Stemmer"}


def test_the_c_build_gives_the_python_stems():
    for code, field, python_stemmer in (
        ("ro", "msgstr", RomanianStemmer()),
        ("en", "msgid", EnglishStemmer()),
    ):
        words = _words(field)
        assert len(words) > 500
        stemmer = normalise._STEMMERS[code]
        assert [stemmer.stemWord(word) for word in words] == [python_stemmer.stemWord(word) for word in words]
