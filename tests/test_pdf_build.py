"""PDF editions (issue 16): byte-reproducible prints, and ``build --check`` telling a PDF that no
longer matches its edition. Real Chromium, real pypdf and poppler reading the result."""

from __future__ import annotations

import hashlib
import shutil
import subprocess

import pypdf
import pytest

from sppterm.publish.pdf import EDITION_KEY, chromium, html_digest, recorded_digest
from sppterm.units.po import po_text, read_po

from .test_publish import _build, _tiny_project

pytestmark = pytest.mark.skipif(
    chromium() is None, reason="Chromium not installed (Debian package chromium; .ci/setup installs it)"
)

TEXT = "The Baseline Report on Climate Action in Tourism presents the results of the 2021 survey."


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_two_builds_give_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    proj = _tiny_project(tmp_path, TEXT, front="date: 2099-03-15\n")
    pdf = proj / "target_en" / "2099-01.pdf"
    assert _build(proj, "--pdf").exit_code == 0
    first = _sha(pdf)
    pdf.unlink()  # printed again from scratch, not left in place
    assert _build(proj, "--pdf").exit_code == 0
    assert _sha(pdf) == first
    reader = pypdf.PdfReader(pdf)
    html = (proj / "target_en" / "2099-01.html").read_bytes()
    assert reader.metadata[EDITION_KEY] == html_digest(html)
    # Dates from the edition's date, not the time of printing; the id from the edition.
    assert reader.metadata["/CreationDate"] == reader.metadata["/ModDate"] == "D:20990315000000+00'00'"
    doc_id = hashlib.sha256(html_digest(html).encode()).digest()[:16]
    # original_bytes: pypdf reads an /ID whose bytes happen to decode as text as a text string
    assert [x.original_bytes for x in reader.trailer["/ID"]] == [doc_id, doc_id]
    assert pdf.read_bytes().startswith(b"%PDF-1.4")  # Chromium's header kept
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
        assert "Pages:" in info and "Syntax Error" not in info


def test_source_date_epoch_sets_the_dates(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 14 November 2023, 22:13:20 UTC
    proj = _tiny_project(tmp_path, TEXT)
    assert _build(proj, "--pdf").exit_code == 0
    meta = pypdf.PdfReader(proj / "target_en" / "2099-01.pdf").metadata
    assert meta["/CreationDate"] == "D:20231114221320+00'00'"


def test_check_reports_a_stale_pdf(tmp_path):
    proj = _tiny_project(tmp_path, TEXT)
    target = proj / "target_en"
    assert _build(proj, "--pdf").exit_code == 0
    r = _build(proj, "--check")
    assert r.exit_code == 0, r.output
    # The translation changes and only the HTML is rebuilt: the PDF is now stale.
    po_file = target / "po" / "2099-01.po"
    po = read_po(po_file)
    po[2].msgstr = TEXT.replace("presents", "sets out")
    po_file.write_text(po_text(po), "utf-8")
    assert _build(proj).exit_code == 0
    r = _build(proj, "--check")
    assert r.exit_code == 1
    assert "target_en/2099-01.pdf: OUT OF DATE" in r.output
    assert "target_en/2099-01.html: OUT OF DATE" not in r.output
    assert _build(proj, "--pdf").exit_code == 0
    assert _build(proj, "--check").exit_code == 0
    # A PDF that records no edition (printed by hand, or by an older build) is stale too.
    pdf = target / "2099-01.pdf"
    bare = pypdf.PdfWriter(clone_from=pdf)
    bare.add_metadata({EDITION_KEY: ""})
    with open(pdf, "wb") as f:
        bare.write(f)
    assert recorded_digest(pdf) == ""
    r = _build(proj, "--check")
    assert r.exit_code == 1 and "target_en/2099-01.pdf: OUT OF DATE" in r.output
    pdf.write_bytes(b"not a PDF")
    assert recorded_digest(pdf) is None
    assert "target_en/2099-01.pdf: OUT OF DATE" in _build(proj, "--check").output
    # No PDF at all is not stale (PDFs are printed on request): only the index, which links it.
    pdf.unlink()
    r = _build(proj, "--check")
    assert "2099-01.pdf" not in r.output and "target_en/index.html: OUT OF DATE" in r.output
    assert _build(proj).exit_code == 0
    assert _build(proj, "--check").exit_code == 0
