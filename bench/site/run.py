"""Site benchmark (issue 15): every page type, uncached, through the app cache
(Redis) and through Varnish, plus nginx serving static copies of the pages
Varnish serves (their exact bytes); then a scripted publish / expire / restrict sequence through Varnish
that counts stale responses.

    .venv/bin/python -m tests.services -- .venv/bin/python bench/site/run.py [--duration 15] [--rounds 3]

Needs an empty PostgreSQL in DATABASE_URL and the S3 of `tests.services`
(it gives both), and wrk, redis-server, varnishd (with varnish-modules) and
nginx from Debian; it starts and stops its own redis-server, varnishd and nginx
on free ports. The Varnish mode and the stale-response sequence need
deploy/varnish/default.vcl and are skipped with a message without it.

Per mode and page: wrk 2 threads × 16 connections for --duration seconds,
--rounds times round-robin (modes × pages in turn, so a load change on the
shared machine hits every figure alike); requests/s, p50 and p99 are the
median over rounds; server CPU ms/request = CPU time (user + system) of the
gunicorn workers — or of varnishd's / nginx's processes for the front caches,
where the workers stay idle on hits — during the run / requests completed;
worker RSS is read after the last run. gunicorn runs as README's deployment
says (`--preload`, 2 sync workers). Writes bench/site/results.json and
bench/site/RESULTS.md."""

import argparse
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
PY = str(ROOT / ".venv" / "bin" / "python")
# gunicorn runs from an install of requirements.txt alone, as README deploys it: the
# test packages in .venv change what a worker imports (Django REST framework loads
# pygments and yaml when they are there).
RUNTIME_VENV = HERE / ".venv-runtime"
GUNICORN = str(RUNTIME_VENV / "bin" / "gunicorn")
VCL = ROOT / "deploy" / "varnish" / "default.vcl"
TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
FRONT_CACHED_PAGES = ("home", "news article", "news index", "API news list")


def log(message):
    print(f"[bench] {message}", flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(url, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):  # noqa: S310 - local server
                return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer")


def children(pid):
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / TICKS


def rss_mb(pid):
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    except OSError:
        return None
    return pages * PAGE_SIZE / 1e6


def memory_split_mb(pid):
    """Where a worker's resident memory is: proportional share (PSS: pages shared
    with the preloading master and the other worker count by half), private and
    anonymous (the Python heap), from /proc/<pid>/smaps_rollup."""
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return None
    kib = {key: int(value) for key, value in re.findall(r"^(\w+):\s+(\d+) kB", text, re.M)}
    return {
        "pss": kib["Pss"] * 1024 / 1e6,
        "private": (kib["Private_Clean"] + kib["Private_Dirty"]) * 1024 / 1e6,
        "anonymous": kib["Anonymous"] * 1024 / 1e6,
    }


def parse_wrk(output):
    def ms(text):
        value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    return {
        "socket_errors": sum(int(n) for n in sockets.groups()[:3]) if sockets else 0,
        "timeouts": int(sockets.group(4)) if sockets else 0,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "p50_ms": ms(re.search(r"^\s+50%\s+(\S+)", output, re.M).group(1)),
        "p99_ms": ms(re.search(r"^\s+99%\s+(\S+)", output, re.M).group(1)),
        "non_2xx": int(errors.group(1)) if errors else 0,
    }


def manage(env, *args, capture=False):
    result = subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.PIPE if capture else subprocess.DEVNULL,
        text=True,
    )
    return result.stdout


def stop(process, timeout=30):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def running(cmd, url=None, **kwargs):
    process = subprocess.Popen(cmd, **kwargs)  # noqa: S603 - our own command lines
    try:
        if url:
            wait_http(url)
        yield process
    finally:
        stop(process)


class Server:
    """A process tree whose CPU time counts as the server's (gunicorn workers, varnishd's child, nginx's workers)."""

    def __init__(self, name, process, base):
        self.name, self.process, self.base = name, process, base

    def pids(self):
        pids = [self.process.pid, *children(self.process.pid)]
        for pid in list(pids[1:]):
            pids += children(pid)
        return pids

    def worker_pids(self):
        return children(self.process.pid)


