"""Handing over a finished page translation: the translator submits it for review.

wagtail-localize's translation editor offers "Publish in <language>" to those who
may publish and nothing else to a translator, so a finished translation stayed
unpublished and nobody knew. Here a translator submits it to the page's Wagtail
workflow ("Review and publish"), exactly as the page editor's "Submit for
moderation" does: the translation is saved as a draft revision (the public keeps
seeing what it saw, see cms.draft_translations), the workflow starts (or resumes
after "Request changes"), and Wagtail's own notifiers email the moderators;
approving publishes that revision and tells the translator.

Snippets (categories, regions, …) have no drafts, so no workflow: their
translators publish them from the editor (see cms.snippet_permissions)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.models import Page, WorkflowState
from wagtail_localize.models import Translation

__all__ = ["HandoffError", "handoff_context", "submit_for_review", "translation_of_page"]


class HandoffError(Exception):
    """A translation that cannot be submitted; the message is for the user."""


def translation_of_page(page):
    """The enabled wagtail-localize Translation whose target is `page` (or None)."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


def _missing(translation):
    total, done = translation.get_progress()
    return total - done


def _can_resubmit(workflow_state, user, perms):
    return workflow_state.requested_by_id == user.pk or perms.can_publish()


def submit_for_review(translation, user):
    """Save the translation as a draft revision of its page and put that revision
    into the page's workflow. Returns the WorkflowState.

    Raises PermissionDenied when the user may not edit the page, HandoffError
    (localized message) when the translation cannot be submitted."""
    page = translation.get_target_instance()
    if not isinstance(page, Page):
        raise HandoffError(_("Only page translations are submitted for review."))
    page = page.specific
    perms = page.permissions_for_user(user)
    if not perms.can_edit():
        raise PermissionDenied
    workflow = page.get_workflow()
    if workflow is None:
        raise HandoffError(_("No review workflow applies to this page; ask a moderator to publish it."))
    missing = _missing(translation)
    if missing:
        raise HandoffError(
            ngettext(
                "%(count)d segment is not translated yet. Translate it, then submit for review.",
                "%(count)d segments are not translated yet. Translate them, then submit for review.",
                missing,
            )
            % {"count": missing}
        )
    state = page.current_workflow_state
    in_review = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    if in_review and not _can_resubmit(state, user, perms):
        raise HandoffError(_("This translation is already awaiting review."))
    with transaction.atomic():
        translation.save_target(user=user, publish=False)
        page = Page.objects.get(pk=page.pk).specific
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
            return WorkflowState.objects.get(pk=state.pk)
        if state is not None:  # in progress: the reviewers get the new revision
            state.cancel(user=user)
        return workflow.start(page, user)


def handoff_context(translation, page, user):
    """What the translation editor's hand-off bar shows (pages only)."""
    page = page.specific
    perms = page.permissions_for_user(user)
    state = page.current_workflow_state
    total, done = translation.get_progress()
    context = {
        "page": page,
        "translation": translation,
        "total": total,
        "done": done,
        "missing": total - done,
        "workflow": page.get_workflow(),
        "workflow_state": state,
        "task_state": None,
        "task_name": "",
        "actions": [],
        "can_submit": False,
    }
    if state is not None:
        task_state = state.current_task_state
        context["task_state"] = task_state
        if task_state is not None:
            task = task_state.task.specific
            context["task_name"] = _(task.name)  # the names in roles.py are in our catalogues
            if state.status == WorkflowState.STATUS_IN_PROGRESS:
                context["actions"] = [name for name, _label, _modal in task.get_actions(page, user)]
    if context["workflow"] is not None and perms.can_edit():
        in_progress = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
        context["can_submit"] = not in_progress or _can_resubmit(state, user, perms)
    return context
