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
# Created by the alerts app's migration: publish alerts without the review workflow.
EMERGENCY_PUBLISHERS = gettext_noop("Emergency publishers")
# Created by the directory app's migration; named here so that it shows translated.
DIRECTORY_MANAGERS = gettext_noop("Directory managers")
# Wagtail's own default workflow and task (wagtailcore's initial data), still listed.
WAGTAIL_DEFAULT_WORKFLOW = gettext_noop("Moderators approval")
# Names made from a pattern with one placeholder (a group per member institution,
# created by the directory app with the institution's title): shown translated too.
INSTITUTION_EDITORS = gettext_noop("Institution editors: %(institution)s")
DISPLAY_PATTERNS = (INSTITUTION_EDITORS,)
# Every group, workflow and task name the admin shows translated.
DISPLAY_NAMES = frozenset(
    {
        EDITORS,
        MODERATORS,
        DIRECTORY_MANAGERS,
        EMERGENCY_PUBLISHERS,
        *TRANSLATORS.values(),
        WORKFLOW_NAME,
        TASK_NAME,
        WAGTAIL_DEFAULT_WORKFLOW,
    }
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


# Translators translate snippets too (categories, regions, …): wagtail-localize's
# editor needs the model's change permission, the listing its view permission.
# Which language they may change is cms.snippet_permissions' rule.
TRANSLATOR_SNIPPET_ACTIONS = ("view", "change")


def allow_translators_on_snippets(Group, Permission, ContentType, models):
    """Give every Translators group view/change on these translatable snippet models (idempotent)."""
    groups = list(Group.objects.filter(name__in=[translators_group_name(code) for code in LANGUAGES]))
    if not groups:
        return
    for model in models:
        opts = model._meta
        for action in TRANSLATOR_SNIPPET_ACTIONS:
            permission = _permission(
                Permission,
                ContentType,
                opts.app_label,
                opts.model_name,
                f"{action}_{opts.model_name}",
                f"Can {action} {opts.verbose_name_raw}",
            )
            for group in groups:
                group.permissions.add(permission)
