"""Inviting an institution's person: staff invite from the institution's page,
the e-mail in the invitee's language, the link (72 h, once, only its hash
stored), the account it creates, the refusals, and the editors list's Remove."""

import datetime
import re
import socket

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from cms.roles import DIRECTORY_MANAGERS, EDITORS, MODERATORS
from directory.invitations import VALID_FOR, hash_token, invite
from directory.models import InstitutionPage, Invitation
from directory.network import add_editor, institution_access
from tests.directory.factories import bg_directory, make_institution
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "Дунавски-мост-2026"


def member(*groups, language="bg", **kwargs):
    user = UserFactory(**kwargs)
    user.groups.set(Group.objects.filter(name__in=groups))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def editors_url(page):
    return reverse("directory_editors", args=[page.pk])


def link_in(message):
    return re.search(r"https?://\S+/invitation/(\S+)/", message.body)


@pytest.fixture
def institution(demo_site):
    return make_institution(bg_directory(), title="Община Тест")


@pytest.mark.parametrize(
    "groups,superuser,status",
    [
        ((MODERATORS,), False, 200),
        ((DIRECTORY_MANAGERS,), False, 200),
        ((), True, 200),
        ((EDITORS,), False, 403),
    ],
)
def test_only_network_staff_reach_the_editors_screen(client, institution, groups, superuser, status):
    client.force_login(member(*groups, is_superuser=superuser))
    response = client.get(editors_url(institution))
    assert response.status_code == status
    response = client.post(editors_url(institution), {"email": "x@example.org", "language": "bg"})
    assert response.status_code == (302 if status == 200 else 403)
    assert Invitation.objects.count() == (1 if status == 200 else 0)


def test_an_institution_editor_cannot_invite_or_remove(client, institution):
    editor = UserFactory()
    add_editor(editor, institution)
    other = UserFactory()
    add_editor(other, institution)
    client.force_login(editor)
    assert client.get(editors_url(institution)).status_code == 403
    url = reverse("directory_editors_remove", args=[institution.pk, other.pk])
    assert client.post(url).status_code == 403
    assert list(institution.editors().order_by("pk")) == [editor, other]


def test_staff_invite_in_the_invitees_language_and_only_a_hash_is_stored(client, institution):
    staff = member(MODERATORS, language="bg")
    client.force_login(staff)
    ro_page = institution.get_translation(Locale.objects.get(language_code="ro"))  # any locale's page
    response = client.post(editors_url(ro_page), {"email": "ana@example.ro", "language": "ro"}, follow=True)
    assert response.status_code == 200
    with translation.override("bg"):
        assert (
            translation.gettext("An invitation has been sent to %(email)s.") % {"email": "ana@example.ro"}
            in response.content.decode()
        )
    invitation = Invitation.objects.get()
    assert invitation.institution.pk == institution.pk  # the source page, whichever locale it came from
    assert invitation.language == "ro" and invitation.invited_by == staff
    assert abs(invitation.expires_at - timezone.now() - VALID_FOR) < datetime.timedelta(minutes=1)

    [message] = mail.outbox
    assert message.to == ["ana@example.ro"]
    assert message.subject == f"Invitație pentru a edita {ro_page.title} pe E-GoverNet"
    assert "72 de ore" in message.body
    match = link_in(message)
    assert match and "/ro/invitation/" in match.group(0)
    token = match.group(1)
    assert invitation.token_hash == hash_token(token)
    assert token not in str(list(Invitation.objects.values().get().values()))  # only its digest
    # the page lists the pending invitation
    assert "ana@example.ro" in client.get(editors_url(institution)).content.decode()


@pytest.mark.parametrize(
    "email,message",
    [
        ("not-an-address", "Въведете валиден имейл адрес."),
        ("", "Това поле е задължително."),
        ("taken@example.org", "Вече има профил с този имейл адрес."),
    ],
)
def test_a_bad_invitation_is_refused_in_the_staff_language_and_nothing_is_sent(
    client, institution, email, message
):
    UserFactory(username="taken", email="taken@example.org")
    client.force_login(member(MODERATORS, language="bg"))
    response = client.post(editors_url(institution), {"email": email, "language": "ro"})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Invitation.objects.count() == 0 and mail.outbox == []


