"""An admin chooser of e-services for the home page's "Most-used e-services"
block. The model is named by its label: home imports no feature app."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.chooser import ChooserViewSet


class EServiceChooserViewSet(ChooserViewSet):
    model = "directory.EService"
    icon = "link"
    choose_one_text = _("Choose an e-service")
    choose_another_text = _("Choose another e-service")
    edit_item_text = _("Edit this e-service")
    per_page = 20


e_service_chooser_viewset = EServiceChooserViewSet("e_service_chooser")
