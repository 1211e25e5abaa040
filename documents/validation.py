"""What an uploaded document must be before anything is stored.

The extension must be allowed, the size under the limit, and the bytes must
really be of the type the extension claims (a renamed executable is not a
PDF). Office files are ZIP packages: their members are counted and measured
from the archive's directory and then read in bounded chunks, so a package
that would inflate past the limits (a decompression bomb) is refused without
ever being unpacked into memory. Returns the facts stored on the document: MIME type, SHA-256, size and
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
MiB = 1024 * 1024
# What a real office file stays well inside (a 300-page report with images
# unpacks to some tens of MiB in a few hundred members; XML compresses 5–20×).
DEFAULT_ARCHIVE_LIMITS = {
    "members": 2000,
    "member_size": 64 * MiB,
    "total_size": 200 * MiB,
    "ratio": 100,  # for members over 1 MiB unpacked
}
RATIO_FLOOR = MiB
CHUNK = 64 * 1024

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


def archive_limits():
    return {**DEFAULT_ARCHIVE_LIMITS, **getattr(settings, "DOCUMENTS_ARCHIVE_LIMITS", {})}


class ArchiveTooLarge(Exception):
    """The package would unpack past the limits; `message` says how."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _bomb(limits):
    return ArchiveTooLarge(
        _(
            "The file unpacks to far more than its size (more than %(limit)s, or over %(ratio)s times "
            "its compressed size): it looks like a compression bomb and was refused."
        )
        % {
            "limit": filesizeformat(min(limits["member_size"], limits["total_size"])),
            "ratio": limits["ratio"],
        }
    )


def _check_archive(archive):
    """Refuse a package by what its directory declares, then read every member
    in bounded chunks (which also proves the declared sizes and CRCs true:
    Python's zipfile never inflates a member past its declared size)."""
    limits = archive_limits()
    members = archive.infolist()
    if len(members) > limits["members"]:
        raise ArchiveTooLarge(
            _("The file holds more than %(count)s parts; it was refused.") % {"count": limits["members"]}
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        if (
            member.file_size > limits["member_size"]
            or total > limits["total_size"]
            or (member.file_size > RATIO_FLOOR and ratio > limits["ratio"])
        ):
            raise _bomb(limits)
    for member in members:
        with archive.open(member) as stream:
            while stream.read(CHUNK):
                pass


def _read_all(file):
    file.seek(0)
    data = file.read()
    file.seek(0)
    return data if isinstance(data, bytes) else data.encode()


def _is_pdf(data):
    # At byte 0, as the PDF standard has it: an HTML page with a "%PDF-"
    # comment further in is not a PDF.
    return data.startswith(b"%PDF-")


def _archive_member(data, name):
    """The member `name` of the ZIP package `data` (checked against the
    limits first), or None when `data` is no readable package or lacks it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            _check_archive(archive)
            return archive.read(name)
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError, ValueError, EOFError, NotImplementedError):
        return None


def _is_ooxml(data, extension):
    content_types = _archive_member(data, "[Content_Types].xml")
    return content_types is not None and OOXML_MAIN_PARTS[extension] in content_types


def _is_opendocument(data, extension):
    mimetype = _archive_member(data, "mimetype")
    return mimetype is not None and mimetype.strip() == MIME_TYPES[extension].encode()


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
    try:
        matches = _real_type_matches(data, extension)
    except ArchiveTooLarge as error:
        raise ValidationError(error.message, code="archive") from None
    if not matches:
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
