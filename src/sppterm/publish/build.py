"""``sppterm build``: assemble every English edition that is ready, and say what stops the rest."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from sppterm.bulletin.dates import bulletin_periods, period_of
from sppterm.bulletin.parse import load_bulletins
from sppterm.checks.base import ERROR
from sppterm.checks.project import unit_cache
from sppterm.checks.registry import INFOS
from sppterm.checks.runner import Options, run, units_from_po
from sppterm.config import Config
from sppterm.errors import InputError
from sppterm.glossary import load_glossary
from sppterm.glossary.validity import DatedViews
from sppterm.ids import bulletin_file
from sppterm.publish import html, markdown
from sppterm.publish.edition import Edition, build_edition
from sppterm.publish.pdf import cjk_font_warning, html_digest, print_pdf, recorded_digest
from sppterm.textio import display_path, read_text, write_atomic
from sppterm.units.po import read_po


@dataclass
class Built:
    id: str
    status: str  # release, draft, refused
    problems: list[str] = field(default_factory=list)
    outputs: dict[Path, str] = field(default_factory=dict)  # file → text
    edition: Edition | None = None
    date: datetime.date | None = None  # the bulletin's (first) day: its PDF's dates


def _problems(ed: Edition, po_file: Path, root: Path, glossary, checked: Options) -> list[str]:
    """Why a release build of this edition is refused: missing units, error-level findings
    (with the terms valid at each bulletin's date, as ``sppterm check``)."""
    out = [f"{ed.source_path}:{b.line}: {b.status}: {b.source[:50]}" for b in ed.missing()]
    if po_file.is_file():
        for f in run(units_from_po(po_file, root), glossary, checked):
            if f.severity == ERROR:
                out.append(f"{f.path}:{f.line}: {f.rule}: {f.message}")
    return out


def build(cfg: Config, ids: list[str], draft: bool, pdf: bool = False) -> tuple[list[Built], dict[Path, str]]:
    """Compute the editions and the index (nothing written). Returns per-bulletin results
    and every file → text to write (editions of refused bulletins are left out). The index
    links an edition's PDF when it exists or ``pdf`` says this build prints it."""
    glossary = load_glossary(cfg.glossary)
    bulletins = load_bulletins(cfg.source)
    dates = bulletin_periods(bulletins)
    views = DatedViews(glossary, dates)  # italics and checks use the terms valid in each bulletin
    unknown = [i for i in ids if i not in {b.id for b in bulletins}]
    if unknown:
        raise InputError.at(str(cfg.source), None, f"no bulletin with id {', '.join(unknown)}")
    results: list[Built] = []
    files: dict[Path, str] = {}
    index_rows = []
    # Missing units are listed apart; the precondition rule would list them again. The per-unit
    # findings of unchanged units come from the check's results cache (checks.results_cache).
    checked = Options(rules=[r.id for r in INFOS if not r.precondition and not r.never_error], dates=dates)
    checked.results = unit_cache(cfg, checked)
    for b in bulletins:
        po_file = bulletin_file(cfg.po_dir, b.id, ".po")
        po = read_po(po_file) if po_file.is_file() else None
        ed = build_edition(b, po, views.view(b.id), views.matcher(b.id))
        ed.source_path = display_path(b.path, cfg.root)  # never a machine's absolute path
        selected = not ids or b.id in ids
        problems = _problems(ed, po_file, cfg.root, glossary, checked) if selected else []
        status = "release" if not problems else ("draft" if draft else "refused")
        period = period_of(b.id, b.meta)
        res = Built(b.id, status, problems, edition=ed, date=period[0] if period else None)
        if selected and status != "refused":
            is_draft = status == "draft"
            res.outputs[bulletin_file(cfg.target, b.id, ".md")] = markdown.render(ed, is_draft)
            res.outputs[bulletin_file(cfg.target, b.id, ".html")] = html.render(ed, is_draft)
            files.update(res.outputs)
        if selected:
            results.append(res)
        done, total = ed.progress
        existing = (cfg.target / f"{b.id}.html").is_file()
        built_now = selected and status != "refused"
        status_label = status if selected else _existing_status(cfg.target / f"{b.id}.md")
        index_rows.append(
            {
                "id": b.id,
                "issue_line": ed.issue_line,
                "year": ed.year,
                "issue": ed.issue,
                "serial": ed.serial,
                "status": status_label if (built_now or existing) else "not built",
                "done": done,
                "total": total,
                "percent": round(100 * done / total) if total else 100,
                "html": f"{b.id}.html" if (built_now or existing) else "",
                "md": f"{b.id}.md",
                "pdf": f"{b.id}.pdf" if (built_now and pdf) or (cfg.target / f"{b.id}.pdf").is_file() else "",
                "date": ed.date,
            }
        )
    title = next((c.en for c in glossary if c.id == "spp-bulletin"), "SPP Programme Bulletin")
    from sppterm.publish.edition import PROGRAMME

    files[cfg.target / "index.html"] = html.render_index(title, PROGRAMME, index_rows)
    # The glossary page every edition links to: rebuilt (and checked) with them, so it never
    # lags the glossary or the editions' style sheet.
    files[cfg.target / "glossary.html"] = html.render_glossary(glossary, title, PROGRAMME)
    return results, files


def _existing_status(md: Path) -> str:
    if not md.is_file():
        return "not built"
    for line in read_text(md).splitlines()[:15]:
        if line.startswith("status: "):
            return line[8:].strip()
    return "release"


def print_pdfs(cfg: Config, results: list[Built], warn: Callable[[str], None]) -> None:
    """The PDF of every edition built (not refused), through Chromium; ``warn`` hears when
    Chinese would print as empty boxes (no CJK font)."""
    warning = cjk_font_warning()
    if warning:
        warn(warning)
    for r in results:
        if r.status != "refused":
            print_pdf(cfg.target / f"{r.id}.html", cfg.target / f"{r.id}.pdf", r.date)


def write(files: dict[Path, str]) -> list[Path]:
    return [p for p, text in files.items() if write_atomic(p, text)]


def stale(files: dict[Path, str]) -> list[Path]:
    """Files whose committed content differs from what a build produces now, and PDFs beside
    an edition that were not printed from the HTML this build produces (the digest each PDF
    records, see :func:`sppterm.publish.pdf.recorded_digest`). An edition without a PDF is not
    stale: PDFs are printed on request (``--pdf``)."""
    out = [p for p, text in files.items() if not p.is_file() or read_text(p) != text]
    for p, text in files.items():
        pdf = p.with_suffix(".pdf")
        if p.suffix == ".html" and pdf.is_file() and recorded_digest(pdf) != html_digest(text.encode()):
            out.append(pdf)
    return out
