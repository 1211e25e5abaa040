"""Attribution through the real admin endpoints: an institution editor may create
news and publications attributed to their own institution (required, only
theirs), edit their colleagues' attributed items, and nothing else; never publish."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from directory.models import InstitutionPage
from directory.network import add_editor
from documents.models import DocumentIndexPage, PublicationPage
from news.models import NewsIndexPage, NewsPage
from tests.news.factories import make_news

pytestmark = pytest.mark.django_db


def institution(slug, language="bg"):
    return InstitutionPage.objects.get(slug=slug, locale__language_code=language)


def person(username, language="en"):
    from wagtail.users.models import UserProfile

    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def ruse(demo_site):
    return institution("ruse-municipality")


@pytest.fixture
def editor(ruse):
    user = person("ruse-editor")
    add_editor(user, ruse)
    return user


@pytest.fixture
def colleague(ruse):
    user = person("ruse-colleague", language="bg")
    add_editor(user, ruse)
    return user


def news_form(title, slug, institution_page=None, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "date": "2026-11-20",
            "intro": "Кратко резюме.",
            "body": streamfield([]),
            "social_text": "",
            "hero_image_alt": "",
            "news_categories": inline_formset([]),
            "related_institutions": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    if institution_page is not None:
        data["institution"] = str(institution_page.pk)
    data.update(extra)
    return data


def publication_form(title, slug, institution_page=None, **extra):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "kind": "report",
            "publication_date": "2026-11-20",
            "intro": "",
            "summary": "Резюме.",
            "body": streamfield([]),
            "social_text": "",
            "scope": "",
            "agreement_status": "",
            "parties": inline_formset([]),
            "comments": inline_formset([]),
        }
    )
    if institution_page is not None:
        data["institution"] = str(institution_page.pk)
    data.update(extra)
    return data


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard
    and a message (a 403 for requests that want JSON)."""
    return response.status_code == 403 or (
        response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    )


def add_news(client, data, language="bg"):
    index = NewsIndexPage.objects.get(locale__language_code=language)
    return client.post(reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk)), data)


def test_institution_groups_get_add_on_every_news_and_documents_index(editor):
    for index in [*NewsIndexPage.objects.all(), *DocumentIndexPage.objects.all()]:
        tester = index.permissions_for_user(editor)
        assert tester.can_add_subpage(), index.url
        assert not tester.can_publish_subpage(), index.url
        assert not tester.can_edit(), index.url


def test_the_add_form_offers_only_their_institution(client, editor, ruse):
    client.force_login(editor)
    index = NewsIndexPage.objects.get(locale__language_code="ro")
    response = client.get(reverse("wagtailadmin_pages:add", args=("news", "newspage", index.pk)))
    assert response.status_code == 200
    field = response.context["form"].fields["institution"]
    offered = list(field.queryset)
    assert [page.translation_key for page in offered] == [ruse.translation_key]
    assert offered[0].locale.language_code == "ro"  # in the language of the item being written
    assert field.required


def test_an_institution_editor_creates_attributed_news_that_is_not_published(client, editor, ruse):
    client.force_login(editor)
    # asking to publish is refused outright (cms/wagtail_hooks.py), nothing is created …
    response = add_news(client, news_form("Нов автобус", "new-bus", ruse, **{"action-publish": "publish"}))
    assert response.status_code == 403
    assert not NewsPage.objects.filter(slug="new-bus").exists()
    # … saving keeps a draft, attributed to their institution
    response = add_news(client, news_form("Нов автобус", "new-bus", ruse))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = NewsPage.objects.get(slug="new-bus", locale__language_code="bg")
    assert page.institution.translation_key == ruse.translation_key
    assert page.owner == editor
    assert not page.live and page.first_published_at is None
    assert not NewsPage.objects.filter(slug="new-bus", live=True).exists()


def test_submitting_for_review_starts_the_workflow(client, editor, ruse):
    client.force_login(editor)
    response = add_news(client, news_form("За преглед", "for-review", ruse, **{"action-submit": "submit"}))
    assert response.status_code == 302, response.content.decode()[:3000]
    page = NewsPage.objects.get(slug="for-review", locale__language_code="bg")
    assert page.workflow_in_progress
    assert not page.live


@pytest.mark.parametrize(
    ("attributed_to", "message"),
    [
        (None, "Choose your institution: items you write must be attributed to it."),
        ("giurgiu-municipality", "You may attribute items to your own institution only."),
    ],
)
def test_without_their_institution_nothing_is_saved(client, editor, attributed_to, message):
    client.force_login(editor)
    other = institution(attributed_to) if attributed_to else None
    count = NewsPage.objects.count()
    response = add_news(client, news_form("Чужда", "not-mine", other))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert NewsPage.objects.count() == count


