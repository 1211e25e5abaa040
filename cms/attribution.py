"""Attribution: a page (news item, publication) names the member institution
it comes from, and that institution's own editors may write it.

Wagtail's group page permissions give the institution group "add" on the news
and documents indexes (so they may create items there, never publish), but
"add" only lets a user edit the pages they *own*. Two things are added here:

- `AttributedPermissionTester`: an institution editor may edit (and delete while
  never published) the items attributed to their institution, a colleague's
  included, and nothing else under those indexes (not even their own item if
  someone re-attributed it); never publish, move, lock or set restrictions;
- `AttributedPageForm`: for institution editors the institution is required,
  offered as a list of their own institutions only, and checked server-side.

Who is an institution editor, and of what, is the institution page type's
public API (`edited_by(user)`); the feature app names that page type in
`attribution_page_type`, so this kernel module imports no feature app."""

from django import forms
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import PageChooserPanel
from wagtail.models import Page, PagePermissionTester

from cms.api_batch import ListingBatchedField
from cms.base_url import page_url
from cms.page_forms import BasePageForm
from cms.second_reviewer import SecondReviewerPermissionTester
from cms.visibility import visible_in_locale, visible_in_locales

__all__ = [
    "AttributedPageForm",
    "AttributedPageMixin",
    "AttributedPermissionTester",
    "InstitutionField",
    "attribution_keys",
    "institution_keys_for_user",
]


def institution_keys_for_user(user, page_type):
    """Translation keys of the institutions `user` is an institution editor of
    (empty for superusers, who are never restricted). Cached on the user object
    for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return frozenset()
    cache = user.__dict__.setdefault("_attribution_keys", {})
    if page_type not in cache:
        model = apps.get_model(page_type)
        cache[page_type] = frozenset(model.edited_by(user).values_list("translation_key", flat=True))
    return cache[page_type]


def attribution_keys(value, page_type):
    """The institution translation key an API/feed `institution=` value names:
    a page id of the institution in any locale, or its translation key (UUID).
    None when it names no institution page."""
    import uuid

    model = apps.get_model(page_type)
    value = (value or "").strip()
    if value.isdigit():
        return model.objects.filter(pk=int(value)).values_list("translation_key", flat=True).first()
    try:
        key = uuid.UUID(value)
    except ValueError:
        return None
    return key if model.objects.filter(translation_key=key).exists() else None


class AttributedPermissionTester(SecondReviewerPermissionTester):
    """The site's tester (nobody publishes their own last edit: cms/second_reviewer.py),
    narrowed/extended for institution editors (see module doc)."""

    def __init__(self, user, page):
        super().__init__(user, page)
        self.institution_keys = institution_keys_for_user(user, page.attribution_page_type)

    @property
    def restricted(self):
        """An institution editor without the network staff's "change" right here."""
        return bool(self.institution_keys) and "change" not in self.permissions

    def attributed_to_theirs(self):
        institution = self.page.institution
        return institution is not None and institution.translation_key in self.institution_keys

    def can_edit(self):
        if not self.restricted:
            return super().can_edit()
        return (
            self.user.is_active
            and not self.page_is_root
            and "add" in self.permissions
            and self.attributed_to_theirs()
        )

    def can_delete(self, ignore_bulk=False):
        if not self.restricted:
            return super().can_delete(ignore_bulk)
        # Drafts of their institution that were never published, theirs or a colleague's.
        return self.can_edit() and not self.page.live and self.page.first_published_at is None

    def can_move(self):
        return False if self.restricted else super().can_move()

    def can_lock(self):
        return False if self.restricted else super().can_lock()


