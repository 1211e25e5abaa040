"""The institution's own editors: one group and collection per institution,
Wagtail's page permissions on its page in every locale, no publishing."""

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Collection, Locale, Page

from directory.models import InstitutionAccess, InstitutionPage
from directory.network import add_editor, institution_access, remove_editor
from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db


def person(username):
    return get_user_model().objects.create_user(username, f"{username}@example.org", "x")


def translations(page):
    return Page.objects.filter(translation_key=page.translation_key)


def test_an_editor_may_edit_their_institution_in_every_locale_but_not_publish(demo_site):
    mine = make_institution(bg_directory())
    other = make_institution(bg_directory())
    editor = person("ed")
    add_editor(editor, mine)

    pages = list(translations(mine))
    assert {p.locale.language_code for p in pages} == {"bg", "ro", "en"}
    for page in pages:
        tester = page.permissions_for_user(editor)
        assert tester.can_edit(), page.locale
        assert not tester.can_publish(), page.locale
    assert not other.permissions_for_user(editor).can_edit()
    assert not Page.objects.get(depth=2, locale__language_code="bg").permissions_for_user(editor).can_edit()
    assert list(InstitutionPage.edited_by(editor)) == [mine]
    assert list(mine.editors()) == [editor]
    assert list(other.editors()) == []


def test_access_is_made_once_and_covers_a_collection_for_documents_and_images(demo_site):
    mine = make_institution(bg_directory())
    first = institution_access(mine)
    ro_page = translations(mine).get(locale__language_code="ro")
    assert institution_access(ro_page) == first
    assert InstitutionAccess.objects.filter(institution=mine).count() == 1  # the demo has others
    assert first.collection.get_parent() == Collection.get_first_root_node()
    editor = person("ed")
    add_editor(editor, ro_page)
    for codename in ("add_document", "choose_document", "add_image", "choose_image"):
        model = "document" if "document" in codename else "image"
        app = "wagtaildocs" if model == "document" else "wagtailimages"
        assert first.group.collection_permissions.filter(
            collection=first.collection,
            permission__codename=codename,
            permission__content_type__app_label=app,
        ).exists(), codename
    assert editor.has_perm("wagtailadmin.access_admin")


def test_removing_the_editor_revokes_at_once(demo_site):
    mine = make_institution(bg_directory())
    editor = person("ed")
    add_editor(editor, mine)
    remove_editor(editor, mine)
    editor = get_user_model().objects.get(pk=editor.pk)  # a new request loads the user afresh
    assert not mine.permissions_for_user(editor).can_edit()
    assert list(InstitutionPage.edited_by(editor)) == []


def test_a_locale_added_later_is_equipped_too(demo_site):
    mine = make_institution(bg_directory())
    access = institution_access(mine)
    de = Locale.objects.create(language_code="de")
    copy = mine.copy_for_translation(de, copy_parents=True, alias=True)
    assert copy.permissions_for_user(_member(access)).can_edit()


def _member(access):
    user = person("late")
    user.groups.add(access.group)
    return user
