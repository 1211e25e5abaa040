"""Give the Editors and Moderators groups the same rights on the site's
document model that Wagtail's own migrations give them on wagtaildocs.Document
(add, change, delete, choose in the root collection)."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "choose")


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="documents", model="document")
    for action in ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_document",
            defaults={"name": f"Can {action} document"},
        )
        for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root, permission=permission
            )


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(permission__content_type__app_label="documents").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0001_initial"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
