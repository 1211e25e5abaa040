import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()


def load_what_every_worker_needs():
    """What each worker's first request would load, loaded once here: every URL
    module (Wagtail's admin, both APIs) with the reverse lookup tables and the message
    catalogue of each language, and the media
    storage's S3 client (its model files; no request is made). Under gunicorn
    --preload that happens in the master, before the fork, and the workers share it.
    No database connection stays open to be inherited."""
    from django.conf import settings
    from django.core.files.storage import default_storage
    from django.db import connections
    from django.urls import get_resolver
    from django.utils import translation

    for code, _name in settings.LANGUAGES:  # one set of lookup tables per language
        with translation.override(code):
            get_resolver().reverse_dict  # noqa: B018 - built on first use
    if hasattr(default_storage, "connection"):
        default_storage.connection  # noqa: B018 - the S3 client is built on first use
    connections.close_all()


load_what_every_worker_needs()
# Then move all of that out of the cyclic collector's generations (Python's
# gc.freeze): a full collection walks only what requests made, so it runs more often
# and cheaply, and garbage with reference cycles (Wagtail's API v2 builds a serializer
# class per request) goes before it spreads over the heap; and the workers leave the
# pages of those objects, shared with the master, unwritten. Measured in
# bench/README.md (worker memory).
gc.freeze()
