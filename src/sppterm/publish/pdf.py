"""Print-ready PDF through headless Chromium's print-to-PDF (A4 from the print stylesheet)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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
        shutil.move(str(tmp), pdf)
