"""The media storage on S3 (settings STORAGES["default"] when a bucket is set).

django-storages' S3Storage with the client's timeouts and retries as plain
options instead of a botocore Config: the storage then deconstructs to JSON,
which Wagtail needs to delete a removed document's file in a background task
(its arguments are the deconstructed storage and the file name)."""

import threading
import time

from botocore.config import Config
from storages.backends.s3 import S3Storage

# Signed URLs are reused while at least half of their lifetime is left.
SIGNED_URL_MEMO_SIZE = 20_000


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
