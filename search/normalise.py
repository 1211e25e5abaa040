"""How visitors really type: without diacritics, with the old cedilla letters,
Bulgarian names in Latin script, inflected forms.

Pure Python, used on queries (HTML view, API, the search backend) and on the
texts of the suggestion index, so both sides are compared in the same form.
PostgreSQL's `egovernet` text-search configuration (unaccent + dictionaries)
does the equivalent on indexed page text."""

import itertools
import re
import unicodedata

import snowballstemmer

__all__ = [
    "MAX_QUERY_LENGTH",
    "MIN_QUERY_LENGTH",
    "bulgarian_prefix",
    "cyrillic_to_latin",
    "fold",
    "has_control_characters",
    "latin_to_cyrillic_variants",
    "normalise_query",
    "query_words",
    "stem_prefix",
    "word_alternatives",
]

MIN_QUERY_LENGTH = 2
MAX_QUERY_LENGTH = 100

# Romanian letters with cedilla (legacy encodings) → with comma below (correct).
CEDILLA_TO_COMMA = str.maketrans({"ş": "ș", "Ş": "Ș", "ţ": "ț", "Ţ": "Ț"})

# Official Bulgarian transliteration (Закон за транслитерацията, чл. 3, ал. 1).
BG_TO_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p",
    "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "h", "ц": "ts", "ч": "ch",
    "ш": "sh", "щ": "sht", "ъ": "a", "ь": "y", "ю": "yu", "я": "ya",
}  # fmt: skip

# The law read backwards. Latin → Cyrillic is ambiguous (a = а or ъ, y = й or ь,
# ts = ц or тс, sht = щ or шт), so each spelling yields every candidate; the
# first is the most likely. Longest Latin sequences are tried first.
LATIN_TO_BG = [
    ("sht", ("щ", "шт")),
    ("zh", ("ж",)),
    ("ts", ("ц", "тс")),
    ("ch", ("ч",)),
    ("sh", ("ш",)),
    ("yu", ("ю",)),
    ("ya", ("я",)),
    ("a", ("а", "ъ")),
    ("b", ("б",)),
    ("v", ("в",)),
    ("g", ("г",)),
    ("d", ("д",)),
    ("e", ("е",)),
    ("z", ("з",)),
    ("i", ("и",)),
    ("y", ("й", "ь")),
    ("k", ("к",)),
    ("l", ("л",)),
    ("m", ("м",)),
    ("n", ("н",)),
    ("o", ("о",)),
    ("p", ("п",)),
    ("r", ("р",)),
    ("s", ("с",)),
    ("t", ("т",)),
    ("u", ("у",)),
    ("f", ("ф",)),
    ("h", ("х",)),
    # Not in the law but typed by visitors.
    ("c", ("ц", "к")),
    ("j", ("ж", "й")),
    ("w", ("в",)),
    ("x", ("кс",)),
    ("q", ("к",)),
]
MAX_VARIANTS = 16

_WORD_RE = re.compile(r"\w+", re.UNICODE)
_CYRILLIC_RE = re.compile(r"[\u0400-\u04FF]")
_LATIN_WORD_RE = re.compile(r"^[a-z]+$")
_VOWELS = "aeiouy"
_STEMMERS = {code: snowballstemmer.stemmer(name) for code, name in (("ro", "romanian"), ("en", "english"))}


def has_control_characters(text):
    """True when the text holds control or format characters (NUL, escapes, bidi overrides…)."""
    return any(unicodedata.category(char) in ("Cc", "Cf") for char in text)


def normalise_query(text):
    """The query as the visitor meant it: NFC, comma-below letters, single spaces,
    no control characters, at most MAX_QUERY_LENGTH characters."""
    text = unicodedata.normalize("NFC", text or "").translate(CEDILLA_TO_COMMA)
    text = "".join(" " if unicodedata.category(char) in ("Cc", "Cf") else char for char in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def fold(text):
    """Lower case without diacritics (ă â î ș ț ş ţ → a a i s t s t, ё → е), keeping
    Cyrillic letters Cyrillic (й stays й): the form used for matching."""
    text = unicodedata.normalize("NFC", text).translate(CEDILLA_TO_COMMA).lower()
    out = []
    for char in text:
        if char in "йЙ":
            out.append("й")
            continue
        decomposed = unicodedata.normalize("NFD", char)
        out.append("".join(c for c in decomposed if not unicodedata.combining(c)))
    return "".join(out)


def query_words(text):
    """The words of a query, folded (punctuation dropped)."""
    return _WORD_RE.findall(fold(text))


def cyrillic_to_latin(text):
    """Bulgarian Cyrillic → Latin by the official transliteration (ия at a word's end → ia)."""
    text = fold(text)
    text = re.sub(r"ия\b", "ia", text)
    return "".join(BG_TO_LATIN.get(char, char) for char in text)


def latin_to_cyrillic_variants(word):
    """Cyrillic spellings a Latin-script Bulgarian word may stand for, most likely first.

    `tarnovo` → [тарново, търново, …]; [] for words that are not plain Latin letters."""
    word = fold(word)
    if not _LATIN_WORD_RE.match(word):
        return []
    pieces = []
    position = 0
    while position < len(word):
        if word.endswith("ia") and position == len(word) - 2:
            pieces.append(("ия", "иа"))
            break
        for latin, cyrillic in LATIN_TO_BG:
            if word.startswith(latin, position):
                pieces.append(cyrillic)
                position += len(latin)
                break
        else:  # pragma: no cover - every a-z letter is in the table
            return []
    return [
        "".join(combination) for combination in itertools.islice(itertools.product(*pieces), MAX_VARIANTS)
    ]


def stem_prefix(word, minimum=5):
    """A prefix shared by the inflected forms of a Latin-script word, or None.

    Snowball stems (Romanian, English) with trailing vowels removed: `serviciu`,
    `servicii`, `serviciile` → `servic`; `permits` → `permit`. Too short a
    prefix would match unrelated words, so below `minimum` letters there is none."""
    word = fold(word)
    if _CYRILLIC_RE.search(word) or not word.isalpha():
        return None
    stems = [stemmer.stemWord(word) for stemmer in _STEMMERS.values()]
    prefix = min(stems, key=len)
    while len(prefix) > minimum and prefix[-1] in _VOWELS:
        prefix = prefix[:-1]
    if len(prefix) < minimum:
        return None
    return prefix


# Bulgarian endings of the definite article and the plural, longest first.
BG_ENDINGS = ("овете", "ищата", "ията", "ите", "ата", "ята", "ото", "ето", "ове", "еве", "ът", "ят", "та", "то",
              "те", "и", "а", "я", "о", "е", "ъ")  # fmt: skip


def bulgarian_prefix(word, minimum=4):
    """A prefix shared by a Bulgarian noun's forms (`услуга`, `услуги`, `услугата` →
    `услуг`), or None. Only for backends without a Bulgarian dictionary (SQLite):
    on PostgreSQL hunspell reduces the forms to their lemma."""
    word = fold(word)
    if not _CYRILLIC_RE.search(word) or not word.isalpha():
        return None
    for ending in BG_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= minimum:
            return word[: -len(ending)]
    return None


def word_alternatives(word, transliterate=True):
    """What one typed word may stand for: itself, its Cyrillic spellings (Latin words,
    when Bulgarian content is searched) — the backend ORs them."""
    word = fold(word)
    alternatives = [word]
    if transliterate:
        for variant in latin_to_cyrillic_variants(word):
            if variant not in alternatives:
                alternatives.append(variant)
    return alternatives
