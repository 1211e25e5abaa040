"""Factories shared by the test modules."""

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile

from home.models import StandardPage


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Страница {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")
    intro = "Въведение"

    class Meta:
        model = StandardPage


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("password-123")

    class Meta:
        model = get_user_model()


def staff_member(*groups, language="", **fields):
    """A user (UserFactory `fields`) in the groups named, whose admin speaks
    `language` (Wagtail's UserProfile.preferred_language; "" leaves Wagtail's
    default: the browser's language). A group name that does not exist fails."""
    user = UserFactory(**fields)
    user.groups.set([Group.objects.get(name=name) for name in groups])
    if language:
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
    return user


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_draft(parent, **kwargs):
    """A page that was saved but never published."""
    page = StandardPageFactory.build(**kwargs)
    page.live = False
    parent.add_child(instance=page)
    page.save_revision()
    return page


def make_private(parent, **kwargs):
    """A live page behind a password view restriction."""
    page = StandardPageFactory.build(**kwargs)
    parent.add_child(instance=page)
    publish(page)
    PageViewRestriction.objects.create(page=page, restriction_type="password", password="secret-pass")
    return page


def sitemap_documents(client):
    """The XML of /sitemap.xml (a sitemap index) and of every sitemap it lists."""
    import xml.etree.ElementTree as ET
    from urllib.parse import urlsplit

    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    documents = [index.content.decode()]
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    for location in ET.fromstring(index.content).findall("s:sitemap/s:loc", namespace):
        parts = urlsplit(location.text)
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200
        documents.append(response.content.decode())
    return documents
