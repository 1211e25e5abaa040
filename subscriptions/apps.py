from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SubscriptionsConfig(AppConfig):
    name = "subscriptions"
    verbose_name = _("News subscriptions")

    def ready(self):
        from . import signals

        signals.connect()
