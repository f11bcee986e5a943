"""``sppterm review``: a bilingual review page per bulletin (target_en/review/ID.html).

Each unit of the bulletin in document order, the Chinese beside the English, glossary terms
marked on both sides (their concept on hover), the findings of ``sppterm check`` under the unit
with their words marked, fuzzy and untranslated units marked, and a link to the unit's line in
its PO file. One self-contained file: inline CSS and script, no network, and a
Content-Security-Policy that lets only that script run, so a unit's text can never run code.
"""

from __future__ import annotations

import base64
import hashlib
import os.path
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from jinja2 import Template
from markupsafe import Markup

from sppterm.bulletin.dates import bulletin_periods
from sppterm.bulletin.model import ARTICLE, SECTION, TRANSLATABLE_ROLES, Block, Bulletin
from sppterm.bulletin.parse import load_bulletins
from sppterm.checks.base import LEVELS, CheckUnit, Finding
from sppterm.checks.project import CheckRun, check_project
from sppterm.checks.runner import units_from_po
from sppterm.checks.terms import EnglishTerms
from sppterm.config import Config
from sppterm.errors import InputError
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.model import Glossary
from sppterm.glossary.validity import DatedViews, Timeline
from sppterm.ids import bulletin_file
from sppterm.publish.edition import build_edition
from sppterm.publish.glossary_panel import PanelConcept, panel
from sppterm.publish.html import _ENV
from sppterm.publish.marked import Dated, en_term_marks, finding_marks, render, zh_term_marks
from sppterm.textio import display_path, write_atomic
from sppterm.zh import normalise

TRANSLATED, FUZZY, UNTRANSLATED, KEPT = "translated", "fuzzy", "untranslated", "kept"
REVIEW_DIR = "review"  # under target_en/


@dataclass
class ReviewUnit:
    n: int  # its number on the page (anchor u-n)
    role: str
    status: str  # translated, fuzzy, untranslated, kept (URLs and contacts: not translated)
    zh: Markup
    en: Markup
    po_line: int = 0  # the msgid line in the PO file, 0 when the PO has no entry for it
    source_line: int = 0  # the line in source_zh/ID.md
    findings: list[Finding] = field(default_factory=list)

    @property
    def heading(self) -> str:
        """h2 for a section heading, h3 for an article heading, "" for other blocks."""
        return {SECTION: "h2", ARTICLE: "h3"}.get(self.role, "")


@dataclass
class ReviewPage:
    id: str
    title: str  # the series title in English
    issue_line: str  # 2023 · Issue 1 · No. 30
    po_href: str  # the PO file relative to the page
    po_name: str
    source_href: str
    source_name: str
    units: list[ReviewUnit]
    other: list[Finding]  # findings on the bulletin whose unit is not in the source any more
    glossary: list[PanelConcept] = field(default_factory=list)  # the concepts it names

    def counts(self) -> dict[str, int]:
        c = Counter(u.status for u in self.units)
        return {s: c[s] for s in (TRANSLATED, FUZZY, UNTRANSLATED, KEPT)}

    def severities(self) -> dict[str, int]:
        c = Counter(f.severity for u in self.units for f in u.findings)
        c.update(f.severity for f in self.other)
        return {s: c[s] for s in sorted(LEVELS, key=LEVELS.__getitem__, reverse=True)}


def bulletin_of(path: str) -> str:
    """The bulletin a finding's file belongs to: target_en/po/2023.po, source_zh/2023.md → 2023."""
    return Path(path).name.split(".")[0]


