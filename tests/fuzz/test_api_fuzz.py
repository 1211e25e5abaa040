"""Schemathesis against both OpenAPI documents: no answer is a 5xx and every
answer matches the document — API v2 anonymously, API v3 anonymously and with
an editor's and an administrator's token.

The calls go to the Django application in this process (WSGI), inside the
test's transaction: what the administrator's token creates, moves or deletes
is rolled back at the end, so the demo site stays whole for the other tests.
FUZZ_EXAMPLES (default 50) sets the examples per operation; the examples are
derandomized, so a red run repeats."""

import os
from contextlib import contextmanager

import pytest
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
CHECKS = [not_a_server_error, response_schema_conformance]
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
    database=None,
    report_multiple_bugs=False,
)


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


def fuzz(path, headers):
    """Every operation of the document at `path`; returns the failures found."""
    with connection_kept():
        return _fuzz(path, headers)


def _fuzz(path, headers):
    schema = schemathesis.openapi.from_wsgi(path, get_wsgi_application())
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @FUZZ
        def run(case):
            case.call_and_validate(headers=headers, checks=CHECKS)

        try:
            run()
        except Exception as error:  # one report per operation, then the next operation
            failures.append(f"{operation.verbose_name}: {str(error)[:1500]}")
    return failures


def token_for(user):
    return {"Authorization": f"Bearer {APIToken.create_token(user=user, name='fuzz')[1]}"}


def test_api_v2_anonymous(demo_site):
    failures = fuzz("/api/v2/openapi.json", {})
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("who", ["anonymous", "editor", "admin"])
def test_api_v3(demo_site, admin_user, who):
    headers = {}
    if who == "editor":
        headers = token_for(staff_member(EDITORS, language="bg"))
    elif who == "admin":
        headers = token_for(admin_user)
    failures = fuzz("/api/v3/openapi.json", headers)
    assert not failures, "\n\n".join(failures)
