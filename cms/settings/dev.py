"""Local development: `make run` (SQLite and local files unless overridden)."""

from .base import *  # noqa: F403
from .env import env_bool, env_str

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = env_str("SECRET_KEY", "django-insecure-dev-only-key-do-not-use-in-production")
ALLOWED_HOSTS = ["*"]
WEBHOOKS_ALLOW_PRIVATE_TARGETS = env_bool("WEBHOOKS_ALLOW_PRIVATE_TARGETS", True)  # receivers on 127.0.0.1
