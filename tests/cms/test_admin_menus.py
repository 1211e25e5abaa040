"""Every admin menu entry a staff member sees opens for them: the main menu
with its submenus (Reports, Help, Settings, …), read server-side from the
same `admin_menu` the sidebar is rendered from."""

import pytest
from django.contrib.auth.models import Group
from django.test import RequestFactory
from wagtail.admin.menu import SubmenuMenuItem, admin_menu

from cms.roles import EDITORS, LANGUAGES, MODERATORS, translators_group_name
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

STAFF_GROUPS = [EDITORS, MODERATORS, *(translators_group_name(code) for code in LANGUAGES)]


def menu_links(user):
    """(path of labels, url) of every link in the user's main menu, submenus included."""
    request = RequestFactory().get("/admin/")
    request.user = user

    def walk(menu, trail):
        for item in menu.menu_items_for_request(request):
            label = (*trail, str(item.label))
            if isinstance(item, SubmenuMenuItem):
                yield from walk(item.menu, label)
            else:
                yield " › ".join(label), item.url

    return list(walk(admin_menu, ()))


# Where Wagtail sends someone who may not open a view: the login page, or the
# dashboard with a "you do not have permission" message.
DEAD_ENDS = {"/admin/login/", "/admin/"}


def opens(client, url):
    """Follow redirects inside the admin (the page explorer goes to the user's
    own tree); return the final status and path."""
    for _ in range(5):
        response = client.get(url)
        if response.status_code not in (301, 302):
            return response.status_code, url
        url = response["Location"].split("?")[0]
    return response.status_code, url


def staff_member(group):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.mark.parametrize("group", STAFF_GROUPS)
def test_every_menu_entry_opens_for_the_user(client, demo_site, group):
    user = staff_member(group)
    client.force_login(user)
    links = menu_links(user)
    assert any(url.rstrip("/").endswith("/admin/pages") for _, url in links), links
    failures = []
    for label, url in links:
        if not url.startswith("/"):  # Wagtail's own help links (guide.wagtail.org) and dialog triggers ("#")
            continue
        status, where = opens(client, url)
        if status != 200 or where != url and where in DEAD_ENDS:
            failures.append(f"{label} → {url}: {status} at {where}")
    assert not failures, f"{group} sees menu entries they cannot open:\n" + "\n".join(failures)


def test_the_menu_read_here_is_what_the_sidebar_shows(client, demo_site):
    """The sidebar's JSON props in the page list the same links."""
    user = staff_member(EDITORS)
    client.force_login(user)
    html = client.get("/admin/").content.decode()
    for _, url in menu_links(user):
        assert f'"url": "{url}"' in html or f"&quot;url&quot;: &quot;{url}&quot;" in html, url
