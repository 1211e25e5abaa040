"""Demo content of the directory app: the directory index page and its
institutions with their e-services in bg, translated to ro and en through
wagtail-localize. Idempotent: a second run creates nothing."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify
from wagtail.models import Locale

from cms.demo import bg_home, ensure_page, ensure_translations
from directory import demo_data as data
from directory.models import (
    DirectoryIndexPage,
    EService,
    InstitutionCounterpart,
    InstitutionPage,
    InstitutionType,
    Region,
    ServiceCategory,
)
from directory.validators import cui_with_check, eik_with_check

INDEX_TEXTS = [
    {"bg": "Указател на институциите", "ro": "Directorul instituțiilor", "en": "Directory of institutions"},
    {
        "bg": "Кой кой е от двете страни на границата: администрации, организации и електронните услуги, "
        "които предлагат.",
        "ro": "Cine este cine de o parte și de alta a graniței: administrații, organizații și serviciile "
        "electronice pe care le oferă.",
        "en": "Who is who on both sides of the border: administrations, organisations and the e-services "
        "they offer.",
    },
]

PHONE_AREAS = {
    "vidin": "94",
    "montana": "96",
    "vratsa": "92",
    "pleven": "64",
    "veliko-tarnovo": "62",
    "ruse": "82",
    "silistra": "86",
    "dobrich": "58",
    "svishtov": "631",
    "nikopol": "6541",
    "oryahovo": "9171",
    "constanta": "241",
    "calarasi": "242",
    "giurgiu": "246",
    "alexandria": "247",
    "craiova": "251",
    "drobeta": "252",
    "slatina": "249",
    "calafat": "251",
    "turnu-magurele": "247",
    "zimnicea": "247",
    "bechet": "251",
}
REVIEWED = datetime.date(2026, 10, 1)
# More than 12 months before the demo's date: listed in the review report, reminded monthly.
OVERDUE_REVIEW = datetime.date(2025, 6, 30)
OVERDUE_SLUGS = ("vidin-municipality", "eastern-danube-bureau")
# Network roles (every other demo institution is a plain member).
ROLES = {
    "ruse-municipality": "lead_partner",
    "giurgiu-municipality": "lead_partner",
    "bsc-sme-ruse": "partner",
    "eastern-danube-bureau": "partner",
    "ruse-chamber-of-commerce": "observer",
}


@dataclass
class InstitutionSpec:
    slug: str
    type_code: str
    city: str
    names: dict
    descriptions: dict
    short_names: dict = field(default_factory=dict)
    services: list = field(default_factory=list)
    member_since: datetime.date = datetime.date(2018, 6, 1)
    languages: tuple = ()


def _city(key):
    region, country, bg, ro, en, postcode, lat, lon = data.CITIES[key]
    return {
        "region": region,
        "country": country,
        "bg": bg,
        "ro": ro,
        "en": en,
        "postcode": postcode,
        "lat": Decimal(lat),
        "lon": Decimal(lon),
    }


def institution_specs():
    specs = []
    for key in data.DISTRICTS:
        c = _city(key)
        specs.append(
            InstitutionSpec(
                slug=f"{key}-district-administration",
                type_code="district-administration",
                city=key,
                names={
                    "bg": f"Областна администрация {c['bg']}",
                    "ro": f"Administrația Regională {c['ro']}",
                    "en": f"{c['en']} District Administration",
                },
                descriptions={
                    "bg": f"Областната администрация провежда държавната политика в област {c['bg']} и "
                    "координира общините в нея.",
                    "ro": f"Administrația regională aplică politica statului în regiunea {c['ro']} și coordonează "
                    "municipalitățile din ea.",
                    "en": f"The district administration carries out state policy in {c['en']} District and "
                    "coordinates its municipalities.",
                },
                services=data.REGIONAL_SERVICES,
            )
        )
    for seat, county_bg, county_ro, county_en in data.COUNTIES:
        specs.append(
            InstitutionSpec(
                slug=f"{slugify(county_en)}-county-council",
                type_code="county-council",
                city=seat,
                names={
                    "bg": f"Окръжен съвет {county_bg}",
                    "ro": f"Consiliul Județean {county_ro}",
                    "en": f"{county_en} County Council",
                },
                descriptions={
                    "bg": f"Окръжният съвет управлява окръг {county_bg}: окръжни пътища, болници и проекти "
                    "за развитие.",
                    "ro": f"Consiliul Județean administrează județul {county_ro}: drumuri județene, spitale și "
                    "proiecte de dezvoltare.",
                    "en": f"The county council runs {county_en} County: county roads, hospitals and development "
                    "projects.",
                },
                services=data.REGIONAL_SERVICES,
            )
        )
    for number, key in enumerate(data.MUNICIPALITIES):
        c = _city(key)
        if c["country"] == "BG":
            ro_name = f"Municipalitatea {c['ro']}"
            en_name = f"{c['en']} Municipality"
        elif key in data.RO_TOWNS:
            ro_name = f"Primăria Orașului {c['ro']}"
            en_name = f"{c['en']} Town Hall"
        else:
            ro_name = f"Primăria Municipiului {c['ro']}"
            en_name = f"{c['en']} Municipality"
        specs.append(
            InstitutionSpec(
                slug=f"{key}-municipality",
                type_code="municipality",
                city=key,
                names={"bg": f"Община {c['bg']}", "ro": ro_name, "en": en_name},
                descriptions={
                    "bg": f"Общинската администрация в {c['bg']} обслужва жителите и фирмите в общината.",
                    "ro": f"Administrația locală din {c['ro']} deservește locuitorii și firmele din localitate.",
                    "en": f"The local administration of {c['en']} serves the residents and businesses of the "
                    "municipality.",
                },
                services=[*data.MUNICIPAL_SERVICES, data.MUNICIPAL_EXTRA[number % len(data.MUNICIPAL_EXTRA)]],
                member_since=datetime.date(2017, 10, 1)
                if key in ("ruse", "giurgiu")
                else datetime.date(2018, 6, 1),
            )
        )
    for slug, type_code, city, names, short_names, descriptions in data.ORGANISATIONS:
        specs.append(
            InstitutionSpec(
                slug=slug,
                type_code=type_code,
                city=city,
                names=names,
                short_names=short_names,
                descriptions=descriptions,
                services=data.ORGANISATION_SERVICES,
                member_since=datetime.date(2017, 4, 20),
                languages=("bg", "ro", "en"),
            )
        )
    return specs


def _registry_id(country, number):
    return eik_with_check(f"0009{number:04d}") if country == "BG" else cui_with_check(str(5000000 + number))


def _service(key, country, slug, locale, category, reviewed=REVIEWED):
    category_code, channel, auth, amount, days, output, cross_border, names, descriptions = data.SERVICES[key]
    if amount is None:
        cost = {"is_free": True}
    elif country == "BG":
        cost = {"is_free": False, "cost_amount": Decimal(amount), "cost_currency": "EUR"}
    else:
        cost = {"is_free": False, "cost_amount": Decimal(amount) * 5, "cost_currency": "RON"}
    return EService(
        locale=locale,
        name=names["bg"],
        description=descriptions["bg"],
        category=category,
        channel=channel,
        online_url=f"https://{slug}.example.org/e-services/{key}" if channel == "online" else "",
        authentication=auth,
        processing_days=days,
        languages=["bg", "en"] if country == "BG" else ["ro", "en"],
        output=output,
        cross_border=cross_border,
        last_reviewed=reviewed,
        **cost,
        **_sdg(key, country),
    )


def _sdg(key, country):
    """The e-service's Single Digital Gateway fields in bg (demo_data.SDG; none for most)."""
    info = data.SDG.get(key)
    if not info:
        return {}
    fields = {name: info[name]["bg"] for name in data.SDG_TEXTS if name in info}
    if "legal_basis" in info:
        fields["legal_basis_title"] = info["legal_basis"][country]["bg"]
        fields["legal_basis_url"] = data._LEX[country]
    if "tacit_approval" in info:
        fields["tacit_approval"] = info["tacit_approval"]
    if "information_updated" in info:
        fields["information_updated"] = datetime.date.fromisoformat(info["information_updated"])
    return fields


