import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Max, Q
from django.utils import timezone

from subscriptions.mailing import send_news_mails
from subscriptions.models import Dispatch


class Command(BaseCommand):
    help = (
        "Queue again the news mailings that stalled (a batch that failed, e.g. while the mail server "
        "was down). Safe to run at any time: no address is mailed twice. Run by cron every 15 minutes."
    )

    def handle(self, *args, **options):
        quiet_since = timezone.now() - datetime.timedelta(
            seconds=max(2 * settings.SUBSCRIPTION_BATCH_INTERVAL_SECONDS, 600)
        )
        stalled = (
            Dispatch.objects.filter(finished_at__isnull=True, started_at__lte=quiet_since)
            .annotate(last_sent=Max("deliveries__sent_at"))
            .filter(Q(last_sent__isnull=True) | Q(last_sent__lte=quiet_since))
            .values_list("pk", flat=True)
        )
        count = 0
        for pk in stalled:
            send_news_mails.enqueue(pk)
            count += 1
        self.stdout.write(f"{count} stalled news mailing(s) queued again.")
