"""Measuring the checks on a labelled corpus: precision and recall per rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sppterm import yamlloc
from sppterm.checks.base import INFO, CheckUnit, Finding
from sppterm.checks.registry import RULES
from sppterm.checks.runner import Options, run
from sppterm.glossary.model import Glossary
from sppterm.glossary.validity import Period
from sppterm.textio import read_text
from sppterm.zh import has_cjk


@dataclass
class Evaluation:
    rows: list[dict]  # the labelled units
    found: dict[int, set[str]]  # unit index → rules that fired
    findings: list[Finding]
    tp: Counter[str]
    fp: Counter[str]
    fn: Counter[str]

    def precision(self, rule: str) -> float:
        return self.tp[rule] / (self.tp[rule] + self.fp[rule]) if self.tp[rule] + self.fp[rule] else 1.0

    def recall(self, rule: str) -> float:
        return self.tp[rule] / (self.tp[rule] + self.fn[rule]) if self.tp[rule] + self.fn[rule] else 1.0

    def unit_level(self) -> dict[str, float]:
        """The issue's unit-level figures, about translations: a unit is flagged when a rule
        reports a warning or an error on it; info findings (source-variant: the Chinese uses a
        variant, for the terminologist) flag nothing, so a row expecting only info rules is a
        correct translation. A planted unit counts as found when it is flagged, a correct one
        as a false alarm when it is flagged; ``fails_ci`` is the share of planted units with a
        finding at error level (what fails CI at the default fail level)."""
        flagged: dict[int, set[str]] = {i: set() for i in range(len(self.rows))}
        for f in self.findings:
            if f.severity != INFO:
                flagged[f.line - 1].add(f.rule)
        info = info_rules()
        planted = [i for i, r in enumerate(self.rows) if set(r["expect"]) - info]
        clean = [i for i, r in enumerate(self.rows) if not set(r["expect"]) - info]
        hit = sum(1 for i in planted if flagged[i])
        alarms = sum(1 for i in clean if flagged[i])
        errors = {f.line - 1 for f in self.findings if f.severity == "error"}
        return {
            "planted": len(planted),
            "clean": len(clean),
            "info_only": sum(1 for r in self.rows if r["expect"] and not set(r["expect"]) - info),
            "recall": hit / len(planted) if planted else 1.0,
            "precision": hit / (hit + alarms) if hit + alarms else 1.0,
            "fails_ci": sum(1 for i in planted if i in errors) / len(planted) if planted else 1.0,
            "clean_failing_ci": sum(1 for i in clean if i in errors),
        }

    def wrong(self) -> list[int]:
        """The rows whose rules fired are not exactly the expected ones (any severity)."""
        return [i for i, r in enumerate(self.rows) if set(r["expect"]) != self.found[i]]


def info_rules() -> set[str]:
    """Ids of the rules that report at info level (information, no translation error)."""
    return {r.id for r in RULES if r.severity == INFO}


def _pack_findings(
    rows: list[dict], units: list[CheckUnit], glossary: Glossary, corpus: Path
) -> list[Finding]:
    """The style rules of a shipped pack (checks.style) on the rows naming it (``pack: un``),
    each row a bulletin of its own (first-use rules read units in order within one file)."""
    from sppterm.checks.style import load_styles

    out: list[Finding] = []
    for pack in sorted({str(r["pack"]) for r in rows if "pack" in r}):
        rules = load_styles([f"sppterm:{pack}"], corpus.parent, str(corpus))
        mine = [
            CheckUnit(
                f"{u.path}#{u.line}",
                u.line,
                u.key,
                u.target,
                u.fuzzy,
                role=str(r.get("role", "")),
                english_source=u.english_source,
            )
            for u, r in zip(units, rows, strict=True)
            if r.get("pack") == pack
        ]
        out += run(mine, glossary, Options(rules=[r.id for r in rules], styles=rules))
    return out


def _row_period(value: object) -> Period:
    from sppterm.bulletin.dates import period_of

    meta = {"year": value} if isinstance(value, int) else {"date": value}
    found = period_of("", meta)
    if found is None:
        raise ValueError(f"corpus row date {value!r}: neither YYYY-MM-DD nor a year")
    return found


def evaluate(corpus: Path, glossary: Glossary) -> Evaluation:
    """Run every rule on the corpus (units: zh, en, expect, optional fuzzy) and compare; rows
    with ``pack: NAME`` also get the style rules of that shipped pack (optional ``role``). A
    top-level ``wordlist`` (relative to the corpus) is the spelling rule's project word list."""
    data = yamlloc.load(read_text(corpus), str(corpus))
    rows = data["units"]
    wordlist = corpus.parent / data["wordlist"] if data.get("wordlist") else None
    # A row's `date` (YYYY-MM-DD, or a year) is the date of a bulletin of its own: the rules
    # use the terms valid then (issue 17). Rows without one are undated (today's glossary).
    dates = {f"row-{i + 1}": _row_period(r["date"]) for i, r in enumerate(rows) if "date" in r}
    units = [
        CheckUnit(
            str(corpus.name),
            i + 1,
            r["zh"],
            r["en"],
            fuzzy=r.get("fuzzy", False),
            english_source=not has_cjk(r["zh"]),
            bulletin=f"row-{i + 1}" if "date" in r else "",
        )
        for i, r in enumerate(rows)
    ]
    findings = run(units, glossary, Options(wordlist=wordlist, dates=dates))
    findings += _pack_findings(rows, units, glossary, corpus)
    found: dict[int, set[str]] = {i: set() for i in range(len(rows))}
    for f in findings:
        found[f.line - 1].add(f.rule)
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for i, r in enumerate(rows):
        want = set(r["expect"])
        tp.update(found[i] & want)
        fp.update(found[i] - want)
        fn.update(want - found[i])
    return Evaluation(rows, found, findings, tp, fp, fn)
