"""manage.py import_directory FILE.csv|FILE.xlsx [--locale bg] [--dry-run]"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from directory.importer import COLUMNS, ImportFileError, import_file


class Command(BaseCommand):
    help = (
        "Create or update institutions and their e-services from a CSV/XLSX file (one row per "
        "e-service; key = registry identifier). All or nothing. Columns: " + ", ".join(COLUMNS)
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--locale",
            default=settings.LANGUAGE_CODE,
            choices=[code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES],
        )
        parser.add_argument("--dry-run", action="store_true", help="Check and report, write nothing.")

    def handle(self, *args, file, locale, dry_run, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"No such file: {file}")
        try:
            result = import_file(path.name, path.read_bytes(), locale=locale, dry_run=dry_run)
        except ImportFileError as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(f"{len(error.problems)} problem(s) found; nothing was imported.") from None
        prefix = "Dry run, nothing written: " if dry_run else ""
        self.stdout.write(prefix + result.summary())
