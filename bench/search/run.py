"""Search benchmark: a synthetic corpus in the proportions of the issue
(30,000 news pages + 5,000 institution pages with 20,000 e-services, a third
per locale) in the demo's news and directory sections, indexed as published
pages are, the suggestion index rebuilt by `rebuild_suggestions`,
then p50/p95 of 20 representative queries through the HTML results page and
the suggest endpoint (in-process Django test client, warm caches).

    python -m tests.services -- python bench/search/run.py [--scale 1.0]

Needs PostgreSQL (DATABASE_URL); migrates and loads the demo first."""

import argparse
import datetime
import json
import math
import os
import platform
import random
import re
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import unquote_plus, urlencode

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
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402
from wagtail.search.backends import get_search_backend  # noqa: E402

from directory.models import (  # noqa: E402
    DirectoryIndexPage,
    EService,
    InstitutionPage,
    InstitutionType,
    Region,
    ServiceCategory,
)
from news.models import NewsIndexPage, NewsPage  # noqa: E402
from news.regions import REGION_CODES  # noqa: E402
from search.models import SuggestionEntry  # noqa: E402

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
LANGUAGES = ("bg", "ro", "en")
KINDS = [("news", 30000), ("institution", 5000), ("eservice", 20000)]
QUERIES = [
    ("bg", "Русе", {}), ("bg", "Ruse", {}), ("bg", "Veliko Tarnovo", {}), ("bg", "Svishtov", {}),
    ("bg", "услугата", {}), ("bg", "разрешение за строеж", {}), ("bg", "споразумение Гюргево", {}),
    ("ro", "Calarasi", {}), ("ro", "Călăraşi", {"page": 3}), ("ro", "serviciile", {}), ("ro", "autorizatie", {}),
    ("ro", "consiliul judetean Giurgiu", {}), ("ro", "cooperare", {"type": "news"}), ("en", "permits", {}),
    ("en", "municipality services", {}), ("en", "Giurgiu", {"languages": "all"}), ("en", "tax registration", {}),
    ("en", "Calarasi network", {}), ("ro", "Vidin", {"type": "eservice"}), ("bg", "данък", {}),
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


class Tree:
    """Appends child pages under one parent per locale, writing tree rows in bulk."""

    def __init__(self, parents):
        self.parents = parents  # language code → parent page
        self.positions = {code: parent.numchild for code, parent in parents.items()}

    def page(self, language, model, title, slug):
        parent = self.parents[language]
        self.positions[language] += 1
        now = timezone.now()
        return Page(
            title=title, draft_title=title, slug=slug, content_type=ContentType.objects.get_for_model(model),
            path=Page._get_path(parent.path, parent.depth + 1, self.positions[language]), depth=parent.depth + 1,
            numchild=0, locale=parent.locale, live=True, has_unpublished_changes=False,
            url_path=f"{parent.url_path}{slug}/", translation_key=uuid.uuid4(),
            first_published_at=now, last_published_at=now,
        )  # fmt: skip

    def save_counts(self):
        for code, parent in self.parents.items():
            Page.objects.filter(pk=parent.pk).update(numchild=self.positions[code])


def insert_rows(model, objects):
    """INSERT the rows of `model`'s own table (a page type's table beside wagtailcore_page)."""
    fields = model._meta.local_concrete_fields
    if not model._meta.pk.auto_created and model._meta.pk not in fields:
        fields = [model._meta.pk, *fields]
    model._base_manager._insert(objects, fields=fields, raw=True)


def _news(rng, tree, number):
    language = LANGUAGES[number % 3]
    page = tree.page(language, NewsPage, text(rng, language, 7, filler=0.6), f"bench-search-news-{number}")
    child = NewsPage(
        intro=text(rng, language, 25), body=_body(text(rng, language, 80)), social_text="",
        date=datetime.date(2026, 1, 1) - datetime.timedelta(days=number % 2000), hero_image_alt="",
        regions=[REGION_CODES[number % len(REGION_CODES)]], featured=False,
    )  # fmt: skip
    return page, child


def _institution(rng, tree, number, vocabularies):
    language = LANGUAGES[number % 3]
    place = rng.choice(PLACES[language])
    title = f"{rng.choice(WORDS[language]).capitalize()} {place} {text(rng, language, 2, filler=1)}"
    page = tree.page(language, InstitutionPage, title, f"bench-search-institution-{number}")
    child = InstitutionPage(
        short_name=text(rng, language, 2, filler=0.5), organisation_type=rng.choice(vocabularies["types"][language]),
        country=rng.choice(["BG", "RO"]), nuts_region=rng.choice(vocabularies["regions"][language]),
        registry_id=f"{number:09d}", locality=place, description=f"<p>{text(rng, language, 40)}</p>",
        intro=text(rng, language, 20), social_text="", opening_hours="[]", languages_served=[language],
    )  # fmt: skip
    return page, child


def _eservice(rng, institution, language, number, vocabularies):
    return EService(
        page_id=institution.pk, name=text(rng, language, 5, filler=0.4), description=text(rng, language, 25),
        category=rng.choice(vocabularies["categories"][language]), locale_id=institution.locale_id,
        translation_key=uuid.uuid4(), sort_order=number % 4, languages=[language],
    )  # fmt: skip


def seed(scale, batch_size=1000):
    """Live news and institution pages (with their e-services) in the demo's
    news and directory sections of each locale, indexed like published pages."""
    rng = random.Random(42)
    backend = get_search_backend()
    vocabularies = {
        name: {code: list(model.objects.filter(locale__language_code=code)) for code in LANGUAGES}
        for name, model in (("types", InstitutionType), ("regions", Region), ("categories", ServiceCategory))
    }
    news_tree = Tree({p.locale.language_code: p for p in NewsIndexPage.objects.select_related("locale")})
    directory_tree = Tree(
        {p.locale.language_code: p for p in DirectoryIndexPage.objects.select_related("locale")}
    )
    created = 0
    counts = {kind: int(total * scale) for kind, total in KINDS}
    services_per_institution = max(1, round(counts["eservice"] / max(1, counts["institution"])))
    for kind, tree in (("news", news_tree), ("institution", directory_tree)):
        for start in range(0, counts[kind], batch_size):
            numbers = range(start, min(counts[kind], start + batch_size))
            with transaction.atomic():
                if kind == "news":
                    pairs = [_news(rng, tree, number) for number in numbers]
                else:
                    pairs = [_institution(rng, tree, number, vocabularies) for number in numbers]
                pages = Page.objects.bulk_create([page for page, _child in pairs])
                for page, child in zip(pages, (child for _page, child in pairs), strict=True):
                    child.page_ptr_id = child.pk = page.pk
                model = type(pairs[0][1])
                insert_rows(model, [child for _page, child in pairs])
                tree.save_counts()
                specific = list(model.objects.filter(pk__in=[page.pk for page in pages]))
                backend.get_index_for_model(model).add_items(model, specific)
                if kind == "institution":
                    services = [
                        _eservice(rng, page, page.locale.language_code, position, vocabularies)
                        for page in specific
                        for position in range(services_per_institution)
                    ]
                    EService.objects.bulk_create(services)
                    backend.get_index_for_model(EService).add_items(EService, services)
                    created += len(services)
            created += len(pages)
            print(f"  {kind}: {numbers.stop}/{counts[kind]}", end="\r", flush=True)
        print()
    started = time.perf_counter()
    call_command("rebuild_suggestions", stdout=open(os.devnull, "w"))  # noqa: SIM115
    print(f"  suggestions rebuilt in {time.perf_counter() - started:.0f}s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return created


def measure(client, urls, rounds):
    """p50 and p95 over every request, and each URL's median (warm-up excluded)."""
    timings = {url: [] for url in urls}
    for url in urls:
        client.get(url)  # warm
    for _ in range(rounds):
        for url in urls:
            started = time.perf_counter()
            response = client.get(url)
            timings[url].append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, url
    every = sorted(t for values in timings.values() for t in values)
    p95 = every[max(0, math.ceil(len(every) * 0.95) - 1)]
    return (
        statistics.median(every),
        p95,
        len(every),
        {url: statistics.median(v) for url, v in timings.items()},
    )


def result_count(client, url):
    """The "All (N)" count of a results page, to show how much each query matches."""
    match = re.search(r'search-facets__count">\((\d+)\)', client.get(url).content.decode())
    return int(match.group(1)) if match else 0


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
    html = [f"/{lang}/search/?{urlencode({'q': q, **extra})}" for lang, q, extra in QUERIES]
    suggest = [f"/api/search/suggest/?{urlencode({'q': q, 'locale': lang})}" for lang, q in SUGGEST]
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average_before": os.getloadavg(),
        "pages": Page.objects.count(),
        "eservices": EService.objects.count(),
        "suggestion_entries": SuggestionEntry.objects.count(),
        "rounds": args.rounds,
    }
    for key, name, urls in (
        ("results_page", "HTML results page", html),
        ("suggest", "suggest endpoint", suggest),
    ):
        p50, p95, n, per_url = measure(client, urls, args.rounds)
        print(f"{name}: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({n} requests)")
        report[key] = {
            "p50_ms": round(p50, 1),
            "p95_ms": round(p95, 1),
            "requests": n,
            "median_per_url_ms": {},
        }
        for url, median in sorted(per_url.items(), key=lambda item: -item[1]):
            report[key]["median_per_url_ms"][unquote_plus(url)] = round(median, 1)
            if urls is html:
                print(f"  {median:7.1f} ms  {result_count(client, url):6d} results  {unquote_plus(url)}")
    (Path(__file__).resolve().parent / "results.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n"
    )


if __name__ == "__main__":
    main()
