"""Search benchmark: a synthetic corpus in the proportions of the issue
(30,000 news + 5,000 institutions + 20,000 e-services across bg/ro/en) as
StandardPages, the suggestion index for the institution and e-service names,
then p50/p95 of 20 representative queries through the HTML results page and
the suggest endpoint (in-process Django test client, warm caches).

    python -m tests.services -- python bench/search/run.py [--scale 1.0]

Needs PostgreSQL (DATABASE_URL); migrates and loads the demo first."""

import argparse
import json
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.test")
os.environ.setdefault("ALLOWED_HOSTS", "*")
# Persistent connections, as in production: a new connection reloads the
# hunspell dictionary (~250 ms) on its first text-search query.
os.environ.setdefault("DATABASE_CONN_MAX_AGE", "600")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from wagtail.models import Locale, Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from home.models import HomePage, StandardPage  # noqa: E402
from search.models import SuggestionEntry  # noqa: E402
from search.normalise import cyrillic_to_latin, fold  # noqa: E402
from search.suggestions import _keys  # noqa: E402

PLACES = {
    "bg": [
        "Русе",
        "Велико Търново",
        "Свищов",
        "Видин",
        "Плевен",
        "Силистра",
        "Добрич",
        "Гюргево",
        "Кълъраш",
        "Констанца",
    ],
    "ro": [
        "Ruse",
        "Veliko Tărnovo",
        "Sviștov",
        "Vidin",
        "Călărași",
        "Giurgiu",
        "Constanța",
        "Mehedinți",
        "Olt",
        "Dolj",
    ],
    "en": [
        "Ruse",
        "Veliko Tarnovo",
        "Svishtov",
        "Vidin",
        "Calarasi",
        "Giurgiu",
        "Constanta",
        "Pleven",
        "Silistra",
        "Dobrich",
    ],
}
WORDS = {
    "bg": ["услуга", "услуги", "услугата", "община", "областна", "администрация", "разрешение", "данък", "регистрация",
           "сътрудничество", "споразумение", "граждани", "бизнес", "проект", "мрежа", "новини", "документи"],
    "ro": ["serviciu", "servicii", "serviciile", "primăria", "consiliul", "județean", "autorizație", "taxe", "înregistrare",
           "cooperare", "acord", "cetățeni", "afaceri", "proiect", "rețea", "știri", "documente"],
    "en": ["service", "services", "municipality", "district", "administration", "permit", "permits", "tax", "registration",
           "cooperation", "agreement", "citizens", "business", "project", "network", "news", "documents"],
}  # fmt: skip
KINDS = [("news", 30000), ("institution", 5000), ("eservice", 20000)]
QUERIES = [
    ("bg", "Русе"), ("bg", "Ruse"), ("bg", "Veliko Tarnovo"), ("bg", "Svishtov"), ("bg", "услугата"),
    ("bg", "разрешение за строеж"), ("bg", "споразумение Гюргево"), ("ro", "Calarasi"), ("ro", "Călăraşi"),
    ("ro", "serviciile"), ("ro", "autorizatie"), ("ro", "consiliul judetean Giurgiu"), ("ro", "cooperare"),
    ("en", "permits"), ("en", "municipality services"), ("en", "Giurgiu"), ("en", "tax registration"),
    ("en", "Calarasi network"), ("ro", "Vidin"), ("bg", "данък"),
]  # fmt: skip
SUGGEST = [
    ("bg", "Giu"), ("bg", "Рус"), ("bg", "Sv"), ("ro", "Cal"), ("ro", "Călăr"), ("ro", "Гюр"), ("en", "Vel"),
    ("en", "dob"), ("bg", "Veliko"), ("ro", "consiliul"), ("en", "Silis"), ("bg", "общ"), ("ro", "prim"),
    ("en", "municipality r"), ("bg", "Кълъ"), ("ro", "Mehedinti"), ("en", "plev"), ("bg", "Dobrich"),
    ("ro", "serv"), ("en", "Const"),
]  # fmt: skip


SYLLABLES = {
    "bg": ["ба", "ве", "ги", "до", "жу", "за", "ки", "ло", "ма", "не", "по", "ра", "су", "то", "фи", "хо", "це", "чу", "шо"],
    "ro": ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ră", "si", "ța", "tu", "va", "zi", "ște", "câ", "în"],
    "en": ["ba", "ce", "di", "fo", "gu", "la", "me", "ni", "po", "ra", "si", "ta", "tu", "va", "zi", "ter", "ing", "ly"],
}  # fmt: skip
FILLER_SHARE = 0.95  # most words of a text are not query words, as in real content


