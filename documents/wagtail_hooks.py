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
