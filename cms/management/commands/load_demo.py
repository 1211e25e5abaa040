import importlib

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import DemoReport

PROJECT_APPS = ("home", "directory", "documents", "news", "search", "alerts", "feedback")


class Command(BaseCommand):
    help = "Build the demo site in bg, ro and en (idempotent: a second run changes nothing)."

    def handle(self, *args, **options):
        report = DemoReport()
        with transaction.atomic():
            modules = []
            for app_config in apps.get_app_configs():
                if app_config.name not in PROJECT_APPS:
                    continue
                try:
                    module = importlib.import_module(f"{app_config.name}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app_config.name}.demo":
                        raise
                    continue
                module.load(report)
                modules.append(module)
            # a second pass for content that picks what other apps' demos made (the home page's blocks)
            for module in modules:
                if hasattr(module, "finish"):
                    module.finish(report)
        if report.changed:
            for item in report.created:
                self.stdout.write(f"created {item}")
            self.stdout.write(
                self.style.SUCCESS(f"Demo content loaded: {len(report.created)} items created.")
            )
        else:
            self.stdout.write("Demo content is already loaded; nothing changed.")
        if settings.DEBUG:
            self.stdout.write("Visit /bg/, /ro/ or /en/.")
