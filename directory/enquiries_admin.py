"""Enquiries in the admin: a read-only listing (index and inspect views only).

Institution editors see the enquiries of their own institutions
(directory.network.editor_institutions); network staff (who hold
directory.view_enquiry: the Directory managers group, superusers) see all.
Another institution's enquiry is a 404 for an institution editor; everyone else
gets 403 from the permission policy. Nothing can be added, changed or deleted
here: enquiries go away by retention (`manage.py purge_enquiries`)."""

from django.shortcuts import get_object_or_404
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from directory.models import Enquiry
from directory.network import editor_institutions, is_institution_editor


def sees_every_enquiry(user):
    return user.is_active and user.has_perm("directory.view_enquiry")


def visible_enquiries(user):
    queryset = Enquiry.objects.select_related("institution")
    if sees_every_enquiry(user):
        return queryset
    return queryset.filter(institution__in=editor_institutions(user))


class EnquiryPermissionPolicy(ModelPermissionPolicy):
    """Only "view", for network staff and institution editors."""

    def user_has_permission(self, user, action):
        if action != "view" or not (user.is_authenticated and user.is_active):
            return False
        return sees_every_enquiry(user) or is_institution_editor(user)

    def user_has_any_permission(self, user, actions):
        return "view" in actions and self.user_has_permission(user, "view")


class EnquiryIndexView(generic.IndexView):
    def get_base_queryset(self):
        return visible_enquiries(self.request.user)


class EnquiryInspectView(generic.InspectView):
    def get_object(self, queryset=None):
        return get_object_or_404(visible_enquiries(self.request.user), pk=self.pk)


class EnquiryViewSet(ModelViewSet):
    model = Enquiry
    icon = "mail"
    menu_label = _("Enquiries")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = EnquiryIndexView
    inspect_view_class = EnquiryInspectView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Never offered (no add/change permission for anyone), but the viewset needs a form.
    form_fields = ["subject"]
    list_per_page = 50
    list_display = [
        "subject",
        Column("institution", label=capfirst(_("institution")), accessor="institution"),
        "name",
        Column(
            "reply_language", label=capfirst(_("language of reply")), accessor="get_reply_language_display"
        ),
        DateColumn("created_at", label=capfirst(_("received")), sort_key="created_at"),
    ]
    inspect_view_fields = [
        "institution",
        "name",
        "email",
        "subject",
        "message",
        "reply_language",
        "page_language",
        "created_at",
    ]
