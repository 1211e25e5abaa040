"""The demo's generated PDFs are structurally valid: every cross-reference
offset points at its object, the trailer points at the xref table."""

import re

from documents.pdf import sample_pdf
from documents.validation import pdf_page_count


def test_sample_pdf_structure():
    data = sample_pdf(
        "Проучване (примерен файл)", ["SAMPLE DOCUMENT", "Parenthesis ( and ) escaped"], pages=3
    )
    assert data.startswith(b"%PDF-1.4\n") and data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\n(\d+)\n", data).group(1))
    assert data[startxref:].startswith(b"xref\n")
    header = re.match(rb"xref\n0 (\d+)\n", data[startxref:])
    count = int(header.group(1))
    entries = data[startxref + header.end() :].split(b"\n")[:count]
    assert entries[0].startswith(b"0000000000 65535 f")
    for number, entry in enumerate(entries[1:], start=1):
        offset = int(entry[:10])
        assert data[offset:].startswith(f"{number} 0 obj".encode())
    for match in re.finditer(rb"/Length (\d+) >>\nstream\n", data):
        length = int(match.group(1))
        assert data[match.end() + length : match.end() + length + 10] == b"\nendstream"
    assert pdf_page_count(data) == 3
    assert "Проучване".encode("utf-16-be").hex().upper().encode() in data
