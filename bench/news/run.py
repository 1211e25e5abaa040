"""News benchmark: index page, a detail page and the API list (limit=20)
measured with wrk (2 threads, 16 connections, 15 s) under gunicorn, with
300 and 30,000 news pages (a third per locale).

    .venv/bin/python -m tests.services -- .venv/bin/python bench/news/run.py [--sizes 300 30000]

Needs an empty PostgreSQL in DATABASE_URL (tests.services gives one) and wrk.
Writes bench/news/results.json and bench/news/RESULTS.md."""

import argparse
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")

ENDPOINTS = {
    "index": "/bg/news/",
    "detail": "/bg/news/bench-news-00010/",
    "api list": "/api/v2/pages/?type=news.NewsPage&locale=bg&order=-date&limit=20",
}


def log(message):
    print(f"[bench] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args):
    subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def parse_wrk(output):
    def ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1))
    p99 = ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p50_ms": p50,
        "p99_ms": p99,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1).strip() if socket_errors else "",
    }


def measure(base, duration):
    results = {}
    for name, path in ENDPOINTS.items():
        url = base + path
        for _ in range(5):  # warm up
            with urllib.request.urlopen(url) as response:  # noqa: S310 - local server
                assert response.status == 200, url
        out = subprocess.run(
            ["wrk", "-t2", "-c16", f"-d{duration}s", "--timeout", "30s", "--latency", url],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        results[name] = parse_wrk(out)
        log(f"  {name}: {results[name]}")
    return results


def start_gunicorn(env, port, workdir):
    process = subprocess.Popen(
        [
            GUNICORN,
            "cms.wsgi:application",
            "--workers",
            str(env.get("BENCH_WORKERS", "2")),
            "--bind",
            f"127.0.0.1:{port}",
            "--control-socket",
            str(Path(workdir) / "gunicorn.ctl"),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz"):  # noqa: S310
                return process
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise RuntimeError("gunicorn did not start")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[300, 30000])
    parser.add_argument("--duration", type=int, default=15)
    args = parser.parse_args()
    load_before = os.getloadavg()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install wrk")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must point at an empty PostgreSQL (run through `python -m tests.services --`)")
    workdir = tempfile.mkdtemp(prefix="bench-news-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(Path(workdir) / "static"),
        "LOG_LEVEL": "WARNING",
    }
    log("migrate, load_demo, collectstatic")
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input")
    runs = []
    for size in sorted(args.sizes):
        per_locale = size // 3
        started = time.perf_counter()
        seeded = subprocess.run(
            [PY, str(HERE / "seed.py"), str(per_locale)],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
        log(f"{size}: {seeded}")
        manage(
            env,
            "shell",
            "-c",
            "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')",
        )
        seed_seconds = time.perf_counter() - started
        port = free_port()
        server = start_gunicorn(env, port, workdir)
        try:
            results = measure(f"http://127.0.0.1:{port}", args.duration)
        finally:
            server.terminate()
            server.wait(timeout=30)
        runs.append(
            {"news_pages": size, "seed": seeded, "seed_seconds": round(seed_seconds, 1), "results": results}
        )
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.python_version()}",
        "wrk": f"-t2 -c16 -d{args.duration}s --timeout 30s",
        "load_average_before": load_before,
        "gunicorn_workers": int(env.get("BENCH_WORKERS", "2")),
        "runs": runs,
    }
    (HERE / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    write_markdown(report)
    shutil.rmtree(workdir, ignore_errors=True)


def write_markdown(report):
    lines = [
        "# News benchmark results",
        "",
        f"Machine: {report['machine']}; gunicorn {report['gunicorn_workers']} sync workers; "
        f"wrk {report['wrk']}; PostgreSQL 15 and SeaweedFS from `tests.services`.",
        f"Load average when the run started: {', '.join(f'{x:.1f}' for x in report['load_average_before'])}.",
        "Produced by `bench/news/run.py` (see its docstring).",
        "",
        "| news pages | endpoint | requests/s | p50 (ms) | p99 (ms) | non-2xx |",
        "| ---: | --- | ---: | ---: | ---: | ---: |",
    ]
    for run in report["runs"]:
        for name, result in run["results"].items():
            lines.append(
                f"| {run['news_pages']:,} | {name} | {result['rps']:.1f} | {result['p50_ms']:.1f} | "
                f"{result['p99_ms']:.1f} | {result['non_2xx']} |"
            )
    if len(report["runs"]) >= 2:
        small, large = report["runs"][0], report["runs"][-1]
        lines += [
            "",
            f"Ratio {large['news_pages']:,} / {small['news_pages']:,} (requests/s, target ≥ 0.67):",
            "",
        ]
        for name in ENDPOINTS:
            ratio = large["results"][name]["rps"] / small["results"][name]["rps"]
            lines.append(f"- {name}: {ratio:.2f}")
    lines += [
        "",
        "Notes: the index caches its filter options, item count and featured ids per locale and filter",
        "(60 s, invalidated on publish/unpublish/delete), pages through an index scan on date and shows",
        "a bounded pager (first, last, two either side); the detail page finds its older/newer",
        "neighbours through a bounded index scan on date; the API list is Wagtail's v2 listing with our",
        "filters, ETag and Last-Modified, with the public-page conditions put on the page type's own",
        "queryset (Wagtail's `pk IN (…)` semi-join over every public page cost 50 ms at 30,000 pages)",
        "and indexes on the page expiry date and on (content type, last published). Compare the",
        "ratios; absolute figures depend on what else the two cores are doing (see the load average).",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
