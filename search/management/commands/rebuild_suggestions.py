from django.core.management.base import BaseCommand

from search.suggestions import rebuild_all


class Command(BaseCommand):
    help = "Rebuild the suggestion index behind /api/search/suggest/ from every registered source."

    def handle(self, *args, **options):
        count = rebuild_all()
        self.stdout.write(f"{count} suggestion entries.")
