"""Single Digital Gateway completeness: which of the items that Regulation (EU)
2018/1724 (Art. 9-10, Annex II) asks a procedure's page to tell an e-service
has, in its own language (every locale's e-service row is scored on its own).

Each item is one rule written once, as a small expression that gives both the
Python test (the editor's panel, the public row) and the database condition (the
report's filters and ordering), so the two never disagree."""

from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Filled:
    """A text field that is not empty."""

    field: str

    def test(self, obj):
        return bool(getattr(obj, self.field))

    def q(self):
        return ~Q(**{self.field: ""})


@dataclass(frozen=True)
class Known:
    """A field that is not NULL."""

    field: str

    def test(self, obj):
        return getattr(obj, self.field) is not None

    def q(self):
        return Q(**{f"{self.field}__isnull": False})


@dataclass(frozen=True)
class Is:
    field: str
    value: object

    def test(self, obj):
        return getattr(obj, self.field) == self.value

    def q(self):
        return Q(**{self.field: self.value})


@dataclass(frozen=True)
class AllOf:
    rules: tuple

    def test(self, obj):
        return all(rule.test(obj) for rule in self.rules)

    def q(self):
        q = Q()
        for rule in self.rules:
            q &= rule.q()
        return q


@dataclass(frozen=True)
class AnyOf:
    rules: tuple

    def test(self, obj):
        return any(rule.test(obj) for rule in self.rules)

    def q(self):
        q = Q(pk__in=[])
        for rule in self.rules:
            q |= rule.q()
        return q


@dataclass(frozen=True)
class Item:
    key: str
    label: str
    rule: object


# The required items, in the order the editor's panel, the report and its export list them.
ITEMS = [
    Item("steps", _("Steps of the procedure"), Filled("steps")),
    Item("evidence", _("Required evidence"), Filled("required_evidence")),
    Item("legal_basis", _("Legal basis (a link to the act)"), Filled("legal_basis_url")),
    Item("redress", _("Redress and appeal"), Filled("redress")),
    # Free, or an amount with the ways to pay it.
    Item(
        "fees",
        _("Fees and payment methods"),
        AnyOf((Is("is_free", True), AllOf((Known("cost_amount"), Filled("payment_methods"))))),
    ),
    Item("time_limits", _("Time limits"), Filled("time_limits")),
    Item("processing_time", _("Processing time"), Known("processing_days")),
    Item("tacit_approval", _("Whether tacit approval applies"), Filled("tacit_approval")),
    Item("updated", _("Date of the last update"), Known("information_updated")),
]
BY_KEY = {item.key: item for item in ITEMS}
TOTAL = len(ITEMS)

# The fields whose change makes the information "updated" (directory/forms.py, the importer):
# everything the public row tells, not the review date or the update date itself.
NOT_INFORMATION = {
    "id",
    "page",
    "sort_order",
    "locale",
    "translation_key",
    "last_reviewed",
    "information_updated",
}


def information_fields():
    from directory.models import EService

    return [
        f.name
        for f in EService._meta.get_fields()
        if getattr(f, "concrete", False) and f.name not in NOT_INFORMATION
    ]


@dataclass(frozen=True)
class Completeness:
    present: tuple  # (item, bool) in ITEMS order

    @property
    def score(self):
        return sum(1 for _item, ok in self.present if ok)

    @property
    def total(self):
        return TOTAL

    @property
    def complete(self):
        return self.score == TOTAL

    @property
    def missing(self):
        return [item for item, ok in self.present if not ok]

    @property
    def percent(self):
        return round(100 * self.score / TOTAL)


def completeness(service):
    """Which items `service` (saved or not: the editor's current form) has."""
    return Completeness(tuple((item, item.rule.test(service)) for item in ITEMS))


def annotate(queryset):
    """`queryset` of e-services with `sdg_<key>` (1/0) per item and `sdg_score` (their sum)."""
    flags = {
        f"sdg_{item.key}": Case(
            When(item.rule.q(), then=Value(1)), default=Value(0), output_field=IntegerField()
        )
        for item in ITEMS
    }
    return queryset.annotate(**flags).annotate(sdg_score=sum((F(name) for name in flags), Value(0)))
