from django.core.management.base import BaseCommand

from subscriptions.models import Subscription


class Command(BaseCommand):
    help = "Delete subscription requests whose confirmation link has expired (run daily by cron)."

    def handle(self, *args, **options):
        deleted, _ = Subscription.objects.expired_requests().delete()
        self.stdout.write(f"{deleted} expired subscription request(s) deleted.")
