"""Seed news pages fast for the benchmark: tree rows are written with
bulk_create / executemany (no revisions, no search indexing), each bench item
translated into the three locales (shared translation_key).

    DJANGO_SETTINGS_MODULE=… python bench/news/seed.py PER_LOCALE
"""

import datetime
import json
import os
import sys
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")

import django  # noqa: E402

django.setup()

from django.contrib.contenttypes.models import ContentType  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from wagtail.models import Page  # noqa: E402

from news.models import NewsCategory, NewsIndexPage, NewsPage, NewsPageCategory  # noqa: E402
from news.regions import REGION_CODES  # noqa: E402

PREFIX = "bench-news-"
NAMESPACE = uuid.UUID("6f1c8a52-3a43-4f61-9b0f-3d8e9a0e2b11")
CATEGORY_SLUGS = ["e-services", "cooperation", "infrastructure", "events", "project"]
NEWS_COLUMNS = [
    f.column
    for f in NewsPage._meta.local_concrete_fields
    if not (f.remote_field and getattr(f.remote_field, "parent_link", False))
]


def _news_row(page, number):
    values = {
        "intro": f"Benchmark summary {number}",
        "listing_image_id": None,
        "social_text": "",
        "social_image_id": None,
        "date": datetime.date(2024, 12, 31) - datetime.timedelta(days=number % 3000),
        "hero_image_id": None,
        "hero_image_alt": "",
        "body": json.dumps(
            [{"type": "paragraph", "value": f"<p>Benchmark body {number}.</p>", "id": str(uuid.uuid4())}]
        ),
        "regions": json.dumps([REGION_CODES[number % len(REGION_CODES)]]),
        "featured": False,
    }
    return [page.pk] + [
        values[column.removesuffix("_id") if column not in values else column] for column in NEWS_COLUMNS
    ]


def seed(per_locale):
    """Make each locale's news index hold `per_locale` live news pages in total."""
    content_type = ContentType.objects.get_for_model(NewsPage)
    now = timezone.now()
    created = 0
    for index in NewsIndexPage.objects.select_related("locale").order_by("pk"):
        locale = index.locale
        live = NewsPage.objects.child_of(index).live().count()
        missing = per_locale - live
        if missing <= 0:
            continue
        first = NewsPage.objects.child_of(index).filter(slug__startswith=PREFIX).count()
        categories = {c.slug: c for c in NewsCategory.objects.filter(locale=locale)}
        index.refresh_from_db()
        position = index.numchild
        pages = []
        for offset in range(missing):
            number = first + offset
            position += 1
            slug = f"{PREFIX}{number:05d}"
            pages.append(
                Page(
                    title=f"Benchmark news {number}",
                    draft_title=f"Benchmark news {number}",
                    slug=slug,
                    content_type=content_type,
                    path=Page._get_path(index.path, index.depth + 1, position),
                    depth=index.depth + 1,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                    locale=locale,
                    translation_key=uuid.uuid5(NAMESPACE, slug),
                )
            )
        with transaction.atomic():
            Page.objects.bulk_create(pages, batch_size=2000)
            with connection.cursor() as cursor:
                columns = ", ".join(["page_ptr_id", *NEWS_COLUMNS])
                placeholders = ", ".join(["%s"] * (len(NEWS_COLUMNS) + 1))
                cursor.executemany(
                    f"INSERT INTO {NewsPage._meta.db_table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                    [_news_row(page, first + i) for i, page in enumerate(pages)],
                )
            NewsPageCategory.objects.bulk_create(
                [
                    NewsPageCategory(
                        page_id=page.pk,
                        category=categories[CATEGORY_SLUGS[(first + i) % len(CATEGORY_SLUGS)]],
                        sort_order=0,
                        locale=locale,
                        translation_key=uuid.uuid5(NAMESPACE, f"category-{page.slug}"),
                    )
                    for i, page in enumerate(pages)
                ],
                batch_size=2000,
            )
            Page.objects.filter(pk=index.pk).update(numchild=position)
        created += len(pages)
    return created


if __name__ == "__main__":
    started = time.perf_counter()
    count = seed(int(sys.argv[1]))
    total = NewsPage.objects.live().count()
    print(
        f"seeded {count} news pages in {time.perf_counter() - started:.1f}s; {total} live news pages in all"
    )
