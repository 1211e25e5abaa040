"""Monthly (cron): e-mail each institution editor the entries and e-services
of their institution last reviewed more than 12 months ago — once per editor
and calendar month, however often it runs (recorded in ReviewReminder)."""

import logging

from django.core.management.base import BaseCommand

from directory.reminders import send_review_reminders

logger = logging.getLogger("directory.reminders")


class Command(BaseCommand):
    help = "E-mail institution editors about entries due for review (once per editor and month)."

    def handle(self, *args, **options):
        counts = send_review_reminders()
        logger.info("review reminders: %(sent)d sent, %(skipped)d already sent, %(failed)d failed", counts)
        self.stdout.write(
            f"{counts['sent']} sent, {counts['skipped']} already sent, {counts['failed']} failed"
        )
