from django.utils import translation
from wagtail import hooks

from .serving import serve_document


# Runs before Wagtail's own collection-restriction check (order 0): it decides
# every download, deferring to Wagtail only to show a collection password form.
@hooks.register("before_serve_document", order=-10)
def serve_with_privacy_rules(document, request):
    return serve_document(document, request)


@hooks.register("institution_related_content")
def agreements_of_institution(page, request):
    """Cooperation agreements the institution is a party to, in its page's language."""
    from documents.queries import agreements_for

    return "documents", list(agreements_for(page)[:20])


@hooks.register("institution_related_content")
def publications_of_institution(page, request):
    """Publications attributed to the institution, newest first, in its page's language."""
    from documents.queries import publications_from

    return "institution_publications", list(publications_from(page)[:20])


@hooks.register("institution_editor_page_permissions")
def institution_editors_write_publications():
    """Institution editors may add publications (attributed to their institution)."""
    from documents.models import DocumentIndexPage

    return [(DocumentIndexPage.objects.all(), ("add",))]


@hooks.register("network_figures")
def agreements_in_force(locale):
    """ "Agreements in force": public cooperation agreements whose status (by hand,
    else from the dates) is in force today; one per agreement, whatever its
    translations; broken down by the year signed."""
    from documents.queries import agreements_in_force as in_force

    agreements = in_force()
    years = {}
    for day in agreements.values():
        if day:
            years[str(day.year)] = years.get(str(day.year), 0) + 1
    return [
        {
            "key": "agreements_in_force",
            "label": translation.gettext("Cooperation agreements in force"),
            "value": len(agreements),
            "breakdown": sorted(years.items()),
        }
    ]
