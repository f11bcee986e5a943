"""``sppterm check --format html``: the findings as one page for a reviewer without a terminal.

A table of counts by rule and bulletin, then each rule's findings bulletin by bulletin, each
with its unit: the Chinese beside the English and the words concerned marked (the way Xbench
exports an HTML QA report), a severity filter (checkboxes and CSS ``:has``, no script) and a
glossary panel (the concepts of the findings' units: preferred English, note, status).
A rule or bulletin group with no finding of a severity shown hides too (CSS), and a short
script (allowed by its hash) updates the counts. Self-contained, escaped; the same styles as
the review page (:mod:`sppterm.publish.review`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from markupsafe import Markup

from sppterm.checks.base import LEVELS, CheckUnit, Finding, Rule
from sppterm.checks.project import CheckRun
from sppterm.checks.registry import BY_ID
from sppterm.glossary.validity import DatedViews
from sppterm.publish.glossary_panel import PanelConcept, panel
from sppterm.publish.marked import finding_marks
from sppterm.publish.marked import render as marked
from sppterm.publish.review import bulletin_of, content_policy, script, stylesheet, template
from sppterm.zh import normalise


@dataclass
class _Item:
    finding: Finding
    zh: Markup
    en: Markup | None  # None: a source-only unit (source_zh/*.md) with no translation checked
    en_from: str = ""  # for a finding on a source file: the file its English is taken from


@dataclass
class _Group:
    bulletin: str
    anchor: str
    items: list[_Item]

    @property
    def severities(self) -> list[str]:
        """The levels of its findings, most severe first (the filter hides it when all are off)."""
        return _levels(it.finding.severity for it in self.items)


def _levels(found: Iterable[str]) -> list[str]:
    return sorted(set(found), key=LEVELS.__getitem__, reverse=True)


@dataclass
class _RuleSection:
    rule: Rule | None
    id: str
    anchor: str
    groups: list[_Group]

    @property
    def severity(self) -> str:
        """The most severe level among its findings (configuration may change a rule's level)."""
        found = [f.severity for g in self.groups for it in g.items for f in [it.finding]]
        return max(found, key=LEVELS.__getitem__)

    @property
    def severities(self) -> list[str]:
        return _levels(s for g in self.groups for s in g.severities)

    @property
    def count(self) -> int:
        return sum(len(g.items) for g in self.groups)

    def in_bulletin(self, bulletin: str) -> int:
        return sum(len(g.items) for g in self.groups if g.bulletin == bulletin)

    @property
    def what(self) -> str:
        """The first paragraph of the rule's documentation."""
        text = self.rule.sections()[0][1] if self.rule else ""
        return text.split("\n\n")[0].replace("\n", " ")


Translations = dict[tuple[str, str], CheckUnit]  # (bulletin, normalised key) → its PO/XLIFF unit


def translations(units: list[CheckUnit]) -> Translations:
    """The translated units of a run, to show the English of a finding made on the source
    (a rule that reports once per source block reports on source_zh/ID.md, not the PO)."""
    return {(u.bulletin, normalise(u.key)): u for u in units if u.target is not None}


def _item(f: Finding, known: Translations) -> _Item:
    zh = marked(f.key, finding_marks([f], "source"))
    if f.target is not None:
        return _Item(f, zh, marked(f.target, finding_marks([f], "target")))
    unit = known.get((bulletin_of(f.path), normalise(f.key)))
    if unit is None or unit.target is None:
        return _Item(f, zh, None)
    return _Item(f, zh, marked(unit.target), f"{unit.path}:{unit.line}")


def sections(
    findings: list[Finding], known: Translations | None = None, rules: Iterable[Rule] = ()
) -> list[_RuleSection]:
    """The findings by rule (most severe rules first, then by id), then by bulletin; ``rules``
    the rules run (their titles), else the registry's."""
    by_id = {**BY_ID, **{r.id: r for r in rules}}
    by_rule: dict[str, dict[str, list[Finding]]] = {}
    for f in findings:
        by_rule.setdefault(f.rule, {}).setdefault(bulletin_of(f.path), []).append(f)

    def order(rule_id: str) -> tuple[int, str]:
        worst = max(LEVELS[f.severity] for fs in by_rule[rule_id].values() for f in fs)
        return -worst, rule_id

    out = []
    for rid in sorted(by_rule, key=order):
        groups = [
            _Group(b, f"r-{rid}-{b}", [_item(f, known or {}) for f in sorted(fs, key=_place)])
            for b, fs in sorted(by_rule[rid].items())
        ]
        out.append(_RuleSection(by_id.get(rid), rid, f"r-{rid}", groups))
    return out


def _place(f: Finding) -> tuple[str, int, int, str]:
    return f.path, f.line, f.column, f.message


def _panel(run: CheckRun) -> list[PanelConcept]:
    """The glossary concepts named in the Chinese of the findings' units, each seen through its
    bulletin's dated view; none when the run has no project (a corpus, a single file)."""
    if run.root is None:
        return []
    from sppterm.bulletin.dates import read_periods
    from sppterm.config import load_config
    from sppterm.glossary import load_glossary

    cfg = load_config(run.root)
    if not cfg.glossary.is_dir():
        return []
    views = DatedViews(load_glossary(cfg.glossary), read_periods(cfg.source))
    seen: dict[tuple[str, str], None] = {}
    for f in sorted(run.findings, key=_place):
        seen.setdefault((bulletin_of(f.path), f.key), None)
    return panel((key, views.matcher(b)) for b, key in seen)


def render(run: CheckRun) -> str:
    """The HTML report of a check run (deterministic: no date, paths relative to the root)."""
    secs = sections(run.findings, translations(run.units), run.rules)
    bulletins = sorted({bulletin_of(f.path) for f in run.findings})
    severities = Counter(f.severity for f in run.findings)
    files = sorted({u.path for u in run.units})
    js = script("check.js")
    levels = [s.severities for s in secs] + [g.severities for s in secs for g in s.groups]
    hide_sets = sorted({tuple(x) for x in levels})  # the severity sets the filter can empty
    page = template("check.html.j2").render(
        css=stylesheet(),
        glossary=_panel(run),
        csp=content_policy(js),
        script=Markup(js) if run.findings else "",
        hide_sets=hide_sets,
        sections=secs,
        bulletins=bulletins,
        by_bulletin=Counter(bulletin_of(f.path) for f in run.findings),
        total=len(run.findings),
        severities=[(s, severities[s]) for s in sorted(LEVELS, key=LEVELS.__getitem__, reverse=True)],
        units=len(run.units),
        files=files,
        rules=run.rules,
    )
    return page.rstrip("\n")  # the command line ends the file with one newline
