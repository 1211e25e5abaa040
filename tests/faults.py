"""Stop and restart the real PostgreSQL and S3 servers of this test run
(started by tests/services.py, which says how in TEST_PG_CONTROL and
TEST_S3_CONTROL). Used by the fault tests; each context manager brings its
server back, also when the test fails."""

import json
import os
import subprocess
from contextlib import contextmanager

import pytest
from django.db import connections

from tests.services import (
    S3_BUCKET,
    S3_KEY,
    S3_SECRET,
    _as_postgres,
    _bucket_ready,
    s3_client,
    stop_process_group,
    wait_for,
)


def _control(name):
    value = os.environ.get(name)
    if not value:
        if os.environ.get("CI"):
            pytest.fail(f"{name} is not set: run the tests through `python -m tests.services` (make test)")
        pytest.skip(f"{name} is not set: the servers were not started by tests.services")
    return json.loads(value)


def _pg_ctl(control, *args):
    command = [control["pg_ctl"], "-D", control["data"], "-w", "-s", *args]
    if control["as_postgres"]:
        command = _as_postgres(command)
    subprocess.run(command, check=True, timeout=120)


@contextmanager
def postgres_stopped(keep_connections=False):
    """PostgreSQL is down inside the block (a fast shutdown: sessions are cut).
    `keep_connections` leaves this thread's open connections as they are, dead
    after the restart, as a web worker's persistent connections would be."""
    control = _control("TEST_PG_CONTROL")
    if not keep_connections:
        connections.close_all()
    _pg_ctl(control, "-m", "fast", "stop")
    try:
        yield
    finally:
        _pg_ctl(control, "-o", control["options"], "-l", control["log"], "start")
        if not keep_connections:
            connections.close_all()  # connections of this thread opened during the outage are dead


def _objects_readable(endpoint):
    """An object of the bucket can be read back. SeaweedFS answers for the bucket
    (and object metadata) before its volume server serves data again; until then
    GetObject is a 500 (InternalError), which the site rightly still answers with 503."""
    try:
        client = s3_client(endpoint)
        listed = client.list_objects_v2(Bucket=S3_BUCKET, MaxKeys=1).get("Contents", [])
        if listed:
            client.get_object(Bucket=S3_BUCKET, Key=listed[0]["Key"])["Body"].read()
        return True
    except Exception:
        return False


@contextmanager
def s3_stopped():
    """SeaweedFS (S3) is down inside the block; then it starts again on the same ports and data."""
    control = _control("TEST_S3_CONTROL")
    with open(control["pidfile"]) as handle:
        stop_process_group(int(handle.read()))
    try:
        yield
    finally:
        env = {**os.environ, "AWS_ACCESS_KEY_ID": S3_KEY, "AWS_SECRET_ACCESS_KEY": S3_SECRET}
        with open(control["log"], "ab") as log:
            process = subprocess.Popen(
                control["command"], env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        with open(control["pidfile"], "w") as handle:
            handle.write(str(process.pid))
        endpoint = control["endpoint"]
        wait_for(
            lambda: _bucket_ready(endpoint) and _objects_readable(endpoint),
            "SeaweedFS S3 after restart",
            timeout=90,
        )
