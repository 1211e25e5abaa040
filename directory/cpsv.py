"""The directory as CPSV-AP 3.2.0 (the EU Core Public Service Vocabulary
Application Profile) and the site's datasets as a DCAT-AP catalog.

One locale per document: every text is an rdf:langString in that language.
The document validates on its own against the official SHACL shapes
(tests/data/cpsv-ap-3.2.0/): each code-list value it points to (EU language
and country authority tables, NUTS regions, currencies, channel types) is a
typed node in the document itself, because the shapes check `sh:class`.

What maps to what:
- a public institution (institution types in PUBLIC_TYPES) is a
  `cv:PublicOrganisation` (and `org:Organization`) with `skos:prefLabel` and
  `dct:spatial` (its NUTS-3 region and its country);
- an NGO, a business or a school is an `org:Organization` and `foaf:Agent`
  (`dct:identifier`, `dct:title`). CPSV-AP defines a public service as one a
  public organisation is competent for (`cv:hasCompetentAuthority`, at least
  one `cv:PublicOrganisation`), so their services are not in this export (they
  are in the CSV and the schema.org JSON-LD of their pages);
- an e-service is a `cpsv:PublicService`: identifier (its translation key,
  the same in every language), title, description, competent authority,
  channel (`cv:Channel` typed with the Europass channel type for online
  services, with the directory's own types for assisted and in-person ones),
  cost (`cv:Cost`, 0 when free), processing time (`xsd:duration`), output
  (`cv:Output`), languages, spatial coverage, status, thematic area (the
  directory's category) and the Single Digital Gateway information: legal basis
  (`cv:hasLegalResource`, an `eli:LegalResource`), required evidence (one
  `cv:Evidence` per line behind one `cv:Requirement`), steps, redress, time
  limits and tacit approval (each a `cpsv:Rule` the service follows), payment
  methods (in the cost's description), last update (`dct:modified`)."""

import json

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from cms.base_url import absolute_url, page_url, site_base_url
from directory.blocks import opening_hours_row
from directory.models import EService, InstitutionPage
from directory.models.fields import language_names
from directory.models.snippets import COUNTRY_CHOICES

VERSION = "3.2.0"
SPECIFICATION = "https://semiceu.github.io/CPSV-AP/releases/3.2.0/"

