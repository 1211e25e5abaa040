from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_init, pre_save
from django.dispatch import receiver
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.models import AbstractGroupApprovalTask, GroupApprovalTask, Task, Workflow

from cms.roles import LANGUAGES, TASK_NAME, WORKFLOW_NAME


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


# --- The names of our workflow and task, in the reader's language -------------

OUR_NAMES = (WORKFLOW_NAME, TASK_NAME)


class LocalizedName(str):
    """A workflow or task name that is stored, compared and sent to the
    database as its English source, but reads (str(), templates, %-formatting,
    f-strings) in the active language – the admin user's, or the recipient's
    while Wagtail renders their notification email."""

    def __str__(self):
        return gettext(str.__str__(self))

    def __format__(self, spec):
        return format(str(self), spec)


def _source_of(name):
    """The English source of `name` if it is one of our names in any language."""
    for source in OUR_NAMES:
        if name == source:
            return source
        for code in LANGUAGES:
            with translation.override(code):
                if name == gettext(source):
                    return source
    return None


def _localize_name(sender, instance, **kwargs):
    if instance.name in OUR_NAMES:
        instance.name = LocalizedName(instance.name)


def _store_source_name(sender, instance, **kwargs):
    """A name saved back from an admin form arrives translated: store the source."""
    source = _source_of(str.__str__(instance.name)) if instance.name else None
    if source is not None:
        instance.name = LocalizedName(source)


for _model in (Workflow, Task, GroupApprovalTask, PeerReviewTask):
    receiver(post_init, sender=_model, dispatch_uid=f"cms_localize_name_{_model.__name__}")(_localize_name)
    receiver(pre_save, sender=_model, dispatch_uid=f"cms_store_name_{_model.__name__}")(_store_source_name)


__all__ = ["LocalizedName", "PeerReviewTask"]
