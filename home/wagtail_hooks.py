from wagtail import hooks
from wagtail.admin.ui.components import Component

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


class StatementReviewPanel(Component):
    """On the admin home of those who may edit it: the accessibility statements
    whose last review is more than a year old."""

    name = "accessibility_statement_review"
    order = 40
    template_name = "home/admin/statement_review_panel.html"

    def __init__(self, statements):
        self.statements = statements


@hooks.register("construct_homepage_panels")
def statement_review_panel(request, panels):
    from django.utils import timezone

    from .models import REVIEW_INTERVAL

    overdue = AccessibilityStatementPage.objects.filter(
        last_reviewed_on__lt=timezone.localdate() - REVIEW_INTERVAL
    ).select_related("locale")
    statements = [page for page in overdue if page.permissions_for_user(request.user).can_edit()]
    if statements:
        panels.append(StatementReviewPanel(statements))
