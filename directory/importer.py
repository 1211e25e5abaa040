"""Import institutions and their e-services from a CSV or XLSX spreadsheet in
the directory's column schema (`directory.columns`).

One row per e-service; the institution columns repeat on each of its rows
(a row with no `service_name` describes only the institution). The stable key
is the registry identifier. Everything is checked first: any problem, and
nothing is written; each is reported, in the reader's language, as
"Row N, column X: what is wrong" (row 1 is the header). Re-importing a file,
or any export of the directory, changes nothing.

Pages are written as the importing user, the way the admin's editor does it: a
revision by that user, published, with "created", "edited" and "published" log
entries in the page history. New pages start a translation group in the file's
language and reach the other locales as aliases (`cms.page_sync`), like pages
an editor creates; aliases and wagtail-localize translations are changed in
their source language, so a file never writes into them."""

import csv
import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.actions.edit_page import EditPageAction
from wagtail.models import Locale
from wagtail_localize.models import Translation

from directory import columns
from directory.eservice_form import normalise_lines
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
    TACIT_APPROVAL_CHOICES,
)
from directory.sdg import information_fields
from directory.validators import PHONE_RE, coordinates_problem, identifier_problem, normalise_identifier

COLUMNS = columns.IMPORTED  # the names a file may use (export-only columns are also accepted)
CURRENCIES = ("BGN", "RON", "EUR")
MAX_ROWS = 5000
COUNTRIES = ("BG", "RO")  # the identifier, region and coordinate checks know these countries
SDG_TEXT_COLUMNS = {
    "service_steps": "steps",
    "service_required_evidence": "required_evidence",
    "service_legal_basis_title": "legal_basis_title",
    "service_legal_basis_url": "legal_basis_url",
    "service_redress": "redress",
    "service_payment_methods": "payment_methods",
    "service_time_limits": "time_limits",
}
INFORMATION_FIELDS = set(information_fields())
SERVICE_CHOICE_COLUMNS = {  # column: (its choices, the value an empty cell means)
    "service_channel": (CHANNEL_CHOICES, "online"),
    "service_authentication": (AUTHENTICATION_CHOICES, "none"),
    "service_cross_border": (CROSS_BORDER_CHOICES, "no"),
    "service_output": (OUTPUT_CHOICES, ""),
}


def problem_text(row, column, message):
    """One problem as the report shows it."""
    return _("Row %(row)s, column %(column)s: %(problem)s") % {
        "row": row,
        "column": column or "-",
        "problem": message,
    }


class ImportFileError(Exception):
    """The file cannot be imported; `problems` lists every reason (localized)."""

    def __init__(self, problems):
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


@dataclass
class ImportResult:
    dry_run: bool = False
    created: list = field(default_factory=list)
    updated: list = field(default_factory=list)
    unchanged: list = field(default_factory=list)
    services_created: int = 0
    services_updated: int = 0

    @property
    def changed(self):
        return bool(self.created or self.updated)

    def lines(self):
        """The report, one localized sentence per count."""
        counts = (
            (
                len(self.created),
                ngettext(
                    "%(count)s institution created", "%(count)s institutions created", len(self.created)
                ),
            ),
            (
                len(self.updated),
                ngettext(
                    "%(count)s institution updated", "%(count)s institutions updated", len(self.updated)
                ),
            ),
            (
                len(self.unchanged),
                ngettext(
                    "%(count)s institution unchanged", "%(count)s institutions unchanged", len(self.unchanged)
                ),
            ),
            (
                self.services_created,
                ngettext("%(count)s e-service added", "%(count)s e-services added", self.services_created),
            ),
            (
                self.services_updated,
                ngettext(
                    "%(count)s e-service updated", "%(count)s e-services updated", self.services_updated
                ),
            ),
        )
        return [message % {"count": count} for count, message in counts]

    def report_lines(self):
        """The lines worth showing: the counts that are not zero (or "N unchanged" alone)."""
        counts = (
            len(self.created),
            len(self.updated),
            len(self.unchanged),
            self.services_created,
            self.services_updated,
        )
        shown = [line for count, line in zip(counts, self.lines(), strict=True) if count]
        return shown or self.lines()[2:3]

    def summary(self):
        text = "; ".join(self.lines())
        if self.dry_run:
            return _("Dry run, nothing was written: %(summary)s") % {"summary": text}
        return text


