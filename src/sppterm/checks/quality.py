"""Measuring the checks on a labelled corpus: precision and recall per rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from sppterm import yamlloc
from sppterm.checks.base import CheckUnit, Finding
from sppterm.checks.runner import run
from sppterm.glossary.model import Glossary
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

    def wrong(self) -> list[int]:
        return [i for i, r in enumerate(self.rows) if set(r["expect"]) != self.found[i]]


def evaluate(corpus: Path, glossary: Glossary) -> Evaluation:
    """Run every rule on the corpus (units: zh, en, expect, optional fuzzy) and compare."""
    rows = yamlloc.load(read_text(corpus), str(corpus))["units"]
    units = [
        CheckUnit(
            str(corpus.name),
            i + 1,
            r["zh"],
            r["en"],
            fuzzy=r.get("fuzzy", False),
            english_source=not has_cjk(r["zh"]),
        )
        for i, r in enumerate(rows)
    ]
    findings = run(units, glossary)
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
