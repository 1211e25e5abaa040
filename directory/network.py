"""Member institutions edit their own content through Wagtail's own permissions.

Each institution that has editors gets (`institution_access`):
- a group, "Institution editors: <institution>", whose members are its editors;
- page permissions for that group on the institution's page in every locale
  ("change" only: no publishing, every change goes through the workflow);
- a collection named after the institution, where the group may add, change
  and choose documents and images.

Other apps give the group page permissions elsewhere through the
"institution_editor_page_permissions" hook: fn() → [(pages, actions)], e.g. the
news app gives "add" on every news index (attributed news, cms.attribution).

A page of the institution created later (a new translation or alias) gets the
same page permissions (`equip_new_institution_page`). The institution's
editors are the active members of the group (`institution_editors`); an
editor's institutions are those whose groups they are in (`editor_institutions`).
Other apps reach these through InstitutionPage's class methods.

Access follows membership (`sync_access`): when the institution's membership
ends (its role is cleared, or its `member_until` date has passed) the group
loses its page and collection permissions at once (the group and its members
stay, so a renewal restores everything); an institution that never was a
member (no role, no dates) keeps the access network staff gave it. Publishing
an InstitutionPage re-applies the rule; `apply_memberships` (daily cron)
catches the `member_until` dates that passed without an edit."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail import hooks
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Page

from cms.roles import (  # names stored in English, shown translated
    DIRECTORY_MANAGERS,
    INSTITUTION_EDITORS,
    MODERATORS,
)

PAGE_ACTIONS = ("change",)
COLLECTION_PERMISSIONS = (
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
)
ADMIN_ACCESS = ("wagtailadmin", "access_admin")
MEMBERSHIP_FIELDS = {"membership_role", "member_since", "member_until"}


def source_page(page):
    """The first page of the page's translation group (the one the others came from)."""
    return Page.objects.filter(translation_key=page.translation_key).order_by("pk").first().specific


def group_name(page):
    return INSTITUTION_EDITORS % {"institution": page.title}


def _permissions(pairs):
    query = Permission.objects.none()
    for app_label, codename in pairs:
        query = query | Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    return list(query)


@transaction.atomic
def institution_access(page):
    """The institution's InstitutionAccess, created and equipped on first use (idempotent)."""
    from directory.models import InstitutionAccess

    source = source_page(page)
    access = (
        InstitutionAccess.objects.filter(institution=source).select_related("group", "collection").first()
    )
    if access is None:
        group, _ = Group.objects.get_or_create(name=group_name(source)[:150])
        group.permissions.add(*_permissions([ADMIN_ACCESS]))
        collection = Collection.get_first_root_node().add_child(name=source.title[:255])
        access = InstitutionAccess.objects.create(institution=source, group=group, collection=collection)
    sync_access(access)
    return access


def membership_ended(page):
    """True when the institution's membership (read from the database, source locale) has ended."""
    return source_page(page).membership_state() == "ended"


@transaction.atomic
def sync_access(access):
    """Give the group its page and collection permissions, or take them away
    when the institution's membership has ended (idempotent). True when it has access."""
    fresh = type(access.institution).objects.get(pk=access.institution_id)
    if fresh.membership_state() == "ended":
        GroupPagePermission.objects.filter(group=access.group).delete()
        GroupCollectionPermission.objects.filter(group=access.group).delete()
        return False
    for permission in _permissions(COLLECTION_PERMISSIONS):
        GroupCollectionPermission.objects.get_or_create(
            group=access.group, collection=access.collection, permission=permission
        )
    equip_pages(access)
    return True


def sync_institution(page):
    """Apply the membership rule to the institution of `page` (any locale), if it has editors' access."""
    from directory.models import InstitutionAccess

    access = (
        InstitutionAccess.objects.filter(institution__translation_key=page.translation_key)
        .select_related("group", "collection", "institution")
        .first()
    )
    return None if access is None else sync_access(access)


def membership_changed(sender, instance, raw=False, update_fields=None, **kwargs):
    """post_save of an InstitutionPage: its membership may have ended or been renewed.
    (A saved draft leaves the page's row unchanged; `sync_access` reads the row.)"""
    if raw or (update_fields is not None and not MEMBERSHIP_FIELDS & set(update_fields)):
        return
    sync_institution(instance)


def equip_pages(access):
    """Page permissions for the institution's group on every page of its translation group."""
    permissions = Permission.objects.filter(
        content_type__app_label="wagtailcore", codename__in=[f"{a}_page" for a in PAGE_ACTIONS]
    )
    for page in Page.objects.filter(translation_key=access.institution.translation_key):
        for permission in permissions:
            GroupPagePermission.objects.get_or_create(group=access.group, page=page, permission=permission)
    for fn in hooks.get_hooks("institution_editor_page_permissions"):
        for pages, actions in fn():
            other = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename__in=[f"{a}_page" for a in actions]
            )
            for page in pages:
                for permission in other:
                    GroupPagePermission.objects.get_or_create(
                        group=access.group, page=page, permission=permission
                    )


def equip_new_institution_page(sender, instance, created, raw=False, **kwargs):
    """A translation or alias of an institution with editors gets their page permissions."""
    if not created or raw:
        return
    from directory.models import InstitutionAccess

    access = (
        InstitutionAccess.objects.filter(institution__translation_key=instance.translation_key)
        .select_related("group", "collection", "institution")
        .first()
    )
    if access is not None:
        sync_access(access)


def add_editor(user, page):
    """Make `user` an editor of the institution of `page` (any locale)."""
    access = institution_access(page)
    user.groups.add(access.group)
    return access


def remove_editor(user, page):
    """`user` is no longer an editor of that institution: effective at their next request."""
    from directory.models import InstitutionAccess

    access = InstitutionAccess.objects.filter(institution__translation_key=page.translation_key).first()
    if access is not None:
        user.groups.remove(access.group)


def institution_editors(page):
    """Active users who are editors of the institution of `page` (any locale)."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True, groups__institution_access__institution__translation_key=page.translation_key
        )
        .distinct()
    )


def editor_institutions(user):
    """Source-locale InstitutionPages `user` is an editor of (none for anonymous users)."""
    from directory.models import InstitutionPage

    if not user.is_authenticated or not user.is_active:
        return InstitutionPage.objects.none()
    return InstitutionPage.objects.filter(access__group__user=user).distinct()


def is_institution_editor(user):
    return editor_institutions(user).exists()


def apply_memberships():
    """Apply the membership rule to every institution with editors' access
    (for `member_until` dates that passed); {"revoked": n, "granted": n}."""
    from directory.models import InstitutionAccess

    counts = {"revoked": 0, "granted": 0}
    for access in InstitutionAccess.objects.select_related("group", "collection", "institution"):
        counts["granted" if sync_access(access) else "revoked"] += 1
    return counts


# Network staff: who runs the network's side — invites and removes institution
# editors, sees the review report. Superusers, Moderators and Directory managers.
NETWORK_STAFF_GROUPS = (MODERATORS, DIRECTORY_MANAGERS)


def is_network_staff(user):
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_superuser or user.groups.filter(name__in=NETWORK_STAFF_GROUPS).exists()
