"""What the gettext catalogues say, for tests: every English source string the
admin can show (read from the `en` catalogues Wagtail, wagtail-localize and
wagtail-modeladmin ship, and from our own catalogue – never a hand-written
list), whether Django's merged catalogue for a language translates it, whether
the translation keeps its placeholders, and which English source strings a text
(an email, say) still contains, and which texts (a screen's, an email's lines)
are, whole, a source string the language has no translation for.

Shared by tests/cms/test_catalogues.py, the email tests and the browser
journeys' harness (tests/browser/admin.py)."""

import functools
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import polib
from django.conf import settings
from django.utils.translation import trans_real

SOURCE_PACKAGES = ("wagtail", "wagtail_localize", "wagtail_modeladmin")
# Our own catalogue: every msgid lives in the bg and the ro file.
OWN_CATALOGUE = Path(settings.LOCALE_PATHS[0])

# %(name)s, %s, %d, {name}, {0}, {} – and HTML tags, which must come through unchanged.
PLACEHOLDER = re.compile(r"%\([^)]+\)[sdif]|%[sdif]|\{[A-Za-z0-9_]*\}|</?[A-Za-z][^>]*>")
# Enough of its own to be told apart from a name or a number ("%(title)s", "PDF", "URL").
WORD = re.compile(r"[A-Za-z]{3,}")


@dataclass(frozen=True)
class Message:
    domain: str  # "django" or "djangojs"
    msgctxt: str | None
    msgid: str
    msgid_plural: str | None
    origin: str  # the catalogue it comes from

    @property
    def key(self):
        key = f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt else self.msgid
        return (key, 0) if self.msgid_plural else key


def _package_catalogues():
    for package in SOURCE_PACKAGES:
        root = Path(importlib.util.find_spec(package).origin).parent
        yield from sorted(root.glob("**/locale/en/LC_MESSAGES/*.po"))


@functools.cache
def source_messages():
    """Every source string, once per (domain, context, msgid)."""
    seen = {}
    paths = [*_package_catalogues(), *sorted(OWN_CATALOGUE.glob("*/LC_MESSAGES/*.po"))]
    for path in paths:
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgid:
                continue
            message = Message(
                path.stem, entry.msgctxt or None, entry.msgid, entry.msgid_plural or None, str(path)
            )
            seen.setdefault((message.domain, message.msgctxt, message.msgid), message)
    return tuple(seen.values())


@functools.cache
def catalog(language, domain, localedir=None):
    """Django's merged catalogue without the fallback language: for "django",
    LOCALE_PATHS then every installed app; for "djangojs", what a
    JavaScriptCatalog(packages=[…]) serves: LOCALE_PATHS then that package's
    own locale directory."""
    if domain == "django":
        return trans_real.translation(language)._catalog
    localedirs = [localedir] if localedir else []
    return trans_real.DjangoTranslation(language, domain=domain, localedirs=localedirs)._catalog


def catalog_of(message, language):
    """The catalogue `message` is looked up in: a JavaScript string in the one
    its package's JavaScript catalogue view serves."""
    if message.domain == "django" or message.origin.startswith(str(OWN_CATALOGUE)):
        return catalog(language, message.domain)
    return catalog(language, message.domain, str(Path(message.origin).parents[2]))


def translations_of(message, language):
    """The translated forms of `message` in `language` ([] when untranslated)."""
    cat = catalog_of(message, language)
    if message.msgid_plural:
        key = message.key[0]
        forms = []
        while (key, len(forms)) in cat:
            forms.append(cat[(key, len(forms))])
        return forms if all(forms) else []
    value = cat.get(message.key)
    return [value] if value else []


def untranslated(language):
    return [message for message in source_messages() if not translations_of(message, language)]


def placeholders(text):
    """The placeholders and tags of `text`, and whether it starts/ends with whitespace."""
    return Counter(PLACEHOLDER.findall(text)), text[:1].isspace(), text[-1:].isspace()


