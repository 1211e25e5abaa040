"""The directory's fixed vocabularies in bg, ro and en: the 15 NUTS-3 regions
of the programme area, institution types and service categories.

Used by the seeding migration (with historical models) and by the demo loader
(which restores them on a flushed database). Each language version of a row
shares one translation_key, which is how TranslatableMixin links translations."""

import uuid

from cms.regions import NUTS3_REGIONS

# (nuts_code, country, bg, ro, en)
REGIONS = list(NUTS3_REGIONS)

# (code, bg, ro, en)
INSTITUTION_TYPES = [
    (
        "district-administration",
        "Областна администрация",
        "Administrație regională (oblast)",
        "District administration",
    ),
    ("county-council", "Окръжен съвет", "Consiliu județean", "County council"),
    ("prefecture", "Префектура", "Prefectură", "Prefecture"),
    ("municipality", "Община", "Primărie", "Municipality"),
    ("ngo", "Неправителствена организация", "Organizație neguvernamentală", "NGO"),
    ("business", "Фирма", "Firmă", "Business"),
    (
        "business-support",
        "Организация за подкрепа на бизнеса",
        "Organizație de sprijin pentru afaceri",
        "Business support organisation",
    ),
    ("education-research", "Образование и наука", "Educație și cercetare", "Education and research"),
    ("other-public-body", "Друг публичен орган", "Alt organism public", "Other public body"),
]

SERVICE_CATEGORIES = [
    ("civil-status", "Гражданско състояние", "Stare civilă", "Civil status"),
    ("local-taxes", "Местни данъци и такси", "Taxe și impozite locale", "Local taxes and fees"),
    ("construction-permits", "Строителни разрешения", "Autorizații de construire", "Construction permits"),
    ("business-registration", "Регистрация на бизнес", "Înregistrarea afacerilor", "Business registration"),
    ("social-support", "Социално подпомагане", "Asistență socială", "Social support"),
    ("education", "Образование", "Educație", "Education"),
    ("transport", "Транспорт", "Transport", "Transport"),
    ("environment", "Околна среда", "Mediu", "Environment"),
    ("tourism", "Туризъм", "Turism", "Tourism"),
    ("cross-border-work", "Работа през границата", "Muncă transfrontalieră", "Cross-border work"),
]

LANGUAGES = ("bg", "ro", "en")


def ensure_vocabularies(Locale, Region, InstitutionType, ServiceCategory):  # noqa: N803 -- model classes
    """Create whatever rows are missing; returns how many were created."""
    expected = len(LANGUAGES)
    if (
        Region.objects.count() >= expected * len(REGIONS)
        and InstitutionType.objects.count() >= expected * len(INSTITUTION_TYPES)
        and ServiceCategory.objects.count() >= expected * len(SERVICE_CATEGORIES)
    ):
        return 0
    created = 0
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in LANGUAGES}

    for nuts_code, country, *names in REGIONS:
        key = uuid.uuid4()
        for code, name in zip(LANGUAGES, names, strict=True):
            existing = Region.objects.filter(nuts_code=nuts_code).first()
            _row, new = Region.objects.get_or_create(
                nuts_code=nuts_code,
                locale=locales[code],
                defaults={
                    "country": country,
                    "name": name,
                    "translation_key": existing.translation_key if existing else key,
                },
            )
            created += new
    for model, rows in ((InstitutionType, INSTITUTION_TYPES), (ServiceCategory, SERVICE_CATEGORIES)):
        for slug, *names in rows:
            key = uuid.uuid4()
            for code, name in zip(LANGUAGES, names, strict=True):
                existing = model.objects.filter(code=slug).first()
                _row, new = model.objects.get_or_create(
                    code=slug,
                    locale=locales[code],
                    defaults={"name": name, "translation_key": existing.translation_key if existing else key},
                )
                created += new
    return created
