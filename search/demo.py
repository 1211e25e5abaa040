"""Demo content of the search app: the suggestion index over everything the
other apps' demos made (e-services are added to institutions without a new
publication, so their suggestions would otherwise wait for the next one)."""

from .models import SuggestionEntry
from .suggestions import rebuild_all


def load(report):
    if not SuggestionEntry.objects.filter(source="eservice").exists():
        count = rebuild_all()
        if count:
            report.add(f"search suggestions ({count})")
