"""CPSV-AP 3.2.0 (/api/directory/cpsv-ap.jsonld, content negotiation on the
institution page) and the DCAT-AP catalog (/api/directory/catalog.jsonld),
validated with pySHACL against the official shapes vendored in
tests/data/cpsv-ap-3.2.0/ (no network)."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import RDF, Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, FOAF, SKOS

from tests.directory.factories import make_institution

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parent.parent / "data" / "cpsv-ap-3.2.0"
CPSV = Namespace("http://purl.org/vocab/cpsv#")
CV = Namespace("http://data.europa.eu/m8g/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
# plain namespaces: pytest's collection probes module attributes, rdflib's closed DCAT/XSD warn on that
DCAT = Namespace("http://www.w3.org/ns/dcat#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
LOCALES = ["bg", "ro", "en"]


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(DATA / "cpsv-ap-SHACL.ttl", format="turtle")


def conforms(graph, shapes):
    ok, _report, text = validate(graph, shacl_graph=shapes)
    return ok, text


def jsonld_graph(response):
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    return Graph().parse(data=response.content.decode(), format="json-ld")


def turtle_graph(response):
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    return Graph().parse(data=response.content.decode(), format="turtle")


def directory_index(code):
    from directory.models import DirectoryIndexPage

    return DirectoryIndexPage.objects.get(locale__language_code=code)


@pytest.mark.parametrize("code", LOCALES)
def test_demo_export_conforms_to_the_official_shapes(client, demo_site, shapes, code):
    from directory.cpsv import PUBLIC_TYPES
    from directory.models import EService, InstitutionPage

    graph = jsonld_graph(client.get(f"/api/directory/cpsv-ap.jsonld?locale={code}"))
    ok, text = conforms(graph, shapes)
    assert ok, text

    public = InstitutionPage.objects.live().filter(locale__language_code=code)
    n_public = public.filter(organisation_type__code__in=PUBLIC_TYPES).count()
    n_services = EService.objects.filter(
        page__in=public.filter(organisation_type__code__in=PUBLIC_TYPES)
    ).count()
    assert len(set(graph.subjects(RDF.type, CV.PublicOrganisation))) == n_public > 25
    assert len(set(graph.subjects(RDF.type, CPSV.PublicService))) == n_services > 50
    # NGOs and chambers: agents, not public organisations
    agents = set(graph.subjects(RDF.type, FOAF.Agent)) - {
        URIRef("http://testserver/api/directory/catalog.jsonld#publisher")
    }
    assert len(agents) == public.exclude(organisation_type__code__in=PUBLIC_TYPES).count() >= 3
    assert all((a, RDF.type, ORG.Organization) in graph for a in agents)
    # every text in the export's language (the publisher's name is given in all three)
    publisher = URIRef("http://testserver/api/directory/catalog.jsonld#publisher")
    languages = {o.language for s, _p, o in graph if isinstance(o, Literal) and o.language and s != publisher}
    assert languages == {code}
    ruse = URIRef(f"http://testserver/{code}/directory/ruse-municipality/")
    assert (ruse, DCTERMS.spatial, URIRef("http://data.europa.eu/nuts/code/BG323")) in graph
    assert (URIRef("http://data.europa.eu/nuts/code/BG323"), RDF.type, DCTERMS.Location) in graph
    assert (
        ruse,
        DCTERMS.spatial,
        URIRef("http://publications.europa.eu/resource/authority/country/BGR"),
    ) in graph


def test_turtle_is_the_same_graph_as_json_ld(client, demo_site):
    as_jsonld = jsonld_graph(client.get("/api/directory/cpsv-ap.jsonld?locale=ro"))
    as_turtle = turtle_graph(client.get("/api/directory/cpsv-ap.jsonld?locale=ro&format=ttl"))
    assert len(as_turtle) > 1000
    assert isomorphic(as_jsonld, as_turtle)


def test_every_term_is_one_of_the_profile(client, demo_site):
    """Properties and classes are those the official CPSV-AP context defines (plus rdf:type and
    two DCMI/SKOS terms the profile leaves open: modification date and alternative name)."""
    context = json.loads((DATA / "cpsv-ap.jsonld").read_text())["@context"]
    known = {v if isinstance(v, str) else v.get("@id") for v in context.values()}
    known |= {str(RDF.type), str(DCTERMS.modified), str(SKOS.altLabel)}
    graph = jsonld_graph(client.get("/api/directory/cpsv-ap.jsonld?locale=en"))
    predicates = {str(p) for p in graph.predicates()}
    classes = {str(c) for c in graph.objects(None, RDF.type)}
    assert predicates - known == set()
    assert classes - known == set()


@pytest.mark.parametrize("code", LOCALES)
def test_institution_with_every_optional_field_empty_conforms(client, demo_site, shapes, code):
    """Content negotiation on a factory institution whose optional fields are all empty:
    its own graph, valid on its own."""
    from directory.models import EService, ServiceCategory

    index = directory_index(code)
    page = make_institution(index, locality="", latitude=None, longitude=None)
    EService.objects.create(
        page=page,
        locale=page.locale,
        name="Справка",
        category=ServiceCategory.objects.get(locale=page.locale, code="civil-status"),
        channel="in_person",
    )
    url = page.get_url()
    response = client.get(url, HTTP_ACCEPT="text/turtle")
    assert response.status_code == 200
    assert "Accept" in response["Vary"]
    graph = turtle_graph(response)
    ok, text = conforms(graph, shapes)
    assert ok, text
    services = list(graph.subjects(RDF.type, CPSV.PublicService))
    assert len(services) == 1
    service = services[0]
    assert (service, CV.hasCompetentAuthority, URIRef(f"http://testserver{url}")) in graph
    description = graph.value(service, DCTERMS.description)  # made up from name and institution
    assert description.language == code and page.title in description
    channel_type = graph.value(graph.value(service, CV.hasChannel), DCTERMS.type)
    assert str(channel_type) == "http://testserver/api/directory/cpsv-ap.jsonld#channel-type-in_person"
    assert (channel_type, RDF.type, SKOS.Concept) in graph
    assert graph.value(graph.value(service, CV.hasCost), CV.hasValue) == Literal(0.0)
    assert (None, RDF.type, URIRef("http://www.w3.org/ns/locn#Address")) not in graph


def test_sdg_information_and_typed_values(client, demo_site, shapes):
    from directory.models import EService, ServiceCategory

    page = make_institution(
        directory_index("bg"),
        street_address="пл. „Свобода“ 6",
        postcode="7000",
        phone="+359 82 881 802",
        email="info@example.org",
    )
    EService.objects.create(
        page=page,
        locale=page.locale,
        name="Удостоверение за наследници",
        description="Издаване на удостоверение за наследници.",
        category=ServiceCategory.objects.get(locale=page.locale, code="civil-status"),
        channel="online",
        online_url="https://example.org/heirs",
        authentication="eid",
        is_free=False,
        cost_amount=Decimal("5.50"),
        cost_currency="BGN",
        processing_days=7,
        languages=["bg", "en"],
        output="certificate",
        steps="Подайте заявление.\nПолучете удостоверението.",
        required_evidence="Акт за смърт\n\nЛична карта",
        legal_basis_title="Закон за гражданската регистрация",
        legal_basis_url="https://lex.bg/laws/ldoc/2134673409",
        redress="Жалба пред административния съд.",
        payment_methods="карта, в брой",
        time_limits="7 дни",
        tacit_approval="no",
        information_updated=datetime.date(2026, 11, 2),
    )
    graph = turtle_graph(client.get(page.get_url(), HTTP_ACCEPT="text/turtle;q=0.9, text/html;q=0.5"))
    ok, text = conforms(graph, shapes)
    assert ok, text
    service = next(graph.subjects(RDF.type, CPSV.PublicService))
    legal = URIRef("https://lex.bg/laws/ldoc/2134673409")
    assert (service, CV.hasLegalResource, legal) in graph and (legal, RDF.type, ELI.LegalResource) in graph
    evidence = sorted(str(graph.value(e, DCTERMS.title)) for e in graph.objects(service, CPSV.hasInput))
    assert evidence == ["Акт за смърт", "Лична карта"]
    requirement = graph.value(service, CV.holdsRequirement)
    assert len(list(graph.objects(requirement, CV.hasSupportingEvidence))) == 2
    rules = {
        str(graph.value(r, DCTERMS.title)): str(graph.value(r, DCTERMS.description))
        for r in graph.objects(service, CPSV.follows)
    }
    assert rules["Стъпки"].startswith("Подайте заявление.")
    assert set(rules) >= {"Стъпки", "Срокове"} and len(rules) == 4
    assert all((r, CPSV.implements, legal) in graph for r in graph.objects(service, CPSV.follows))
    cost = graph.value(service, CV.hasCost)
    assert graph.value(cost, CV.hasValue) == Literal(5.5, datatype=XSD.double)
    currency = URIRef("http://publications.europa.eu/resource/authority/currency/BGN")
    assert graph.value(cost, CV.currency) == currency and (currency, RDF.type, SKOS.Concept) in graph
    assert any("карта, в брой" in d for d in graph.objects(cost, DCTERMS.description))
    assert graph.value(service, CV.processingTime) == Literal("P7D", datatype=XSD.duration)
    languages = set(graph.objects(service, DCTERMS.language))
    authority = "http://publications.europa.eu/resource/authority/language/"
    assert languages == {URIRef(authority + "BUL"), URIRef(authority + "ENG")}
    assert all((lang, RDF.type, DCTERMS.LinguisticSystem) in graph for lang in languages)
    channel = graph.value(service, CV.hasChannel)
    assert graph.value(channel, DCTERMS.type) == URIRef("http://data.europa.eu/snb/com-channel/b37115f83e")
    assert graph.value(channel, FOAF.page) == URIRef("https://example.org/heirs")
    assert graph.value(graph.value(service, CPSV.produces), DCTERMS.title) == Literal(
        "удостоверение", lang="bg"
    )
    assert graph.value(service, DCTERMS.modified) == Literal(datetime.date(2026, 11, 2))
    contact = graph.value(service, CV.contactPoint)
    assert str(graph.value(contact, CV.telephone)) == "+359 82 881 802"


def test_content_negotiation_keeps_html_for_browsers(client, demo_site):
    url = "/en/directory/ruse-municipality/"
    browser = client.get(url, HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")
    assert browser["Content-Type"].startswith("text/html") and "Accept" in browser["Vary"]
    assert client.get(url, HTTP_ACCEPT="*/*")["Content-Type"].startswith("text/html")
    graph = jsonld_graph(client.get(url, HTTP_ACCEPT="application/ld+json"))
    organisations = set(graph.subjects(RDF.type, CV.PublicOrganisation))
    assert organisations == {URIRef("http://testserver" + url)}
    assert len(set(graph.subjects(RDF.type, CPSV.PublicService))) >= 3
    # the page's sub-routes are unaffected
    assert client.get(url + "enquiry/sent/", HTTP_ACCEPT="text/turtle")["Content-Type"].startswith(
        "text/html"
    )


@pytest.mark.parametrize(
    ("query", "language", "message"),
    [
        ("locale=de", "en", "locale must be one of bg, ro, en; got 'de'"),
        ("locale=de", "bg", "locale трябва да е една от стойностите bg, ro, en"),
        ("locale=en&format=xml", "en", "format must be one of jsonld, ttl; got 'xml'"),
        ("locale=en&format=xml", "ro", "format trebuie să fie una dintre valorile jsonld, ttl"),
    ],
)
def test_unknown_locale_or_format_is_a_400_listing_the_allowed_values(
    client, demo_site, query, language, message
):
    response = client.get(f"/api/directory/cpsv-ap.jsonld?{query}", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert client.get("/api/directory/catalog.jsonld?format=rdf").status_code == 400


def test_export_queries_do_not_grow_with_the_directory(client, demo_site, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    url = "/api/directory/cpsv-ap.jsonld?locale=bg"
    with CaptureQueriesContext(connection) as demo:
        before = len(set(jsonld_graph(client.get(url)).subjects(RDF.type, CPSV.PublicService)))
    assert len(demo.captured_queries) <= 12
    for _ in range(3):
        make_institution(directory_index("bg"), services=[{}, {"channel": "in_person"}], revision=False)
    with django_assert_max_num_queries(len(demo.captured_queries)):
        response = client.get(url)
    assert len(set(jsonld_graph(response).subjects(RDF.type, CPSV.PublicService))) == before + 6


def test_catalog_lists_the_datasets_and_every_file_is_served(client, demo_site, shapes):
    response = client.get("/api/directory/catalog.jsonld")
    graph = jsonld_graph(response)
    ok, text = conforms(graph, shapes)  # the profile's dcat:Dataset and foaf:Agent shapes
    assert ok, text
    catalog = URIRef("http://testserver/api/directory/catalog.jsonld")
    assert (catalog, RDF.type, DCAT.Catalog) in graph
    assert {t.language for t in graph.objects(catalog, DCTERMS.title)} == set(LOCALES)
    datasets = set(graph.objects(catalog, DCAT.dataset))
    cpsv_ap = URIRef(str(catalog) + "#cpsv-ap")
    assert cpsv_ap in datasets and len(datasets) >= 5
    assert (cpsv_ap, DCTERMS.conformsTo, URIRef("https://semiceu.github.io/CPSV-AP/releases/3.2.0/")) in graph
    assert len(list(graph.objects(cpsv_ap, DCAT.distribution))) == 6  # 3 languages x JSON-LD, Turtle
    media_types = set()
    for dataset in datasets:
        assert {t.language for t in graph.objects(dataset, DCTERMS.title)} == set(LOCALES)
        for distribution in graph.objects(dataset, DCAT.distribution):
            url = str(graph.value(distribution, DCAT.accessURL))
            media_type = str(graph.value(distribution, DCAT.mediaType)).rsplit("media-types/", 1)[-1]
            media_types.add(media_type)
            served = client.get(url.removeprefix("http://testserver"))
            assert served.status_code == 200, url
            assert served["Content-Type"].split(";")[0] in (media_type, "application/xml", "text/xml"), url
    assert media_types >= {"application/ld+json", "text/turtle", "text/csv", "application/rss+xml"}
    turtle = turtle_graph(client.get("/api/directory/catalog.jsonld?format=ttl"))
    assert isomorphic(graph, turtle)
