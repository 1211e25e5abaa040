"""The media storage on S3 (settings STORAGES["default"] when a bucket is set).

django-storages' S3Storage with the client's timeouts and retries as plain
options instead of a botocore Config: the storage then deconstructs to JSON,
which Wagtail needs to delete a removed document's file in a background task
(its arguments are the deconstructed storage and the file name)."""

from botocore.config import Config
from storages.backends.s3 import S3Storage


class MediaStorage(S3Storage):
    """Fails fast (health checks, uploads) instead of hanging on a dead endpoint."""

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
