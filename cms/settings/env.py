"""Small helpers to read configuration from environment variables."""

import os

from django.core.exceptions import ImproperlyConfigured


def env_str(name, default=None):
    value = os.environ.get(name)
    return default if value in (None, "") else value


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    lowered = value.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {value!r}")


def env_int(name, default):
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name, default=()):
    value = os.environ.get(name)
    if value in (None, ""):
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_url_list(name):
    """Comma-separated http(s) URLs (e.g. FRONTEND_CACHE_PURGE_URL), as a string
    the same shape; anything else stops the start with the variable's name."""
    from urllib.parse import urlsplit

    urls = env_list(name)
    for url in urls:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - raises on a malformed port
        except ValueError:
            parts = None
        if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
            raise ImproperlyConfigured(
                f"{name} must be comma-separated http(s) URLs like http://127.0.0.1:6081/, got {url!r}"
            )
    return ",".join(urls) or None


def env_seconds(name, default):
    """A non-negative number of seconds."""
    value = env_int(name, default)
    if value < 0:
        raise ImproperlyConfigured(f"{name} must be 0 or more seconds, got {value}")
    return value


def env_required(name):
    value = os.environ.get(name)
    if value in (None, ""):
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


def parse_base_url(name, value):
    """`scheme://host[:port]` with nothing after it, normalised without a trailing
    slash. https must be on port 443 and http on any other port: Wagtail's Site
    (hostname + port) cannot express anything else, and the default Site is kept
    equal to this URL (cms.base_url.sync_default_site)."""
    from urllib.parse import urlsplit

    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError as exc:
        raise ImproperlyConfigured(
            f"{name} must be a URL like https://egovernet.example.org, got {value!r}"
        ) from exc
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.username
        or parts.password
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
    ):
        raise ImproperlyConfigured(
            f"{name} must be scheme://host[:port] with no path, like https://egovernet.example.org, got {value!r}"
        )
    if (parts.scheme == "https" and port not in (None, 443)) or (parts.scheme == "http" and port == 443):
        raise ImproperlyConfigured(
            f"{name}: https is served on port 443 and http on any other port (a Wagtail Site "
            f"cannot say otherwise), got {value!r}"
        )
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    default_port = 443 if parts.scheme == "https" else 80
    return f"{parts.scheme}://{host}" + (f":{port}" if port not in (None, default_port) else "")


def env_base_url(name, default):
    return parse_base_url(name, env_str(name, default))


def media_origins(options):
    """Origins media URLs point at (for the Content-Security-Policy): the S3
    custom domain, else the endpoint (with the bucket's host for virtual-hosted
    addressing); none for local files, which are served by this site."""
    from urllib.parse import urlsplit

    if options.get("custom_domain"):
        return [f"https://{options['custom_domain']}"]
    endpoint = options.get("endpoint_url")
    if not endpoint and options.get("bucket_name"):
        region = options.get("region_name")
        endpoint = f"https://s3.{region}.amazonaws.com" if region else "https://s3.amazonaws.com"
    if not endpoint:
        return []
    parts = urlsplit(endpoint)
    origins = [f"{parts.scheme}://{parts.netloc}"]
    if options.get("addressing_style") == "virtual" and options.get("bucket_name"):
        origins.append(f"{parts.scheme}://{options['bucket_name']}.{parts.netloc}")
    return origins
