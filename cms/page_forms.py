"""The edit form every page type shares (cms.models.BasePage.base_form_class)."""

from wagtail.admin.forms import WagtailAdminPageForm

__all__ = ["BasePageForm"]


class BasePageForm(WagtailAdminPageForm):
    """A new edit starts as a minor change with an empty change note (the last
    published note is already under "Updates to this page"), unless a draft not
    yet published carries its author's choice (cms/change_history.py)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk and instance.live and not instance.has_unpublished_changes and not self.is_bound:
            if "major_change" in self.fields:
                self.initial["major_change"] = False
            if "change_note" in self.fields:
                self.initial["change_note"] = ""
