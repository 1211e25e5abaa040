from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask


def _requested_by(obj):
    state = getattr(obj, "current_workflow_state", None)
    return state.requested_by_id if state else None


class PeerReviewTask(AbstractGroupApprovalTask):
    """Group approval where nobody reviews their own submission (four-eyes
    principle): the person who submitted gets no approve/reject actions, even
    when they are in the reviewing group or a superuser."""

    def get_actions(self, obj, user):
        if user.pk is not None and _requested_by(obj) == user.pk:
            return []
        return super().get_actions(obj, user)

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied(gettext("A submission cannot be reviewed by the person who submitted it."))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve; nobody can approve their own submission")

    class Meta:
        verbose_name = _("peer review task")
        verbose_name_plural = _("peer review tasks")


__all__ = ["PeerReviewTask"]