def review_page(
    cfg: Config,
    bulletin: Bulletin,
    run: CheckRun,
    glossary: Glossary,
    matcher: ZhMatcher,
    en_terms: EnglishTerms,
    out_dir: Path,
    timeline: Timeline | None = None,
) -> ReviewPage:
    """The review page of one bulletin, from its source, its PO file and the check's findings."""
    po_file = bulletin_file(cfg.po_dir, bulletin.id, ".po")
    entries: dict[str, CheckUnit] = {}
    if po_file.is_file():
        entries = {normalise(u.key): u for u in units_from_po(po_file, cfg.root)}
    by_key: dict[str, list[Finding]] = {}
    for f in run.findings:
        if bulletin_of(f.path) == bulletin.id:
            by_key.setdefault(normalise(f.key), []).append(f)
    units: list[ReviewUnit] = []
    shown: set[str] = set()
    timeline = timeline or Timeline()
    when = (timeline.dates.get(bulletin.id), timeline)  # dated forms say when they are used
    for b in bulletin.blocks():
        found = by_key.get(b.key, [])
        units.append(_unit(len(units) + 1, b, entries.get(b.key), found, matcher, en_terms, when))
        shown.add(b.key)
    other = [f for k, fs in sorted(by_key.items()) if k not in shown for f in fs]
    concepts = panel((b.text, matcher) for b in bulletin.blocks() if b.role in TRANSLATABLE_ROLES)
    source = Path(bulletin.path)
    ed = build_edition(bulletin, None, glossary, matcher)  # the English title and issue line
    return ReviewPage(
        bulletin.id,
        ed.title,
        ed.issue_line,
        _relative(po_file, out_dir),
        display_path(po_file, cfg.root),
        _relative(source, out_dir),
        display_path(source, cfg.root),
        units,
        other,
        concepts,
    )


def _relative(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def _unit(
    n: int,
    b: Block,
    entry: CheckUnit | None,
    findings: list[Finding],
    matcher: ZhMatcher,
    en_terms: EnglishTerms,
    when: Dated = None,
) -> ReviewUnit:
    zh_marks = zh_term_marks(b.text, matcher, when)
    if b.role not in TRANSLATABLE_ROLES:
        return ReviewUnit(n, b.role, KEPT, render(b.text), render(b.text), 0, b.line)
    target = entry.target or "" if entry else ""
    status = TRANSLATED if entry and target.strip() else UNTRANSLATED
    if entry and entry.fuzzy and status == TRANSLATED:
        status = FUZZY
    source_text = entry.key if entry else b.text  # the spans of findings are in the PO's text
    zh = render(source_text, zh_marks + finding_marks(findings, "source"))
    en = render(target, en_term_marks(target, en_terms, when) + finding_marks(findings, "target"))
    return ReviewUnit(n, b.role, status, zh, en, entry.line if entry else 0, b.line, findings)


def script(name: str) -> str:
    """A script of publish/templates (review.js, check.js), inlined in its page."""
    return resources.files("sppterm.publish").joinpath(f"templates/{name}").read_text("utf-8")


def content_policy(script: str) -> str:
    """The page's Content-Security-Policy: nothing from the network, inline styles, and only
    ``script`` (by its hash), so markup inside a unit's text could never run."""
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    return f"default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-{digest}'; img-src data:"


def stylesheet() -> Markup:
    """The CSS of the review page and the HTML check report."""
    return Markup(resources.files("sppterm.publish").joinpath("templates/review.css").read_text("utf-8"))


def template(name: str) -> Template:
    """A template of publish/templates (autoescaped), for the HTML check report too."""
    return _ENV.get_template(name)


def render_page(page: ReviewPage) -> str:
    js = script("review.js")
    return template("review.html.j2").render(
        page=page, css=stylesheet(), script=Markup(js), csp=content_policy(js)
    )


def review(cfg: Config, ids: Sequence[str] = ()) -> dict[Path, str]:
    """Every review page to write (target_en/review/ID.html → HTML): the bulletins ``ids``, or all."""
    bulletins = load_bulletins(cfg.source)
    known = {b.id for b in bulletins}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise InputError.at(str(cfg.source), None, f"no bulletin with id {', '.join(unknown)}")
    run = check_project(cfg)  # the whole series: series rules see every bulletin
    glossary = load_glossary(cfg.glossary)
    views = DatedViews(glossary, bulletin_periods(bulletins))  # the terms valid in each bulletin
    out_dir = cfg.target / REVIEW_DIR
    pages: dict[Path, str] = {}
    en_terms: dict[int, EnglishTerms] = {}
    for b in bulletins:
        if ids and b.id not in ids:
            continue
        view = views.view(b.id)
        if id(view) not in en_terms:  # bulletins of one period share their view
            en_terms[id(view)] = EnglishTerms(view)
        page = review_page(
            cfg, b, run, view, views.matcher(b.id), en_terms[id(view)], out_dir, views.timeline
        )
        pages[bulletin_file(out_dir, b.id, ".html")] = render_page(page)
    return pages


def write(pages: dict[Path, str]) -> list[Path]:
    """Write the pages atomically; the paths written (unchanged files are left alone)."""
    return [p for p, text in pages.items() if write_atomic(p, text)]