def test_an_invitation_whose_mail_cannot_be_sent_is_not_saved(client, institution, settings):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    settings.EMAIL_TIMEOUT = 5
    client.force_login(member(MODERATORS, language="bg"))
    response = client.post(editors_url(institution), {"email": "ana@example.ro", "language": "ro"})
    assert response.status_code == 503
    assert "Имейлът не можа да бъде изпратен, затова нищо не е запазено." in response.content.decode()
    assert not Invitation.objects.exists()


def test_a_second_invitation_to_a_pending_address_is_refused_until_withdrawn(client, institution):
    staff = member(MODERATORS)
    client.force_login(staff)
    invitation, _token = invite("ana@example.ro", institution, "ro", staff)
    response = client.post(editors_url(institution), {"email": "ANA@example.ro", "language": "ro"})
    assert response.status_code == 400
    assert "чакаща покана" in response.content.decode()
    withdraw = reverse("directory_editors_withdraw", args=[institution.pk, invitation.pk])
    assert client.get(withdraw).status_code == 405
    assert client.post(withdraw).status_code == 302
    assert not Invitation.objects.exists()
    assert (
        client.post(editors_url(institution), {"email": "ana@example.ro", "language": "ro"}).status_code
        == 302
    )


def accept_url(token, language="ro"):
    with translation.override(language):
        return reverse("directory_invitation", args=[token])


def form(**changes):
    data = {"first_name": "Ana", "last_name": "Ionescu", "password1": PASSWORD, "password2": PASSWORD}
    data.update(changes)
    return data


def test_accepting_creates_an_editor_with_the_invitations_language(client, institution):
    invitation, token = invite("Ana@example.ro", institution, "ro", member(MODERATORS))
    page = client.get(accept_url(token))
    assert page.status_code == 200
    assert page["Cache-Control"].startswith("max-age=0") or "no-cache" in page["Cache-Control"]
    html = page.content.decode()
    assert "Creați-vă contul" in html and "Ana@example.ro" in html

    response = client.post(accept_url(token), form())
    assert response.status_code == 302
    assert response["Location"] == reverse("directory_invitation_done") or response["Location"].endswith(
        "/ro/invitation/done/"
    )
    user = get_user_model().objects.get(email="Ana@example.ro")
    assert user.username == "ana@example.ro" and user.check_password(PASSWORD)
    assert (user.first_name, user.last_name) == ("Ana", "Ionescu")
    assert UserProfile.get_for_user(user).preferred_language == "ro"
    assert list(InstitutionPage.edited_by(user)) == [institution]
    assert user.groups.get() == institution_access(institution).group
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None and invitation.user == user


def test_a_used_link_is_refused(client, institution):
    _invitation, token = invite("ana@example.ro", institution, "ro", member(MODERATORS))
    assert client.post(accept_url(token), form()).status_code == 302
    for response in (client.get(accept_url(token)), client.post(accept_url(token), form(first_name="Eve"))):
        assert response.status_code == 410
        assert "Această invitație a fost deja folosită" in response.content.decode()
    assert get_user_model().objects.filter(email="ana@example.ro").count() == 1
    assert not get_user_model().objects.filter(first_name="Eve").exists()


def test_an_expired_link_is_refused_in_the_links_language(client, institution):
    invitation, token = invite("ana@example.ro", institution, "ro", member(MODERATORS))
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    response = client.post(accept_url(token, "bg"), form())
    assert response.status_code == 410
    assert "Тази покана е изтекла" in response.content.decode()
    assert not get_user_model().objects.filter(email="ana@example.ro").exists()


@pytest.mark.parametrize("token", ["nonsense", "x" * 43, "%20"])
def test_an_unknown_link_is_404_with_a_message(client, demo_site, token):
    response = client.get(accept_url(token, "en"))
    assert response.status_code == 404
    assert "This invitation link is not valid" in response.content.decode()


@pytest.mark.parametrize(
    "changes,field_message",
    [
        ({"password2": "something-else-2026"}, "Двете пароли не са еднакви."),
        ({"password1": "short", "password2": "short"}, "Паролата е прекалено къса"),
        ({"first_name": ""}, "Това поле е задължително."),
    ],
)
def test_a_bad_form_is_400_and_creates_nothing(client, institution, changes, field_message):
    invitation, token = invite("ana@example.ro", institution, "bg", member(MODERATORS))
    response = client.post(accept_url(token, "bg"), form(**changes))
    assert response.status_code == 400
    assert field_message in response.content.decode()
    assert not get_user_model().objects.filter(email="ana@example.ro").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None  # still usable


