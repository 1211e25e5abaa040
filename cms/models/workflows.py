from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask

from cms.second_reviewer import CHANGED_DURING_REVIEW, last_edited_by, required


def _requested_by(obj):
    state = getattr(obj, "current_workflow_state", None)
    return state.requested_by_id if state else None


def _changed_by_reviewer(obj, user):
    """Under REQUIRE_SECOND_REVIEWER: the reviewer wrote the revision under review
    (edited it during the review, by hand or by autosave), so approving it would
    publish their own work."""
    return required() and last_edited_by(obj, user)


class PeerReviewTask(AbstractGroupApprovalTask):
    """Group approval where nobody reviews their own submission (four-eyes
    principle): the person who submitted gets no approve/reject actions, even
    when they are in the reviewing group or a superuser; and under
    REQUIRE_SECOND_REVIEWER a reviewer who changed the content during the review
    may reject it but not approve it (that would publish their own work)."""

    def get_actions(self, obj, user):
        if user.pk is not None and _requested_by(obj) == user.pk:
            return []
        actions = super().get_actions(obj, user)
        if user.pk is not None and _changed_by_reviewer(obj, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def get_task_states_user_can_moderate(self, user, **kwargs):
        states = super().get_task_states_user_can_moderate(user, **kwargs)
        return states.exclude(workflow_state__requested_by=user)

    def on_action(self, task_state, user, action_name, **kwargs):
        if user is not None and task_state.workflow_state.requested_by_id == user.pk:
            raise PermissionDenied(gettext("A submission cannot be reviewed by the person who submitted it."))
        if (
            action_name == "approve"
            and user is not None
            and _changed_by_reviewer(task_state.revision.content_object, user)
        ):
            # the editor refuses this first (cms.second_reviewer); here for a reviewer whose
            # autosave wrote a revision, and for the dashboard's and the API's approvals
            raise PermissionDenied(str(CHANGED_DURING_REVIEW))
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups approve; nobody can approve their own submission")

    class Meta:
        verbose_name = _("peer review task")
        verbose_name_plural = _("peer review tasks")


__all__ = ["PeerReviewTask"]
