"""Membership of the network: roles with since/until dates, the directory's
membership facet and filter (HTML, API v2, v3), and access that follows
membership (ending it revokes the institution editors' permissions at once)."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import GroupCollectionPermission, GroupPagePermission, Page

from directory.models import InstitutionPage
from directory.network import add_editor
from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db


def today():
    # Asked each time: a module constant goes stale when a long run crosses midnight in Sofia.
    return timezone.localdate()


def yesterday():
    return today() - datetime.timedelta(days=1)


def person(username):
    return get_user_model().objects.create_user(username, f"{username}@example.org", "x")


def fresh(user):
    """A new request loads the user (and their permissions) afresh."""
    return get_user_model().objects.get(pk=user.pk)


def can_edit_everywhere(page, user):
    pages = Page.objects.filter(translation_key=page.translation_key)
    assert pages.count() == 3
    results = {p.specific.permissions_for_user(fresh(user)).can_edit() for p in pages}
    assert len(results) == 1, "the same in every locale"
    return results.pop()


def publish(page, **changes):
    page = InstitutionPage.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def member(**extra):
    extra.setdefault("membership_role", "member")
    extra.setdefault("member_since", datetime.date(2020, 1, 1))
    return make_institution(bg_directory(), **extra)


def test_clearing_the_role_revokes_at_once_and_renewing_restores(demo_site):
    mine = member()
    editor = person("ed")
    access = add_editor(editor, mine)
    assert can_edit_everywhere(mine, editor)
    assert GroupCollectionPermission.objects.filter(group=access.group).count() == 6

    publish(mine, membership_role="")
    assert not can_edit_everywhere(mine, editor)
    assert not GroupPagePermission.objects.filter(group=access.group).exists()
    assert not GroupCollectionPermission.objects.filter(group=access.group).exists()
    assert list(access.group.user_set.all()) == [editor], "the editor stays, ready for a renewal"

    publish(mine, membership_role="partner")
    assert can_edit_everywhere(mine, editor)
    assert GroupCollectionPermission.objects.filter(group=access.group).count() == 6


def test_a_draft_clearing_the_role_changes_nothing_until_published(demo_site):
    mine = member()
    editor = person("ed")
    add_editor(editor, mine)
    page = InstitutionPage.objects.get(pk=mine.pk)
    page.membership_role = ""
    page.save_revision()  # e.g. the institution editor's own edit, waiting for review
    assert can_edit_everywhere(mine, editor)


def test_an_until_date_in_the_past_revokes_on_publish(demo_site):
    mine = member()
    editor = person("ed")
    add_editor(editor, mine)
    publish(mine, member_until=yesterday())
    assert not can_edit_everywhere(mine, editor)
    publish(mine, member_until=today() + datetime.timedelta(days=365))
    assert can_edit_everywhere(mine, editor)


def test_the_daily_command_revokes_when_the_until_date_passes_and_restores_on_renewal(demo_site, capsys):
    mine = member(member_until=today())
    editor = person("ed")
    add_editor(editor, mine)
    assert can_edit_everywhere(mine, editor)
    # The day passes without anyone editing the page.
    InstitutionPage.objects.filter(translation_key=mine.translation_key).update(member_until=yesterday())
    assert can_edit_everywhere(mine, editor)
    call_command("apply_memberships")
    assert "1 revoked" in capsys.readouterr().out
    assert not can_edit_everywhere(mine, editor)
    call_command("apply_memberships")  # idempotent
    assert not can_edit_everywhere(mine, editor)
    InstitutionPage.objects.filter(translation_key=mine.translation_key).update(member_until=None)
    call_command("apply_memberships")
    assert can_edit_everywhere(mine, editor)


def test_an_institution_that_never_was_a_member_keeps_the_access_staff_gave(demo_site):
    mine = make_institution(bg_directory())
    editor = person("ed")
    add_editor(editor, mine)
    assert mine.membership_state() == "none"
    assert can_edit_everywhere(mine, editor)


def test_until_before_since_is_refused(demo_site):
    from django.core.exceptions import ValidationError

    page = InstitutionPage.objects.get(slug="ruse-municipality", locale__language_code="bg")
    page.member_until = page.member_since - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "member_until" in error.value.message_dict


def test_membership_fields_are_synchronised_across_locales(demo_site):
    pages = InstitutionPage.objects.filter(slug="ruse-municipality")
    assert {p.locale.language_code: p.membership_role for p in pages} == {
        "bg": "lead_partner",
        "ro": "lead_partner",
        "en": "lead_partner",
    }
    assert len({p.last_reviewed for p in pages}) == 1


# --- the facet and the filter ---------------------------------------------------


def _counts(response):
    facet = next(f for f in response.context["facets"] if f.name == "membership")
    return {value.value: value.count for value in facet.values}


def _directory_url():
    return bg_directory().url


def test_membership_facet_counts_current_members_per_role(client, demo_site):
    before = _counts(client.get(_directory_url()))
    assert before["lead_partner"] == 2 and before["observer"] == 1  # demo content
    member(membership_role="observer")
    member(membership_role="observer", member_until=today())
    member(membership_role="observer", member_until=yesterday())  # ended: not counted
    make_institution(bg_directory())  # not a member
    after = _counts(client.get(_directory_url()))
    assert after["observer"] == before["observer"] + 2
    assert {k: v for k, v in after.items() if k != "observer"} == {
        k: v for k, v in before.items() if k != "observer"
    }
    # Counts follow the other filters: the Romanian observers are none of the new ones.
    ro_counts = _counts(client.get(_directory_url(), {"country": "RO"}))
    assert ro_counts["observer"] == 0


def test_membership_filter_on_the_html_listing(client, demo_site):
    response = client.get(_directory_url(), {"membership": "lead_partner"})
    assert response.status_code == 200
    titles = {page.slug for page in response.context["page_obj"].object_list}
    assert titles == {"ruse-municipality", "giurgiu-municipality"}
    facet = next(f for f in response.context["facets"] if f.name == "membership")
    assert facet.selected.value == "lead_partner"
    assert 'value="lead_partner" selected' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("bg", "Членство в мрежата: непозната стойност „chair“"),
        ("ro", "Calitatea de membru al rețelei: valoare necunoscută „chair”"),
        ("en", "Network membership: unknown value “chair”"),
    ],
)
def test_a_bad_membership_value_is_a_localized_400(client, demo_site, language, message):
    index = bg_directory().get_translations(inclusive=True).get(locale__language_code=language)
    response = client.get(index.url, {"membership": "chair"})
    assert response.status_code == 400
    assert message in response.content.decode()


def _ids(response):
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_membership_filter_in_the_api(client, demo_site, version):
    ended = member(membership_role="lead_partner", member_until=yesterday())
    query = {"type": "directory.InstitutionPage", "locale": "bg", "membership": "lead_partner", "limit": 100}
    ids = _ids(client.get(f"/api/{version}/pages/", query))
    expected = set(
        InstitutionPage.objects.filter(
            locale__language_code="bg", slug__in=["ruse-municipality", "giurgiu-municipality"]
        ).values_list("pk", flat=True)
    )
    assert ids == expected
    assert ended.pk not in ids
    everyone = _ids(client.get(f"/api/{version}/pages/", {**query, "membership": "member"}))
    assert everyone and everyone.isdisjoint(expected)


@pytest.mark.parametrize(
    ("language", "message"),
    [
        (
            "bg",
            "membership трябва да е една от стойностите member, partner, lead_partner, observer; получено: 'chair'",
        ),
        (
            "ro",
            "membership trebuie să fie una dintre valorile member, partner, lead_partner, observer; s-a primit: 'chair'",
        ),
        ("en", "membership must be one of member, partner, lead_partner, observer; got 'chair'"),
    ],
)
def test_a_bad_membership_value_in_the_api_is_a_localized_400(client, demo_site, language, message):
    query = {"type": "directory.InstitutionPage", "membership": "chair"}
    v2 = client.get("/api/v2/pages/", query, HTTP_ACCEPT_LANGUAGE=language)
    assert v2.status_code == 400
    assert v2.json()["message"] == message
    v3 = client.get("/api/v3/pages/", query, HTTP_ACCEPT_LANGUAGE=language)
    assert v3.status_code == 400
    assert v3.json()["detail"] == message


def test_the_api_describes_the_membership_parameter(client, demo_site):
    schema = client.get("/api/v3/openapi.json").json()
    text = str(schema)
    assert "lead_partner" in text and "membership" in text
