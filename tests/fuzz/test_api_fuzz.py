"""Schemathesis against both OpenAPI documents: no answer is a 5xx, every
answer matches the document, and every 4xx says what was wrong — API v2
anonymously, API v3 anonymously and with an editor's and an administrator's token.

The anonymous runs go over HTTP to the live test server (`site_server`), as a
client would: the whole stack, middleware and all, on the committed demo site.
Anonymous requests cannot write (v3 writes need a token), so nothing needs
cleaning up after them.

The token runs call the Django application in this process (WSGI), inside the
test's transaction: what the editor's and the administrator's tokens create,
move, publish or delete is rolled back at the end. Over HTTP the live server
would commit those writes to the demo site that every other test reads.

FUZZ_EXAMPLES (default 50) sets the examples per operation; the examples are
derandomized, so a red run repeats."""

import os
from contextlib import contextmanager

import pytest
import requests
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance
from wagtail.api.v3.auth import APIToken

from cms.roles import EDITORS
from tests.factories import staff_member

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
    report_multiple_bugs=False,
)


@schemathesis.check
def client_error_says_why(ctx, response, case):
    """A 4xx answer carries a message, as both APIs document it: v2 an object with
    `message` (Wagtail's errors; `detail` from Django REST framework's own), v3 a
    problem document (RFC 7807) with a `detail` or a list of `errors`."""
    if not 400 <= response.status_code < 500:
        return None
    try:
        body = response.json()
    except ValueError:
        body = None
    if not isinstance(body, dict) or not any(body.get(key) for key in ("message", "detail", "errors")):
        raise AssertionError(f"{response.status_code} without a message: {response.text_lossy()[:300]!r}")
    return None


CHECKS = [not_a_server_error, response_schema_conformance, client_error_says_why]


def _fuzz(schema, **call):
    """Every operation of `schema`; returns the failures found."""
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @FUZZ
        def run(case):
            case.call_and_validate(checks=CHECKS, **call)

        try:
            run()
        except Exception as error:  # one report per operation, then the next operation
            failures.append(f"{operation.verbose_name}: {str(error)[:1500]}")
    return failures


def fuzz_over_http(server, path):
    """Anonymous: over HTTP to the live server, one kept-alive connection."""
    schema = schemathesis.openapi.from_url(f"{server.url}{path}")
    with requests.Session() as session:
        return _fuzz(schema, base_url=server.url, session=session)


@contextmanager
def connection_kept():
    """Like Django's test client: the handler must not close the test's
    connection (inside its transaction) at the end of each request."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def fuzz_in_process(path, headers):
    """With a token: in this process, inside the test's transaction."""
    with connection_kept():
        return _fuzz(schemathesis.openapi.from_wsgi(path, get_wsgi_application()), headers=headers)


def token_for(user):
    return {"Authorization": f"Bearer {APIToken.create_token(user=user, name='fuzz')[1]}"}


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_api_anonymous(site_server, version):
    failures = fuzz_over_http(site_server, f"/api/{version}/openapi.json")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("who", ["editor", "admin"])
def test_api_v3_with_token(demo_site, admin_user, who):
    user = staff_member(EDITORS, language="bg") if who == "editor" else admin_user
    failures = fuzz_in_process("/api/v3/openapi.json", token_for(user))
    assert not failures, "\n\n".join(failures)
