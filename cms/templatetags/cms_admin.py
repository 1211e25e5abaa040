"""Template tags for the project's few overrides of Wagtail admin templates."""

from django import template
from wagtail.models import Page

register = template.Library()


@register.simple_tag
def page_verbose_name(count):
    """ "page"/"pages" for `count` results, in the active language."""
    return Page._meta.verbose_name if count == 1 else Page._meta.verbose_name_plural
