"""The media storage on S3 (settings STORAGES["default"] when a bucket is set).

django-storages' S3Storage with the client's timeouts and retries as plain
options instead of a botocore Config: the storage then deconstructs to JSON,
which Wagtail needs to delete a removed document's file in a background task
(its arguments are the deconstructed storage and the file name)."""

import json
import os
import threading
import time

import boto3
from botocore.config import Config
from botocore.loaders import JSONFileLoader, Loader
from botocore.session import Session as BotocoreSession
from storages.backends.s3 import S3Storage

# Signed URLs are reused while at least half of their lifetime is left.
SIGNED_URL_MEMO_SIZE = 20_000


class S3ModelLoader(JSONFileLoader):
    """botocore's model files as the media storage needs them: read into plain dicts
    (which keep their order too) instead of OrderedDicts, and of the endpoints of
    every AWS service only S3's, the one service this session makes clients for. A
    worker that talks to S3 then holds 3.4 MB of models instead of 11.8 MB
    (tracemalloc, botocore 1.44); requests, signatures and endpoints are the same."""

    def _load_file(self, full_path, open_method):
        if not os.path.isfile(full_path):
            return None
        with open_method(full_path, "rb") as handle:
            data = json.loads(handle.read().decode("utf-8"))
        if os.path.basename(full_path).startswith("endpoints.json"):
            for partition in data.get("partitions", []):
                services = partition.get("services", {})
                partition["services"] = {name: services[name] for name in ("s3",) if name in services}
        return data


class S3DataLoader(Loader):
    FILE_LOADER_CLASS = S3ModelLoader


class MediaStorage(S3Storage):
    """Fails fast (health checks, uploads) instead of hanging on a dead endpoint,
    and signs each file's URL once per half its lifetime: signing (botocore's
    SigV4, ≈ 0.3 ms) was a third of a news index's CPU time, a dozen images with
    two renditions each. A reused URL is still valid for at least
    querystring_expire / 2 seconds when it is handed out."""

    _signed_urls: dict = {}
    _signed_urls_lock = threading.Lock()

    def url(self, name, parameters=None, expire=None, http_method=None):
        if not self.querystring_auth or self.custom_domain:
            return super().url(name, parameters=parameters, expire=expire, http_method=http_method)
        lifetime = self.querystring_expire if expire is None else expire
        key = (self.bucket_name, name, tuple(sorted((parameters or {}).items())), lifetime, http_method)
        now = time.monotonic()
        memo = self._signed_urls.get(key)
        if memo is not None and now - memo[0] < lifetime / 2:
            return memo[1]
        url = super().url(name, parameters=parameters, expire=lifetime, http_method=http_method)
        with self._signed_urls_lock:
            if len(self._signed_urls) >= SIGNED_URL_MEMO_SIZE:
                self._signed_urls.clear()
            self._signed_urls[key] = (now, url)
        return url

    def _create_session(self):
        """django-storages' session, with a botocore session that loads its model
        files with S3ModelLoader (and still honours AWS_DATA_PATH)."""
        core = BotocoreSession()
        data_path = core.get_config_variable("data_path")
        core.register_component(
            "data_loader",
            S3DataLoader(extra_search_paths=data_path.split(os.pathsep) if data_path else []),
        )
        if self.session_profile:
            return boto3.Session(profile_name=self.session_profile, botocore_session=core)
        return boto3.Session(
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
            aws_session_token=self.security_token,
            botocore_session=core,
        )

    def get_default_settings(self):
        return {**super().get_default_settings(), "connect_timeout": 3, "read_timeout": 20, "max_attempts": 2}

    def __init__(self, **settings):
        super().__init__(**settings)
        if "client_config" not in settings:
            self.client_config = Config(
                connect_timeout=self.connect_timeout,
                read_timeout=self.read_timeout,
                retries={"max_attempts": self.max_attempts, "mode": "standard"},
                signature_version=self.signature_version,
                s3={"addressing_style": self.addressing_style},
                proxies=self.proxies,
            )
