"""Where Wagtail 8's admin shows English that no catalogue can translate.

- The login form's password field has no label, so Django names it "Password"
  from the field name (WAGTAILADMIN_USER_LOGIN_FORM points here).
- The sites listing labels its port, site name and root page columns from their
  attribute names ("Port", "Site name", "Root page"); they get the model fields'
  own (translated) names.
- The group and workflow forms' page choosers have no label either ("Page").
- Wagtail's Locale and wagtail-localize's Translation declare no verbose_name, so
  the group permissions list them as "Locale", "Translation" and Django's
  "Can add locale". Their names are set on _meta only (not Meta, which the
  migration state reads), so no migration of the packages changes.
- The collection permission formsets of images, documents and collections
  translate their labels once, at import (gettext, not gettext_lazy), in the
  default language: a Romanian admin saw them in Bulgarian. They are made lazy.

- wagtail-localize writes the date of a string's translation with strftime
  ("Tradus manual la 1 December 2026"): it is written with Django's localized
  month names instead.

The templates under cms/templates/wagtailadmin/ and cms/templates/wagtaillocales/
do the same for a hard-coded "Actions", "1-2 of 2 None" and "65 pages + 188 others"."""

from django import forms
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext, gettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    password = forms.CharField(
        label=_("Password"),
        widget=WagtailLoginForm.base_fields["password"].widget,
        strip=False,
    )


def label_untranslatable_names():
    """Give the labels and model names above their translatable forms (at ready())."""
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.models import Locale, Page
    from wagtail.users.forms import PagePermissionsForm
    from wagtail_localize.models import Translation

    _label_site_columns()
    _lazy_collection_permission_labels()
    from wagtail_localize.models import StringTranslation

    StringTranslation.get_comment = _string_translation_comment
    for form in (PagePermissionsForm, WorkflowPageForm):
        form.base_fields["page"].label = capfirst(Page._meta.verbose_name)
    for model, singular, plural in (
        (Locale, _("locale"), _("locales")),
        (Translation, _("translation"), _("translations")),
    ):
        if "verbose_name" not in model._meta.original_attrs:
            model._meta.verbose_name, model._meta.verbose_name_plural = singular, plural


# The English source strings of those labels (msgids of Wagtail's own catalogues).
COLLECTION_PERMISSION_LABELS = {
    "add_image": ("Add", "Add/edit images you own"),
    "change_image": ("Edit", "Edit any image"),
    "choose_image": ("Choose", "Select images in choosers"),
    "add_document": ("Add", "Add/edit documents you own"),
    "change_document": ("Edit", "Edit any document"),
    "choose_document": ("Choose", "Select documents in choosers"),
    "add_collection": ("Add", "Add collections"),
    "change_collection": ("Edit", "Edit collections"),
    "delete_collection": ("Delete", "Delete collections"),
}


def _lazy_collection_permission_labels():
    from wagtail.admin.forms.collections import GroupCollectionManagementPermissionFormSet
    from wagtail.documents.forms import GroupDocumentPermissionFormSet
    from wagtail.images.forms import GroupImagePermissionFormSet

    for formset in (
        GroupImagePermissionFormSet,
        GroupDocumentPermissionFormSet,
        GroupCollectionManagementPermissionFormSet,
    ):
        # the list the formset and its checkbox field both read, changed in place
        formset.permission_types[:] = [
            (codename, *(gettext_lazy(text) for text in COLLECTION_PERMISSION_LABELS[codename]))
            if codename in COLLECTION_PERMISSION_LABELS
            else (codename, short, long)
            for codename, short, long in formset.permission_types
        ]
        formset.form.base_fields["collection"].label = gettext_lazy("Collection")


# wagtail-localize's own msgids (its catalogue translates them)
TRANSLATED_WITH = "Translated with {tool_name} on {date}"
TRANSLATED_MANUALLY = "Translated manually on {date}"
MACHINE_TRANSLATED = "Machine translated on {date}"


def _string_translation_comment(self):
    """StringTranslation.get_comment with the date in the active language."""
    date = date_format(self.updated_at, "j F Y")
    if self.tool_name:
        return gettext(TRANSLATED_WITH).format(tool_name=self.tool_name, date=date)
    if self.translation_type == self.TRANSLATION_TYPE_MANUAL:
        return gettext(TRANSLATED_MANUALLY).format(date=date)
    if self.translation_type == self.TRANSLATION_TYPE_MACHINE:
        return gettext(MACHINE_TRANSLATED).format(date=date)
    return None


def _label_site_columns():
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
