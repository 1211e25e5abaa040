from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "directory"
    verbose_name = _("Directory")

    def ready(self):
        from cms.api_filters import register_page_filter
        from cms.caching.clock import track_changes_of
        from directory import permissions
        from directory.api import InstitutionFilter
        from directory.models import InstitutionType, Region, ServiceCategory

        register_page_filter(InstitutionFilter)
        permissions.connect()
        track_changes_of(Region, InstitutionType, ServiceCategory)  # shown in the institutions' API answers
