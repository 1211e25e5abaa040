from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from cms.api_filters import register_page_filter
        from cms.caching.clock import track_changes_of

        from . import signals  # noqa: F401
        from .api import NewsInstitutionFilter, NewsPageFilter
        from .models import NewsCategory

        register_page_filter(NewsPageFilter)
        register_page_filter(NewsInstitutionFilter)
        track_changes_of(NewsCategory)  # its names are in the news API answers
