"""What an institution editor may do, through the real admin endpoints and
through API v3 with their own token: their institution and its e-services in
every locale, as drafts that go to the "Review and publish" workflow; never
another institution, the home page, or publishing (403)."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.api.v3.form_data import build_form_data
from wagtail.models import APIToken, Page, WorkflowState

from cms.roles import WORKFLOW_NAME
from directory.models import InstitutionPage
from directory.network import add_editor, remove_editor
from home.models import HomePage
from tests.directory.factories import bg_directory, make_institution
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting(demo_site):
    """(editor, their token, their institution, another institution, the bg home page)"""
    mine = make_institution(bg_directory(), title="Моята община", services=[{}])
    other = make_institution(bg_directory(), title="Чужда община")
    editor = UserFactory()
    add_editor(editor, mine)
    _instance, token = APIToken.create_token(user=editor, name="institution editor")
    # ro: a translation of its own (en stays an alias of the bg page)
    ro_alias = InstitutionPage.objects.get(alias_of=mine, locale__language_code="ro")
    ConvertAliasPageAction(ro_alias).execute(skip_permission_checks=True)
    return editor, token, mine, other, HomePage.objects.get(locale__language_code="bg")


def locales_of(page):
    return list(Page.objects.filter(translation_key=page.translation_key).order_by("locale__language_code"))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def patch(client, page, token, **body):
    return client.patch(
        f"/api/v3/pages/{page.pk}/",
        data=json.dumps(body),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )


def admin_form_data(page, user, **changes):
    """What the admin's edit form posts for `page` unchanged except `changes`
    (built with Wagtail's own mapping from field values to form data)."""
    page = page.get_latest_revision_as_object()
    form_class = type(page).get_edit_handler().get_form_class()
    payload = {}
    form = form_class(instance=page, for_user=user, parent_page=page.get_parent())
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        payload[name] = value
    payload["opening_hours"] = page.opening_hours.get_prep_value()
    for relation, formset in form.formsets.items():
        if not hasattr(page, relation):  # the comments' formset: none posted
            continue
        payload[relation] = [
            {
                "id": child.instance.pk,
                **{
                    name: child.initial.get(name, field.initial)
                    for name, field in child.fields.items()
                    if name not in ("id", "DELETE", "ORDER", "page")
                },
            }
            for child in formset.forms
        ]
    payload.update(changes)
    data = build_form_data(form_class, payload, instance=page)
    posted = {key: ["" if value is None else value for value in values] for key, values in data.lists()}
    for key in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS"):
        posted.setdefault(f"comments-{key}", ["0"])
    return posted


def latest(page):
    """The page's latest revision as the next request loads it."""
    return Page.objects.get(pk=page.pk).specific.get_latest_revision_as_object()


def refused_by_the_admin(response):
    """Wagtail's admin answers a page the user may not touch with a redirect to
    the dashboard and its "no permission" message (a 403 to XHR, see below)."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


# --- the admin -------------------------------------------------------------------


def test_the_admin_opens_their_institution_in_every_locale_and_nothing_else(client, setting):
    editor, _token, mine, other, home = setting
    client.force_login(editor)
    for page in locales_of(mine):
        assert client.get(edit_url(page)).status_code == 200, page.locale
    for page in [*locales_of(other), home, bg_directory()]:
        revisions = page.revisions.count()
        assert refused_by_the_admin(client.get(edit_url(page))), page
        assert refused_by_the_admin(client.post(edit_url(page), {"title": "x"})), page
        xhr = client.post(edit_url(page), {"title": "x"}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
        assert xhr.status_code == 403, page
        assert page.revisions.count() == revisions
    refused = client.get(edit_url(other), follow=True)  # told so in their admin language
    assert "За съжаление нямате права за достъп до тази област." in refused.content.decode()
    for name, page in [
        ("wagtailadmin_pages:add_subpage", bg_directory()),
        ("wagtailadmin_pages:add_subpage", mine),
        ("wagtailadmin_pages:delete", mine),
        ("wagtailadmin_pages:unpublish", mine),
        ("wagtailadmin_pages:move", mine),
    ]:
        assert refused_by_the_admin(client.get(reverse(name, args=[page.pk]))), name
    # no other admin area: users, groups, settings, snippets
    for name in ("wagtailusers_users:index", "wagtailusers_groups:index", "wagtailsites:index"):
        assert client.get(reverse(name)).status_code in (302, 403), name


def test_their_edit_in_the_admin_goes_to_moderation_and_publishing_is_403(client, setting):
    editor, _token, mine, _other, _home = setting
    client.force_login(editor)
    data = admin_form_data(mine, editor, phone="+359 82 123 456")
    mail.outbox.clear()
    response = client.post(edit_url(mine), {**data, "action-submit": "1"})
    assert response.status_code == 302, (
        response.context["form"].errors,
        {name: formset.errors for name, formset in response.context["form"].formsets.items()},
        [str(m) for m in response.context["messages"]],
    )
    state = WorkflowState.objects.get(object_id=str(mine.pk), status=WorkflowState.STATUS_IN_PROGRESS)
    assert state.workflow.name == WORKFLOW_NAME and state.requested_by == editor
    assert InstitutionPage.objects.get(pk=mine.pk).phone != "+359 82 123 456"  # not live
    assert latest(mine).phone == "+359 82 123 456"

    before = Page.objects.get(pk=mine.pk).latest_revision_id
    response = client.post(edit_url(mine), {**data, "phone": ["+359 82 999 999"], "action-publish": "1"})
    assert response.status_code == 403
    assert "Нямате право да публикувате тази страница" in response.content.decode()
    assert Page.objects.get(pk=mine.pk).latest_revision_id == before  # nothing written
    # the moderator's approval is not theirs either
    approve = reverse(
        "wagtailadmin_pages:workflow_action", args=[mine.pk, "approve", state.current_task_state.pk]
    )
    assert client.post(approve, {"comment": ""}).status_code in (302, 403)
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert InstitutionPage.objects.get(pk=mine.pk).phone != "+359 82 123 456"


# --- API v3 with their token ---------------------------------------------------------


def test_api_v3_saves_their_drafts_in_every_locale_never_live(client, setting):
    _editor, token, mine, _other, _home = setting
    edited = []
    for page in locales_of(mine):
        if page.alias_of_id:  # an alias follows its source; it is translated, not edited
            continue
        edited.append(page.locale.language_code)
        new_title = f"{page.title} (нов адрес)"
        response = patch(client, page, token, meta={"type": "directory.InstitutionPage"}, title=new_title)
        assert response.status_code == 200, (page.locale, response.content)
        assert not response.json()["meta"].get("warnings"), response.json()["meta"]
        assert InstitutionPage.objects.get(pk=page.pk).title == page.title  # the live page is unchanged
        assert latest(page).title == new_title
    assert sorted(edited) == ["bg", "ro"]


@pytest.mark.parametrize("target", ["other", "other_ro", "home", "directory"])
def test_api_v3_refuses_pages_not_theirs(client, setting, target):
    _editor, token, _mine, other, home = setting
    page = {
        "other": other,
        "other_ro": locales_of(other)[1],
        "home": home,
        "directory": bg_directory(),
    }[target]
    revisions = page.revisions.count()
    response = patch(client, page, token, meta={"type": page.specific_class._meta.label}, title="Чуждо")
    assert response.status_code == 403, response.content
    assert page.revisions.count() == revisions


def test_api_v3_refuses_their_publishing(client, setting):
    _editor, token, mine, _other, _home = setting
    revisions = mine.revisions.count()
    response = patch(
        client, mine, token, meta={"type": "directory.InstitutionPage", "action": "publish"}, title="Друго"
    )
    assert response.status_code == 403, response.content
    response = client.post(f"/api/v3/pages/{mine.pk}/actions/publish/", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert response.status_code == 403, response.content
    response = client.post(
        f"/api/v3/pages/{mine.pk}/actions/unpublish/",
        data="{}",
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403, response.content
    assert mine.revisions.count() == revisions
    assert InstitutionPage.objects.get(pk=mine.pk).title != "Друго"
    # nor may they create pages (under their institution or anywhere)
    response = client.post(
        "/api/v3/pages/",
        data=json.dumps({"meta": {"type": "home.StandardPage", "parent_id": mine.pk}, "title": "Нова"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 403, response.content


def test_removal_takes_effect_on_their_next_api_request(client, setting):
    editor, token, mine, _other, _home = setting
    body = {"meta": {"type": "directory.InstitutionPage"}, "title": "Първо"}
    assert patch(client, mine, token, **body).status_code == 200
    remove_editor(editor, mine)
    assert patch(client, mine, token, **{**body, "title": "Второ"}).status_code == 403
    assert latest(mine).title == "Първо"


def test_a_demo_editor_translates_their_institution_and_its_e_services(client, demo_site):
    """The demo institutions are translated with wagtail-localize: their editor
    gets its translation editor (page fields and e-services) in ro and en."""
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username="editor.ruse@example.org")
    ruse = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="bg")
    assert ruse.e_services.exists()
    client.force_login(user)
    for page in locales_of(ruse):
        response = client.get(edit_url(page))
        assert response.status_code == 200, page.locale
        if page.locale.language_code != "bg":
            html = response.content.decode()
            assert 'class="js-translation-editor"' in html, page.locale
            assert "e_services." in html  # its e-services are segments to translate (e_services.<id>.name)
    giurgiu = InstitutionPage.objects.get(slug="giurgiu-municipality", locale__language_code="ro")
    assert refused_by_the_admin(client.get(edit_url(giurgiu)))
