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


def test_the_s3_client_reads_lean_models_and_still_works(s3_client):
    """cms.storage loads botocore's models into dicts, not OrderedDicts, and keeps
    only S3's endpoints (less memory per worker); the storage still writes, reads,
    signs and deletes on the real S3 server."""
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    client = default_storage.connection.meta.client
    assert type(client.meta.service_model.metadata) is dict
    endpoints = client._loader.load_data("endpoints")
    assert {name for partition in endpoints["partitions"] for name in partition["services"]} == {"s3"}

    name = default_storage.save("lean-models/check.txt", ContentFile(b"ok"))
    try:
        with default_storage.open(name, "rb") as handle:
            assert handle.read() == b"ok"
        assert "X-Amz-Signature=" in default_storage.url(name)
    finally:
        default_storage.delete(name)
    assert not default_storage.exists(name)


@pytest.mark.parametrize("region", ["eu-central-1", "us-east-1", "cn-north-1"])
def test_lean_models_sign_aws_urls_as_botocore_does(region):
    """On AWS itself (no endpoint URL), the host, path and credential scope of a
    signed URL are the ones stock botocore, with every endpoint, gives."""
    from urllib.parse import parse_qs, urlsplit

    import boto3
    from botocore.config import Config

    from cms.storage import MediaStorage

    options = {"access_key": "AKIDEXAMPLE", "secret_key": "secret", "region_name": region}
    storage = MediaStorage(bucket_name=f"egovernet-{region}", signature_version="s3v4", **options)
    ours = urlsplit(storage.connection.meta.client.generate_presigned_url(
        "get_object", Params={"Bucket": f"egovernet-{region}", "Key": "documents/plan.pdf"}
    ))  # fmt: skip
    stock = urlsplit(boto3.client(
        "s3", region_name=region, aws_access_key_id="AKIDEXAMPLE", aws_secret_access_key="secret",
        config=Config(signature_version="s3v4"),
    ).generate_presigned_url("get_object", Params={"Bucket": f"egovernet-{region}", "Key": "documents/plan.pdf"}))  # fmt: skip
    assert (ours.scheme, ours.netloc, ours.path) == (stock.scheme, stock.netloc, stock.path)
    scope = parse_qs(ours.query)["X-Amz-Credential"][0].split("/", 2)[2]
    assert scope == parse_qs(stock.query)["X-Amz-Credential"][0].split("/", 2)[2]
    assert scope.startswith(f"{region}/s3/")


def test_the_s3_session_keeps_aws_data_path(monkeypatch, tmp_path):
    """An operator's AWS_DATA_PATH (extra botocore model directories) still counts."""
    from cms.storage import MediaStorage

    monkeypatch.setenv("AWS_DATA_PATH", str(tmp_path))
    storage = MediaStorage(**settings.STORAGES["default"]["OPTIONS"])
    loader = storage._create_session()._session.get_component("data_loader")
    assert str(tmp_path) in loader.search_paths
