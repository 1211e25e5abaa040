from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from cms.api_filters import register_page_filter
        from directory.api import InstitutionFilter

        register_page_filter(InstitutionFilter)
