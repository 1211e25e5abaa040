"""/api/directory/catalog.jsonld: the datasets the site publishes, as a DCAT-AP
catalog, so that data portals can list them.

The datasets are the open-data page's sections (the `open_data_downloads`
hook, cms/open_data.py), read once per language: a download is a
`dcat:Distribution` (one per language and format), downloads with the same
`dataset` key (or, without one, the same label) are one `dcat:Dataset` with
titles and descriptions in bg, ro and en. So the catalog never lists a file
the open-data page does not, and a new download appears in both."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail import hooks

from cms.base_url import absolute_url
from directory import cpsv

# dct:format (EU file-type authority table) and dcat:mediaType (IANA) by the downloads' "format".
FILE_TYPES = [
    ("JSON-LD", "JSON_LD", "application/ld+json"),
    ("Turtle", "RDF_TURTLE", "text/turtle"),
    ("CSV", "CSV", "text/csv"),
    ("RSS", "RSS", "application/rss+xml"),
    ("Atom", "ATOM", "application/atom+xml"),
    ("JSON", "JSON", "application/json"),
]
IANA = "http://www.iana.org/assignments/media-types/"


def _licence():
    """settings.OPEN_DATA_LICENCE (an IRI, e.g. of the EU licence authority table), if the site states one."""
    return settings.OPEN_DATA_LICENCE


def _languages():
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def _file_type(label):
    for prefix, file_type, media_type in FILE_TYPES:
        if label.startswith(prefix):
            return file_type, media_type
    return None, None


def _datasets(request):
    """{key: {"titles": {lang: str}, "descriptions": {lang: str}, "downloads": [(lang, download)]}}"""
    datasets = {}
    for language in _languages():
        with translation.override(language):
            for fn in hooks.get_hooks("open_data_downloads"):
                section = fn(request, language)
                if not section:
                    continue
                labels = []
                for download in section["downloads"]:
                    label = str(download["label"])
                    if label not in labels:
                        labels.append(label)
                    key = download.get("dataset") or f"{fn.__name__}-{labels.index(label) + 1}"
                    entry = datasets.setdefault(key, {"titles": {}, "descriptions": {}, "downloads": []})
                    entry["titles"].setdefault(language, label)
                    entry["descriptions"].setdefault(language, str(section["description"]))
                    entry["downloads"].append((language, download))
    return datasets


def catalog_document(request=None):
    languages = _languages()
    publisher = cpsv.publisher()
    nodes = [publisher]
    licence = _licence()
    linguistic = {
        code: {"@id": f"{cpsv.AUTHORITY}language/{cpsv.LANGUAGES[code]}", "@type": "dct:LinguisticSystem"}
        for code in languages
    }
    nodes.extend(linguistic.values())
    homepage = {"@id": absolute_url("/"), "@type": "foaf:Document"}
    nodes.append(homepage)
    datasets = []
    for key, entry in _datasets(request).items():
        iri = cpsv.catalog_iri(key)
        distributions = []
        for n, (language, download) in enumerate(entry["downloads"], start=1):
            file_type, media_type = _file_type(str(download["format"]))
            distribution = {
                "@id": f"{iri}-{n}",
                "@type": "dcat:Distribution",
                "dcat:accessURL": {"@id": download["url"]},
                "dcat:downloadURL": {"@id": download["url"]},
                "dct:title": cpsv._text(f"{download['label']} ({download['format']})", language),
                "dct:language": {"@id": linguistic[language]["@id"]},
            }
            if licence:
                distribution["dct:license"] = {"@id": licence}
            if file_type:
                distribution["dct:format"] = {"@id": f"{cpsv.AUTHORITY}file-type/{file_type}"}
                distribution["dcat:mediaType"] = {"@id": IANA + media_type}
            if download.get("conforms_to"):
                distribution["dct:conformsTo"] = {"@id": download["conforms_to"]}
            nodes.append(distribution)
            distributions.append({"@id": distribution["@id"]})
        if key == "cpsv-ap":  # the titles the export's own dataset node gives (directory/cpsv.py)
            for code in entry["titles"]:
                with translation.override(code):
                    own = cpsv.dataset_node(code)
                entry["titles"][code] = own["dct:title"]["@value"]
                entry["descriptions"][code] = own["dct:description"]["@value"]
        dataset = {
            "@id": iri,
            "@type": "dcat:Dataset",
            "dct:title": [cpsv._text(title, code) for code, title in entry["titles"].items()],
            "dct:description": [cpsv._text(text, code) for code, text in entry["descriptions"].items()],
            "dct:publisher": {"@id": publisher["@id"]},
            "dcat:landingPage": {"@id": homepage["@id"]},
            "dct:language": [{"@id": linguistic[code]["@id"]} for code in entry["titles"]],
            "dcat:distribution": distributions,
        }
        if key == "cpsv-ap":
            dataset["dct:conformsTo"] = {"@id": cpsv.SPECIFICATION}
        nodes.append(dataset)
        datasets.append({"@id": iri})
    titles, descriptions = [], []
    for code in languages:
        with translation.override(code):
            titles.append(cpsv._text(_("Open data of BG-RO E-GoverNet"), code))
            descriptions.append(
                cpsv._text(
                    _(
                        "The datasets this site publishes: its directory of institutions and public "
                        "services (CPSV-AP and CSV) and its news feeds, in Bulgarian, Romanian and English."
                    ),
                    code,
                )
            )
    catalog = {
        "@id": cpsv.catalog_iri(),
        "@type": "dcat:Catalog",
        "dct:title": titles,
        "dct:description": descriptions,
        "dct:publisher": {"@id": publisher["@id"]},
        "foaf:homepage": {"@id": homepage["@id"]},
        "dct:language": [{"@id": node["@id"]} for node in linguistic.values()],
        "dcat:dataset": datasets,
    }
    if licence:
        catalog["dct:license"] = {"@id": licence}
    nodes.append(catalog)
    return {"@context": cpsv.CONTEXT, "@graph": nodes}