def test_a_forged_institution_is_refused_in_the_editors_language(client, colleague):
    """Server-side check: the form's own choices refuse any other page id, in bg."""
    client.force_login(colleague)
    other = institution("giurgiu-municipality")
    response = add_news(client, news_form("Чужда", "forged", other))
    assert response.status_code == 200
    assert "Можете да посочвате само собствената си институция." in response.content.decode()
    assert not NewsPage.objects.filter(slug="forged").exists()


def test_a_colleague_edits_the_attributed_item_but_cannot_publish_it(client, editor, colleague, ruse):
    client.force_login(editor)
    add_news(client, news_form("Обща новина", "shared-item", ruse))
    page = NewsPage.objects.get(slug="shared-item", locale__language_code="bg")

    client.force_login(colleague)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client.get(edit_url).status_code == 200
    response = client.post(
        edit_url, news_form("Обща новина, поправена", "shared-item", ruse, **{"action-publish": "publish"})
    )
    assert response.status_code == 403, "publishing is refused"
    response = client.post(edit_url, news_form("Обща новина, поправена", "shared-item", ruse))
    assert response.status_code == 302, response.content.decode()[:3000]
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().as_object().title == "Обща новина, поправена"
    assert page.get_latest_revision().user == colleague


def test_others_news_and_unattributed_news_are_403(client, editor):
    client.force_login(editor)
    theirs = make_news(title="От Гюргево", institution=institution("giurgiu-municipality"))
    unattributed = NewsPage.objects.filter(institution__isnull=True, locale__language_code="bg").first()
    for page in (theirs, unattributed):
        assert refused(client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))))
        edit = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), news_form("Моя", page.slug))
        assert refused(edit)
        assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,))))
        assert refused(client.get(reverse("wagtailadmin_pages:delete", args=(page.pk,))))
        page.refresh_from_db()
        assert page.live and page.title != "Моя" and page.get_latest_revision().user != editor
    # and the home page, even though they may add under its news index
    home = Page.objects.get(depth=2, locale__language_code="bg")
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=(home.pk,))))


def test_their_published_item_may_be_edited_but_not_unpublished_or_deleted(client, editor, ruse):
    page = make_news(title="Публикувана", institution=ruse)  # published by the network's staff
    client.force_login(editor)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).status_code == 200
    assert refused(client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,))))
    assert refused(client.get(reverse("wagtailadmin_pages:delete", args=(page.pk,))))
    page.refresh_from_db()
    assert page.live


def test_reattributed_away_the_owner_loses_it(client, editor, ruse):
    client.force_login(editor)
    add_news(client, news_form("Моя", "mine-then-not", ruse))
    page = NewsPage.objects.get(slug="mine-then-not", locale__language_code="bg")
    page.institution = institution("giurgiu-municipality")
    page.save_revision()  # what network staff re-attributing it in the editor leave behind
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))))


def test_network_staff_may_leave_it_empty_or_choose_any(client, admin_user, demo_site):
    client.force_login(admin_user)
    assert add_news(client, news_form("Без институция", "no-institution")).status_code == 302
    other = institution("giurgiu-municipality")
    assert add_news(client, news_form("Гюргево", "any-institution", other)).status_code == 302
    assert NewsPage.objects.get(slug="any-institution", locale__language_code="bg").institution_id == other.pk


def test_a_non_institution_page_is_refused_for_staff_too(client, admin_user, demo_site):
    client.force_login(admin_user)
    home = Page.objects.get(depth=2, locale__language_code="bg")
    response = add_news(client, news_form("Грешна", "wrong-type", home))
    assert response.status_code == 200
    assert "Изберете страница на институция от указателя." in response.content.decode()  # admin in bg
    assert not NewsPage.objects.filter(slug="wrong-type").exists()


def test_publications_follow_the_same_rules(client, editor, ruse):
    client.force_login(editor)
    index = DocumentIndexPage.objects.get(locale__language_code="en")
    url = reverse("wagtailadmin_pages:add", args=("documents", "publicationpage", index.pk))
    response = client.post(
        url, publication_form("Annual report", "annual-report", ruse.get_translation(index.locale))
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    page = PublicationPage.objects.get(slug="annual-report", locale=index.locale)
    assert page.institution.translation_key == ruse.translation_key and not page.live
    assert client.post(url, publication_form("No institution", "no-inst")).status_code == 200
    assert not PublicationPage.objects.filter(slug="no-inst").exists()
    agreement = PublicationPage.objects.get(slug="agreement-vidin-calafat", locale=index.locale)
    assert refused(client.get(reverse("wagtailadmin_pages:edit", args=(agreement.pk,))))


def test_network_editors_who_also_edit_for_an_institution_are_not_restricted(client, editor, ruse):
    from django.contrib.auth.models import Group

    from cms.roles import EDITORS

    editor.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(editor)
    assert add_news(client, news_form("Без институция", "staff-no-institution")).status_code == 302
    theirs = make_news(title="От Гюргево", institution=institution("giurgiu-municipality"))
    assert client.get(reverse("wagtailadmin_pages:edit", args=(theirs.pk,))).status_code == 200
