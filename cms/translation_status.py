"""Where every page and translatable snippet stands in each locale.

States, per object and locale:
- ``source``: the original that others are translated from;
- ``missing``: no version in this locale at all;
- ``alias``: synced into the locale but not translated (shows the source's content);
- ``in_progress``: a translation exists but is not complete and published;
- ``outdated``: translated, but the source was republished since the translation
  was last synced from it;
- ``translated``: translated, complete and current.

Everything is computed with a fixed number of queries, whatever the number of
objects, so the report and the API stay cheap."""

import json
from collections import defaultdict
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, OuterRef, Q
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

SOURCE = "source"
MISSING = "missing"
ALIAS = "alias"
IN_PROGRESS = "in_progress"
OUTDATED = "outdated"
TRANSLATED = "translated"

STATE_LABELS = {
    SOURCE: _("Source"),
    MISSING: _("Missing"),
    ALIAS: _("Not translated (alias)"),
    IN_PROGRESS: _("In progress"),
    OUTDATED: _("Outdated"),
    TRANSLATED: _("Translated"),
}
NEEDS_WORK = (MISSING, ALIAS, IN_PROGRESS, OUTDATED)


@dataclass
class StatusRow:
    """One object in one locale."""

    translation_key: str
    kind: str  # "page" or the snippet's verbose name
    model_label: str
    title: str
    locale: str
    state: str
    object_id: int | None = None
    source_locale: str | None = None
    progress: tuple | None = None  # (total, done) segments
    section: str = ""  # title of the top-level section (depth 3) in the row's locale
    translation_id: int | None = None
    section_key: str = ""  # translation key of that section, the same in every locale

    @property
    def percent(self):
        if not self.progress or not self.progress[0]:
            return None
        return round(100 * self.progress[1] / self.progress[0])

    @property
    def state_label(self):
        return STATE_LABELS[self.state]

    @property
    def is_page(self):
        return self.kind == "page"

    @property
    def kind_label(self):
        return _("Page") if self.is_page else capfirst(self.kind)

    @property
    def type_label(self):
        """The model's verbose name in the active language (`news.NewsPage` → "News page")."""
        try:
            model = apps.get_model(self.model_label)
        except (LookupError, ValueError):
            return self.model_label
        return capfirst(model._meta.verbose_name)


def translatable_snippet_models():
    return [m for m in get_snippet_models() if issubclass(m, TranslatableMixin)]


def bulk_progress(translations):
    """{(source_id, locale_id): (total, done)} for the given Translation rows,
    one query per target locale."""
    by_locale = defaultdict(set)
    for translation in translations:
        by_locale[translation.target_locale_id].add(translation.source_id)
    progress = {}
    for locale_id, source_ids in by_locale.items():
        rows = (
            StringSegment.objects.filter(source_id__in=source_ids)
            .annotate(
                is_translated=Exists(
                    StringTranslation.objects.filter(
                        translation_of_id=OuterRef("string_id"),
                        context_id=OuterRef("context_id"),
                        locale_id=locale_id,
                        has_error=False,
                    )
                )
            )
            .values("source_id")
            .annotate(total=Count("pk"), done=Count("pk", filter=Q(is_translated=True)))
        )
        for row in rows:
            progress[(row["source_id"], locale_id)] = (row["total"], row["done"])
        for source_id in source_ids:  # sources without any string segment are complete
            progress.setdefault((source_id, locale_id), (0, 0))
    return progress


def _serialized(instance):
    if isinstance(instance, ClusterableModel):
        return json.loads(instance.to_json())
    return json.loads(json.dumps(get_serializable_data_for_fields(instance), cls=DjangoJSONEncoder))