CONTEXT = {
    "cpsv": "http://purl.org/vocab/cpsv#",
    "cv": "http://data.europa.eu/m8g/",
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "eli": "http://data.europa.eu/eli/ontology#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "locn": "http://www.w3.org/ns/locn#",
    "org": "http://www.w3.org/ns/org#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "time": "http://www.w3.org/2006/time#",
    "adms": "http://www.w3.org/ns/adms#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}

# Institution types whose members are public organisations (directory/vocabularies.py codes).
PUBLIC_TYPES = {
    "district-administration",
    "county-council",
    "prefecture",
    "municipality",
    "other-public-body",
}

AUTHORITY = "http://publications.europa.eu/resource/authority/"
LANGUAGES = {"bg": "BUL", "ro": "RON", "en": "ENG", "de": "DEU", "fr": "FRA", "ru": "RUS", "tr": "TUR"}
COUNTRIES = {"BG": "BGR", "RO": "ROU"}
NUTS = "http://data.europa.eu/nuts/code/"
# The Europass channel types CPSV-AP recommends (http://data.europa.eu/snb/com-channel/25831c2):
# "Web" for online services. It has no assisted or in-person type: those are the directory's own.
EUROPASS_WEB = "http://data.europa.eu/snb/com-channel/b37115f83e"
STATUS_CURRENT = AUTHORITY + "concept-status/CURRENT"

FORMATS = {"jsonld": "application/ld+json", "ttl": "text/turtle"}


def _text(value, language):
    return {"@value": value, "@language": language}


def export_url(locale_code=None, fmt=None):
    from django.utils.http import urlencode

    params = {k: v for k, v in (("locale", locale_code), ("format", fmt)) if v}
    return absolute_url(reverse("directory_export_cpsv") + (f"?{urlencode(params)}" if params else ""))


def vocabulary_iri(kind, code):
    """The directory's own concepts (categories, channel types) live in the export's document."""
    return f"{absolute_url(reverse('directory_export_cpsv'))}#{kind}-{code}"


def catalog_iri(fragment=""):
    url = absolute_url(reverse("directory_catalog"))
    return f"{url}#{fragment}" if fragment else url


def publisher():
    """The site's publisher: the network, as a foaf:Agent (identifier = the site's address)."""
    return {
        "@id": catalog_iri("publisher"),
        "@type": "foaf:Agent",
        "dct:identifier": site_base_url(),
        "dct:title": [_text("BG-RO E-GoverNet", code) for code in ("bg", "ro", "en")],
    }


def is_public(page):
    return page.organisation_type.code in PUBLIC_TYPES


def exported_institutions(locale):
    """The published institutions of `locale` with what the export reads, in constant queries."""
    from directory.facets import order_by_name

    return order_by_name(
        InstitutionPage.objects.publicly_visible()
        .filter(locale=locale)
        .select_related("nuts_region", "organisation_type", "locale")
        .prefetch_related(
            Prefetch(
                "e_services", queryset=EService.objects.select_related("category").order_by("sort_order")
            )
        ),
        locale.language_code,
    )


class _Graph:
    """Collects the nodes of one document; code-list nodes once each."""

    def __init__(self, language, request=None):
        self.language = language
        self.request = request
        self.nodes = {}

    def add(self, node):
        existing = self.nodes.get(node["@id"])
        if existing is None:
            self.nodes[node["@id"]] = node
        return node["@id"]

    def text(self, value):
        return _text(value, self.language)

    def ref(self, node):
        return {"@id": self.add(node)}

    # --- code lists ---------------------------------------------------------

    def concept(self, iri, label=None, extra_type=None):
        node = {"@id": iri, "@type": ["skos:Concept"] + ([extra_type] if extra_type else [])}
        if label:
            node["skos:prefLabel"] = self.text(str(label))
        return self.ref(node)

    def location(self, iri, label):
        return self.ref({"@id": iri, "@type": "dct:Location", "skos:prefLabel": self.text(str(label))})

    def language_node(self, code):
        return self.ref(
            {
                "@id": f"{AUTHORITY}language/{LANGUAGES[code]}",
                "@type": "dct:LinguisticSystem",
                "skos:prefLabel": self.text(language_names([code])),
            }
        )

    def region(self, region):
        return self.location(NUTS + region.nuts_code, region.name)

    def country(self, code):
        return self.location(f"{AUTHORITY}country/{COUNTRIES[code]}", dict(COUNTRY_CHOICES)[code])

    # --- institutions -------------------------------------------------------

    def institution(self, page):
        iri = page_url(page, self.request)
        types = (
            ["cv:PublicOrganisation", "org:Organization"]
            if is_public(page)
            else ["org:Organization", "foaf:Agent"]
        )
        node = {
            "@id": iri,
            "@type": types,
            "dct:identifier": page.registry_id,
            "skos:prefLabel": self.text(page.title),
        }
        if is_public(page):
            node["dct:spatial"] = [self.region(page.nuts_region), self.country(page.country)]
        else:
            node["dct:title"] = self.text(page.title)
        if page.short_name:
            node["skos:altLabel"] = self.text(page.short_name)
        if page.website:
            node["foaf:page"] = {"@id": page.website}
        address = self.address(page, iri)
        if address:
            node["locn:address"] = address
        self.add(node)
        if is_public(page):
            for service in page.e_services.all():
                self.service(service, page, iri)
        return iri

    def address(self, page, iri):
        if not (page.street_address or page.postcode or page.locality):
            return None
        node = {"@id": f"{iri}#address", "@type": "locn:Address"}
        if page.street_address:
            node["locn:thoroughfare"] = self.text(page.street_address)
        if page.postcode:
            node["locn:postCode"] = page.postcode
        if page.locality:
            node["locn:postName"] = self.text(page.locality)
        node["locn:adminUnitL1"] = self.text(str(dict(COUNTRY_CHOICES)[page.country]))
        return self.ref(node)

    def contact_point(self, page, iri):
        if not (page.phone or page.email or page.opening_hours):
            return None
        node = {"@id": f"{iri}#contact-point", "@type": "cv:ContactPoint"}
        if page.phone:
            node["cv:telephone"] = page.phone
        if page.email:
            node["cv:email"] = page.email
        hours = []
        for n, block in enumerate(page.opening_hours, start=1):
            row = opening_hours_row(block.value)
            description = f"{row['days']} {row['opens']:%H:%M}–{row['closes']:%H:%M}"
            hours.append(
                self.ref(
                    {
                        "@id": f"{iri}#opening-hours-{n}",
                        "@type": "time:TemporalEntity",
                        "dct:description": self.text(description),
                    }
                )
            )
        if hours:
            node["cv:openingHours"] = hours
        return self.ref(node)

    # --- e-services ---------------------------------------------------------

    def service(self, service, page, authority):
        key = str(service.translation_key)
        iri = f"{authority}#e-service-{key}"
        description = service.description.strip() or _("%(service)s: an e-service of %(institution)s.") % {
            "service": service.name,
            "institution": page.title,
        }
        node = {
            "@id": iri,
            "@type": "cpsv:PublicService",
            "dct:identifier": key,
            "dct:title": self.text(service.name),
            "dct:description": self.text(description),
            "cv:hasCompetentAuthority": {"@id": authority},
            "dct:spatial": self.region(page.nuts_region),
            "adms:status": self.concept(STATUS_CURRENT),
            "cv:thematicArea": self.concept(
                vocabulary_iri("category", service.category.code), service.category.name
            ),
            "cv:hasChannel": self.channel(service, iri, key, authority),
            "cv:hasCost": self.cost(service, iri, key),
            "dct:isPartOf": {"@id": catalog_iri("cpsv-ap")},
        }
        if service.languages:
            node["dct:language"] = [
                self.language_node(code) for code in service.languages if code in LANGUAGES
            ]
        if service.processing_days is not None:
            node["cv:processingTime"] = {"@value": f"P{service.processing_days}D", "@type": "xsd:duration"}
        if service.output:
            node["cpsv:produces"] = self.ref(
                {
                    "@id": f"{iri}-output",
                    "@type": "cv:Output",
                    "dct:identifier": f"{key}-output",
                    "dct:title": self.text(str(service.get_output_display())),
                }
            )
        contact = self.contact_point(page, authority)
        if contact:
            node["cv:contactPoint"] = contact
        legal = self.legal_resource(service, iri)
        if legal:
            node["cv:hasLegalResource"] = legal
        evidence = self.evidence(service, iri, key)
        if evidence:
            node["cpsv:hasInput"] = evidence
            node["cv:holdsRequirement"] = self.ref(
                {
                    "@id": f"{iri}-requirement",
                    "@type": "cv:Requirement",
                    "dct:identifier": f"{key}-requirement",
                    "dct:title": self.text(_("Documents and evidence to provide")),
                    "cv:hasSupportingEvidence": evidence,
                }
            )
        rules = self.rules(service, iri, key, legal)
        if rules:
            node["cpsv:follows"] = rules
        updated = service.information_updated or service.last_reviewed
        if updated:
            node["dct:modified"] = {"@value": updated.isoformat(), "@type": "xsd:date"}
        self.add(node)
        return iri

    def channel(self, service, iri, key, owner):
        if service.channel == "online":
            channel_type = self.concept(EUROPASS_WEB, service.get_channel_display())
        else:
            channel_type = self.concept(
                vocabulary_iri("channel-type", service.channel), service.get_channel_display()
            )
        node = {
            "@id": f"{iri}-channel",
            "@type": "cv:Channel",
            "dct:identifier": f"{key}-channel",
            "dct:type": channel_type,
            "cv:ownedBy": {"@id": owner},
        }
        if service.online_url:
            node["foaf:page"] = {"@id": service.online_url}
        if service.authentication != "none":
            node["dct:description"] = self.text(
                _("Authentication: %(method)s") % {"method": service.get_authentication_display()}
            )
        return self.ref(node)

    def cost(self, service, iri, key):
        node = {"@id": f"{iri}-cost", "@type": "cv:Cost", "dct:identifier": f"{key}-cost"}
        descriptions = []
        if service.is_free:
            node["cv:hasValue"] = {"@value": "0.0E0", "@type": "xsd:double"}
            descriptions.append(str(service.cost_display))
        elif service.cost_amount is not None:
            node["cv:hasValue"] = {"@value": f"{float(service.cost_amount):E}", "@type": "xsd:double"}
            descriptions.append(str(service.cost_display))
        if not service.is_free and service.cost_currency:
            node["cv:currency"] = self.concept(
                f"{AUTHORITY}currency/{service.cost_currency}", service.cost_currency
            )
        if service.payment_methods:
            descriptions.append(_("Payment methods: %(methods)s") % {"methods": service.payment_methods})
        if descriptions:
            node["dct:description"] = [self.text(d) for d in descriptions]
        return self.ref(node)

    def legal_resource(self, service, iri):
        if not (service.legal_basis_url or service.legal_basis_title):
            return None
        node = {"@id": service.legal_basis_url or f"{iri}-legal-resource", "@type": "eli:LegalResource"}
        if service.legal_basis_title:
            node["dct:title"] = self.text(service.legal_basis_title)
        return self.ref(node)

    def evidence(self, service, iri, key):
        lines = [line.strip() for line in service.required_evidence.splitlines() if line.strip()]
        return [
            self.ref(
                {
                    "@id": f"{iri}-evidence-{n}",
                    "@type": "cv:Evidence",
                    "dct:identifier": f"{key}-evidence-{n}",
                    "dct:title": self.text(line),
                    "cv:supportsRequirement": {"@id": f"{iri}-requirement"},
                }
            )
            for n, line in enumerate(lines, start=1)
        ]

    def rules(self, service, iri, key, legal):
        """Steps, redress, time limits and tacit approval: the rules the procedure follows."""
        texts = [
            ("steps", service.steps.strip()),
            ("redress", service.redress.strip()),
            ("time_limits", service.time_limits.strip()),
            ("tacit_approval", str(service.get_tacit_approval_display()) if service.tacit_approval else ""),
        ]
        rules = []
        for field, text in texts:
            if not text:
                continue
            slug = field.replace("_", "-")
            node = {
                "@id": f"{iri}-{slug}",
                "@type": "cpsv:Rule",
                "dct:identifier": f"{key}-{slug}",
                "dct:title": self.text(capfirst(str(EService._meta.get_field(field).verbose_name))),
                "dct:description": self.text(text),
            }
            if legal:
                node["cpsv:implements"] = legal
            rules.append(self.ref(node))
        return rules


def dataset_node(language):
    """The CPSV-AP dataset itself (dct:hasPart its services), as the catalog lists it."""
    return {
        "@id": catalog_iri("cpsv-ap"),
        "@type": "dcat:Dataset",
        "dct:title": _text(_("Public services of the BG-RO E-GoverNet directory (CPSV-AP)"), language),
        "dct:description": _text(
            _(
                "The e-services of the public institutions in the directory as CPSV-AP %(version)s, "
                "with their competent authorities."
            )
            % {"version": VERSION},
            language,
        ),
        "dct:publisher": {"@id": catalog_iri("publisher")},
        "dct:conformsTo": {"@id": SPECIFICATION},
    }


def cpsv_document(locale, request=None, pages=None):
    """The CPSV-AP graph of `pages` (default: every published institution of `locale`) as JSON-LD."""
    language = locale.language_code
    with translation.override(language):
        graph = _Graph(language, request)
        graph.add(publisher())
        dataset = dataset_node(language)
        graph.add(dataset)
        for page in exported_institutions(locale) if pages is None else pages:
            graph.institution(page)
        parts = [node["@id"] for node in graph.nodes.values() if node["@type"] == "cpsv:PublicService"]
        if parts:
            dataset["dct:hasPart"] = [{"@id": iri} for iri in parts]
    return {"@context": CONTEXT, "@graph": list(graph.nodes.values())}


def to_turtle(document):
    """The same graph in Turtle (rdflib parses the JSON-LD: one source of truth)."""
    from rdflib import Graph

    rdf = Graph()
    for prefix, namespace in document["@context"].items():
        rdf.bind(prefix, namespace)
    rdf.parse(data=json.dumps(document), format="json-ld")
    return rdf.serialize(format="turtle")
