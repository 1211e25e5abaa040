from django.apps import AppConfig


class CmsConfig(AppConfig):
    """Project package: settings, URLs, the API router and what apps share."""

    name = "cms"
    verbose_name = "E-GoverNet"

    def ready(self):
        from cms import draft_translations, page_sync, signal_handlers

        signal_handlers.connect()
        page_sync.connect()
        draft_translations.connect()
