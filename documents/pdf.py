"""Small valid PDF files written from scratch (no download, no library): the
demo content's sample publications."""


def _escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def _utf16_hex(text):
    return "<FEFF" + text.encode("utf-16-be").hex().upper() + ">"


def sample_pdf(title, lines, pages=1):
    """A PDF 1.4 file with `pages` pages of Helvetica text. `lines` must be
    Latin-1 text (the standard fonts have no Cyrillic); `title` (any script)
    goes into the document information dictionary."""
    objects = []
    page_ids = [4 + 2 * index for index in range(pages)]
    objects.append("<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>")
    objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for number, page_id in enumerate(page_ids, start=1):
        text = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
        for line in [*lines, f"Page {number} of {pages}"]:
            text.append(f"({_escape(line)}) Tj T*")
        text.append("ET")
        stream = "\n".join(text).encode("latin-1")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
            f"/Resources << /Font << /F1 3 0 R >> >> /Contents {page_id + 1} 0 R >>"
        )
        objects.append(f"<< /Length {len(stream)} >>\nstream\n".encode() + stream + b"\nendstream")
    info_id = len(objects) + 1
    objects.append(f"<< /Title {_utf16_hex(title)} /Producer (E-GoverNet demo loader) >>")

    output = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(output))
        body = body if isinstance(body, bytes) else body.encode("latin-1")
        output += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref_at = len(output)
    output += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        output += f"{offset:010d} 00000 n \n".encode()
    output += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /Info {info_id} 0 R >>\n"
        f"startxref\n{xref_at}\n%%EOF\n"
    ).encode()
    return bytes(output)