def _sdg_triples(key, country):
    """Their translations; a multi-line text is one segment, its lines joined by <br/> (wagtail-localize)."""
    info = data.SDG.get(key, {})
    triples = [
        {**info[name], "bg": info[name]["bg"].replace("\n", "<br/>")}
        for name in data.SDG_TEXTS
        if name in info
    ]
    if "legal_basis" in info:
        triples.append(info["legal_basis"][country])
    return triples


def build_institution(spec, number, locale):
    c = _city(spec.city)
    country = c["country"]
    categories = {cat.code: cat for cat in ServiceCategory.objects.filter(locale=locale)}
    hours = ("08:30", "17:00") if country == "BG" else ("08:00", "16:00")
    reviewed = OVERDUE_REVIEW if spec.slug in OVERDUE_SLUGS else REVIEWED
    return InstitutionPage(
        title=spec.names["bg"],
        slug=spec.slug,
        short_name=spec.short_names.get("bg", ""),
        intro=spec.descriptions["bg"],  # one sentence: the intro; no repeat of it as the description
        organisation_type=InstitutionType.objects.get(locale=locale, code=spec.type_code),
        country=country,
        nuts_region=Region.objects.get(locale=locale, nuts_code=c["region"]),
        registry_id=_registry_id(country, number),
        postcode=c["postcode"],
        locality=c["bg"],
        latitude=c["lat"],
        longitude=c["lon"],
        phone=f"+{359 if country == 'BG' else 40} {PHONE_AREAS[spec.city]} 000 {number:03d}",
        email=f"info@{spec.slug}.example.org",
        website=f"https://{spec.slug}.example.org/",
        opening_hours=[("hours", {"day_from": "1", "day_to": "5", "opens": hours[0], "closes": hours[1]})],
        member_since=spec.member_since,
        membership_role=ROLES.get(spec.slug, "member"),
        last_reviewed=reviewed,
        languages_served=list(spec.languages or (("bg", "en") if country == "BG" else ("ro", "en"))),
        e_services=[
            _service(key, country, spec.slug, locale, categories[data.SERVICES[key][0]], reviewed)
            for key in spec.services
        ],
    )


