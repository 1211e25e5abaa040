"""The directory's one column schema: the spreadsheet that `import_directory`
and the admin import read, and that every export writes (the public CSVs, the
admin's e-services register and directory download), documented in README.

One row per e-service; an institution's columns repeat on each of its rows, and
an institution without e-services has one row with the e-service columns empty.
Headers are the stable machine names below (what re-import needs); the admin
shows each with its localized label. Values are written exactly as the importer
reads them, so any export re-imports unchanged."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from cms.base_url import page_url


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    format: str
    required: bool = False
    service: bool = False
    read_only: bool = False  # written by exports, ignored by the importer
    keep_if_absent: bool = False  # a file without this column leaves the field as it is


def _decimal(value):
    return "" if value is None else str(value)


def _date(value):
    return value.isoformat() if value else ""


def _codes(values):
    return " ".join(values or [])


def cost_cell(service):
    return "0" if service.is_free else f"{service.cost_amount} {service.cost_currency}"


# name → (label, format, options, value of the institution page or e-service)
_INSTITUTION = [
    (
        "registry_id",
        _("Registry identifier"),
        _("BG: EIK/BULSTAT, 9 or 13 digits; RO: CUI, 2–10 digits (an RO prefix is dropped). The key."),
        {"required": True},
        lambda p: p.registry_id,
    ),
    ("country", _("Country"), _("BG or RO"), {"required": True}, lambda p: p.country),
    (
        "name",
        _("Name"),
        _("the institution's name in the file's language"),
        {"required": True},
        lambda p: p.title,
    ),
    ("short_name", _("Short name"), _("optional"), {}, lambda p: p.short_name),
    (
        "type",
        _("Type"),
        _("institution type code, e.g. municipality"),
        {"required": True},
        lambda p: p.organisation_type.code,
    ),
    (
        "region",
        _("Region"),
        _("NUTS-3 code in the institution's country, e.g. BG323"),
        {"required": True},
        lambda p: p.nuts_region.nuts_code,
    ),
    ("street_address", _("Street address"), _("text"), {}, lambda p: p.street_address),
    ("postcode", _("Postcode"), _("text"), {}, lambda p: p.postcode),
    ("locality", _("Locality"), _("town or village"), {}, lambda p: p.locality),
    (
        "latitude",
        _("Latitude"),
        _("decimal degrees, inside the country; with longitude or not at all"),
        {},
        lambda p: _decimal(p.latitude),
    ),
    ("longitude", _("Longitude"), _("decimal degrees"), {}, lambda p: _decimal(p.longitude)),
    ("phone", _("Phone"), _("e.g. +359 82 881 802"), {}, lambda p: p.phone),
    ("email", _("Email"), _("an email address"), {}, lambda p: p.email),
    ("website", _("Website"), _("http(s) address"), {}, lambda p: p.website),
    ("member_since", _("Member since"), _("date, YYYY-MM-DD"), {}, lambda p: _date(p.member_since)),
    (
        "languages_served",
        _("Languages served"),
        _("language codes separated by spaces, e.g. bg en"),
        {},
        lambda p: _codes(p.languages_served),
    ),
]
_SERVICE = [
    (
        "service_name",
        _("E-service"),
        _("required on a row that describes an e-service"),
        {},
        lambda s: s.name,
    ),
    ("service_description", _("E-service description"), _("text"), {}, lambda s: s.description),
    (
        "service_category",
        _("E-service category"),
        _("category code, e.g. local-taxes"),
        {},
        lambda s: s.category.code,
    ),
    (
        "service_channel",
        _("Channel"),
        _("online (the default), assisted or in_person"),
        {},
        lambda s: s.channel,
    ),
    (
        "service_online_url",
        _("Online address"),
        _("http(s) address; required for an online e-service"),
        {},
        lambda s: s.online_url,
    ),
    (
        "service_authentication",
        _("Authentication"),
        _("none (the default), eid or qes"),
        {},
        lambda s: s.authentication,
    ),
    (
        "service_cost",
        _("Cost"),
        _("0 for free, or an amount and currency: 12.50 BGN, RON or EUR"),
        {},
        cost_cell,
    ),
    (
        "service_processing_days",
        _("Processing time (working days)"),
        _("a whole number"),
        {},
        lambda s: "" if s.processing_days is None else str(s.processing_days),
    ),
    (
        "service_languages",
        _("E-service languages"),
        _("language codes separated by spaces"),
        {},
        lambda s: _codes(s.languages),
    ),
    (
        "service_output",
        _("Output"),
        _("document, certificate, decision, permit, registration, payment, information or empty"),
        {},
        lambda s: s.output,
    ),
    (
        "service_cross_border",
        _("Usable cross-border"),
        _("yes, partly or no (the default)"),
        {},
        lambda s: s.cross_border,
    ),
    (
        "service_last_reviewed",
        _("Last reviewed"),
        _("date, YYYY-MM-DD"),
        {},
        lambda s: _date(s.last_reviewed),
    ),
    # Single Digital Gateway information (directory/sdg.py); files without these columns keep it.
    (
        "service_steps",
        _("Steps"),
        _("text, one step per line"),
        {"keep_if_absent": True},
        lambda s: s.steps,
    ),
    (
        "service_required_evidence",
        _("Required evidence"),
        _("text, one document per line"),
        {"keep_if_absent": True},
        lambda s: s.required_evidence,
    ),
    (
        "service_legal_basis_title",
        _("Legal basis"),
        _("the act's title"),
        {"keep_if_absent": True},
        lambda s: s.legal_basis_title,
    ),
    (
        "service_legal_basis_url",
        _("Legal basis URL"),
        _("http(s) address of the act"),
        {"keep_if_absent": True},
        lambda s: s.legal_basis_url,
    ),
    ("service_redress", _("Redress and appeal"), _("text"), {"keep_if_absent": True}, lambda s: s.redress),
    (
        "service_payment_methods",
        _("Payment methods"),
        _("text"),
        {"keep_if_absent": True},
        lambda s: s.payment_methods,
    ),
    ("service_time_limits", _("Time limits"), _("text"), {"keep_if_absent": True}, lambda s: s.time_limits),
    (
        "service_tacit_approval",
        _("Tacit approval"),
        _("yes, no or empty (not stated)"),
        {"keep_if_absent": True},
        lambda s: s.tacit_approval,
    ),
    (
        "service_information_updated",
        _("Information last updated"),
        _("date, YYYY-MM-DD; when empty, the day of an import that changes the e-service"),
        {"keep_if_absent": True},
        lambda s: _date(s.information_updated),
    ),
]
_EXPORT_ONLY = [
    (
        "institution_url",
        _("Institution page"),
        _("written by exports, ignored on import"),
        {"read_only": True},
        None,
    ),
]

INSTITUTION_COLUMNS = [Column(n, label, fmt, **opts) for n, label, fmt, opts, _v in _INSTITUTION]
SERVICE_COLUMNS = [Column(n, label, fmt, service=True, **opts) for n, label, fmt, opts, _v in _SERVICE]
EXPORT_ONLY_COLUMNS = [Column(n, label, fmt, **opts) for n, label, fmt, opts, _v in _EXPORT_ONLY]
COLUMNS = INSTITUTION_COLUMNS + SERVICE_COLUMNS + EXPORT_ONLY_COLUMNS
BY_NAME = {column.name: column for column in COLUMNS}

HEADER = [column.name for column in COLUMNS]
IMPORTED = [column.name for column in COLUMNS if not column.read_only]
REQUIRED = [column.name for column in COLUMNS if column.required]
INSTITUTION_NAMES = [column.name for column in INSTITUTION_COLUMNS]
SERVICE_NAMES = [column.name for column in SERVICE_COLUMNS]

_INSTITUTION_VALUES = [value for *_rest, value in _INSTITUTION]
_SERVICE_VALUES = [value for *_rest, value in _SERVICE]


def row(page, service=None, request=None):
    """The cells of one row: `page`'s columns and `service`'s (empty without one)."""
    cells = [value(page) for value in _INSTITUTION_VALUES]
    cells += [value(service) for value in _SERVICE_VALUES] if service else [""] * len(_SERVICE_VALUES)
    cells.append(page_url(page, request) or "")
    return cells


def rows(pages, request=None):
    """The directory's rows for `pages` (their `e_services` prefetched, in order)."""
    for page in pages:
        services = list(page.e_services.all())
        if not services:
            yield row(page, request=request)
        for service in services:
            yield row(page, service, request)


def service_rows(services, request=None):
    """One row per e-service (their page, region and category selected)."""
    for service in services:
        yield row(service.page, service, request)


def markdown_table():
    """The schema as README documents it (tests/directory/test_columns.py keeps them equal)."""
    from django.utils import translation

    with translation.override("en"):
        lines = ["| column | required | what goes in it |", "| --- | --- | --- |"]
        for column in COLUMNS:
            required = "yes" if column.required else ""
            lines.append(f"| `{column.name}` | {required} | {column.format} |")
    return "\n".join(lines)


def csv_response(cells, filename):
    """`cells` (rows from `rows()`/`service_rows()`) as a UTF-8 CSV download under HEADER."""
    import csv

    from django.http import HttpResponse

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow(HEADER)
    writer.writerows(cells)
    return response


def xlsx_response(cells, filename):
    """The same as an XLSX workbook; every cell is text, so identifiers keep their leading zeros."""
    import io

    import openpyxl
    from django.http import HttpResponse

    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(HEADER)
    for cells_of_row in cells:
        sheet.append(cells_of_row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response
