"""Profile single requests in-process (Django test client, production settings):
CPU ms per request (median of N), query count, and optionally a cProfile report of one request.

    .venv/bin/python bench/site/profile_pages.py [--rounds 30] [--cprofile NAME] [NAME ...]

Needs DATABASE_URL (and AWS_* for media) pointing at a database with the demo
content (`manage.py load_demo`). Names: see PAGES in bench/site/pages.py."""

import argparse
import cProfile
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")
os.environ.setdefault("SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from pages import discover  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*")
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--cprofile")
    parser.add_argument("--queries", action="store_true", help="print the SQL of one request")
    args = parser.parse_args()
    pages = discover()
    client = Client(HTTP_HOST="127.0.0.1")
    names = args.names or list(pages)
    for name in names:
        path = pages[name]
        for _ in range(3):
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        queries = []

        def record(execute, sql, params, many, context, queries=queries):
            queries.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(record):
            client.get(path)
        times = []
        for _ in range(args.rounds):
            started = time.process_time()
            client.get(path)
            times.append((time.process_time() - started) * 1000)
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(path)
        profiler.disable()
        calls = pstats.Stats(profiler).total_calls  # a load-independent measure of the work
        print(
            f"{name:18} {statistics.median(times):6.1f} ms CPU  {len(queries):3} queries  {calls:7} calls  {path}"
        )
        if args.queries:
            for sql in queries:
                print("   ", sql[:300])
    if args.cprofile:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(10):
            client.get(pages[args.cprofile])
        profiler.disable()
        pstats.Stats(profiler).sort_stats(os.environ.get("SORT", "cumulative")).print_stats(60)


if __name__ == "__main__":
    main()
