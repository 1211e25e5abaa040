"""Where a translation's text came from: human, machine or mixed.

Read from wagtail-localize's records: every translated string (StringTranslation)
of the source's current segments says whether a person or a machine translator
wrote it (`translation_type`), who last changed it and when. Per object and
translated locale:
- ``human``: every translated string was written by a person;
- ``machine``: every one by a machine translator;
- ``mixed``: some of each (``machine_share`` says how much was machine).
A locale without translated strings (an alias, or a copy edited by hand) has no
entry. Computed for any number of objects with two queries."""

from collections import defaultdict

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef
from django.utils.translation import pgettext_lazy
from rest_framework.fields import Field
from wagtail_localize.models import StringSegment, StringTranslation, TranslationSource

HUMAN, MACHINE, MIXED = "human", "machine", "mixed"
METHOD_LABELS = {
    HUMAN: pgettext_lazy("translation provenance", "Human"),
    MACHINE: pgettext_lazy("translation provenance", "Machine"),
    MIXED: pgettext_lazy("translation provenance", "Mixed"),
}
MOSTLY = 0.5  # "mostly machine-translated": more than half of the strings


def provenance_by_key(translation_keys) -> dict:
    """{translation_key: {locale code: {"method", "machine_share", "translated_at", "translated_by"}}}.
    `translated_by` is the user (or None); callers decide who may see it."""
    keys = {str(key) for key in translation_keys}
    if not keys:
        return {}
    sources = TranslationSource.objects.filter(object_id__in=keys)
    current_segment = StringSegment.objects.filter(
        source__in=sources, string_id=OuterRef("translation_of_id"), context_id=OuterRef("context_id")
    )
    rows = (
        StringTranslation.objects.filter(context__object_id__in=keys)
        .filter(Exists(current_segment))
        .values_list(
            "context__object_id",
            "locale__language_code",
            "translation_type",
            "updated_at",
            "last_translated_by_id",
        )
    )
    tally = defaultdict(lambda: {"manual": 0, "machine": 0, "at": None, "by": None})
    for key, code, kind, updated_at, user_id in rows:
        entry = tally[(str(key), code)]
        entry["machine" if kind == StringTranslation.TRANSLATION_TYPE_MACHINE else "manual"] += 1
        if entry["at"] is None or updated_at > entry["at"]:
            entry["at"], entry["by"] = updated_at, user_id
    user_ids = {entry["by"] for entry in tally.values() if entry["by"]}
    users = get_user_model().objects.in_bulk(user_ids) if user_ids else {}
    result = defaultdict(dict)
    for (key, code), entry in tally.items():
        total = entry["manual"] + entry["machine"]
        method = MACHINE if entry["manual"] == 0 else HUMAN if entry["machine"] == 0 else MIXED
        result[key][code] = {
            "method": method,
            "machine_share": round(entry["machine"] / total, 2),
            "translated_at": entry["at"],
            "translated_by": users.get(entry["by"]),
        }
    return dict(result)


def page_provenance(page) -> dict:
    cached = getattr(page, "_translation_provenance", None)
    if cached is not None:
        return cached
    return provenance_by_key([page.translation_key]).get(str(page.translation_key), {})


def mostly_machine_translated(page) -> bool:
    entry = page_provenance(page).get(page.locale.language_code)
    return entry is not None and entry["machine_share"] > MOSTLY


def may_see_translators(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm("wagtailadmin.access_admin"))


def public_form(provenance: dict, show_people: bool) -> dict:
    """The API's shape: per locale, method, share and time; the person for staff only."""
    shown = {}
    for code, entry in sorted(provenance.items()):
        item = {
            "method": entry["method"],
            "machine_share": entry["machine_share"],
            "translated_at": entry["translated_at"].isoformat() if entry["translated_at"] else None,
        }
        if show_people:
            user = entry["translated_by"]
            item["translated_by"] = (user.get_full_name() or user.get_username()) if user else None
        shown[code] = item
    return shown


class TranslationProvenanceField(Field):
    """API v2 field `translation_provenance`: how each translated locale's text was made."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page) -> dict:
        request = self.context.get("request")
        return public_form(page_provenance(page), may_see_translators(getattr(request, "user", None)))