def gunicorn(env, port, workdir, name):
    cmd = [
        GUNICORN,
        "cms.wsgi:application",
        "--preload",
        "--workers",
        env.get("BENCH_WORKERS", "2"),
        "--bind",
        f"127.0.0.1:{port}",
        "--control-socket",
        str(Path(workdir) / f"gunicorn-{name}.ctl"),
        "--log-level",
        "warning",
    ]
    # README's deployment: glibc's fixed mmap threshold, so that large blocks go back
    # to the system when freed (Pillow's decoded originals, large answers)
    env = {"MALLOC_MMAP_THRESHOLD_": "131072", **env}
    return running(cmd, f"http://127.0.0.1:{port}/healthz", cwd=ROOT, env=env)


def redis(port, workdir):
    cmd = ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    cmd += ["--dir", workdir, "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"]
    process = subprocess.Popen(cmd, stdout=subprocess.DEVNULL)  # noqa: S603
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return process
        time.sleep(0.1)
    stop(process)
    raise RuntimeError("redis-server did not start")


def varnish_vcl(backend_port, workdir):
    """deploy/varnish/default.vcl with its backend pointed at this run's gunicorn."""
    text = VCL.read_text()
    text, hosts = re.subn(r'(\.host\s*=\s*)"[^"]*"', r'\1"127.0.0.1"', text, count=1)
    text, ports = re.subn(r'(\.port\s*=\s*)"[^"]*"', rf'\1"{backend_port}"', text, count=1)
    if not (hosts and ports):
        raise RuntimeError(f"{VCL}: no backend .host/.port to point at the benchmark's server")
    path = Path(workdir) / "default.vcl"
    path.write_text(text)
    return path


def varnish(port, backend_port, workdir):
    vcl = varnish_vcl(backend_port, workdir)
    cmd = ["varnishd", "-F", "-j", "none", "-a", f"127.0.0.1:{port}", "-f", str(vcl)]
    cmd += ["-n", str(Path(workdir) / "varnish")]  # -j none: as this user, who can read the VCL
    cmd += ["-s", "malloc,256m", "-T", f"127.0.0.1:{free_port()}", "-p", "thread_pool_min=20"]
    return running(cmd, f"http://127.0.0.1:{port}/healthz", stdout=subprocess.DEVNULL)


def static_path(name):
    return "/" + re.sub(r"[^a-z0-9]+", "-", name.lower()) + ".html"


def nginx(port, workdir, bodies):
    """nginx serving `bodies` (page name → bytes) as files, at static_path(name)."""
    root = Path(workdir) / "static-copies"
    root.mkdir()
    for name, body in bodies.items():
        (root / static_path(name).lstrip("/")).write_bytes(body)
    for path in (Path(workdir), root, *root.iterdir()):  # nginx's workers run as nobody
        path.chmod(0o755 if path.is_dir() else 0o644)
    conf = Path(workdir) / "nginx.conf"
    conf.write_text(
        f"""daemon off;
worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    default_type text/html;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ try_files $uri =404; }}
    }}
}}
"""
    )
    return running(["nginx", "-c", str(conf), "-p", workdir], f"http://127.0.0.1:{port}{static_path('home')}")


