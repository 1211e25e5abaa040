"""REQUIRE_SECOND_REVIEWER (default on): nobody — moderators and administrators
included — publishes content they last edited; another moderator approves it
through the "Review and publish" workflow (whose PeerReviewTask already keeps
people from approving their own submission).

Three doors are closed:
- `SecondReviewerPermissionTester.can_publish()` is False on a page whose latest
  revision is the user's: the page listing's and bulk "Publish", the history
  and API v3's publish action ask it;
- the page editor's own Publish action (edit and create) would publish a
  revision the user is writing right then: the action is taken off the menu,
  and a POST that asks for it anyway is refused (403, nothing saved);
  the alerts snippet editor likewise, except for emergency alerts (alerts/wagtail_hooks.py);
- approving in the workflow is someone else's act, so it still publishes.

Unpublishing, scheduling by a workflow's approval and publishing another
person's latest revision (which is that person's content) stay possible."""

from django.conf import settings
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.models import PagePermissionTester, Revision

PUBLISH_ACTION = "action-publish"
# Shown on the 403 page of the editor (cms/wagtail_hooks.py refuses the action).
REFUSAL = _(
    "Content you edited is published after another moderator approves it: submit it for review instead."
)


# The workflow task's refusal (cms.models.workflows) and the editor's say the same.
CHANGED_DURING_REVIEW = _("You changed this content during its review: another moderator approves it.")


def required():
    return getattr(settings, "REQUIRE_SECOND_REVIEWER", True)


def last_edited_by(page, user):
    """The page's (or snippet's) latest revision was written by `user`: read from the
    loaded revision where a listing prefetched it (Wagtail's review panel does), else
    one small query by id."""
    if user is None or user.pk is None or page.latest_revision_id is None:
        return False
    if type(page)._meta.get_field("latest_revision").is_cached(page):
        return page.latest_revision.user_id == user.pk
    return Revision.objects.filter(pk=page.latest_revision_id, user_id=user.pk).exists()


class SecondReviewerPermissionTester(PagePermissionTester):
    def can_publish(self):
        if not self.may_publish_directly():
            return False
        return not (required() and self._own_last_edit)

    @cached_property
    def _own_last_edit(self):
        # asked only of users who may publish at all, once per tester
        return last_edited_by(self.page, self.user)

    def may_publish_directly(self):
        """Wagtail's own rule, for the one trusted bulk path that publishes its
        writes (the directory managers' spreadsheet import, after its dry run)."""
        return super().can_publish()


def hide_publish_action(menu_items, request, context, instead=None):
    """The editor's Publish saves and publishes the user's own revision: off the
    menu, or replaced by `instead` (an item offering it only where the rule allows)."""
    if required():
        kept = (instead if getattr(item, "name", None) == PUBLISH_ACTION else item for item in menu_items)
        menu_items[:] = [item for item in kept if item is not None]


def asks_to_publish(request):
    return request.method == "POST" and bool(request.POST.get(PUBLISH_ACTION))


def asks_to_approve(request):
    return (
        request.method == "POST"
        and bool(request.POST.get("action-workflow-action"))
        and request.POST.get("workflow-action-name") == "approve"
    )


def refuse_approving_own_changes(request, page):
    """The editor's Approve saves the reviewer's changes, then approves them: that
    would publish the reviewer's own work. Under the rule, a 403 before anything is
    saved when the reviewer already wrote the latest revision (Wagtail's autosave
    does as they type) or the form changes it. The workflow task refuses such an
    approval too (the dashboard's, the API's), but only with Wagtail's generic
    "no permission"; here the reviewer is told why."""
    if not (required() and asks_to_approve(request)):
        return None
    if last_edited_by(page, request.user):
        return publish_refused(request, CHANGED_DURING_REVIEW)
    latest = page.get_latest_revision_as_object()
    form = latest.get_edit_handler().get_form_class()(
        request.POST, request.FILES, instance=latest, parent_page=latest.get_parent(), for_user=request.user
    )
    if any(name != "comment_notifications" for name in form.changed_data):
        return publish_refused(request, CHANGED_DURING_REVIEW)
    return None


def publish_refused(request, reason=None):
    """The editor's 403 page (before anything is saved): `reason`, else "you may not publish"."""
    title = _("Publishing is not allowed")
    return TemplateResponse(
        request,
        "cms/admin/publish_forbidden.html",
        {"header_title": title, "page_title": title, "reason": reason},
        status=403,
    )


def refuse_own_publish(request):
    """The 403 that tells the rule when the editor's POST asks to publish (the
    user's own edit, saved right then) under REQUIRE_SECOND_REVIEWER, else None."""
    if required() and asks_to_publish(request):
        return publish_refused(request, REFUSAL)
    return None
