"""Deleting a document, image or rendition is whole: its row and its object in
the bucket go together, or neither does.

Wagtail deletes the file after the row's deletion is committed: when S3 is down
then, the row is gone and the file — perhaps a private one — stays in the
bucket for good, and the request fails after the fact. Here, inside the
deletion's transaction (Django sends `post_delete` inside it, for cascaded
renditions too), the object is first looked up in the bucket: if S3 cannot be
reached, the error rolls the deletion back and the visitor gets cms/outage.py's
503 — nothing changed. The object itself is deleted once the row's deletion is
committed, so a deletion rolled back later for another reason never loses its
file; a failure in that last step (S3 lost in between) is logged, not raised,
and Wagtail's own clean-up task tries once more."""

import logging
from functools import partial

from django.db import transaction
from django.db.models.signals import post_delete

logger = logging.getLogger(__name__)


def _delete_object(storage, name, label):
    try:
        storage.delete(name)
    except Exception:  # logged for the operator; the row is already gone
        logger.exception("could not delete %s (%s) from storage", name, label)
    else:
        logger.info("deleted %s from storage with its %s row", name, label)


def delete_stored_file(sender, instance, **kwargs):
    name = instance.file.name
    if not name:
        return
    storage = instance.file.storage
    storage.exists(name)  # reaches S3 now: raises while it is down, and the deletion rolls back
    transaction.on_commit(partial(_delete_object, storage, name, sender._meta.label), robust=True)


def connect():
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    image_model = get_image_model()
    for model in (get_document_model(), image_model, image_model.get_rendition_model()):
        post_delete.connect(
            delete_stored_file, sender=model, dispatch_uid=f"cms_delete_file_{model._meta.label}"
        )
