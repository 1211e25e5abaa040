"""The programme area's 15 NUTS-3 regions (DESIGN.md), with their names in
each site language.

News keeps region codes in a field of its own rather than a link to the
directory's Region snippet, so the news app stands alone; the codes are the
stable key both share."""

from django.utils import translation

# code: {language: name}
REGIONS = {
    "BG311": {"en": "Vidin", "bg": "Видин", "ro": "Vidin"},
    "BG312": {"en": "Montana", "bg": "Монтана", "ro": "Montana"},
    "BG313": {"en": "Vratsa", "bg": "Враца", "ro": "Vrața"},
    "BG314": {"en": "Pleven", "bg": "Плевен", "ro": "Pleven"},
    "BG321": {"en": "Veliko Tarnovo", "bg": "Велико Търново", "ro": "Veliko Tărnovo"},
    "BG323": {"en": "Ruse", "bg": "Русе", "ro": "Ruse"},
    "BG325": {"en": "Silistra", "bg": "Силистра", "ro": "Silistra"},
    "BG332": {"en": "Dobrich", "bg": "Добрич", "ro": "Dobrici"},
    "RO223": {"en": "Constanța", "bg": "Констанца", "ro": "Constanța"},
    "RO312": {"en": "Călărași", "bg": "Кълъраш", "ro": "Călărași"},
    "RO314": {"en": "Giurgiu", "bg": "Гюргево", "ro": "Giurgiu"},
    "RO317": {"en": "Teleorman", "bg": "Телеорман", "ro": "Teleorman"},
    "RO411": {"en": "Dolj", "bg": "Долж", "ro": "Dolj"},
    "RO413": {"en": "Mehedinți", "bg": "Мехединци", "ro": "Mehedinți"},
    "RO414": {"en": "Olt", "bg": "Олт", "ro": "Olt"},
}

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