def _decode(content):
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            [
                problem_text(
                    1,
                    "",
                    _(
                        "the file is not UTF-8 text. In Excel or LibreOffice save it as "
                        "“CSV UTF-8”, or upload it as XLSX."
                    ),
                )
            ]
        ) from None


def read_rows(name, content):
    """(header, rows) from CSV (UTF-8, optional BOM, comma or semicolon) or XLSX bytes."""
    lowered = name.lower()
    if lowered.endswith(".xlsx"):
        import openpyxl

        try:
            workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
            sheet = workbook.worksheets[0]
            rows = [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        except Exception:  # openpyxl raises many types for a broken file
            raise ImportFileError(
                [problem_text(1, "", _("the file is not a readable XLSX workbook"))]
            ) from None
    elif lowered.endswith(".csv"):
        text = _decode(content)
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error:
            raise ImportFileError([problem_text(1, "", _("the file is not a readable CSV file"))]) from None
    else:
        raise ImportFileError([problem_text(1, "", _("the file must end in .csv or .xlsx"))])
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise ImportFileError([problem_text(1, "", _("the file is empty"))])
    if len(rows) - 1 > MAX_ROWS:
        raise ImportFileError(
            [
                problem_text(
                    1,
                    "",
                    _("the file has %(count)s rows; import at most %(max)s at a time")
                    % {"count": len(rows) - 1, "max": MAX_ROWS},
                )
            ]
        )
    return [cell.strip().lstrip("\ufeff") for cell in rows[0]], rows[1:]


def _language_name(code):
    """ "bulgară", "румънски", "Bulgarian": Django's name of the language in the reader's language
    (Bulgarian and Romanian write language names in lower case)."""
    name = str(translation.get_language_info(code)["name_translated"])
    return name.lower() if translation.get_language() in ("bg", "ro") else name


def _key(value):
    """Vocabulary entries compare by translation group: an alias keeps its source's."""
    return getattr(value, "translation_key", value)


class DirectoryImporter:
    def __init__(self, locale_code="bg", user=None):
        self.locale = Locale.objects.get(language_code=locale_code)
        self.user = user
        self.index = DirectoryIndexPage.objects.filter(locale=self.locale).first()
        self.regions = {r.nuts_code: r for r in Region.objects.filter(locale=self.locale)}
        self.types = {t.code: t for t in InstitutionType.objects.filter(locale=self.locale)}
        self.categories = {c.code: c for c in ServiceCategory.objects.filter(locale=self.locale)}
        self.today = timezone.localdate()

    # --- validation ---------------------------------------------------------

    def parse(self, header, rows):
        problems = []
        if self.index is None:
            problems.append(
                problem_text(
                    1,
                    "",
                    _("there is no directory page in %(language)s to import into")
                    % {"language": _language_name(self.locale.language_code)},
                )
            )
        for column in header:
            if column not in columns.BY_NAME:
                problems.append(problem_text(1, column or _("(empty)"), _("unknown column")))
        duplicates = sorted({c for c in header if c and header.count(c) > 1})
        problems += [problem_text(1, c, _("the column appears more than once")) for c in duplicates]
        problems += [
            problem_text(1, c, _("required column is missing")) for c in columns.REQUIRED if c not in header
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
            if entry["fields"] != institution:
                problems.append(
                    problem_text(
                        number,
                        "registry_id",
                        _("%(key)s has different institution columns on row %(first)s")
                        % {"key": key, "first": entry["row"]},
                    )
                )
            if service:
                if service["name"] in entry["services"]:
                    problems.append(
                        problem_text(
                            number, "service_name", _("e-service listed twice for %(key)s") % {"key": key}
                        )
                    )
                entry["services"][service["name"]] = service
        if problems:
            raise ImportFileError(problems)
        return institutions

    def parse_row(self, n, row, problems):
        """(institution, service) fields of one row, or (None, None) if the row has a problem;
        each problem is added to `problems` as "Row N, column X: ..."."""
        start = len(problems)

        def problem(column, message):
            problems.append(problem_text(n, column, message))

        self._check_required(row, problem)
        country = self._country(row, problem)
        registry_id = self._registry_id(row, country, problem)
        region = self._region(row, country, problem)
        inst_type = self._institution_type(row, problem)
        lat, lon = self._coordinates(row, country, problem)
        self._check_contacts(row, problem)
        member_since = self._date(row, "member_since", problem)
        languages = self._languages(row, "languages_served", problem)
        self._check_institution_lengths(row, problem)
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

    # The institution columns, one rule each. A check that depends on the country
    # (identifier format, region, coordinates) runs only once the country is BG or RO.

    @staticmethod
    def _check_required(row, problem):
        for column in columns.REQUIRED:
            if not row.get(column):
                problem(column, _("required"))

    @staticmethod
    def _country(row, problem):
        """The country code, upper case; BG or RO."""
        country = row.get("country", "").upper()
        if country and country not in COUNTRIES:
            problem("country", _("must be BG or RO, not %(value)r") % {"value": row["country"]})
        return country

    @staticmethod
    def _registry_id(row, country, problem):
        """The registry identifier, normalised, in its country's format."""
        registry_id = normalise_identifier(country, row.get("registry_id", ""))
        if registry_id and country in COUNTRIES:
            message = identifier_problem(country, registry_id)
            if message:
                problem(
                    "registry_id", _("%(value)r is %(problem)s") % {"value": registry_id, "problem": message}
                )
        return registry_id

    def _region(self, row, country, problem):
        """The NUTS-3 region by its code, in the institution's country."""
        region = self.regions.get(row.get("region", "").upper())
        if row.get("region") and region is None:
            problem("region", _("unknown NUTS-3 region %(value)r") % {"value": row["region"]})
        elif region is not None and country in COUNTRIES and region.country != country:
            problem(
                "region",
                _("%(region)s is not in %(country)s") % {"region": region.nuts_code, "country": country},
            )
        return region

    def _institution_type(self, row, problem):
        """The institution type by its code."""
        inst_type = self.types.get(row.get("type", ""))
        if row.get("type") and inst_type is None:
            problem(
                "type",
                _("unknown institution type %(value)r (one of %(codes)s)")
                % {"value": row["type"], "codes": ", ".join(sorted(self.types))},
            )
        return inst_type

    def _coordinates(self, row, country, problem):
        """(latitude, longitude): both or neither, and inside the institution's country."""
        lat = self._decimal(row, "latitude", problem)
        lon = self._decimal(row, "longitude", problem)
        if bool(row.get("latitude")) != bool(row.get("longitude")):
            problem(
                "longitude" if row.get("latitude") else "latitude",
                _("give both latitude and longitude, or neither"),
            )
        elif lat is not None and lon is not None and country in COUNTRIES:
            message = coordinates_problem(country, float(lat), float(lon))
            if message:
                problem("latitude", str(message))
        return lat, lon

    def _check_contacts(self, row, problem):
        """Phone, email and website, each when given."""
        if row.get("phone") and not PHONE_RE.match(row["phone"]):
            problem("phone", _("not a phone number: %(value)r") % {"value": row["phone"]})
        if row.get("email"):
            try:
                EmailValidator()(row["email"])
            except ValidationError:
                problem("email", _("not an email address: %(value)r") % {"value": row["email"]})
        if row.get("website"):
            self._url(row, "website", problem)

    @staticmethod
    def _check_institution_lengths(row, problem):
        """The text columns fit their page fields."""
        for column in ("name", "short_name", "street_address", "postcode", "locality", "phone"):
            limit = InstitutionPage._meta.get_field("title" if column == "name" else column).max_length
            if limit and len(row.get(column, "")) > limit:
                problem(column, _("longer than %(max)s characters") % {"max": limit})

    def parse_service(self, row, problem):
        """The e-service fields of a row (None when it has no e-service columns filled)."""
        if not any(row.get(c) for c in columns.SERVICE_NAMES):
            return None
        self._check_service_name(row, problem)
        category = self._service_category(row, problem)
        choices = self._service_choices(row, problem)
        url = self._online_url(row, choices["service_channel"], problem)
        is_free, amount, currency = self._cost(row, problem)
        processing_days = self._processing_days(row, problem)
        return {
            **self.parse_sdg(row, problem),
            "name": row.get("service_name", ""),
            "description": normalise_lines(row.get("service_description", "")),
            "category": category,
            "channel": choices["service_channel"],
            "online_url": url,
            "authentication": choices["service_authentication"],
            "is_free": is_free,
            "cost_amount": amount,
            "cost_currency": currency,
            "processing_days": processing_days,
            "languages": self._languages(row, "service_languages", problem),
            "output": choices["service_output"],
            "cross_border": choices["service_cross_border"],
            "last_reviewed": self._date(row, "service_last_reviewed", problem),
        }

    # The e-service columns, one rule each.

    @staticmethod
    def _check_service_name(row, problem):
        """A row with any e-service column names its e-service, within the field's length."""
        limit = EService._meta.get_field("name").max_length
        if not row.get("service_name"):
            problem("service_name", _("required when any e-service column is filled"))
        elif len(row["service_name"]) > limit:
            problem("service_name", _("longer than %(max)s characters") % {"max": limit})

    def _service_category(self, row, problem):
        """The service category by its code (required)."""
        category = self.categories.get(row.get("service_category", ""))
        if category is None:
            problem(
                "service_category",
                _("unknown category %(value)r (one of %(codes)s)")
                % {"value": row.get("service_category", ""), "codes": ", ".join(sorted(self.categories))},
            )
        return category

    @staticmethod
    def _service_choices(row, problem):
        """{column: code} for each choice column, its default when empty."""
        values = {}
        for column, (options, default) in SERVICE_CHOICE_COLUMNS.items():
            value = row.get(column, "") or default
            allowed = [code for code, _label in options]
            if value and value not in allowed:
                problem(
                    column,
                    _("%(value)r is not one of %(codes)s") % {"value": value, "codes": ", ".join(allowed)},
                )
            values[column] = value
        return values

    def _online_url(self, row, channel, problem):
        """The e-service's web address: a valid one, required when the channel is online."""
        url = row.get("service_online_url", "")
        if url:
            self._url(row, "service_online_url", problem)
        elif channel == "online":
            problem("service_online_url", _("required for an online e-service"))
        return url

    @staticmethod
    def _cost(row, problem):
        """(is_free, amount, currency): empty, "0" or "free" is free; a fee is "12.50 BGN",
        in one of CURRENCIES, not negative."""
        is_free, amount, currency = True, None, ""
        cost = row.get("service_cost", "").strip()
        if not cost or cost in ("0", "free"):
            return is_free, amount, currency
        parts = cost.split()
        try:
            amount = Decimal(parts[0].replace(",", "."))
            currency = parts[1].upper() if len(parts) == 2 else ""
            if currency not in CURRENCIES or not amount.is_finite() or amount >= 10**8:
                raise InvalidOperation
            amount = amount.quantize(Decimal("0.01"))
            is_free = False
        except (InvalidOperation, IndexError):
            problem(
                "service_cost",
                _("write an amount and currency such as “12.50 BGN”, or 0; not %(value)r") % {"value": cost},
            )
        else:
            if amount < 0:
                problem("service_cost", _("a fee cannot be negative: %(value)r") % {"value": cost})
        return is_free, amount, currency

    @staticmethod
    def _processing_days(row, problem):
        """Working days to process, a whole number up to ten years' worth (3650)."""
        days = row.get("service_processing_days", "")
        if not days:
            return None
        if days.isdigit() and int(days) <= 3650:
            return int(days)
        problem(
            "service_processing_days",
            _("a whole number of working days, not %(value)r") % {"value": days},
        )
        return None

    def parse_sdg(self, row, problem):
        """The Single Digital Gateway fields of the columns the file has (absent ones are kept).
        An empty `service_information_updated` is left out: the import dates what it changes."""
        values = {}
        for column, name in SDG_TEXT_COLUMNS.items():
            if column not in row:
                continue
            value = normalise_lines(row[column])
            limit = EService._meta.get_field(name).max_length
            if limit and len(value) > limit:
                problem(column, _("longer than %(max)s characters") % {"max": limit})
            values[name] = value
        if row.get("service_legal_basis_url"):
            self._url(row, "service_legal_basis_url", problem)
        if "service_tacit_approval" in row:
            value = row["service_tacit_approval"].lower()
            allowed = [code for code, _label in TACIT_APPROVAL_CHOICES]
            if value and value not in allowed:
                problem(
                    "service_tacit_approval",
                    _("%(value)r is not one of %(codes)s")
                    % {"value": row["service_tacit_approval"], "codes": ", ".join(allowed)},
                )
            values["tacit_approval"] = value
        updated = self._date(row, "service_information_updated", problem)
        if updated is not None:
            values["information_updated"] = updated
        return values

    @staticmethod
    def _decimal(row, column, problem):
        value = row.get(column, "")
        if not value:
            return None
        try:
            number = Decimal(value.replace(",", ".")).quantize(Decimal("0.000001"))
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():  # "NaN" parses, then fails every comparison
            problem(column, _("not a number: %(value)r") % {"value": value})
            return None
        if abs(number) > 180:
            problem(column, _("not a number of degrees: %(value)r") % {"value": value})
            return None
        return number

    @staticmethod
    def _date(row, column, problem):
        value = row.get(column, "")
        if not value:
            return None
        try:
            return datetime.date.fromisoformat(value[:10])
        except ValueError:
            problem(column, _("not a date (YYYY-MM-DD): %(value)r") % {"value": value})
            return None

    @staticmethod
    def _url(row, column, problem):
        try:
            URLValidator(schemes=["http", "https"])(row[column])
        except ValidationError:
            problem(column, _("not a web address: %(value)r") % {"value": row[column]})

    @staticmethod
    def _languages(row, column, problem):
        codes = [c for c in row.get(column, "").replace(",", " ").split() if c]
        bad = [c for c in codes if c not in LANGUAGE_CODES]
        if bad:
            problem(
                column,
                _("unknown language codes %(codes)s (use %(allowed)s)")
                % {"codes": ", ".join(bad), "allowed": ", ".join(LANGUAGE_CODES)},
            )
        return codes

    # --- comparing and writing --------------------------------------------------

    def run(self, header, rows, *, dry_run=False):
        institutions = self.parse(header, rows)
        result = ImportResult(dry_run=dry_run)
        existing = {
            p.registry_id: p
            for p in InstitutionPage.objects.filter(locale=self.locale, registry_id__in=list(institutions))
        }
        translated = set(
            Translation.objects.filter(
                target_locale=self.locale,
                source__object_id__in=[p.translation_key for p in existing.values()],
            ).values_list("source__object_id", flat=True)
        )
        plans, problems = [], []
        for key, entry in institutions.items():
            plan = self.plan(existing.get(key), entry, result)
            if plan is None:
                continue
            problem = self.refusal(plan, entry, translated)
            if problem:
                problems.append(problem_text(entry["row"], "registry_id", problem))
            plans.append(plan)
        if problems:
            raise ImportFileError(problems)
        if dry_run:
            # Planned, not written and rolled back: publishing has effects outside the
            # database (translators are emailed when a source they translated is republished).
            return result
        with transaction.atomic():
            for plan in plans:
                try:
                    self.write(plan)
                except ValidationError as error:  # the page model's own checks, as the editor runs them
                    raise ImportFileError(
                        [problem_text(plan["row"], "", "; ".join(error.messages))]
                    ) from None
        return result

    def plan(self, page, entry, result):
        """What the row means for `page` (None if nothing changes); counts it in `result`."""
        fields = entry["fields"]
        if page is None:
            services = [self._new_service(data) for data in entry["services"].values()]
            result.created.append(fields["title"])
            result.services_created += len(services)
            return {"page": None, "fields": fields, "services": services, "row": entry["row"]}
        changes = {name: value for name, value in fields.items() if _key(getattr(page, name)) != _key(value)}
        current = list(page.e_services.all())
        by_name = {s.name: s for s in current}
        service_changes, added = {}, []
        for name, data in entry["services"].items():
            service = by_name.get(name)
            if service is None:
                added.append(self._new_service(data))
                continue
            differs = {k: v for k, v in data.items() if _key(getattr(service, k)) != _key(v)}
            if differs.keys() & INFORMATION_FIELDS and "information_updated" not in data:
                differs["information_updated"] = self.today
            if differs:
                service_changes[service.pk] = differs
        if not (changes or service_changes or added):
            result.unchanged.append(page.title)
            return None
        result.updated.append(fields["title"])
        result.services_created += len(added)
        result.services_updated += len(service_changes)
        return {
            "page": page,
            "fields": changes,
            "service_changes": service_changes,
            "added": added,
            "row": entry["row"],
        }

    def _new_service(self, data):
        return EService(locale=self.locale, **{"information_updated": self.today, **data})

    def refusal(self, plan, entry, translated):
        """Why this change may not be written (None when it may)."""
        page, user = plan["page"], self.user
        if page is None:
            permissions = self.index.permissions_for_user(user) if user else None
            if permissions and not (permissions.can_add_subpage() and permissions.can_publish_subpage()):
                return _("you may not create and publish institutions in this directory")
            return None
        if page.alias_of_id is not None:
            return _(
                "%(name)s is shown here as an alias of its %(language)s page; import the change "
                "in %(language)s, or translate the page first"
            ) % {"name": page.title, "language": _language_name(page.alias_of.locale.language_code)}
        if page.translation_key in translated:
            return _(
                "%(name)s is a translation made in the translation editor; import the change in its "
                "source language, or change it in the translation editor"
            ) % {"name": page.title}
        if page.has_unpublished_changes:
            return _("%(name)s has unpublished changes in the admin; publish or discard them first") % {
                "name": page.title
            }
        if user:
            permissions = page.permissions_for_user(user)
            # The import publishes what it writes; its dry run is the review (README:
            # a deliberate exception to REQUIRE_SECOND_REVIEWER, cms/second_reviewer.py).
            if not (permissions.can_edit() and permissions.may_publish_directly()):
                return _("you may not edit and publish %(name)s") % {"name": page.title}
            lock = page.get_lock()
            if lock is not None and lock.for_user(user):
                return _("%(name)s is locked") % {"name": page.title}
        return None

    def write(self, plan):
        user = self.user
        if plan["page"] is None:
            fields = plan["fields"]
            page = InstitutionPage(
                locale=self.locale, slug=self._slug(fields), owner=user, live=False, **fields
            )
            page.e_services = plan["services"]
            self.index.add_child(instance=page)  # logs "created" by the owner
            revision = page.save_revision(user=user, log_action=True)
            # refusal() has checked the user may publish here (cms/second_reviewer.py: the
            # import is the one path that publishes its own writes)
            revision.publish(user=user, skip_permission_checks=True)
            return
        page = plan["page"]
        for name, value in plan["fields"].items():
            setattr(page, name, value)
        services = list(page.e_services.all())
        for service in services:
            for name, value in plan["service_changes"].get(service.pk, {}).items():
                setattr(service, name, value)
        page.e_services = services + plan["added"]
        try:
            # refusal() has checked edit, publish (Wagtail's rule) and the lock
            EditPageAction(page, user=user, publish=True).execute(skip_permission_checks=True)
        except PermissionDenied:  # a race with a lock taken since lands here
            raise ImportFileError(
                [problem_text(plan["row"], "registry_id", _("%(name)s is locked") % {"name": page.title})]
            ) from None

    def _slug(self, fields):
        base = slugify(fields["short_name"] or fields["title"], allow_unicode=False) or "institution"
        return f"{base}-{fields['registry_id']}"[:80]


def import_file(name, content, *, locale="bg", dry_run=False, user=None):
    header, rows = read_rows(name, content)
    return DirectoryImporter(locale, user=user).run(header, rows, dry_run=dry_run)
