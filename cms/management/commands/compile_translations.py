from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Compile locale/*/LC_MESSAGES/*.po to .mo without GNU gettext, refusing "
        "catalogues with untranslated or fuzzy entries."
    )

    def handle(self, *args, **options):
        problems = []
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                catalogue = polib.pofile(str(po_path))
                for entry in catalogue:
                    if entry.obsolete:
                        continue
                    if not entry.translated() or entry.fuzzy:
                        problems.append(f"{po_path}:{entry.linenum}: untranslated {entry.msgid!r}")
                catalogue.save_as_mofile(str(po_path.with_suffix(".mo")))
                compiled += 1
        if problems:
            raise CommandError("Incomplete translations:\n" + "\n".join(problems))
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
