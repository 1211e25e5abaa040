"""The journeys' English detector finds what it must, and only that."""

import pytest

from tests.browser.admin import untranslated_on_screen
from tests.catalogues import untranslated_matchers

pytestmark = [pytest.mark.browser]


def test_english_source_strings_are_found_on_screen_only_when_visible_and_untranslated(page):
    plain, regex = untranslated_matchers("en")  # English "translates" nothing: every source string counts
    assert "save draft" in plain and regex.fullmatch("8 months ago")
    page.set_content(
        "<main><button>Save draft</button><p>Updated <span>8 months ago</span></p>"
        "<p hidden>More actions</p><p style='display:none'>Promote</p>"
        "<p>Запазване на чернова</p><input placeholder='Search'></main>"
    )
    shown = ["8 months ago", "Save draft", "Search", "Updated", "Updated 8 months ago"]
    assert untranslated_on_screen(page, "en") == shown
    assert untranslated_on_screen(page, "en", ignore=["Search"]) == [
        text for text in shown if text != "Search"
    ]


def test_a_translated_string_is_not_english_on_screen(page):
    plain, _ = untranslated_matchers("ro")
    assert "save draft" not in plain  # Wagtail's Romanian catalogue translates it
    page.set_content("<main><p>Save draft</p></main>")
    assert untranslated_on_screen(page, "ro") == []
