"""Import institutions and their e-services from a CSV or XLSX spreadsheet.

One row per e-service; the institution columns repeat on each of its rows
(a row with no `service_name` describes only the institution). The stable key
is the registry identifier. Everything is checked first: any problem, and
nothing is written; each is reported as `row N, column X: what is wrong`
(row 1 is the header). Re-importing the same file changes nothing."""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import translation
from wagtail.models import Locale

from directory.models import (
    DirectoryIndexPage,
    EService,
    InstitutionPage,
    InstitutionType,
    Region,
    ServiceCategory,
)
from directory.models.fields import LANGUAGE_CODES
from directory.models.pages import (
    AUTHENTICATION_CHOICES,
    CHANNEL_CHOICES,
    CROSS_BORDER_CHOICES,
    OUTPUT_CHOICES,
)
from directory.validators import PHONE_RE, coordinates_problem, identifier_problem, normalise_identifier

INSTITUTION_COLUMNS = [
    "registry_id",
    "country",
    "name",
    "short_name",
    "type",
    "region",
    "street_address",
    "postcode",
    "locality",
    "latitude",
    "longitude",
    "phone",
    "email",
    "website",
    "member_since",
    "languages_served",
]
SERVICE_COLUMNS = [
    "service_name",
    "service_description",
    "service_category",
    "service_channel",
    "service_online_url",
    "service_authentication",
    "service_cost",
    "service_processing_days",
    "service_languages",
    "service_output",
    "service_cross_border",
    "service_last_reviewed",
]
COLUMNS = INSTITUTION_COLUMNS + SERVICE_COLUMNS
REQUIRED_COLUMNS = ["registry_id", "country", "name", "type", "region"]
CURRENCIES = ("BGN", "RON", "EUR")


