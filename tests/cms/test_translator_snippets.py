"""Translators translate snippets (categories, regions, …) into their own
language in wagtail-localize's editor, and change nothing else."""

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Locale
from wagtail_localize.models import StringSegment, Translation

from cms.roles import EDITORS, translators_group_name
from cms.translation_status import translatable_snippet_models
from directory.models import Region
from news.models import NewsCategory
from tests.factories import staff_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def translator(demo_site):
    return staff_member(translators_group_name("ro"))


@pytest.fixture
def category(demo_site):
    bg = Locale.objects.get(language_code="bg")
    return NewsCategory.objects.create(name="Земеделие", slug="agriculture", locale=bg)


def edit_url(instance):
    opts = instance._meta
    return reverse(f"wagtailsnippets_{opts.app_label}_{opts.model_name}:edit", args=[instance.pk])


def test_every_translators_group_may_view_and_change_every_translatable_snippet(demo_site):
    models = translatable_snippet_models()
    assert {m._meta.label for m in models} >= {
        "news.NewsCategory",
        "directory.Region",
        "directory.InstitutionType",
        "directory.ServiceCategory",
    }
    for code in ("bg", "ro", "en"):
        codenames = set(
            Group.objects.get(name=translators_group_name(code)).permissions.values_list(
                "codename", flat=True
            )
        )
        for model in models:
            name = model._meta.model_name
            assert {f"view_{name}", f"change_{name}"} <= codenames
            assert f"add_{name}" not in codenames and f"delete_{name}" not in codenames


def test_translator_translates_a_news_category_into_their_language(client, translator, category):
    client.force_login(translator)
    listing = client.get(reverse("wagtailsnippets_news_newscategory:list") + "?locale=bg")
    assert listing.status_code == 200
    translate_url = reverse(
        "wagtail_localize:submit_snippet_translation", args=["news", "newscategory", category.pk]
    )
    assert translate_url in listing.content.decode()

    ro = Locale.objects.get(language_code="ro")
    response = client.post(translate_url, {"locales": [ro.id]})
    assert response.status_code == 302
    ro_category = NewsCategory.objects.get(translation_key=category.translation_key, locale=ro)
    assert response["Location"] == edit_url(ro_category)
    assert client.get(edit_url(ro_category)).status_code == 200  # wagtail-localize's editor

    translation = Translation.objects.get(source__object_id=category.translation_key, target_locale=ro)
    segment = StringSegment.objects.get(source=translation.source, context__path="name")
    response = client.put(
        reverse("wagtail_localize:edit_string_translation", args=[translation.id, segment.id]),
        urlencode({"value": "Agricultură"}),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 201
    response = client.post(edit_url(ro_category), {"action": "publish"})
    assert response.status_code == 302
    ro_category.refresh_from_db()
    assert ro_category.name == "Agricultură" and ro_category.slug == "agriculture"
    category.refresh_from_db()
    assert category.name == "Земеделие"


def test_translator_cannot_change_a_snippet_in_another_language(client, translator, category):
    client.force_login(translator)
    response = client.get(edit_url(category))
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    response = client.post(edit_url(category), {"name": "Changed", "slug": "agriculture"})
    assert response.status_code == 302
    category.refresh_from_db()
    assert category.name == "Земеделие"

    en_region = Region.objects.filter(locale__language_code="en").first()
    assert en_region is not None
    assert client.get(edit_url(en_region)).status_code == 302
    ro_region = Region.objects.filter(locale__language_code="ro").first()
    assert client.get(edit_url(ro_region)).status_code == 200
    # no new snippets either
    assert client.get(reverse("wagtailsnippets_news_newscategory:add")).status_code in (302, 403)


def test_only_translator_only_users_are_kept_to_their_language(client, category):
    admin = staff_member(translators_group_name("ro"))
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    assert client.get(edit_url(category)).status_code == 200

    from cms.translator_permissions import may_edit_snippet

    editor_translator = staff_member(EDITORS, translators_group_name("ro"))
    assert may_edit_snippet(editor_translator, category)
    assert not may_edit_snippet(staff_member(translators_group_name("ro")), category)
    assert may_edit_snippet(staff_member(translators_group_name("bg")), category)
