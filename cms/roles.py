"""Who may do what: the editorial groups, their permissions and the
"Review and publish" workflow. Shared by the data migration (historical
models passed in) and by the signal that equips a new locale's home page.

The names are stored in English and looked up by it; they are marked for
translation, and cms/translated_names.py shows them in the viewer's language."""

from django.utils.translation import gettext_noop

LANGUAGES = ("bg", "ro", "en")
EDITORS = gettext_noop("Editors")
MODERATORS = gettext_noop("Moderators")
TRANSLATORS = {
    "bg": gettext_noop("Translators (bg)"),
    "ro": gettext_noop("Translators (ro)"),
    "en": gettext_noop("Translators (en)"),
}
WORKFLOW_NAME = gettext_noop("Review and publish")
TASK_NAME = gettext_noop("Moderator approval")
# Wagtail's own default workflow and task (wagtailcore's initial data), still listed.
WAGTAIL_DEFAULT_WORKFLOW = gettext_noop("Moderators approval")
# Every group, workflow and task name the admin shows translated.
DISPLAY_NAMES = frozenset(
    {EDITORS, MODERATORS, *TRANSLATORS.values(), WORKFLOW_NAME, TASK_NAME, WAGTAIL_DEFAULT_WORKFLOW}
)


def translators_group_name(language_code):
    return TRANSLATORS.get(language_code, f"Translators ({language_code})")


def _permission(Permission, ContentType, app_label, model, codename, name):
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def ensure_groups(Group, Permission, ContentType):
    """Create the five groups with their global permissions (idempotent)."""
    access_admin = _permission(
        Permission, ContentType, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"
    )
    submit_translation = _permission(
        Permission,
        ContentType,
        "wagtail_localize",
        "translation",
        "submit_translation",
        "Can submit translations",
    )
    groups = {}
    for name in (EDITORS, MODERATORS, *(translators_group_name(code) for code in LANGUAGES)):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(access_admin, submit_translation)
        groups[name] = group
    return groups


def page_permission(Permission, ContentType, action):
    return _permission(Permission, ContentType, "wagtailcore", "page", f"{action}_page", f"Can {action} page")


def equip_locale_home(
    home, language_code, *, Group, Permission, ContentType, GroupPagePermission, Workflow, WorkflowPage
):
    """Give Translators (<language>) edit rights on that locale's tree only, and
    attach the review workflow to the home page (idempotent)."""
    group = Group.objects.filter(name=translators_group_name(language_code)).first()
    if group is not None:
        GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=page_permission(Permission, ContentType, "change")
        )
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=home, defaults={"workflow": workflow})