class _Context:
    """The translation records of a set of translation keys, loaded in bulk."""

    def __init__(self, keys):
        """`keys`: the translation keys to load records for; None for every page's
        (skips an IN list of every key when the whole tree is reported)."""
        self.sources = defaultdict(list)
        sources = TranslationSource.objects.all()
        if keys is not None:
            sources = sources.filter(object_id__in=keys)
        for source in sources:
            self.sources[source.object_id].append(source)
        source_ids = [s.id for group in self.sources.values() for s in group]
        self.translations = {}
        translations = list(Translation.objects.filter(source_id__in=source_ids).select_related("source"))
        for translation in translations:
            self.translations[(translation.source_id, translation.target_locale_id)] = translation
        self.progress = bulk_progress(translations)
        self.locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
        self.default_locale_id = Locale.get_default().pk

    def source_for(self, key, locale_id):
        """The TranslationSource that has a translation into locale_id (or None)."""
        for source in self.sources.get(key, ()):
            if (source.id, locale_id) in self.translations:
                return source
        return None

    def source_locale_ids(self, key):
        return {source.locale_id for source in self.sources.get(key, ())}


def _original_locale_id(locale_ids, pks_by_locale, default):
    """Without translation records, the original is the default language's version
    (`default`, a locale pk) or the oldest one; the others were translated outside
    wagtail-localize."""
    if default in locale_ids:
        return default
    return min(locale_ids, key=lambda locale_id: pks_by_locale[locale_id])


def _state(
    ctx, key, instance_locale_id, *, is_alias, is_complete_and_live, source_changed_since, original_locale_id
):
    """State of one existing instance (not missing)."""
    if is_alias:
        return ALIAS, None, None
    source = ctx.source_for(key, instance_locale_id)
    if source is None:
        if instance_locale_id in ctx.source_locale_ids(key) or instance_locale_id == original_locale_id:
            return SOURCE, None, None
        return TRANSLATED, None, None
    translation = ctx.translations[(source.id, instance_locale_id)]
    total, done = ctx.progress.get((source.id, instance_locale_id), (0, 0))
    if done < total or not is_complete_and_live:
        return IN_PROGRESS, (total, done), translation
    if source_changed_since(source):
        return OUTDATED, (total, done), translation
    return TRANSLATED, (total, done), translation


def page_rows(pages=None):
    """Status rows for pages (all pages below the root by default)."""
    fields = (
        "id", "translation_key", "locale_id", "alias_of_id", "title", "live", "has_unpublished_changes",
        "content_type_id", "path", "depth", "last_published_at",
    )  # fmt: skip
    queryset = pages if pages is not None else Page.objects.filter(depth__gt=1)
    records = list(queryset.values(*fields))
    by_key = defaultdict(dict)
    for record in records:
        by_key[record["translation_key"]][record["locale_id"]] = record
    ctx = _Context(None if pages is None else list(by_key))
    # Last publication of every source page, to spot translations that fell behind.
    source_published = {}
    source_lookup = Q()
    for key, sources in ctx.sources.items():
        for source in sources:
            source_lookup |= Q(translation_key=key, locale_id=source.locale_id)
    if source_lookup:
        for record in Page.objects.filter(source_lookup).values(
            "translation_key", "locale_id", "last_published_at"
        ):
            source_published[(record["translation_key"], record["locale_id"])] = record["last_published_at"]
    sections = {
        r["path"]: (r["title"], str(r["translation_key"]))
        for r in Page.objects.filter(depth=3).values("path", "title", "translation_key")
    }
    labels = {}  # content type id → model label
    for ct_id in {r["content_type_id"] for r in records}:
        model = ContentType.objects.get_for_id(ct_id).model_class()
        labels[ct_id] = model._meta.label if model else ""

    rows = []
    for key, per_locale in by_key.items():
        any_record = next(iter(per_locale.values()))
        real = {lid: r["id"] for lid, r in per_locale.items() if r["alias_of_id"] is None}
        original = _original_locale_id(set(real), real, ctx.default_locale_id) if real else None
        key_text = str(key)
        model_label = labels[any_record["content_type_id"]]
        for locale_id, code in ctx.locales.items():
            record = per_locale.get(locale_id)
            row = StatusRow(
                translation_key=key_text,
                kind="page",
                model_label=model_label,
                title=(record or any_record)["title"],
                locale=code,
                state=MISSING,
            )
            row.section, row.section_key = sections.get((record or any_record)["path"][:12], ("", ""))
            if record is not None:
                row.object_id = record["id"]

                def changed(source, key=key):
                    published = source_published.get((key, source.locale_id))
                    return bool(published and published > source.last_updated_at)

                row.state, row.progress, translation = _state(
                    ctx,
                    key,
                    locale_id,
                    is_alias=record["alias_of_id"] is not None,
                    is_complete_and_live=record["live"] and not record["has_unpublished_changes"],
                    source_changed_since=changed,
                    original_locale_id=original,
                )
                if translation is not None:
                    row.translation_id = translation.id
                    row.source_locale = ctx.locales[translation.source.locale_id]
            rows.append(row)
    return rows


