from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from cms.api_filters import register_page_filter

        from . import signals  # noqa: F401
        from .api import NewsPageFilter

        register_page_filter(NewsPageFilter)
