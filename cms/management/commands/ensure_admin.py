import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.urls import reverse

from cms.base_url import absolute_url


class Command(BaseCommand):
    help = (
        "Create the admin superuser if it does not exist: ADMIN_USERNAME/ADMIN_PASSWORD "
        "(and ADMIN_EMAIL) from the environment, or 'admin' with a generated password that is printed."
    )

    def handle(self, *args, **options):
        User = get_user_model()
        username = os.environ.get("ADMIN_USERNAME") or "admin"
        password = os.environ.get("ADMIN_PASSWORD")
        email = os.environ.get("ADMIN_EMAIL") or "admin@example.org"
        if User.objects.filter(username=username).exists():
            self.stdout.write(
                f"Admin user {username!r} exists; reset its password with "
                f"`.venv/bin/python manage.py changepassword {username}`."
            )
            return
        generated = not password
        password = password or secrets.token_urlsafe(12)
        User.objects.create_superuser(username=username, email=email, password=password)
        if generated:
            self.stdout.write(self.style.SUCCESS(f"Admin user created: {username} / {password}"))
        else:
            self.stdout.write(
                self.style.SUCCESS(f"Admin user created: {username} (password from ADMIN_PASSWORD)")
            )
        self.stdout.write(f"Log in at {absolute_url(reverse('wagtailadmin_home'))}")
