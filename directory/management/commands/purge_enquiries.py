"""Delete enquiries older than ENQUIRY_RETENTION_DAYS (run daily by cron).

Idempotent; logs how many were deleted. `--dry-run` only counts them."""

import datetime
import logging

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from directory.models import Enquiry

logger = logging.getLogger("directory.enquiries")


class Command(BaseCommand):
    help = "Delete visitors' enquiries older than ENQUIRY_RETENTION_DAYS (default 90)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Count, delete nothing.")

    def handle(self, *args, dry_run=False, **options):
        days = settings.ENQUIRY_RETENTION_DAYS
        cutoff = timezone.now() - datetime.timedelta(days=days)
        expired = Enquiry.objects.filter(created_at__lt=cutoff)
        if dry_run:
            count = expired.count()
            message = f"{count} enquiries older than {days} days would be deleted (dry run)."
        else:
            count, _ = expired.delete()
            message = f"Deleted {count} enquiries older than {days} days."
        logger.info(message)
        self.stdout.write(message)