def _vocabulary(language, size=4000):
    rng = random.Random(language)
    return ["".join(rng.choice(SYLLABLES[language]) for _ in range(rng.randint(2, 4))) for _ in range(size)]


VOCABULARY = {language: _vocabulary(language) for language in SYLLABLES}


def text(rng, language, length, filler=FILLER_SHARE):
    meaningful = WORDS[language] + PLACES[language]
    return " ".join(
        rng.choice(VOCABULARY[language]) if rng.random() < filler else rng.choice(meaningful)
        for _ in range(length)
    ).capitalize()


def _body(paragraph):
    return json.dumps([{"type": "paragraph", "value": f"<p>{paragraph}</p>", "id": str(uuid.uuid4())}])


def seed(scale):
    rng = random.Random(42)
    ct = ContentType.objects.get_for_model(StandardPage)
    backend = get_search_backend()
    index = backend.get_index_for_model(StandardPage)
    homes = {home.locale.language_code: home for home in HomePage.objects.select_related("locale")}
    locales = {code: Locale.objects.get(language_code=code) for code in homes}
    positions = {}
    for code, home in homes.items():
        last = home.get_last_child()
        positions[code] = Page._str2int(last.path[-Page.steplen :]) if last else 0
    created = 0
    for kind, total in KINDS:
        count = int(total * scale)
        for start in range(0, count, 1000):
            batch = []
            with transaction.atomic():
                for number in range(start, min(count, start + 1000)):
                    language = ("bg", "ro", "en")[number % 3]
                    home = homes[language]
                    home.numchild += 1
                    positions[language] += 1
                    path = Page._get_path(home.path, home.depth + 1, positions[language])
                    title = f"{text(rng, language, 4, filler=0.5)} {kind} {number}"
                    slug = f"{kind}-{number}"
                    batch.append(
                        Page(
                            title=title, draft_title=title, slug=slug, content_type=ct, path=path, depth=home.depth + 1,
                            numchild=0, locale=locales[language], live=True, has_unpublished_changes=False,
                            url_path=f"{home.url_path}{slug}/", translation_key=uuid.uuid4(),
                        )
                    )  # fmt: skip
                pages = Page.objects.bulk_create(batch)
                with connection.cursor() as cursor:
                    cursor.executemany(
                        "INSERT INTO home_standardpage (page_ptr_id, intro, social_text, body) VALUES (%s, %s, '', %s)",
                        [
                            (p.pk, text(rng, p.locale.language_code, 25),
                             _body(text(rng, p.locale.language_code, 80)))
                            for p in pages
                        ],
                    )  # fmt: skip
                for home in homes.values():
                    HomePage.objects.filter(pk=home.pk).update(numchild=home.numchild)
                index.add_items(StandardPage, list(StandardPage.objects.filter(pk__in=[p.pk for p in pages])))
                if kind != "news":
                    SuggestionEntry.objects.bulk_create(
                        SuggestionEntry(
                            source=kind, page_id=p.pk, language_code=p.locale.language_code, name=p.title,
                            name_folded=fold(p.title), keys=_keys([p.title, cyrillic_to_latin(p.title)]), url=p.url_path,
                        )
                        for p in pages
                    )  # fmt: skip
            created += len(pages)
            print(f"  {kind}: {min(count, start + 1000)}/{count}", end="\r", flush=True)
        print()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return created


def measure(client, urls, rounds):
    timings = []
    for url in urls:
        client.get(url)  # warm
    for _ in range(rounds):
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.95) - 1], len(timings)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--skip-seed", action="store_true", help="reuse a database seeded by an earlier run")
    args = parser.parse_args()
    connection.ensure_connection()
    if not args.skip_seed:
        print("migrate + demo …")
        call_command("migrate", verbosity=0)
        with open(os.devnull, "w") as devnull:
            call_command("load_demo", stdout=devnull)
        started = time.perf_counter()
        created = seed(args.scale)
        print(f"seeded {created} pages in {time.perf_counter() - started:.0f}s")
    print(f"{Page.objects.count()} pages, {SuggestionEntry.objects.count()} suggestion entries")
    client = Client()
    from urllib.parse import urlencode

    html = [f"/{lang}/search/?{urlencode({'q': q})}" for lang, q in QUERIES]
    suggest = [f"/api/search/suggest/?{urlencode({'q': q, 'locale': lang})}" for lang, q in SUGGEST]
    for name, urls in (("HTML results page", html), ("suggest endpoint", suggest)):
        p50, p95, n = measure(client, urls, args.rounds)
        print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({n} requests)")


if __name__ == "__main__":
    main()
