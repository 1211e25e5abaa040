"""The network page shows every `network_figures` hook entry, live and from
public content only: the directory's members per country and per type."""

import datetime
import re

import pytest
from wagtail import hooks
from wagtail.models import Locale, PageViewRestriction

from home.models import StandardPage
from tests.directory.factories import bg_directory, make_institution

pytestmark = pytest.mark.django_db


def network_page(language):
    return StandardPage.objects.get(slug="network", locale__language_code=language)


def figure(html, key):
    match = re.search(rf'<div class="network-figure" data-figure="{key}">(.*?)</div>', html, re.S)
    assert match, key
    block = match.group(1)
    value = int(re.search(r"<span data-value>(\d+)</span>", block).group(1))
    rows = {label: int(n) for label, n in re.findall(r'<th scope="row">([^<]+)</th><td>(\d+)</td>', block)}
    return value, rows


@pytest.mark.parametrize(
    ("language", "bulgaria", "romania"),
    [("bg", "България", "Румъния"), ("ro", "Bulgaria", "România"), ("en", "Bulgaria", "Romania")],
)
def test_members_per_country_and_type_are_counted_from_public_content(
    client, demo_site, language, bulgaria, romania
):
    from directory.models import InstitutionPage

    response = client.get(network_page(language).url)
    assert response.status_code == 200
    html = response.content.decode()
    total, countries = figure(html, "members_by_country")
    members = InstitutionPage.objects.filter(locale__language_code=language, live=True).exclude(
        membership_role=""
    )
    assert total == members.count() > 0
    assert countries == {
        bulgaria: members.filter(country="BG").count(),
        romania: members.filter(country="RO").count(),
    }
    type_total, types = figure(html, "members_by_type")
    assert type_total == total == sum(types.values())
    assert '<th scope="col">' in html


def test_figures_are_live_and_ignore_hidden_and_ended_members(client, demo_site):
    index = bg_directory()
    url = network_page("bg").url
    before, _rows = figure(client.get(url).content.decode(), "members_by_country")
    make_institution(index, membership_role="member")
    after, _rows = figure(client.get(url).content.decode(), "members_by_country")
    assert after == before + 1
    hidden = make_institution(index, membership_role="member")
    PageViewRestriction.objects.create(page=hidden, restriction_type="password", password="secret-pass")
    make_institution(index, membership_role="member", member_until=datetime.date(2020, 1, 1))
    make_institution(index)  # not a member
    draft = make_institution(index, membership_role="member", revision=False)
    type(draft).objects.filter(pk=draft.pk).update(live=False)
    assert figure(client.get(url).content.decode(), "members_by_country")[0] == after


def test_every_hook_entry_is_rendered_on_the_network_page_only(client, demo_site):
    def agreements(locale):
        assert isinstance(locale, Locale)
        return [
            {
                "key": "agreements",
                "label": f"Agreements ({locale.language_code})",
                "value": 7,
                "breakdown": [],
            }
        ]

    with hooks.register_temporarily("network_figures", agreements):
        html = client.get(network_page("ro").url).content.decode()
        assert figure(html, "agreements") == (7, {})
        assert "Agreements (ro)" in html
        about = StandardPage.objects.get(slug="about", locale__language_code="ro")
        assert "network-figure" not in client.get(about.url).content.decode()
