"""The institution editor's admin home: their institution's entry, its
e-services with when they were last reviewed (overdue ones flagged), their
drafts, what waits for review and which of the institution's pages are not
translated or outdated in the other languages. A fixed number of queries,
whatever the number of institutions, e-services and pages."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from cms import translation_status as ts
from directory.models import EService
from directory.network import editor_institutions
from directory.reminders import is_overdue


class InstitutionDashboardPanel(Component):
    name = "institution_dashboard"
    order = 50  # before Wagtail's own panels (100+)
    template_name = "directory/admin/institution_dashboard.html"

    def __init__(self, institutions):
        self.institutions = institutions

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        institutions = self.institutions
        keys = [i.translation_key for i in institutions]
        entries = []
        for institution in institutions:
            services = [
                {"service": s, "overdue": is_overdue(s.last_reviewed)} for s in institution.e_services.all()
            ]
            entries.append(
                {
                    "page": institution,
                    "overdue": is_overdue(institution.last_reviewed),
                    "services": services,
                    "overdue_count": sum(s["overdue"] for s in services),
                }
            )
        # Pages of their institutions in every locale, and whatever they last edited.
        mine = Q(translation_key__in=keys) | Q(latest_revision__user=user)
        page_type = ContentType.objects.get_for_model(Page)
        states = list(
            WorkflowState.objects.active()
            .filter(base_content_type=page_type)
            .filter(
                Q(requested_by=user)
                | Q(
                    object_id__in=[
                        str(pk)
                        for pk in Page.objects.filter(translation_key__in=keys).values_list("pk", flat=True)
                    ]
                )
            )
            .select_related("current_task_state__task")
            .order_by("-current_task_state__started_at")
        )
        in_review = {int(state.object_id): state for state in states}
        pages = {p.pk: p for p in Page.objects.filter(pk__in=list(in_review)).select_related("locale")}
        waiting = [
            {
                "page": pages[pk],
                "task": state.current_task_state.task if state.current_task_state else None,
                "started": state.current_task_state.started_at
                if state.current_task_state
                else state.created_at,
            }
            for pk, state in in_review.items()
            if pk in pages
        ]
        drafts = list(
            Page.objects.filter(mine, has_unpublished_changes=True)
            .exclude(pk__in=list(in_review))
            .select_related("locale", "latest_revision")
            .order_by("-latest_revision__created_at")[:20]
        )
        rows = ts.page_rows(Page.objects.filter(translation_key__in=keys)) if keys else []
        untranslated = [row for row in rows if row.state in ts.NEEDS_WORK]
        return {
            "entries": entries,
            "drafts": drafts,
            "waiting": waiting,
            "untranslated": untranslated,
            "request": request,
        }


def institution_editor_panel(request, panels):
    """construct_homepage_panels: institution editors see their institution first."""
    institutions = list(
        editor_institutions(request.user)
        .select_related("locale")
        .prefetch_related(Prefetch("e_services", queryset=EService.objects.order_by("sort_order")))
        .order_by("title")
    )
    if institutions:
        panels.append(InstitutionDashboardPanel(institutions))
