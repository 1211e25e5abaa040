from django.utils.translation import pgettext_lazy

# Language names as they read inside a sentence ("shown in Bulgarian" →
# "показва се на български", "afișată în bulgară").
LANGUAGE_NAMES_IN_TEXT = {
    "bg": pgettext_lazy("language name inside a sentence", "Bulgarian"),
    "ro": pgettext_lazy("language name inside a sentence", "Romanian"),
    "en": pgettext_lazy("language name inside a sentence", "English"),
}
