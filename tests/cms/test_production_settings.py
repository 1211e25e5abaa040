"""Production settings refuse to start without their essentials and pass
`manage.py check --deploy` when they are set."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "a-production-secret-key-with-enough-entropy-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "egovernet.example.org",
    "DATABASE_URL": "postgres://user:pass@127.0.0.1:5/egovernet",
    "SITE_BASE_URL": "https://egovernet.example.org",
}


def run_manage(*args, env_overrides=None, drop=()):
    env = {k: v for k, v in os.environ.items() if k not in GOOD_ENV and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(GOOD_ENV)
    env.update(env_overrides or {})
    for name in drop:
        env.pop(name, None)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_BASE_URL"])
def test_production_refuses_to_start_without(missing):
    result = run_manage("check", drop=(missing,))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert missing in result.stderr


def test_production_passes_deploy_checks_when_configured():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_s3_storage_is_selected_by_bucket_variable():
    result = run_manage(
        "shell",
        "-c",
        "from django.core.files.storage import storages; s = storages['default']; "
        "print(type(s).__module__, type(s).__name__, s.bucket_name, s.endpoint_url, s.file_overwrite, s.default_acl); "
        "c = s.client_config; print(c.connect_timeout, c.read_timeout, c.retries); "
        # Wagtail's file-deletion task takes the deconstructed storage as a JSON argument.
        "import json; print(len(json.dumps(s.deconstruct())) > 0)",
        env_overrides={"AWS_STORAGE_BUCKET_NAME": "egov-media", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9"},
    )
    assert result.returncode == 0, result.stderr
    assert "cms.storage MediaStorage egov-media http://127.0.0.1:9 False None" in result.stdout
    assert "3 20 {'max_attempts': 2, 'mode': 'standard'}\nTrue" in result.stdout


def test_local_files_without_bucket():
    result = run_manage(
        "shell",
        "-c",
        "from django.core.files.storage import storages; s = storages['default']; print(type(s).__name__)",
        drop=("AWS_STORAGE_BUCKET_NAME",),
    )
    assert result.returncode == 0, result.stderr
    assert "FileSystemStorage" in result.stdout


def test_the_wsgi_application_moves_what_it_set_up_out_of_the_collectors_reach():
    """cms.wsgi freezes what Django, Wagtail and the apps set up (gc.freeze), so
    that full collections walk only what requests make (bench/README.md: memory)."""
    result = run_manage(
        "shell", "-c", "import gc; before = gc.get_freeze_count(); import cms.wsgi; "
        "print('frozen:', before < 1_000, gc.get_freeze_count() > 100_000, callable(cms.wsgi.application))",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "frozen: True True True" in result.stdout
