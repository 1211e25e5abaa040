"""Daily (cron): institutions whose membership ended (its "until" date passed)
lose their editors' page and collection permissions; renewed ones get them back."""

import logging

from django.core.management.base import BaseCommand

from directory.network import apply_memberships

logger = logging.getLogger("directory.membership")


class Command(BaseCommand):
    help = "Revoke or restore institution editors' access according to each institution's membership."

    def handle(self, *args, **options):
        counts = apply_memberships()
        logger.info("memberships applied: %(granted)d with access, %(revoked)d revoked", counts)
        self.stdout.write(f"{counts['granted']} institutions with access, {counts['revoked']} revoked")
