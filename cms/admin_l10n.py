"""Where Wagtail 8's admin shows English that no catalogue can translate.

- The login form's password field has no label, so Django names it "Password"
  from the field name (WAGTAILADMIN_USER_LOGIN_FORM points here).
- The sites listing labels its port, site name and root page columns from their
  attribute names ("Port", "Site name", "Root page"); they get the model fields'
  own (translated) names.

The templates under cms/templates/wagtailadmin/ and cms/templates/wagtaillocales/
do the same for a hard-coded "Actions", "1-2 of 2 None" and "65 pages + 188 others"."""

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    password = forms.CharField(
        label=_("Password"),
        widget=WagtailLoginForm.base_fields["password"].widget,
        strip=False,
    )


def label_site_columns():
    from wagtail.models import Site
    from wagtail.sites.views import IndexView

    for column in IndexView.columns:
        if column.name in ("port", "site_name", "root_page"):
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
