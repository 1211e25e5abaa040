from django.core.management.base import BaseCommand

from webhooks.delivery import run_due


class Command(BaseCommand):
    help = (
        "Send the webhook deliveries that are due (first attempts and retries). Run it every minute "
        "from cron where the task backend cannot schedule retries for later (TASKS_BACKEND=immediate)."
    )

    def handle(self, *args, **options):
        count = run_due()
        self.stdout.write(f"{count} webhook deliveries attempted")
