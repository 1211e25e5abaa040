from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from cms import roles
from home.models import HomePage


@receiver(post_save, sender=HomePage)
def equip_new_locale_home(sender, instance, created, raw=False, **kwargs):
    """A new locale's home page (made by translating the site root) gets its
    translators' permissions and the review workflow, as the migration did for bg."""
    if created and not raw:
        roles.equip_locale_home(
            instance,
            instance.locale.language_code,
            Group=Group,
            Permission=Permission,
            ContentType=ContentType,
            GroupPagePermission=GroupPagePermission,
            Workflow=Workflow,
            WorkflowPage=WorkflowPage,
        )
