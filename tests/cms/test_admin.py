"""The Wagtail admin logs in and its dashboard renders for each editorial role."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from cms.roles import EDITORS, translators_group_name
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_login_with_password(client, demo_site, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1")
    assert client.get("/admin/login/").status_code == 200
    response = client.post("/admin/login/", {"username": "chief", "password": "a-long-password-1"})
    assert response.status_code == 302
    dashboard = client.get(reverse("wagtailadmin_home"))
    assert dashboard.status_code == 200
    assert 'id="translation-panel"' in dashboard.content.decode()


def test_wrong_password_is_refused(client, demo_site, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.org", "a-long-password-1")
    response = client.post("/admin/login/", {"username": "chief", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("group", [EDITORS, translators_group_name("ro")])
def test_group_members_reach_the_dashboard(client, demo_site, group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    assert client.get(reverse("wagtailadmin_home")).status_code == 200


def test_visitors_without_admin_access_are_sent_to_login(client, demo_site):
    client.force_login(UserFactory())
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
