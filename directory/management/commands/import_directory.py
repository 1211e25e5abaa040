"""manage.py import_directory FILE.csv|FILE.xlsx [--locale bg] [--dry-run] [--user USERNAME]"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from directory import columns
from directory.importer import ImportFileError, import_file


class Command(BaseCommand):
    help = (
        "Create or update institutions and their e-services from a CSV/XLSX file in the directory's "
        "columns (one row per e-service; key = registry identifier). All or nothing. Columns: "
        + ", ".join(columns.HEADER)
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--locale",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
            help="The language of the file's names and descriptions.",
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report, write nothing.")
        parser.add_argument(
            "--user",
            help="Username recorded on the revisions and in the page history (and whose page "
            "permissions are checked); without it the pages are written by no user.",
        )
        parser.add_argument(
            "--language",
            default="en",
            help="Language of the report (default en).",
        )

    def handle(self, *args, file, locale, dry_run, user, language, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        account = None
        if user:
            account = get_user_model().objects.filter(username=user, is_active=True).first()
            if account is None:
                raise CommandError(f"No active user {user!r}")
        with translation.override(language):
            try:
                result = import_file(
                    path.name, path.read_bytes(), locale=locale, dry_run=dry_run, user=account
                )
            except ImportFileError as error:
                for problem in error.problems:
                    self.stderr.write(str(problem))
                raise CommandError(f"{len(error.problems)} problem(s) found; nothing was imported.") from None
            self.stdout.write(result.summary())
