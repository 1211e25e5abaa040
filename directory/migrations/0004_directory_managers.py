"""The "Directory managers" group: trusted to import the directory from a
spreadsheet and to create, edit and publish institutions (every locale's
directory page), nothing else. Self-contained (historical models only);
directory/permissions.py equips directory pages created later."""

from django.db import migrations

GROUP = "Directory managers"
PAGE_ACTIONS = ("add", "change", "publish")


def _permission(Permission, ContentType, app_label, model, codename, name):
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )
    return permission


def create_group(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    DirectoryIndexPage = apps.get_model("directory.DirectoryIndexPage")

    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(
        _permission(Permission, ContentType, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
        _permission(
            Permission,
            ContentType,
            "directory",
            "institutionpage",
            "import_institutions",
            "Can import institutions from a spreadsheet",
        ),
    )
    for index in DirectoryIndexPage.objects.all():
        for action in PAGE_ACTIONS:
            permission = _permission(
                Permission, ContentType, "wagtailcore", "page", f"{action}_page", f"Can {action} page"
            )
            GroupPagePermission.objects.get_or_create(group=group, page_id=index.pk, permission=permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0003_institution_import_permission"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