class AttributedPageForm(BasePageForm):
    """The institution field: required and limited to their own institutions
    for institution editors; any institution page for everyone else."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self._meta.model
        self.institution_keys = institution_keys_for_user(self.for_user, model.attribution_page_type)
        if self.institution_keys and self._has_staff_rights():
            self.institution_keys = frozenset()  # network staff who also edit for an institution
        if self.institution_keys and "institution" in self.fields:
            institution_model = apps.get_model(model.attribution_page_type)
            language = self.instance.locale.language_code if self.instance.locale_id else None
            choices = institution_model.objects.filter(translation_key__in=self.institution_keys)
            own = {}
            for page in choices.select_related("locale").order_by("pk"):
                if page.translation_key not in own or page.locale.language_code == language:
                    own[page.translation_key] = page
            self.fields["institution"] = forms.ModelChoiceField(
                queryset=Page.objects.filter(pk__in=[p.pk for p in own.values()]),
                required=True,
                label=model._meta.get_field("institution").verbose_name,
                help_text=_("You may attribute items to your own institution only."),
                empty_label=None if len(own) == 1 else "---------",
                error_messages={
                    "required": _("Choose your institution: items you write must be attributed to it."),
                    "invalid_choice": _("You may attribute items to your own institution only."),
                },
            )
            self.fields["institution"].label_from_instance = lambda page: page.title
            current = self.instance.institution if self.instance.institution_id else None
            if current is not None and current.translation_key in own:
                self.initial["institution"] = own[current.translation_key].pk

    def _has_staff_rights(self):
        """True with "change" on the page (or, for a new page, its parent): the network's
        own editors are not restricted to an institution (the tester's rule too)."""
        page = self.parent_page if self.instance._state.adding and self.parent_page else self.instance
        if page is None or page.pk is None:
            return False
        return "change" in getattr(PagePermissionTester(self.for_user, page), "permissions", ())

    def clean_institution(self):
        institution = self.cleaned_data.get("institution")
        model = self._meta.model
        if institution is not None:
            if institution.specific_class is None or (
                institution.specific_class._meta.label != model.attribution_page_type
            ):
                raise ValidationError(_("Choose an institution page of the directory."))
            if self.institution_keys and institution.translation_key not in self.institution_keys:
                raise ValidationError(_("You may attribute items to your own institution only."))
        elif self.institution_keys:
            raise ValidationError(_("Choose your institution: items you write must be attributed to it."))
        return institution


class AttributedPageMixin(models.Model):
    """`institution`: the member institution a page comes from (synchronized
    across locales; shown in the reader's locale with `shown_institution`)."""

    #: "app_label.ModelName" of the institution page type (the feature app sets it).
    attribution_page_type = ""

    institution = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("institution"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The member institution this comes from."),
    )

    base_form_class = AttributedPageForm

    class Meta:
        abstract = True

    @classmethod
    def institution_panel(cls):
        return PageChooserPanel("institution", cls.attribution_page_type)

    def permissions_for_user(self, user):
        return AttributedPermissionTester(user, self)

    def shown_institution(self):
        """The institution's page in this page's locale if visible, else the linked page if visible."""
        if not self.institution_id:
            return None
        return visible_in_locale([self.institution], self.locale_id)[0]


def shown_institutions(pages) -> dict:
    """{page pk: `shown_institution()`} for many pages (two queries in all)."""
    pages = [page for page in pages if page.institution_id]
    if not pages:
        return {}
    linked = Page.objects.in_bulk({page.institution_id for page in pages})
    pairs = [(linked[page.institution_id], page.locale_id) for page in pages if page.institution_id in linked]
    targets = iter(visible_in_locales(pairs))
    return {page.pk: next(targets) for page in pages if page.institution_id in linked}


class InstitutionField(ListingBatchedField):
    """API v2/v3 `institution`: {"id", "title", "url", "translation_key"} of the
    institution the page comes from, in the page's language where translated;
    null when none is named or its page is not public. In a listing the
    institutions of all items load at once."""

    cache_name = "_shown_institutions"

    def key(self, page):
        return page.pk

    def load(self, pages):
        return shown_institutions(pages)

    def to_representation(self, page):
        target = self.batched(page) if page.institution_id else None
        if not target:
            return None
        request = self.request
        return {
            "id": target.id,
            "title": target.title,
            "url": page_url(target, request),
            "translation_key": str(target.translation_key),
        }
