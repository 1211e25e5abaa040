"""The programme area's 15 NUTS-3 regions (DESIGN.md), with their names in
each site language.

News keeps region codes in a field of its own rather than a link to the
directory's Region snippet, so the news app stands alone; the codes are the
stable key both share."""

from django.utils import translation

from cms.regions import NUTS3_REGIONS

# code: {language: name}
REGIONS = {code: {"en": en, "bg": bg, "ro": ro} for code, _country, bg, ro, en in NUTS3_REGIONS}

REGION_CODES = tuple(REGIONS)


def region_name(code, language_code=None):
    """The region's name in `language_code` (default: the active language)."""
    names = REGIONS.get(code)
    if names is None:
        return code
    language = (language_code or translation.get_language() or "en").split("-")[0]
    return names.get(language, names["en"])


def region_choices(language_code=None):
    """(code, name) pairs in the active language, in the table's order."""
    return [(code, region_name(code, language_code)) for code in REGION_CODES]


def regions_for(codes, language_code=None):
    """[{"code", "name"}] for the known codes among `codes`, in the table's order."""
    wanted = set(codes or ())
    return [
        {"code": code, "name": region_name(code, language_code)} for code in REGION_CODES if code in wanted
    ]
