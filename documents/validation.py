"""What an uploaded document must be before anything is stored.

The extension must be allowed, the size under the limit, and the bytes must
really be of the type the extension claims (a renamed executable is not a
PDF). Returns the facts stored on the document: MIME type, SHA-256, size and
page count (PDF only, when cheaply known)."""

import codecs
import hashlib
import io
import os
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_UPLOAD_SIZE = 50 * 1024 * 1024
SNIFF_BYTES = 1024 * 1024

MIME_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "csv": "text/csv",
    "txt": "text/plain",
}

# The main part an Office Open XML package must declare in [Content_Types].xml.
OOXML_MAIN_PARTS = {
    "docx": b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    "xlsx": b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}

PDF_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")
TEXT_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
SHOWN_EXTENSION = re.compile(r"[^\W_]{1,10}")


@dataclass
class UploadFacts:
    extension: str
    mime_type: str
    sha256: str
    sha1: str
    size: int
    page_count: int | None


def allowed_extensions():
    return [ext.lower() for ext in getattr(settings, "WAGTAILDOCS_EXTENSIONS", MIME_TYPES)]


def max_upload_size():
    return getattr(settings, "DOCUMENTS_MAX_UPLOAD_SIZE", DEFAULT_MAX_UPLOAD_SIZE)


def _read_all(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def _is_pdf(data):
    return b"%PDF-" in data[:1024]


def _is_ooxml(data, extension):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            content_types = archive.read("[Content_Types].xml")
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False
    return OOXML_MAIN_PARTS[extension] in content_types


def _is_opendocument(data, extension):
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            mimetype = archive.read("mimetype").strip()
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError):
        return False
    return mimetype == MIME_TYPES[extension].encode()


def _is_text(data):
    head = data[:SNIFF_BYTES]
    final = len(head) == len(data)
    encoding = "utf-16" if head[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        # Incremental: a multi-byte character cut at the sniff boundary is fine.
        text = codecs.getincrementaldecoder(encoding)().decode(head, final=final)
    except UnicodeDecodeError:
        if encoding == "utf-16":
            return False
        try:
            text = head.decode("cp1251")  # legacy Bulgarian exports
        except UnicodeDecodeError:
            return False
    return not TEXT_CONTROL.search(text)


def _real_type_matches(data, extension):
    if extension == "pdf":
        return _is_pdf(data)
    if extension in OOXML_MAIN_PARTS:
        return _is_ooxml(data, extension)
    if extension in ("odt", "ods"):
        return _is_opendocument(data, extension)
    if extension in ("csv", "txt"):
        return _is_text(data)
    return False  # an extension we cannot check is not accepted


def pdf_page_count(data):
    """Pages counted from uncompressed page objects; None when they are hidden
    in object streams (counting those would mean parsing the whole file)."""
    count = len(PDF_PAGE.findall(data))
    return count or None


def _shown_extension(extension):
    """The extension as the refusal message quotes it: a file name is the
    uploader's text, and the multiple uploader inserts the message as HTML."""
    return extension if SHOWN_EXTENSION.fullmatch(extension) else "?"


def inspect_upload(file, name=None):
    """Validate `file` and return its UploadFacts, or raise ValidationError."""
    name = name or getattr(file, "name", "") or ""
    extension = os.path.splitext(name)[1][1:].lower()
    allowed = allowed_extensions()
    if extension not in allowed:
        raise ValidationError(
            _("Files of type “%(extension)s” are not accepted. Allowed types: %(allowed)s.")
            % {"extension": _shown_extension(extension), "allowed": ", ".join(allowed)},
            code="extension",
        )
    size = getattr(file, "size", None)
    limit = max_upload_size()
    if size is not None and size > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="size",
        )
    data = _read_all(file)
    if len(data) > limit:
        raise ValidationError(
            _("This file is %(size)s; the largest file accepted is %(limit)s.")
            % {"size": filesizeformat(len(data)), "limit": filesizeformat(limit)},
            code="size",
        )
    if not data:
        raise ValidationError(_("The file is empty."), code="empty")
    if not _real_type_matches(data, extension):
        raise ValidationError(
            _("The file's content is not a valid %(extension)s file; it was refused.")
            % {"extension": extension.upper()},
            code="content",
        )
    return UploadFacts(
        extension=extension,
        mime_type=MIME_TYPES.get(extension, "application/octet-stream"),
        sha256=hashlib.sha256(data).hexdigest(),
        sha1=hashlib.sha1(data, usedforsecurity=False).hexdigest(),
        size=len(data),
        page_count=pdf_page_count(data) if extension == "pdf" else None,
    )
