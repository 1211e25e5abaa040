"""A machine translator for tests, registered through WAGTAILLOCALIZE_MACHINE_TRANSLATOR
(wagtail-localize's own setting): it marks each string instead of translating it."""

from wagtail_localize.machine_translators.base import BaseMachineTranslator
from wagtail_localize.strings import StringValue


class MarkingTranslator(BaseMachineTranslator):
    display_name = "Marking translator"

    def translate(self, source_locale, target_locale, strings):
        return {string: StringValue.from_plaintext(f"[MT] {string.render_text()}") for string in strings}

    def can_translate(self, source_locale, target_locale):
        return source_locale != target_locale
