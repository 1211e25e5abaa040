"""/healthz checks the database and the media storage for real."""

import pytest
from django.core.files.storage import storages
from django.db import connection
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_ok_when_database_and_storage_work(client, bucket_keys):
    before = bucket_keys("healthz/")
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "storage": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")
    assert bucket_keys("healthz/") == before  # the probe object is cleaned up


def test_healthz_503_when_storage_is_down(client, settings):
    broken = {**settings.STORAGES}
    broken["default"] = {
        **broken["default"],
        "OPTIONS": {**broken["default"]["OPTIONS"], "endpoint_url": "http://127.0.0.1:9"},
    }
    with override_settings(STORAGES=broken):
        storages._storages.pop("default", None)
        response = client.get("/healthz")
    storages._storages.pop("default", None)
    assert response.status_code == 503
    assert response.json() == {"database": "ok", "storage": "error"}


def test_healthz_503_when_database_is_down(client):
    original_port = connection.settings_dict["PORT"]
    connection.close()
    connection.settings_dict["PORT"] = 9  # nothing listens there: a real refused connection
    try:
        response = client.get("/healthz")
    finally:
        connection.close()
        connection.settings_dict["PORT"] = original_port
    assert response.status_code == 503
    assert response.json() == {"database": "error", "storage": "ok"}
