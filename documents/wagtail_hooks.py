from wagtail import hooks

from .serving import serve_document


# Runs before Wagtail's own collection-restriction check (order 0): it decides
# every download, deferring to Wagtail only to show a collection password form.
@hooks.register("before_serve_document", order=-10)
def serve_with_privacy_rules(document, request):
    return serve_document(document, request)
