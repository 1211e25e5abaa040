"""How a document download is answered (called from the before_serve_document hook).

Public documents: streamed by Wagtail's serve view at their stable URL with
the original file name and the stored MIME type; `serve` below adds a public
Cache-Control (Wagtail's view answers conditional requests from the ETag).
Private documents (everything the rule in cms.visibility hides: unattached,
used only by drafts or hidden pages, or in a restricted collection): only for
users allowed to see them, and from S3 by
redirect to a signed URL that expires within five minutes, never a public
object URL."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.cache import patch_cache_control
from wagtail.documents.models import document_served
from wagtail.documents.views.serve import serve as wagtail_serve
from wagtail.models import BaseViewRestriction
from wagtail.permissions import policy_registry

from .models import Document
from .queries import is_public_document, is_used_by_visible_pages


def signed_url(document, expire=None):
    """A signed, expiring storage URL that makes the browser save the file
    under its original name; None when the storage serves local files."""
    if document.is_stored_locally():
        return None
    expire = expire or settings.DOCUMENTS_SIGNED_URL_EXPIRY
    parameters = {
        "ResponseContentDisposition": document.content_disposition,
        "ResponseContentType": document.content_type,
        "ResponseCacheControl": "private, no-store",
    }
    try:
        return document.file.storage.url(document.file.name, parameters=parameters, expire=expire)
    except TypeError:  # a remote storage without signing parameters
        return document.file.url


def serve_public(document, request):
    """Let Wagtail's serve view stream it; the view wrapper adds the cache headers."""
    request.document_visibility = "public"
    return None


def user_may_manage(document, user):
    policy = policy_registry.get_by_type(Document)
    return user.is_authenticated and policy.user_has_any_permission_for_instance(
        user, ["change", "choose"], document
    )


def serve_private(document, request):
    """Returns a response, None to let Wagtail ask for a collection password,
    or raises 404 (anonymous) / 403 (signed-in user without access)."""
    if not user_may_manage(document, request.user):
        restrictions = document.collection.get_view_restrictions()
        pending = [r for r in restrictions if not r.accept_request(request)]
        if not is_used_by_visible_pages(document) or (
            pending and any(r.restriction_type != BaseViewRestriction.PASSWORD for r in pending)
        ):
            if request.user.is_authenticated:
                raise PermissionDenied
            raise Http404
        if pending:
            return None  # a password restriction: Wagtail's own hook shows the form
    request.document_visibility = "private"
    url = signed_url(document)
    if url is None:
        return None  # local files: Wagtail's view streams them (marked no-store by the wrapper)
    document_served.send(sender=Document, instance=document, request=request)
    response = redirect(url)
    patch_cache_control(response, private=True, no_store=True)
    response["Referrer-Policy"] = "no-referrer"
    return response


def serve_document(document, request):
    request.served_document = document
    if is_public_document(document):
        return serve_public(document, request)
    return serve_private(document, request)


def set_file_headers(response, document):
    """The headers of a streamed file, from the document's stored facts.

    Wagtail's local-file path (sendfile) names the file by its storage name
    (spaces become underscores), sends PDFs as attachments (it compares the
    disposition with "inline") and writes a literal `Content-Encoding: None`."""
    response["Content-Disposition"] = document.content_disposition
    response["Content-Type"] = document.content_type
    if "Content-Encoding" in response and response["Content-Encoding"] in ("", "None"):
        del response["Content-Encoding"]


def serve(request, document_id, document_filename):
    """The document URL (same path as Wagtail's, routed here first): Wagtail's
    serve view and hooks, plus cache headers that depend on visibility."""
    response = wagtail_serve(request, document_id, document_filename)
    document = getattr(request, "served_document", None)
    if document is not None and response.status_code == 200 and "Content-Disposition" in response:
        set_file_headers(response, document)
    visibility = getattr(request, "document_visibility", None)
    if visibility == "public" and response.status_code in (200, 304):
        patch_cache_control(response, public=True, max_age=settings.DOCUMENTS_CACHE_MAX_AGE)
    elif visibility == "private":
        patch_cache_control(response, private=True, no_store=True)
    return response
