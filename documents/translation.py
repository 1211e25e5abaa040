"""Per-locale overrides of synchronised fields (a translator choosing the
Romanian PDF for the Romanian page), stored as wagtail-localize records."""

import json

from wagtail.models import Locale
from wagtail_localize.models import OverridableSegment, SegmentOverride, TranslationSource


def override_segment(instance, language_code, path, value, *, user=None):
    """Record what the localize editor records when a translator overrides the
    overridable segment `path` (e.g. "document") of `instance` in a locale."""
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    segment = OverridableSegment.objects.select_related("context").get(source=source, context__path=path)
    override, _created = SegmentOverride.objects.update_or_create(
        locale=Locale.objects.get(language_code=language_code),
        context=segment.context,
        defaults={"data_json": json.dumps(value), "last_translated_by": user},
    )
    return override