def snippet_rows():
    rows = []
    for model in translatable_snippet_models():
        instances = list(model.objects.all())
        by_key = defaultdict(dict)
        for instance in instances:
            by_key[instance.translation_key][instance.locale_id] = instance
        ctx = _Context(list(by_key))
        for key, per_locale in by_key.items():
            any_instance = next(iter(per_locale.values()))
            original = _original_locale_id(
                set(per_locale), {lid: i.pk for lid, i in per_locale.items()}, ctx.default_locale_id
            )
            for locale_id, code in ctx.locales.items():
                instance = per_locale.get(locale_id)
                row = StatusRow(
                    translation_key=str(key),
                    kind=str(model._meta.verbose_name),
                    model_label=model._meta.label,
                    title=str(instance or any_instance),
                    locale=code,
                    state=MISSING,
                )
                if instance is not None:
                    row.object_id = instance.pk

                    def changed(source, per_locale=per_locale):
                        original = per_locale.get(source.locale_id)
                        return original is not None and _serialized(original) != json.loads(
                            source.content_json
                        )

                    live = getattr(instance, "live", True)
                    row.state, row.progress, translation = _state(
                        ctx,
                        key,
                        locale_id,
                        is_alias=False,
                        is_complete_and_live=live,
                        source_changed_since=changed,
                        original_locale_id=original,
                    )
                    if translation is not None:
                        row.translation_id = translation.id
                        row.source_locale = ctx.locales[translation.source.locale_id]
                rows.append(row)
    return rows


def all_rows():
    return page_rows() + snippet_rows()


def states_for_pages(pages):
    """{page pk: state in its own locale} for these pages, in a fixed number of queries."""
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    rows = page_rows(Page.objects.filter(translation_key__in=keys))
    return {row.object_id: row.state for row in rows if row.object_id is not None}


def page_state(page):
    """The translation state of one page in its own locale (for the API/templates)."""
    return states_for_pages([page]).get(page.pk, SOURCE)


def section_titles(language_code=None):
    """{section translation key: its title in the language} for the top-level
    sections, falling back to the default language's title (then any)."""
    language_code = (language_code or get_language() or "").split("-")[0]
    default = Locale.get_default().language_code
    titles = {}
    rank = {}
    for record in Page.objects.filter(depth=3).values("translation_key", "locale__language_code", "title"):
        key = str(record["translation_key"])
        code = record["locale__language_code"]
        order = 0 if code == language_code else 1 if code == default else 2
        if key not in rank or order < rank[key]:
            titles[key], rank[key] = record["title"], order
    return titles


def counts_by_locale(rows):
    counts = {code: defaultdict(int) for code in Locale.objects.values_list("language_code", flat=True)}
    for row in rows:
        counts[row.locale][row.state] += 1
    return counts


__all__ = [
    "ALIAS", "IN_PROGRESS", "MISSING", "NEEDS_WORK", "OUTDATED", "SOURCE", "STATE_LABELS", "TRANSLATED",
    "StatusRow", "all_rows", "counts_by_locale", "states_for_pages", "page_rows", "page_state", "section_titles",
    "snippet_rows",
]  # fmt: skip