def wrk(url, duration, connections=16, timeout=30):
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", f"{timeout}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return parse_wrk(out)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer (a restricted page's login redirect), not a hop to follow."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def fetch(url, headers=None, raw=False):
    request = urllib.request.Request(url, headers=headers or {})  # noqa: S310 - local server
    try:
        with _OPENER.open(request, timeout=30) as response:
            body = response.read()
            return response.status, body if raw else body.decode("utf-8", "replace"), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8", "replace"), dict(error.headers)


def measure(server, path, duration):
    url = server.base + path
    for _ in range(5):  # warm up (and, for caches, fill)
        status, _body, _headers = fetch(url)
        assert status == 200, (url, status)
    pids = server.pids()
    before = cpu_seconds(pids)
    result = wrk(url, duration)
    spent = cpu_seconds(pids) - before
    result["server_cpu_ms_per_request"] = 1000 * spent / max(result["requests"], 1)
    return result


def make_renditions(env, pages):
    """Each page once in a throwaway process, so that the image renditions they show
    exist (stored in the database and the bucket) before any worker is measured, as on
    a site in use: a worker that makes renditions decodes the originals with Pillow, and
    keeps part of that memory for its lifetime."""
    code = (
        "import json; from django.test import Client; c = Client(HTTP_HOST='127.0.0.1'); "
        f"print(json.dumps([c.get(path).status_code for path in {list(pages.values())!r}]))"
    )
    statuses = json.loads(manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1])
    log(f"renditions made; statuses {statuses}")


def discover(env):
    code = "import json, sys; sys.path.insert(0, 'bench/site'); from pages import discover; print(json.dumps(discover()))"
    return json.loads(manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1])


# --- the stale-response sequence ------------------------------------------------

STALE_SCRIPT = r"""
import datetime, json, sys
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
step, page_id, value = sys.argv[1], int(sys.argv[2]), sys.argv[3]
page = Page.objects.get(pk=page_id).specific
if step == "publish":
    page.title = value
    page.save_revision().publish()
elif step == "expire":
    page.expire_at = timezone.now() + datetime.timedelta(seconds=float(value))
    page.save_revision().publish()
elif step == "restrict":
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
print("ok")
"""


def stale_sequence(env, front, pages, page_ids):
    """Publish, expire and restrict through Varnish; every response after each
    change must show it. Returns the checks and the number of stale answers."""
    checks = []

    def run(step, page_id, value):
        script = Path(tempfile.gettempdir()) / "bench-site-step.py"
        script.write_text(STALE_SCRIPT)
        subprocess.run(
            [PY, "manage.py", "shell", "-c", f"import sys; sys.argv=['x', {step!r}, '{page_id}', {value!r}]; "
             f"exec(open({str(script)!r}).read())"],
            cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip

    def check(name, path, ok, what):
        for attempt in range(2):  # twice: the first may fill the cache, the second must not be stale either
            status, body, headers = fetch(front.base + path)
            good = ok(status, body)
            checks.append(
                {"check": name, "path": path, "attempt": attempt + 1, "status": status,
                 "x_cache": headers.get("X-Cache", ""), "stale": not good, "expected": what}
            )  # fmt: skip

    article, index, home, api = (
        pages["news article"],
        pages["news index"],
        pages["home"],
        pages["API news list"],
    )
    for path in (article, index, home, api):  # all cached
        fetch(front.base + path)
        fetch(front.base + path)
    title = f"Bench publish {int(time.time())}"
    run("publish", page_ids["news article"], title)
    for path in (article, index, api):
        check(
            "publish",
            path,
            lambda status, body, title=title: status == 200 and title in body,
            f"shows {title!r}",
        )
    run("expire", page_ids["news article"], "3")
    for path in (article, index):
        fetch(front.base + path)
    time.sleep(4)
    check("expire", article, lambda status, body: status in (404, 410), "404/410 after expire_at")
    check("expire", index, lambda status, body, title=title: title not in body, "not listed after expire_at")
    check(
        "expire", api, lambda status, body, title=title: title not in body, "not in the API after expire_at"
    )
    run("restrict", page_ids["news index"], "")
    check("restrict", index, lambda status, body: status in (302, 401, 403), "login required, never cached")
    return checks, sum(1 for item in checks if item["stale"])


def page_ids_of(env):
    code = "import json, sys; sys.path.insert(0, 'bench/site'); from pages import discover; print(json.dumps(discover(ids=True)))"
    return json.loads(manage(env, "shell", "-c", code, capture=True).strip().splitlines()[-1])


# --- main -----------------------------------------------------------------------


def parse_args():
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=15)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="only these page names")
    parser.add_argument(
        "--spike",
        type=int,
        default=60,
        help="seconds of the traffic spike (64 connections, 10 s client timeout) on the app; 0 to skip",
    )
    parser.add_argument(
        "--reuse-database",
        action="store_true",
        help="DATABASE_URL already holds the demo: skip migrate and load_demo",
    )
    return parser.parse_args()


