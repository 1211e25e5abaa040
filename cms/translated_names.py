"""Group, workflow and task names in the viewer's language, stored in English.

The editorial groups, the workflow and its task are data (cms/roles.py, created
by a migration) that code and migrations look up by their English name. Every
admin screen and email shows them in the language of whoever reads them: a name
from cms.roles.DISPLAY_NAMES loaded from the database becomes a TranslatedName,
a `str` whose value stays the stored English – for queries, comparisons, JSON
and the database – and whose `str()` and `format()` give its translation in the
language active at that moment. Templates (`{{ group.name }}`, `|safe`,
`blocktrans with`), %-formatting and f-strings all go through these, so a page
rendered in Bulgarian and an email rendered for a Romanian recipient each get
their own language; the models' `__str__` return `str(name)` for the same reason.

An admin form shows the translated name and so posts it back when saved
unchanged; pre_save puts the stored English name back in that case.

Names made from a pattern (cms.roles.DISPLAY_PATTERNS: "Institution editors:
%(institution)s", one group per member institution) are recognised by the
pattern's fixed text and shown as the translated pattern around the stored value.

The workflow log entries keep the names they were written with (in English, in
their JSON data): those are wrapped the same way when loaded, for the history.

Django stores permission names in English too ("Can add e-service", what the
group form's checkboxes are labelled with): a PermissionName shows a default
permission as "Can add %(name)s" with the model's translated name, and any other
through the catalogues ("Can submit translations")."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from wagtail.models import BaseLogEntry, Task, Workflow

from cms.roles import DISPLAY_NAMES, DISPLAY_PATTERNS


class TranslatedName(str):
    """A stored name; str() and format() translate it into the active language."""

    __slots__ = ()

    @property
    def stored(self):
        return str.__str__(self)

    def __str__(self):
        return translate(self.stored)

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __reduce__(self):
        return (TranslatedName, (self.stored,))


DEFAULT_PERMISSIONS = {
    "add": translation.gettext_lazy("Can add %(name)s"),
    "change": translation.gettext_lazy("Can change %(name)s"),
    "delete": translation.gettext_lazy("Can delete %(name)s"),
    "view": translation.gettext_lazy("Can view %(name)s"),
}


class PermissionName(TranslatedName):
    """A permission's stored (English) name, shown in the active language."""

    def __new__(cls, value, codename, content_type_id):
        name = super().__new__(cls, value)
        name.codename, name.content_type_id = codename, content_type_id
        return name

    def __str__(self):
        action = self.codename.split("_", 1)[0]
        model = ContentType.objects.get_for_id(self.content_type_id).model_class()
        if (
            action in DEFAULT_PERMISSIONS
            and model is not None
            and self.codename == f"{action}_{model._meta.model_name}"
            and self.stored == f"Can {action} {model._meta.verbose_name_raw}"
        ):
            return DEFAULT_PERMISSIONS[action] % {"name": model._meta.verbose_name}
        return translation.gettext(self.stored)

    def __reduce__(self):
        return (PermissionName, (self.stored, self.codename, self.content_type_id))


def _wrap_permission_name(sender, instance, **kwargs):
    fields = instance.__dict__
    if type(fields.get("name")) is str and fields.get("codename") and fields.get("content_type_id"):
        fields["name"] = PermissionName(fields["name"], fields["codename"], fields["content_type_id"])


def _pattern_match(value):
    """(pattern, its one placeholder's value) when `value` was made from one of
    cms.roles.DISPLAY_PATTERNS ("Institution editors: Община Русе"), else None."""
    for pattern in DISPLAY_PATTERNS:
        head, _, rest = pattern.partition("%(")
        key, _, tail = rest.partition(")s")
        if len(value) > len(head) + len(tail) and value.startswith(head) and value.endswith(tail):
            return pattern, {key: value[len(head) : len(value) - len(tail)]}
    return None


def translate(stored):
    """A stored name in the active language (a pattern's placeholder kept as stored)."""
    if stored not in DISPLAY_NAMES:
        match = _pattern_match(stored)
        if match is not None:
            return translation.gettext(match[0]) % match[1]
    return translation.gettext(stored)


def translations(name):
    """The name as every configured language shows it."""
    shown = set()
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            shown.add(translate(name))
    return shown


def _wrap(value):
    if type(value) is str and (value in DISPLAY_NAMES or _pattern_match(value) is not None):
        return TranslatedName(value)
    return value


def _wrap_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")  # absent when deferred
    wrapped = _wrap(name)
    if wrapped is not name:
        instance.__dict__["name"] = wrapped
        instance._stored_name = name


def _keep_stored_name(sender, instance, **kwargs):
    """A form that echoes the translated name back saves the stored one."""
    stored = getattr(instance, "_stored_name", None)
    name = instance.__dict__.get("name")
    if stored is None or name is None or isinstance(name, TranslatedName) or name == stored:
        return
    if name in translations(stored):
        instance.name = TranslatedName(stored)


def _wrap_log_names(sender, instance, **kwargs):
    """Workflow log entries: data["workflow"] and its "task"/"next" carry titles."""
    data = instance.__dict__.get("data")
    workflow = data.get("workflow") if isinstance(data, dict) else None
    if not isinstance(workflow, dict):
        return
    for part in (workflow, workflow.get("task"), workflow.get("next")):
        if isinstance(part, dict) and "title" in part:
            part["title"] = _wrap(part["title"])


def _str_of_name(self):
    return str(self.name)


def connect():
    named = [Group, Workflow, *(m for m in apps.get_models() if issubclass(m, Task))]
    for model in named:
        post_init.connect(_wrap_name, sender=model, dispatch_uid=f"cms_translated_name_{model._meta.label}")
        pre_save.connect(_keep_stored_name, sender=model, dispatch_uid=f"cms_stored_name_{model._meta.label}")
    # Their __str__ return the name object itself, which str() would not translate.
    for model in (Group, Workflow, Task):
        model.__str__ = _str_of_name
    post_init.connect(_wrap_permission_name, sender=Permission, dispatch_uid="cms_permission_name")
    for model in apps.get_models():
        if issubclass(model, BaseLogEntry):
            post_init.connect(
                _wrap_log_names, sender=model, dispatch_uid=f"cms_log_names_{model._meta.label}"
            )
