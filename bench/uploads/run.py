"""Upload-inspection benchmark: peak memory of a worker process while it
refuses decompression bombs and accepts a large real document.

Each case runs in a fresh Python process (Django set up, as a worker is) that
reads the file like an upload and calls `documents.validation.inspect_upload`;
the figure is that process's peak resident set (VmHWM), the whole worker.
Target (issue 14): under 200 MB while refusing the 256 MiB docx.

    python bench/uploads/run.py

Needs no database or S3 (the inspection runs before anything is stored)."""

import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
MiB = 1024 * 1024
TARGET_MB = 200

CHILD = """
import os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
import django
django.setup()
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from documents.validation import inspect_upload
def high_water_kb():  # this process's peak resident set (reset at exec, unlike ru_maxrss)
    with open("/proc/self/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
before = high_water_kb()
with open({path!r}, "rb") as handle:
    upload = SimpleUploadedFile({name!r}, handle.read())
start = time.perf_counter()
with translation.override("en"):
    try:
        inspect_upload(upload)
        outcome = "accepted"
    except ValidationError as error:
        outcome = "refused: " + " ".join(error.messages)[:80]
seconds = time.perf_counter() - start
peak = high_water_kb()
print(before, peak, seconds, outcome, sep="\\t")
"""


def build_cases(folder):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    import django

    django.setup()
    import zipfile

    from tests.documents.factories import DOCX_CONTENT_TYPES, bomb_docx, pdf_bytes

    cases = {
        "docx, [Content_Types].xml inflating to 256 MiB": ("bomb-256.docx", bomb_docx(256 * MiB)),
        "docx, document part inflating to 1 GiB": (
            "bomb-1g.docx",
            bomb_docx(1024 * MiB, member="word/document.xml"),
        ),
    }
    # A large real-looking document: 40 MiB of incompressible media plus 30 MiB of XML.
    real = Path(folder) / "real.docx"
    with zipfile.ZipFile(real, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", DOCX_CONTENT_TYPES)
        archive.writestr("word/media/photo.jpg", os.urandom(40 * MiB), compress_type=zipfile.ZIP_STORED)
        paragraph = "".join(f"<w:p><w:t>Ред {n} {n * 7919 % 100003}</w:t></w:p>" for n in range(20000))
        archive.writestr("word/document.xml", paragraph * 3)
    cases["docx, 40 MiB of media + XML (accepted)"] = ("real.docx", real.read_bytes())
    cases["pdf, 45 MiB (accepted)"] = ("big.pdf", pdf_bytes() + b"%" * (45 * MiB))
    paths = {}
    for label, (name, content) in cases.items():
        path = Path(folder) / name
        path.write_bytes(content)
        paths[label] = (name, path)
    return paths


def main():
    results = []
    with tempfile.TemporaryDirectory() as folder:
        for label, (name, path) in build_cases(folder).items():
            code = CHILD.format(root=str(ROOT), path=str(path), name=name)
            line = (
                subprocess.run(
                    [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
                )
                .stdout.strip()
                .splitlines()[-1]
            )
            before, peak, seconds, outcome = line.split("\t")
            results.append(
                {
                    "case": label,
                    "file_mb": round(path.stat().st_size / MiB, 2),
                    "baseline_mb": round(int(before) / 1024, 1),
                    "peak_mb": round(int(peak) / 1024, 1),
                    "seconds": round(float(seconds), 2),
                    "outcome": outcome,
                }
            )
            print(results[-1])
    refused_bomb = results[0]
    met = refused_bomb["peak_mb"] < TARGET_MB and refused_bomb["outcome"].startswith("refused")
    lines = [
        "# Upload inspection — results",
        "",
        f"Taken {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}. "
        "Peak = the worker process's peak resident set (Django loaded).",
        "",
        "| case | file | baseline | peak | time | outcome |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for row in results:
        lines.append(
            f"| {row['case']} | {row['file_mb']} MiB | {row['baseline_mb']} MB | {row['peak_mb']} MB "
            f"| {row['seconds']} s | {row['outcome']} |"
        )
    lines += [
        "",
        f"Target: peak under {TARGET_MB} MB while refusing the 256 MiB docx — {'met' if met else 'NOT met'}.",
    ]
    (HERE / "RESULTS.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (HERE / "results.json").write_text(
        json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