def runtime_venv():
    """bench/site/.venv-runtime with requirements.txt installed, made again when the
    requirements change."""
    requirements = (ROOT / "requirements.txt").read_bytes()
    stamp = RUNTIME_VENV / "requirements.txt"
    if stamp.exists() and stamp.read_bytes() == requirements:
        return
    log("installing requirements.txt into bench/site/.venv-runtime")
    shutil.rmtree(RUNTIME_VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(RUNTIME_VENV)], check=True)
    subprocess.run(
        [str(RUNTIME_VENV / "bin" / "pip"), "install", "--quiet", "-r", str(ROOT / "requirements.txt")],
        check=True,
    )
    stamp.write_bytes(requirements)


def check_tools():
    for tool in ("wrk", "redis-server", "nginx"):
        if not shutil.which(tool):
            sys.exit(
                f"{tool} is missing: apt-get install wrk redis-server nginx-light varnish varnish-modules"
            )
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        sys.exit("DATABASE_URL must point at an empty PostgreSQL (run through `python -m tests.services --`)")


def environments(ports, workdir, with_varnish):
    """The uncached server's and the cached server's environments (production settings)."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "false",
        "SITE_BASE_URL": f"http://127.0.0.1:{ports['app']}",
        "DATABASE_CONN_MAX_AGE": "600",
        "STATIC_ROOT": str(Path(workdir) / "static"),
        "LOG_LEVEL": "WARNING",
    }
    env.pop("REDIS_URL", None)
    cached_env = {**env, "REDIS_URL": f"redis://127.0.0.1:{ports['redis']}/0"}
    # "uncached": no page cache (every request renders; the layout fragments stay in
    # each worker's memory, as in production on a page-cache miss)
    env["PAGE_CACHE_SECONDS"] = "0"
    if with_varnish:
        cached_env["FRONTEND_CACHE_PURGE_URL"] = f"http://127.0.0.1:{ports['varnish']}/"
    return env, cached_env


def prepare_database(env, args):
    """The demo, static files, fresh statistics; returns {name: path} of the measured pages."""
    if not args.reuse_database:
        log("migrate, load_demo")
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input")
    manage(
        env, "shell", "-c", "from django.db import connection; connection.cursor().execute('VACUUM ANALYZE')"
    )
    pages = discover(env)
    if args.pages:
        pages = {name: path for name, path in pages.items() if name in args.pages}
    log(f"pages: {pages}")
    make_renditions(env, pages)
    return pages


def start_servers(stack, envs, ports, workdir, pages, with_varnish):
    """gunicorn uncached and cached (with its Redis), Varnish before the cached one,
    and nginx with static copies of what Varnish serves; returns (servers, static bodies)."""
    env, cached_env = envs
    redis_process = redis(ports["redis"], workdir)
    stack.callback(stop, redis_process)
    servers = {
        "uncached": Server("uncached", stack.enter_context(gunicorn(env, ports["app"], workdir, "plain")),
                           f"http://127.0.0.1:{ports['app']}"),
        "app cache (Redis)": Server("redis", stack.enter_context(gunicorn(cached_env, ports["cached"], workdir,
                                    "redis")), f"http://127.0.0.1:{ports['cached']}"),
    }  # fmt: skip
    if with_varnish:
        process = stack.enter_context(varnish(ports["varnish"], ports["cached"], workdir))
        servers["Varnish"] = Server("varnish", process, f"http://127.0.0.1:{ports['varnish']}")
    bodies = {}
    for name in FRONT_CACHED_PAGES:
        if name in pages:  # the bytes a front cache would hold for this page
            status, bodies[name], _headers = fetch(servers["app cache (Redis)"].base + pages[name], raw=True)
            assert status == 200, (name, status)
    process = stack.enter_context(nginx(ports["nginx"], workdir, bodies))
    servers["nginx static"] = Server("nginx", process, f"http://127.0.0.1:{ports['nginx']}")
    return servers, bodies


def targets_of(mode, pages, bodies):
    if mode == "nginx static":
        return {name: static_path(name) for name in bodies}
    if mode == "Varnish":
        return {name: path for name, path in pages.items() if name in FRONT_CACHED_PAGES}
    return pages


def run_rounds(servers, pages, bodies, args):
    """mode → page → [one result per round], modes and pages round-robin."""
    results = {}
    for round_number in range(args.rounds):
        log(f"round {round_number + 1}/{args.rounds} (load average {os.getloadavg()[0]:.1f})")
        for mode, server in servers.items():
            for name, path in targets_of(mode, pages, bodies).items():
                result = measure(server, path, args.duration)
                results.setdefault(mode, {}).setdefault(name, []).append(result)
                log(f"  {mode} · {name}: {result['rps']:.1f} req/s, p50 {result['p50_ms']:.1f} ms, "
                    f"p99 {result['p99_ms']:.1f} ms, {result['server_cpu_ms_per_request']:.2f} ms CPU/req")  # fmt: skip
    return results


def run_spike(servers, pages, seconds):
    """A news item everyone opens at once: 64 connections on 2 workers, and what they
    cost a page that is never cached (the news index, uncached)."""
    spike = {}
    for mode, name in (("app cache (Redis)", "news article"), ("uncached", "news index")):
        if seconds and name in pages:
            spike[f"{mode} · {name}"] = wrk(
                servers[mode].base + pages[name], seconds, connections=64, timeout=10
            )
            log(f"  spike, {mode} · {name}: {spike[f'{mode} · {name}']}")
    return spike


def main():
    args = parse_args()
    check_tools()
    runtime_venv()
    load_before = os.getloadavg()
    workdir = tempfile.mkdtemp(prefix="bench-site-")
    ports = {name: free_port() for name in ("app", "cached", "redis", "varnish", "nginx")}
    with_varnish = bool(VCL.exists() and shutil.which("varnishd"))
    if not with_varnish:
        log(f"Varnish mode skipped: {VCL.relative_to(ROOT)} is not in this branch (or varnishd is missing)")
    env, cached_env = environments(ports, workdir, with_varnish)
    pages = prepare_database(env, args)
    checks, stale = [], None
    with ExitStack() as stack:
        stack.callback(shutil.rmtree, workdir, True)
        servers, bodies = start_servers(stack, (env, cached_env), ports, workdir, pages, with_varnish)
        results = run_rounds(servers, pages, bodies, args)
        rss = {
            mode: [rss_mb(pid) for pid in servers[mode].worker_pids()]
            for mode in ("uncached", "app cache (Redis)")
        }
        memory = {
            mode: [memory_split_mb(pid) for pid in servers[mode].worker_pids()]
            for mode in ("uncached", "app cache (Redis)")
        }
        spike = run_spike(servers, pages, args.spike)
        if with_varnish:
            checks, stale = stale_sequence(cached_env, servers["Varnish"], pages, page_ids_of(env))
            log(f"stale responses through Varnish: {stale} of {len(checks)} checks")
    report = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "wrk": f"-t2 -c16 -d{args.duration}s --timeout 30s",
        "rounds": args.rounds,
        "gunicorn_workers": int(env.get("BENCH_WORKERS", "2")),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "results": {
            mode: {name: summarize(rounds) for name, rounds in by_page.items()}
            for mode, by_page in results.items()
        },
        "raw": results,
        "worker_rss_mb": rss,
        "worker_memory_mb": memory,
        "spike_seconds": args.spike,
        "spike": spike,
        "varnish": with_varnish,
        "stale_checks": checks,
        "stale_responses": stale,
    }
    (HERE / "results.json").write_text(json.dumps(report, indent=2) + "\n")
    write_markdown(report)
    log(f"wrote {HERE / 'RESULTS.md'}")


def summarize(rounds):
    return {
        "rps": statistics.median(r["rps"] for r in rounds),
        "p50_ms": statistics.median(r["p50_ms"] for r in rounds),
        "p99_ms": statistics.median(r["p99_ms"] for r in rounds),
        "server_cpu_ms_per_request": statistics.median(r["server_cpu_ms_per_request"] for r in rounds),
        "non_2xx": sum(r["non_2xx"] for r in rounds),
    }


def write_markdown(report):
    load = ", ".join(f"{x:.1f}" for x in report["load_average_before"])
    load_after = ", ".join(f"{x:.1f}" for x in report["load_average_after"])
    lines = [
        "# Site benchmark results",
        "",
        f"Machine: {report['machine']}; gunicorn {report['gunicorn_workers']} sync workers; wrk {report['wrk']}, "
        f"{report['rounds']} round(s) round-robin (medians); PostgreSQL 15 and SeaweedFS from `tests.services`.",
        f"Load average (1, 5, 15 min) when the run started: {load}; when it ended: {load_after}.",
        "Produced by `bench/site/run.py` (see its docstring).",
        "",
        "| mode | page | requests/s | p50 (ms) | p99 (ms) | server CPU ms/req | non-2xx |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for mode, by_page in report["results"].items():
        for name, r in by_page.items():
            lines.append(
                f"| {mode} | {name} | {r['rps']:.1f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                f"{r['server_cpu_ms_per_request']:.2f} | {r['non_2xx']} |"
            )
    lines += ["", "Worker RSS after the runs (MB): "
              + "; ".join(f"{mode}: {', '.join(f'{v:.0f}' for v in values if v)}"
                          for mode, values in report["worker_rss_mb"].items()),
              "Of which (MB, PSS / private / anonymous): "
              + "; ".join(f"{mode}: " + ", ".join(f"{m['pss']:.0f} / {m['private']:.0f} / {m['anonymous']:.0f}"
                                                  for m in values if m)
                          for mode, values in report.get("worker_memory_mb", {}).items()), ""]  # fmt: skip
    if report.get("spike"):
        lines += [
            f"Traffic spike: wrk 2 threads × 64 connections for {report['spike_seconds']} s, "
            "10 s client timeout, straight at gunicorn:",
            "",
            "| target | requests | requests/s | p50 (ms) | p99 (ms) | non-2xx | socket errors | time-outs |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for name, r in report["spike"].items():
            lines.append(
                f"| {name} | {r['requests']} | {r['rps']:.1f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | "
                f"{r['non_2xx']} | {r['socket_errors']} | {r['timeouts']} |"
            )
        lines.append("")
    if report["varnish"]:
        statics = report["results"].get("nginx static", {})
        home = statics.get("home", {}).get("rps")
        lines += [
            "Through Varnish, relative to nginx serving a static copy of the same page (its bytes), and of the "
            "home page:",
            "",
        ]
        for name, r in report["results"].get("Varnish", {}).items():
            same = statics.get(name, {}).get("rps")
            lines.append(
                f"- {name}: {r['rps'] / same:.2f}× nginx static of the same bytes" if same else f"- {name}: –"
            )
            if home:
                lines[-1] += f"; {r['rps'] / home:.2f}× nginx static of the home page"
        lines += ["", f"Stale responses in the publish/expire/restrict sequence: {report['stale_responses']} "
                  f"of {len(report['stale_checks'])} checks.", ""]  # fmt: skip
    else:
        lines += [
            "Varnish mode and the stale-response sequence: skipped (no deploy/varnish/default.vcl).",
            "",
        ]
    (HERE / "RESULTS.md").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
