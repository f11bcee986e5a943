"""Print-ready PDF through headless Chromium's print-to-PDF (A4 from the print stylesheet)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from sppterm.errors import InputError

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


def print_pdf(html: Path, pdf: Path, timeout: float = 120) -> None:
    """Render ``html`` to ``pdf``; the temp file is renamed into place only when complete."""
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
        _fix_dates(tmp)
        shutil.move(str(tmp), pdf)


# Chromium stamps the PDF with the time of printing: the one difference between two prints.
_PDF_DATE = re.compile(rb"/(CreationDate|ModDate) \(D:\d{14}[^)]{0,8}\)")


def _fix_dates(pdf: Path) -> None:
    """Reproducible PDFs: the dates become $SOURCE_DATE_EPOCH (default 0), written in place with
    the same length (the cross-reference offsets stay valid)."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    stamp = time.strftime("%Y%m%d%H%M%S", time.gmtime(epoch)).encode()
    data = pdf.read_bytes()

    def fixed(m: re.Match[bytes]) -> bytes:
        new = b"/" + m.group(1) + b" (D:" + stamp + b"+00'00')"
        return new if len(new) == len(m.group(0)) else m.group(0)

    pdf.write_bytes(_PDF_DATE.sub(fixed, data))
