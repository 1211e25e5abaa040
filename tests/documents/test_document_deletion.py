"""Deleting a document removes its row, and its file from the bucket once the
deletion is committed (Wagtail's file-deletion task, run immediately here)."""

import pytest
from django.urls import reverse

from documents.models import Document
from tests.documents.factories import make_document

pytestmark = pytest.mark.django_db


def test_deleting_a_document_in_the_admin_removes_its_file(
    client, admin_user, bucket_keys, django_capture_on_commit_callbacks
):
    document = make_document("За изтриване", "за изтриване.pdf")
    key = document.file.name
    assert key in bucket_keys("documents/")
    client.force_login(admin_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    assert response.status_code == 302
    assert not Document.objects.filter(pk=document.pk).exists()
    assert key not in bucket_keys("documents/")