def placeholder_mismatches(language):
    """(message, translated form) pairs whose placeholders, tags or surrounding
    whitespace differ from the source. A plural's first form may use either the
    singular's placeholders or the plural's ("One item" → "%(count)s елемент")."""
    problems = []
    for message in source_messages():
        forms = translations_of(message, language)
        for index, form in enumerate(forms):
            if message.msgid_plural is None:
                allowed = [placeholders(message.msgid)]
            elif index == 0:
                allowed = [placeholders(message.msgid), placeholders(message.msgid_plural)]
            else:
                allowed = [placeholders(message.msgid_plural)]
            if placeholders(form) not in allowed:
                problems.append((message, form))
    return problems


@functools.cache
def _english_pattern(language):
    """One regex matching any source string whose translation into `language`
    differs from it, as whole words (placeholders match any text)."""
    alternatives = set()
    for message in source_messages():
        forms = translations_of(message, language)
        for english in filter(None, (message.msgid, message.msgid_plural)):
            if english in forms:  # the same in both languages ("OK", "PDF")
                continue
            parts = [" ".join(part.split()) for part in PLACEHOLDER.split(english)]
            if not any(WORD.search(part) for part in parts):
                continue
            alternatives.add(r".+?".join(r"\s+".join(map(re.escape, part.split())) for part in parts if part))
    ordered = sorted(alternatives, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(ordered) + r")(?!\w)")


URL = re.compile(r"\b(?:https?://|mailto:)\S+|\S+@\S+")


def english_in_text(text, language):
    """The English source strings (untranslated into `language`, or simply not
    translated because the text was rendered in another language) found in
    `text`; URLs and email addresses are not read."""
    text = URL.sub(" ", text)
    return sorted({" ".join(match.group(0).split()) for match in _english_pattern(language).finditer(text)})


# --- Whole texts that are source strings without a translation --------------------
# The journeys' screens (tests/browser/admin.py) and the workflow emails: a text
# counts when it is, as a whole, a source string `language` does not translate.

TAG = re.compile(r"<[^>]+>")
# Too little of their own to tell English from a name or a number ("%(title)s", "PDF").
LETTERS = re.compile(r"[A-Za-z]{2,}")


def normalise(text):
    return " ".join(text.split()).casefold()


def _literal(text):
    """A regex for the literal text between placeholders; its spaces (at its
    ends too) stand for any whitespace, so " at " only matches a word."""
    return "".join(
        r"\s+" if chunk.isspace() else re.escape(chunk) for chunk in re.split(r"(\s+)", text) if chunk
    )


@functools.cache
def untranslated_matchers(language):
    """(set of plain texts, normalised; one regex for texts with placeholders, or
    None) of the source strings that `language` has no translation for."""
    plain, patterns = set(), []
    for message in source_messages():
        if translations_of(message, language):
            continue
        for text in filter(None, (message.msgid, message.msgid_plural)):
            text = TAG.sub("", text)
            if not LETTERS.search(PLACEHOLDER.sub("", text)):
                continue
            parts = PLACEHOLDER.split(text)
            if len(parts) == 1:
                plain.add(normalise(text))
            else:
                patterns.append(".+?".join(_literal(part) for part in parts))
    regex = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE) if patterns else None
    return frozenset(plain), regex


def untranslated_texts(texts, language, ignore=()):
    """Those of `texts` that are, whole, English source strings without a
    translation into `language` (whitespace collapsed; sorted, no duplicates)."""
    plain, regex = untranslated_matchers(language)
    ignored = {normalise(text) for text in ignore}
    found = set()
    for text in texts:
        text = " ".join(text.split())
        if not text or text.casefold() in ignored:
            continue
        if text.casefold() in plain or (regex is not None and regex.fullmatch(text)):
            found.add(text)
    return sorted(found)


def email_lines(message):
    """An email's subject and body lines, its links and addresses left out."""
    return [URL.sub(" ", line) for line in f"{message.subject}\n{message.body}".splitlines()]
