"""Drafts, unpublished, expired, view-restricted pages and other sites' pages are never found."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Locale, Page, PageViewRestriction, Site

from home.models import HomePage
from tests.search.factories import add_page

pytestmark = pytest.mark.django_db

WORD = "Добруджанска"


def test_visible_page_is_found(demo_site, search):
    add_page("bg", f"{WORD} равнина")
    assert f"{WORD} равнина" in search("bg", WORD)[1]


def test_draft_is_not_found(demo_site, search):
    add_page("bg", f"{WORD} чернова", live=False)
    assert search("bg", WORD)[1] == []


def test_unpublished_page_is_not_found(demo_site, search):
    page = add_page("bg", f"{WORD} оттеглена")
    page.unpublish()
    assert search("bg", WORD)[1] == []


def test_expired_page_is_not_found_even_before_the_expiry_job_runs(demo_site, search):
    page = add_page("bg", f"{WORD} изтекла")
    Page.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    assert search("bg", WORD)[1] == []


@pytest.mark.parametrize("restriction", ["password", "login"])
def test_view_restricted_page_and_its_children_are_not_found(demo_site, search, restriction):
    parent = add_page("bg", f"{WORD} защитена")
    add_page("bg", f"{WORD} дъщерна", parent=parent)
    PageViewRestriction.objects.create(page=parent, restriction_type=restriction, password="secret-pass")
    assert search("bg", WORD)[1] == []
    assert search("bg", WORD, languages="all")[1] == []


def test_pages_of_another_site_are_not_found(demo_site, search):
    root = Page.objects.get(depth=1)
    other_home = root.add_child(
        instance=HomePage(title="Друг сайт", slug="other-site", locale=Locale.objects.get(language_code="bg"))
    )
    Site.objects.create(hostname="other.example.org", port=80, root_page=other_home)
    add_page("bg", f"{WORD} друг сайт", parent=other_home)
    assert search("bg", WORD)[1] == []
    assert search("bg", WORD, languages="all")[1] == []


def test_untranslated_aliases_are_not_found_in_other_locales(demo_site, search):
    add_page("bg", f"{WORD} оригинал")  # wagtail-localize keeps aliases of it in ro and en
    assert search("ro", WORD)[1] == []
    response, titles = search("ro", WORD, languages="all")
    assert titles == [f"{WORD} оригинал"]
    assert response.context["results"][0]["language_code"] == "bg"
