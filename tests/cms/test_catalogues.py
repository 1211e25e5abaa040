"""Every string the admin can show has a Bulgarian and a Romanian translation.

The source strings come from the `en` catalogues Wagtail, wagtail-localize and
wagtail-modeladmin ship (and from ours), so a string upstream adds in a later
release fails here until locale_upstream/ translates it."""

import json
import re

import pytest
from django.conf import settings
from django.utils import translation
from wagtail.users.models import UserProfile

from tests import catalogues

LANGUAGES = ("bg", "ro")


def _describe(messages):
    return "\n".join(f"{m.domain} {m.msgctxt or ''} {m.msgid!r} ({m.origin})" for m in messages[:40])


def test_the_sources_are_read_from_the_catalogues():
    messages = catalogues.source_messages()
    origins = {m.origin for m in messages}
    assert any("/wagtail/admin/locale/en/" in o for o in origins)
    assert any("/wagtail_localize/locale/en/LC_MESSAGES/djangojs.po" in o for o in origins)
    assert any("/wagtail_modeladmin/locale/en/" in o for o in origins)
    assert any(o.startswith(str(settings.LOCALE_PATHS[0])) for o in origins)  # ours
    # contexts and plurals are there too
    assert any(m.msgctxt for m in messages) and any(m.msgid_plural for m in messages)
    assert len(messages) > 2000


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_source_string_is_translated(language):
    missing = catalogues.untranslated(language)
    assert not missing, f"{len(missing)} untranslated into {language}:\n{_describe(missing)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_keep_placeholders_tags_and_surrounding_spaces(language):
    problems = catalogues.placeholder_mismatches(language)
    assert not problems, "\n".join(f"{m.msgid!r} -> {form!r}" for m, form in problems[:40])


@pytest.mark.parametrize(
    ("language", "msgid", "expected"),
    [
        # the login form's field (Wagtail's admin catalogue has no bg entry for it)
        ("bg", "Password", "Парола"),
        # a supplement of a catalogue the installed app lacks entirely (wagtail-localize's locales app)
        (
            "ro",
            "Wagtail locales (Wagtail Localize version)",
            "Localizări Wagtail (versiunea Wagtail Localize)",
        ),
        # an upstream translation that dropped the trailing space the template relies on
        ("ro", "Status: ", "Stare: "),
    ],
)
def test_the_supplements_take_precedence(language, msgid, expected):
    with translation.override(language):
        assert translation.gettext(msgid) == expected


def served_key(message):
    return f"{message.msgctxt}\x04{message.msgid}" if message.msgctxt else message.msgid


def _js_catalog(response):
    text = response.content.decode()
    match = re.search(r"const newcatalog = (\{.*?\});\n", text, re.S)
    assert match, text[:500]
    return json.loads(match.group(1))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_javascript_catalogues_carry_the_supplements(client, django_user_model, language):
    """/admin/jsi18n/ (Wagtail's, in the user's admin language) and
    wagtail-localize's editor catalogue include locale_upstream/'s djangojs."""
    user = django_user_model.objects.create_superuser("jsi18n", "jsi18n@example.org", "pw-jsi18n-123")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client.force_login(user)
    js = [m for m in catalogues.source_messages() if m.domain == "djangojs"]
    for url, origin in (
        ("/admin/jsi18n/", "/wagtail/admin/"),
        ("/admin/localize/jsi18n/", "/wagtail_localize/"),
    ):
        response = client.get(url)
        assert response.status_code == 200
        served = _js_catalog(response)
        expected = [m for m in js if origin in m.origin]
        assert expected
        missing = [m for m in expected if served_key(m) not in served]
        assert not missing, f"{url} ({language}) lacks:\n{_describe(missing)}"
        for message in expected:
            value = served[served_key(message)]
            forms = value if isinstance(value, list) else [value]
            assert forms == catalogues.translations_of(message, language), (url, message.msgid)


def test_english_in_text_finds_source_strings_rendered_in_the_wrong_language():
    with translation.override("en"):
        english = translation.gettext("Edit your notification preferences here:")
    with translation.override("bg"):
        bulgarian = translation.gettext("Edit your notification preferences here:")
    url = " http://testserver/admin/account/#tab-notifications"
    assert catalogues.english_in_text(english + url, "bg") == ["Edit your notification preferences here:"]
    assert catalogues.english_in_text(bulgarian + url, "bg") == []
    # placeholders match any text; URLs and addresses are not read ("edit", "account")
    sentence = 'The page "Наредба" has been approved. Mail editor@example.org'
    assert catalogues.english_in_text(sentence, "bg") == ['The page "Наредба" has been approved.']
