from django.apps import AppConfig


class CachingConfig(AppConfig):
    """The content clock, the API's cache validators, the page cache and its purges."""

    name = "cms.caching"
    label = "cms_caching"
    verbose_name = "Cache validators"

    def ready(self):
        from .clock import connect_signals

        connect_signals()
