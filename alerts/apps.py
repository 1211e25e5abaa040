from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = _("Alerts")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.caching.clock import track_changes_of

        from .models import Alert

        # publishing, unpublishing or editing an alert changes every page's banner
        track_changes_of(Alert)