def translation_triples(spec):
    c = _city(spec.city)
    triples = [spec.names, spec.descriptions, {k: c[k] for k in ("bg", "ro", "en")}]
    if spec.short_names:
        triples.append(spec.short_names)
    for key in spec.services:
        *_facts, names, descriptions = data.SERVICES[key]
        triples += [names, descriptions, *_sdg_triples(key, c["country"])]
    return triples


def _wanted_counterparts():
    wanted = {}
    for a, b in data.COUNTERPARTS:
        wanted.setdefault(a, []).append(b)
        wanted.setdefault(b, []).append(a)
    return wanted


def _publish_with_counterparts(pages, new_slugs, report):
    """Publish new pages once, with their counterpart links (the other side of a
    link may have been created in the same run, so links are set after all pages exist)."""
    wanted = _wanted_counterparts()
    for slug, page in pages.items():
        others = wanted.get(slug, [])
        have = set(page.counterpart_links.values_list("counterpart__slug", flat=True))
        if slug not in new_slugs and have >= set(others):
            continue
        page.counterpart_links = [InstitutionCounterpart(counterpart=pages[o]) for o in others]
        page.save_revision().publish()
        if slug not in new_slugs:
            report.add(f"counterparts of {slug}")


def load(report):
    from directory.vocabularies import ensure_vocabularies

    home = bg_home()
    # Seeded by a migration; restored here when a test (or an operator) flushed the tables.
    if ensure_vocabularies(Locale, Region, InstitutionType, ServiceCategory):
        report.add("directory vocabularies")
    locale = Locale.get_default()
    index = ensure_page(
        home,
        "directory",
        lambda: DirectoryIndexPage(
            title=INDEX_TEXTS[0]["bg"], slug="directory", intro=INDEX_TEXTS[1]["bg"], show_in_menus=True
        ),
        INDEX_TEXTS,
        report,
        "directory index",
    )
    specs = institution_specs()
    existing = {p.slug: p for p in InstitutionPage.objects.child_of(index)}
    pages, new_slugs = {}, set()
    for number, spec in enumerate(specs, start=1):
        page = existing.get(spec.slug)
        if page is None:
            # saved without a revision here; published once below, with its counterparts
            page = index.add_child(instance=build_institution(spec, number, locale))
            new_slugs.add(spec.slug)
            report.add(f"institution {spec.slug} (bg)")
        pages[spec.slug] = page
    _publish_with_counterparts(pages, new_slugs, report)
    for spec in specs:
        page = InstitutionPage.objects.get(pk=pages[spec.slug].pk)
        ensure_translations(page, translation_triples(spec), report, f"institution {spec.slug}")
    load_institution_editors(index, report)
    _demo_enquiries(report)


