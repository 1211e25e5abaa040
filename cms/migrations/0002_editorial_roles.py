"""Editorial groups (Editors, Moderators, Translators per language) and the
"Review and publish" workflow with a peer-review task on every home page."""

from django.db import migrations

from cms import roles


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowTask = apps.get_model("wagtailcore.WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore.WorkflowPage")
    PeerReviewTask = apps.get_model("cms.PeerReviewTask")
    HomePage = apps.get_model("home.HomePage")
    Page = apps.get_model("wagtailcore.Page")

    groups = roles.ensure_groups(Group, Permission, ContentType)

    # Editors write and submit; Moderators also publish. Both on the whole tree
    # (the root page), so every locale is covered. Publishing by editors is
    # removed: their work goes through the workflow.
    root = Page.objects.get(depth=1)
    editor_actions = ("add", "change", "lock")
    moderator_actions = ("add", "change", "publish", "lock", "unlock")
    for name, actions in ((roles.EDITORS, editor_actions), (roles.MODERATORS, moderator_actions)):
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=groups[name], page=root, permission=roles.page_permission(Permission, ContentType, action)
            )
    GroupPagePermission.objects.filter(
        group=groups[roles.EDITORS], permission__codename="publish_page"
    ).delete()

    task_ct, _ = ContentType.objects.get_or_create(app_label="cms", model="peerreviewtask")
    task, _ = PeerReviewTask.objects.get_or_create(
        name=roles.TASK_NAME, defaults={"content_type": task_ct, "active": True}
    )
    task.groups.add(groups[roles.MODERATORS])
    workflow, _ = Workflow.objects.get_or_create(name=roles.WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    # Wagtail's default "Moderators approval" on the root is replaced by ours.
    WorkflowPage.objects.filter(page=root).delete()
    for home in HomePage.objects.select_related("locale"):
        roles.equip_locale_home(
            home,
            home.locale.language_code,
            Group=Group,
            Permission=Permission,
            ContentType=ContentType,
            GroupPagePermission=GroupPagePermission,
            Workflow=Workflow,
            WorkflowPage=WorkflowPage,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("home", "0002_initial_site"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
