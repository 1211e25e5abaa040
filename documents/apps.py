from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self):
        from cms.api_filters import register_page_filter

        from .api import PublicationInstitutionFilter, PublicationKindFilter

        register_page_filter(PublicationKindFilter)
        register_page_filter(PublicationInstitutionFilter)
