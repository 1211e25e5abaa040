from wagtail import hooks

from .choosers import e_service_chooser_viewset
from .models import AccessibilityStatementPage, StandardPage


@hooks.register("footer_page_types")
def standard_pages_in_the_footer():
    """Standard pages left out of the main menu (accessibility statement,
    privacy, …) are linked from every page's footer."""
    return [StandardPage, AccessibilityStatementPage]


@hooks.register("register_admin_viewset")
def register_e_service_chooser():
    return e_service_chooser_viewset
