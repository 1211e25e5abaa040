"""Who may import the directory: the "Directory managers" group (created by
migration 0004) holds `directory.import_institutions` and may add, edit and
publish below every locale's directory page. A directory page created later
(a new locale, an alias) gets the same page permissions here."""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission

from cms.roles import DIRECTORY_MANAGERS

IMPORT_PERMISSION = "directory.import_institutions"
PAGE_ACTIONS = ("add", "change", "publish")


def can_import(user):
    return user.is_active and user.has_perm(IMPORT_PERMISSION)


def equip_directory_page(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    group = Group.objects.filter(name=DIRECTORY_MANAGERS).first()
    if group is None:
        return
    for permission in Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=[f"{a}_page" for a in PAGE_ACTIONS]
    ):
        GroupPagePermission.objects.get_or_create(group=group, page=instance, permission=permission)


def connect():
    from directory.models import DirectoryIndexPage, InstitutionPage
    from directory.network import equip_new_institution_page, membership_changed

    post_save.connect(equip_directory_page, sender=DirectoryIndexPage, dispatch_uid="directory_equip_page")
    post_save.connect(
        equip_new_institution_page, sender=InstitutionPage, dispatch_uid="directory_equip_institution_page"
    )
    post_save.connect(membership_changed, sender=InstitutionPage, dispatch_uid="directory_membership_access")