# Two member institutions keep their own entry (directory/network.py). They have
# no password: `manage.py changepassword <username>` gives one to try them.
INSTITUTION_EDITORS = [
    ("ruse-municipality", "editor.ruse@example.org", "Мария", "Иванова", "bg"),
    ("giurgiu-municipality", "editor.giurgiu@example.org", "Ioana", "Popescu", "ro"),
]


def load_institution_editors(index, report):
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    from directory.network import add_editor, institution_editors

    for slug, email, first_name, last_name, language in INSTITUTION_EDITORS:
        page = InstitutionPage.objects.child_of(index).filter(slug=slug).first()
        if page is None or institution_editors(page).filter(email=email).exists():
            continue
        user, created = get_user_model().objects.get_or_create(
            username=email, defaults={"email": email, "first_name": first_name, "last_name": last_name}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
            profile = UserProfile.get_for_user(user)
            profile.preferred_language = language
            profile.save(update_fields=["preferred_language"])
        add_editor(user, page)
        report.add(f"institution editor {email}")


# A few messages visitors wrote through the institutions' enquiry forms:
# (institution slug, name, e-mail, subject, message, reply language, page language).
DEMO_ENQUIRIES = [
    (
        "giurgiu-municipality",
        "Иван Петров",
        "ivan.petrov@example.org",
        "Разрешение за търговия на пазара",
        "Здравейте, какви документи са нужни на търговец от Русе, за да продава на пазара в Гюргево?",
        "bg",
        "bg",
    ),
    (
        "ruse-municipality",
        "Maria Ionescu",
        "maria.ionescu@example.org",
        "Înscriere la grădiniță",
        "Bună ziua, ne mutăm la Ruse în septembrie. Cum pot înscrie copilul la o grădiniță municipală?",
        "ro",
        "ro",
    ),
    (
        "ruse-municipality",
        "Anna Keller",
        "anna.keller@example.org",
        "Local tax certificate",
        "Hello, I own a flat in Ruse and need a certificate that my local taxes are paid. Can I ask for it online?",
        "en",
        "en",
    ),
]


def _demo_enquiries(report):
    from directory.models import Enquiry

    if Enquiry.objects.exists():
        return
    made = 0
    for slug, name, email, subject, message, reply, page_language in DEMO_ENQUIRIES:
        institution = InstitutionPage.objects.filter(slug=slug, locale=Locale.get_default()).first()
        if institution is None:
            continue
        Enquiry.objects.create(
            institution=institution,
            name=name,
            email=email,
            subject=subject,
            message=message,
            reply_language=reply,
            page_language=page_language,
        )
        made += 1
    if made:
        report.add(f"{made} enquiries")