def test_an_account_made_meanwhile_with_the_address_is_a_409_and_nothing_changes(client, institution):
    _invitation, token = invite("ana@example.ro", institution, "ro", member(MODERATORS))
    UserFactory(username="ana", email="ana@example.ro")
    response = client.post(accept_url(token), form())
    assert response.status_code == 409
    assert get_user_model().objects.filter(email="ana@example.ro").count() == 1
    assert not Invitation.objects.get().accepted_at


def test_remove_revokes_at_once(client, institution):
    editor = UserFactory()
    add_editor(editor, institution)
    editor_client = type(client)()
    editor_client.force_login(editor)
    edit = reverse("wagtailadmin_pages:edit", args=[institution.pk])
    assert editor_client.get(edit).status_code == 200

    client.force_login(member(MODERATORS))
    listing = client.get(editors_url(institution)).content.decode()
    assert editor.email in listing
    response = client.post(reverse("directory_editors_remove", args=[institution.pk, editor.pk]), follow=True)
    assert response.status_code == 200
    assert editor.email not in response.content.decode().split('id="invite-heading"')[0].split("messages")[-1]
    assert list(institution.editors()) == []
    # their very next request: no admin at all (their only group is gone)
    response = editor_client.get(edit)
    assert response.status_code == 302 and response["Location"].startswith(reverse("wagtailadmin_login"))
    # removing someone who is not an editor is a 404
    assert (
        client.post(reverse("directory_editors_remove", args=[institution.pk, editor.pk])).status_code == 404
    )


def test_the_editors_screen_costs_a_bounded_number_of_queries(
    client, institution, django_assert_max_num_queries
):
    staff = member(MODERATORS)
    client.force_login(staff)
    for number in range(5):
        add_editor(UserFactory(), institution)
        invite(f"p{number}@example.org", institution, "bg", staff)
    with django_assert_max_num_queries(40):
        response = client.get(editors_url(institution))
    assert response.status_code == 200
    assert response.content.decode().count("directory_editors_remove") == 0  # urls, not names
    assert response.content.decode().count("/remove/") == 5


def test_the_institution_pages_header_offers_editors_to_staff_only(client, institution):
    edit = reverse("wagtailadmin_pages:edit", args=[institution.pk])
    client.force_login(member(MODERATORS))
    assert editors_url(institution) in client.get(edit).content.decode()
    editor = UserFactory()
    add_editor(editor, institution)
    client.force_login(editor)
    assert editors_url(institution) not in client.get(edit).content.decode()


def test_the_group_name_shows_in_the_viewers_language(client, institution):
    group = Group.objects.get(pk=institution_access(institution).group.pk)
    assert group.name == "Institution editors: Община Тест"  # stored in English
    with translation.override("ro"):
        assert str(group) == "Editori ai instituției: Община Тест"
    with translation.override("bg"):
        assert f"{group.name}" == "Редактори на институцията: Община Тест"
    assert Group.objects.filter(name="Institution editors: Община Тест").exists()
    # Wagtail's groups screen, for a Romanian superuser
    client.force_login(member(is_superuser=True, language="ro"))
    listing = client.get(reverse("wagtailusers_groups:index"), {"q": "Община Тест"}).content.decode()
    assert "Editori ai instituției: Община Тест" in listing
    assert "Institution editors: Община Тест" not in listing
    # saved back unchanged from the group form (which shows the translation), it keeps the stored name
    with translation.override("ro"):
        group.name = str(group)
    assert group.name == "Editori ai instituției: Община Тест"
    group.save()
    assert Group.objects.filter(pk=group.pk, name="Institution editors: Община Тест").exists()


def test_the_demo_has_two_institution_editors(demo_site):
    editors = get_user_model().objects.filter(groups__institution_access__isnull=False).distinct()
    assert editors.count() == 2
    for user in editors:
        assert not user.has_usable_password()
        assert InstitutionPage.edited_by(user).count() == 1
