"""Deleting a document, image or rendition is whole: its row and its object in
the bucket go together, or neither does.

Wagtail deletes the file after the row's deletion is committed (a background
task): when S3 fails then, the row is gone and the file — perhaps a private
one — stays in the bucket for good. Here the object is deleted inside the
deletion's transaction, right after the row (Django sends `post_delete` inside
it, for cascaded renditions too): if S3 refuses or cannot be reached, the error
rolls the deletion back and the visitor gets cms/outage.py's 503. Wagtail's own
task still runs after commit and finds nothing left to delete."""

import logging

from django.db.models.signals import post_delete

logger = logging.getLogger(__name__)


def delete_stored_file(sender, instance, **kwargs):
    name = instance.file.name
    if not name:
        return
    instance.file.storage.delete(name)  # raises on failure: the deletion is rolled back
    logger.info("deleted %s from storage with its %s row", name, sender._meta.label)


def connect():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    image_model = get_image_model()
    for model in (get_document_model(), image_model, image_model.get_rendition_model()):
        post_delete.connect(
            delete_stored_file, sender=model, dispatch_uid=f"cms_delete_file_{model._meta.label}"
        )
