"""Print-ready PDF through headless Chromium's print-to-PDF (A4 from the print stylesheet)."""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from sppterm.errors import InputError
from sppterm.textio import write_atomic_bytes

# Flags that keep Chromium from reaching out to the network or needing a user profile.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--mute-audio",
]


def chromium() -> str | None:
    """Path of a Chromium binary ($SPPTERM_CHROMIUM, chromium, chromium-browser, google-chrome)."""
    env = os.environ.get("SPPTERM_CHROMIUM")
    if env:
        return env
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def cjk_font_warning() -> str | None:
    """Why Chinese would print as empty boxes, or None: fontconfig knows no font covering
    Chinese (``fc-list :lang=zh``). Drafts show untranslated blocks in Chinese."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return "fc-list not found: cannot tell whether a Chinese font is installed (Debian: fontconfig)"
    try:
        r = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"fc-list failed ({e}): cannot tell whether a Chinese font is installed"
    if r.returncode == 0 and r.stdout.strip():
        return None
    return (
        "no font for Chinese installed (fc-list :lang=zh): Chinese text prints as empty boxes; "
        "install fonts-noto-cjk"
    )


def print_pdf(html: Path, pdf: Path, date: datetime.date | None = None, timeout: float = 120) -> None:
    """Render ``html`` to ``pdf``, reproducibly (:func:`_stamp`), written atomically."""
    exe = chromium()
    if exe is None:
        raise InputError.at(str(html), None, "no Chromium found for --pdf (install Debian's chromium)")
    pdf.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="sppterm-chromium-") as profile:
        tmp = Path(profile) / "out.pdf"
        cmd = [
            exe,
            *CHROMIUM_FLAGS,
            f"--user-data-dir={profile}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={tmp}",
            html.resolve().as_uri(),
        ]
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0 or not tmp.is_file() or tmp.stat().st_size == 0:
            raise InputError.at(
                str(html), None, f"Chromium could not print the PDF: {r.stderr.strip()[-300:]}"
            )
        write_atomic_bytes(pdf, _stamp(tmp.read_bytes(), html_digest(html.read_bytes()), date))


# The document information key that records which edition a PDF was printed from.
EDITION_KEY = "/SpptermEdition"


def html_digest(html: bytes) -> str:
    """What a PDF records of its edition: the sha256 of the HTML file printed (the HTML holds
    its text, structure and style sheet, so any change to what prints changes it)."""
    return "sha256:" + hashlib.sha256(html).hexdigest()


def _pdf_date(date: datetime.date | None) -> str:
    """$SOURCE_DATE_EPOCH when set (reproducible-builds convention), else the edition's date,
    else 1 January 1970: never the time of printing."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        moment = time.gmtime(int(epoch))
    elif date is not None:
        moment = date.timetuple()
    else:
        moment = time.gmtime(0)
    return "D:" + time.strftime("%Y%m%d%H%M%S", moment) + "+00'00'"


def _stamp(data: bytes, digest: str, date: datetime.date | None) -> bytes:
    """Chromium's PDF made reproducible (pypdf rewrites it): the creation and modification dates
    fixed (:func:`_pdf_date`) instead of the time of printing, a document id derived from the
    edition's digest instead of a random one, and the digest recorded (``EDITION_KEY``) so that
    ``build --check`` can tell a PDF that no longer matches its edition."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import ArrayObject, ByteStringObject

    reader = PdfReader(io.BytesIO(data))
    writer = PdfWriter(clone_from=reader)
    writer.pdf_header = reader.pdf_header.encode()  # pypdf would write its own (1.3)
    stamp = _pdf_date(date)
    writer.add_metadata({"/CreationDate": stamp, "/ModDate": stamp, EDITION_KEY: digest})
    doc_id = ByteStringObject(hashlib.sha256(digest.encode()).digest()[:16])
    writer._ID = ArrayObject([doc_id, doc_id])  # pypdf has no public setter for the trailer /ID
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def recorded_digest(pdf: Path) -> str | None:
    """The edition digest a PDF records (None: unreadable, or printed before digests were)."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        info = PdfReader(pdf).metadata
    except (OSError, PyPdfError, ValueError):
        return None
    value = info.get(EDITION_KEY) if info else None
    return str(value) if value is not None else None
