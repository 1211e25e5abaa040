"""`make run` (DEBUG, local files) serves /media/ through the visibility rule:
never documents, and images or renditions only when a publicly visible page
uses the image (or to a user who may manage it)."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.files.images import ImageFile
from django.http import Http404
from django.test import RequestFactory, override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import PageViewRestriction

from cms.views import local_media
from tests.documents.factories import make_document, make_publication
from tests.news.factories import make_news

pytestmark = pytest.mark.django_db


@pytest.fixture
def local_storage(tmp_path):
    with override_settings(
        MEDIA_ROOT=str(tmp_path),
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    ):
        yield tmp_path


def get(path, user=None):
    request = RequestFactory().get(f"/media/{path}")
    request.user = user or AnonymousUser()
    return local_media(request, path)


def image(title="Мост"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (10, 120, 60)).save(buffer, "PNG")
    return get_image_model().objects.create(
        title=title, file=ImageFile(io.BytesIO(buffer.getvalue()), name="m.png")
    )


def test_documents_are_never_served_from_media(local_storage, demo_site, admin_user):
    document = make_document("Стратегия", "strategy.pdf")
    make_publication(document, slug="local-strategy")
    assert (local_storage / document.file.name).exists()
    for user in (None, admin_user):
        with pytest.raises(Http404):
            get(document.file.name, user)


def test_image_of_a_public_page_is_served_with_its_renditions(local_storage, demo_site):
    picture = image()
    make_news(title="С картина", hero_image=picture)
    rendition = picture.get_rendition("fill-20x20")
    assert get(picture.file.name).status_code == 200
    assert get(rendition.file.name).status_code == 200


def test_unused_or_restricted_images_are_404_but_editors_see_them(local_storage, demo_site, admin_user):
    unused = image("Неизползвана")
    restricted = image("Скрита")
    page = make_news(title="Скрита новина", hero_image=restricted)
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    for picture in (unused, restricted):
        with pytest.raises(Http404):
            get(picture.file.name)
        with pytest.raises(Http404):
            get(picture.get_rendition("fill-20x20").file.name)
        response = get(picture.file.name, admin_user)
        assert response.status_code == 200
        assert response["Cache-Control"] == "private, no-store"


def test_unknown_paths_are_404(local_storage, demo_site):
    for path in ("original_images/missing.png", "wagtail_uploads/x.pdf", "../etc/passwd"):
        with pytest.raises(Http404):
            get(path)
