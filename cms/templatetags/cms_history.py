"""Template tags of a page's history: the withdrawal notice (cms.change_history)."""

from django import template

from cms.change_history import withdrawal_of
from cms.models import BasePage

register = template.Library()


@register.simple_tag
def withdrawal_notice(page):
    """The withdrawn page of `page`'s translation group (itself or a translation), or None."""
    if not isinstance(page, BasePage):
        return None
    return withdrawal_of(page)
