"""Images, renditions and documents are stored in the S3 bucket."""

import io

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


def _png_bytes(size=(64, 48), colour=(0, 51, 153)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, format="PNG")
    return buffer.getvalue()


def test_uploaded_image_and_rendition_land_in_the_bucket(s3_client, bucket_keys):
    bucket = settings.STORAGES["default"]["OPTIONS"]["bucket_name"]
    content = _png_bytes()
    image = get_image_model().objects.create(
        title="Мост Русе–Гюргево", file=ImageFile(io.BytesIO(content), name="bridge.png")
    )

    stored = s3_client.get_object(Bucket=bucket, Key=image.file.name)
    assert stored["Body"].read() == content
    assert image.file.name.startswith("original_images/")

    rendition = image.get_rendition("fill-32x32")
    assert rendition.file.name in bucket_keys("images/")
    assert rendition.width == 32


def test_uploaded_document_lands_in_the_bucket_and_is_not_public(s3_client):
    bucket = settings.STORAGES["default"]["OPTIONS"]["bucket_name"]
    payload = b"%PDF-1.4\n% sample\n"
    document = get_document_model().objects.create(
        title="Стратегия", file=SimpleUploadedFile("strategy.pdf", payload, content_type="application/pdf")
    )
    stored = s3_client.get_object(Bucket=bucket, Key=document.file.name)
    assert stored["Body"].read() == payload
    # Private by default: the storage hands out signed, expiring URLs only.
    url = document.file.url
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


def test_same_name_does_not_overwrite(s3_client):
    bucket = settings.STORAGES["default"]["OPTIONS"]["bucket_name"]
    first = get_document_model().objects.create(
        title="A", file=SimpleUploadedFile("same.txt", b"first", content_type="text/plain")
    )
    second = get_document_model().objects.create(
        title="B", file=SimpleUploadedFile("same.txt", b"second", content_type="text/plain")
    )
    assert first.file.name != second.file.name
    assert s3_client.get_object(Bucket=bucket, Key=first.file.name)["Body"].read() == b"first"
