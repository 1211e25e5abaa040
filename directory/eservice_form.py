"""The e-service's part of the institution page editor: its form (messages that
name the field, the information date kept current) and the Single Digital
Gateway completeness shown beside the form (directory/sdg.py)."""

from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import InlinePanel, Panel, get_form_for_model

LEGAL_BASIS_URL_MESSAGE = _(
    "Legal basis URL: write the full web address of the act, starting with https:// or http://."
)
NEGATIVE_COST_MESSAGE = _("Cost: a fee cannot be negative.")


def normalise_lines(text):
    """One line ending ("\\n") however the text arrived (a browser sends "\\r\\n")."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if text else text


class EServiceForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "legal_basis_url" in self.fields:
            field = self.fields["legal_basis_url"]
            field.error_messages["invalid"] = LEGAL_BASIS_URL_MESSAGE
            field.validators = [URLValidator(schemes=["http", "https"], message=LEGAL_BASIS_URL_MESSAGE)]
        if "cost_amount" in self.fields:
            # the model's MinValueValidator(0) reports with code "min_value": this message replaces its own
            self.fields["cost_amount"].error_messages["min_value"] = NEGATIVE_COST_MESSAGE

    def clean(self):
        from directory.sdg import information_fields

        cleaned = super().clean()
        # The information changed, and its date was not set by hand: it is updated today.
        changed = set(self.changed_data)
        if (
            "information_updated" in self.fields
            and "information_updated" not in changed
            and changed & set(information_fields())
        ):
            cleaned["information_updated"] = timezone.localdate()
        return cleaned


class EServicesPanel(InlinePanel):
    """The institution's e-services, each with EServiceForm."""

    def get_form_options(self):
        options = super().get_form_options()
        # Wagtail builds the child form itself when it defers required fields (drafts): on EServiceForm here.
        deferred = self.child_edit_handler.get_form_options().get("defer_required_on_fields")
        options["formsets"][self.relation_name]["form"] = (
            get_form_for_model(
                self.db_field.related_model, form_class=EServiceForm, defer_required_on_fields=deferred
            )
            if deferred
            else EServiceForm
        )
        return options


class SDGCompletenessPanel(Panel):
    """Which Single Digital Gateway items the e-service has, as last saved in this form."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "directory/admin/sdg_completeness_panel.html"

        def get_context_data(self, parent_context=None):
            from directory.sdg import completeness

            context = super().get_context_data(parent_context)
            context["completeness"] = completeness(self.instance)
            return context