class ImportFileError(Exception):
    """The file cannot be imported; `problems` lists every reason."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    services_created: int = 0
    services_updated: int = 0

    @property
    def changed(self):
        return bool(self.created or self.updated)

    def summary(self):
        return (
            f"{len(self.created)} institutions created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged; {self.services_created} e-services created, "
            f"{self.services_updated} updated."
        )


def read_rows(name, content):
    """(header, rows) from CSV (UTF-8, optional BOM) or XLSX bytes."""
    if name.lower().endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many types for a broken file
            raise ImportFileError(
                [f"row 1, column -: not a readable XLSX file ({error.__class__.__name__})"]
            ) from None
        sheet = workbook.worksheets[0]
        rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    elif name.lower().endswith(".csv"):
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportFileError(["row 1, column -: the file is not UTF-8 text"]) from None
        rows = list(csv.reader(io.StringIO(text)))
    else:
        raise ImportFileError(["row 1, column -: the file must end in .csv or .xlsx"])
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError(["row 1, column -: the file is empty"])
    return [cell.strip() for cell in rows[0]], rows[1:]


class DirectoryImporter:
    def __init__(self, locale_code="bg"):
        self.locale = Locale.objects.get(language_code=locale_code)
        self.index = DirectoryIndexPage.objects.filter(locale=self.locale).first()
        self.regions = {r.nuts_code: r for r in Region.objects.filter(locale=self.locale)}
        self.types = {t.code: t for t in InstitutionType.objects.filter(locale=self.locale)}
        self.categories = {c.code: c for c in ServiceCategory.objects.filter(locale=self.locale)}

    # --- validation ---------------------------------------------------------

    def parse(self, header, rows):
        problems = []
        if self.index is None:
            problems.append(
                f"row 1, column -: there is no directory index page in locale {self.locale.language_code}"
            )
        unknown = [c for c in header if c not in COLUMNS]
        problems += [f"row 1, column {c or '(empty)'}: unknown column" for c in unknown]
        problems += [
            f"row 1, column {c}: required column is missing" for c in REQUIRED_COLUMNS if c not in header
        ]
        if problems:
            raise ImportFileError(problems)
        institutions = {}
        for number, raw in enumerate(rows, start=2):
            row = {c: (raw[i].strip() if i < len(raw) else "") for i, c in enumerate(header)}
            institution, service = self.parse_row(number, row, problems)
            if institution is None:
                continue
            key = institution["registry_id"]
            entry = institutions.setdefault(key, {"fields": institution, "services": {}, "row": number})
            if service:
                if service["name"] in entry["services"]:
                    problems.append(f"row {number}, column service_name: e-service listed twice for {key}")
                entry["services"][service["name"]] = service
        if problems:
            raise ImportFileError(problems)
        return institutions

    def parse_row(self, n, row, problems):
        start = len(problems)

        def problem(column, message):
            problems.append(f"row {n}, column {column}: {message}")

        for column in REQUIRED_COLUMNS:
            if not row.get(column):
                problem(column, "required")
        country = row.get("country", "").upper()
        if country and country not in ("BG", "RO"):
            problem("country", f"must be BG or RO, not {row['country']!r}")
        registry_id = normalise_identifier(country, row.get("registry_id", ""))
        if registry_id and country in ("BG", "RO"):
            message = identifier_problem(country, registry_id)
            if message:
                problem("registry_id", f"{registry_id!r} is {message}")
        region = self.regions.get(row.get("region", "").upper())
        if row.get("region") and region is None:
            problem("region", f"unknown NUTS-3 region {row['region']!r}")
        elif region is not None and country in ("BG", "RO") and region.country != country:
            problem("region", f"{region.nuts_code} is not in {country}")
        inst_type = self.types.get(row.get("type", ""))
        if row.get("type") and inst_type is None:
            problem(
                "type", f"unknown institution type {row['type']!r} (one of {', '.join(sorted(self.types))})"
            )
        lat = self._decimal(row, "latitude", problem)
        lon = self._decimal(row, "longitude", problem)
        if bool(row.get("latitude")) != bool(row.get("longitude")):
            problem(
                "longitude" if row.get("latitude") else "latitude",
                "give both latitude and longitude, or neither",
            )
        elif lat is not None and lon is not None and country in ("BG", "RO"):
            message = coordinates_problem(country, float(lat), float(lon))
            if message:
                problem("latitude", str(message))
        if row.get("phone") and not PHONE_RE.match(row["phone"]):
            problem("phone", f"not a phone number: {row['phone']!r}")
        if row.get("email"):
            try:
                EmailValidator()(row["email"])
            except ValidationError:
                problem("email", f"not an email address: {row['email']!r}")
        if row.get("website"):
            self._url(row, "website", problem)
        member_since = self._date(row, "member_since", problem)
        languages = self._languages(row, "languages_served", problem)
        institution = {
            "registry_id": registry_id,
            "country": country,
            "title": row.get("name", ""),
            "short_name": row.get("short_name", ""),
            "organisation_type": inst_type,
            "nuts_region": region,
            "street_address": row.get("street_address", ""),
            "postcode": row.get("postcode", ""),
            "locality": row.get("locality", ""),
            "latitude": lat,
            "longitude": lon,
            "phone": row.get("phone", ""),
            "email": row.get("email", ""),
            "website": row.get("website", ""),
            "member_since": member_since,
            "languages_served": languages,
        }
        service = self.parse_service(row, problem)
        if len(problems) > start:
            return None, None
        return institution, service

    def parse_service(self, row, problem):
        if not any(row.get(c) for c in SERVICE_COLUMNS):
            return None
        if not row.get("service_name"):
            problem("service_name", "required when any e-service column is filled")
        category = self.categories.get(row.get("service_category", ""))
        if category is None:
            problem("service_category", f"unknown category {row.get('service_category', '')!r}")
        choices = {
            "service_channel": (CHANNEL_CHOICES, "online"),
            "service_authentication": (AUTHENTICATION_CHOICES, "none"),
            "service_cross_border": (CROSS_BORDER_CHOICES, "no"),
            "service_output": (OUTPUT_CHOICES, ""),
        }
        values = {}
        for column, (options, default) in choices.items():
            value = row.get(column, "") or default
            allowed = [code for code, _label in options]
            if value and value not in allowed:
                problem(column, f"{value!r} is not one of {', '.join(allowed)}")
            values[column] = value
        url = row.get("service_online_url", "")
        if url:
            self._url(row, "service_online_url", problem)
        elif values["service_channel"] == "online":
            problem("service_online_url", "required for an online e-service")
        is_free, amount, currency = True, None, ""
        cost = row.get("service_cost", "").strip()
        if cost and cost not in ("0", "free"):
            parts = cost.split()
            try:
                amount = Decimal(parts[0].replace(",", "."))
                currency = parts[1].upper() if len(parts) == 2 else ""
                if currency not in CURRENCIES or amount < 0:
                    raise InvalidOperation
                is_free = False
            except (InvalidOperation, IndexError):
                problem(
                    "service_cost", f"write an amount and currency such as '12.50 BGN', or 0; not {cost!r}"
                )
        days = row.get("service_processing_days", "")
        processing_days = None
        if days:
            if days.isdigit():
                processing_days = int(days)
            else:
                problem("service_processing_days", f"a whole number of working days, not {days!r}")
        return {
            "name": row.get("service_name", ""),
            "description": row.get("service_description", ""),
            "category": category,
            "channel": values["service_channel"],
            "online_url": url,
            "authentication": values["service_authentication"],
            "is_free": is_free,
            "cost_amount": amount,
            "cost_currency": currency,
            "processing_days": processing_days,
            "languages": self._languages(row, "service_languages", problem),
            "output": values["service_output"],
            "cross_border": values["service_cross_border"],
            "last_reviewed": self._date(row, "service_last_reviewed", problem),
        }

    @staticmethod
    def _decimal(row, column, problem):
        value = row.get(column, "")
        if not value:
            return None
        try:
            return Decimal(value.replace(",", ".")).quantize(Decimal("0.000001"))
        except InvalidOperation:
            problem(column, f"not a number: {value!r}")
            return None

    @staticmethod
    def _date(row, column, problem):
        value = row.get(column, "")
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            problem(column, f"not a date (YYYY-MM-DD): {value!r}")
            return None

    @staticmethod
    def _url(row, column, problem):
        try:
            URLValidator(schemes=["http", "https"])(row[column])
        except ValidationError:
            problem(column, f"not a web address: {row[column]!r}")

    @staticmethod
    def _languages(row, column, problem):
        codes = [c for c in row.get(column, "").replace(",", " ").split() if c]
        bad = [c for c in codes if c not in LANGUAGE_CODES]
        if bad:
            problem(column, f"unknown language codes {', '.join(bad)} (use {', '.join(LANGUAGE_CODES)})")
        return codes

    # --- writing --------------------------------------------------------------

    def run(self, header, rows, *, dry_run=False):
        # Reports are in English, like the column names they refer to.
        with translation.override("en"):
            institutions = self.parse(header, rows)
        result = ImportResult()
        with transaction.atomic():
            existing = {
                p.registry_id: p
                for p in InstitutionPage.objects.filter(
                    locale=self.locale, registry_id__in=list(institutions)
                )
            }
            for key, entry in institutions.items():
                self.save_institution(existing.get(key), entry, result)
            if dry_run:
                transaction.set_rollback(True)
        return result

    def save_institution(self, page, entry, result):
        fields = entry["fields"]
        created = page is None
        if created:
            page = InstitutionPage(locale=self.locale, slug=self._slug(fields), **fields)
            changed = True
        else:
            page = page.get_latest_revision_as_object() if page.has_unpublished_changes else page
            changed = False
            for name, value in fields.items():
                if getattr(page, name) != value:
                    setattr(page, name, value)
                    changed = True
        services = {s.name: s for s in page.e_services.all()}
        new_services = list(page.e_services.all())
        for name, data in entry["services"].items():
            service = services.get(name)
            if service is None:
                new_services.append(EService(locale=self.locale, **data))
                result.services_created += 1
                changed = True
            else:
                differs = [k for k, v in data.items() if getattr(service, k) != v]
                if differs:
                    for k in differs:
                        setattr(service, k, data[k])
                    result.services_updated += 1
                    changed = True
        if not changed:
            result.unchanged.append(page.title)
            return
        page.e_services = new_services
        if created:
            self.index.add_child(instance=page)
            result.created.append(page.title)
        else:
            result.updated.append(page.title)
        page.save_revision().publish()

    def _slug(self, fields):
        from django.utils.text import slugify

        base = slugify(fields["short_name"] or fields["title"], allow_unicode=False) or "institution"
        slug = f"{base}-{fields['registry_id']}"[:80]
        return slug


def import_file(name, content, *, locale="bg", dry_run=False):
    header, rows = read_rows(name, content)
    return DirectoryImporter(locale).run(header, rows, dry_run=dry_run)
