"""Precision and recall per rule of `sppterm check` on the labelled corpus.

python3 bench/check_quality.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sppterm.checks.base import CheckUnit  # noqa: E402
from sppterm.checks.runner import run  # noqa: E402
from sppterm.glossary import load_glossary  # noqa: E402
from sppterm.report.table import table  # noqa: E402
from sppterm.zh import has_cjk  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "check_corpus.yaml"


def evaluate(verbose: bool = False) -> tuple[list[list[object]], list[str]]:
    rows = yaml.safe_load(CORPUS.read_text("utf-8"))["units"]
    units = [
        CheckUnit(
            "corpus.po",
            i + 1,
            r["zh"],
            r["en"],
            fuzzy=r.get("fuzzy", False),
            english_source=not has_cjk(r["zh"]),
        )
        for i, r in enumerate(rows)
    ]
    findings = run(units, load_glossary(ROOT / "glossary"))
    got: dict[int, set[str]] = {i: set() for i in range(len(rows))}
    msgs: dict[int, list[str]] = {i: [] for i in range(len(rows))}
    for f in findings:
        got[f.line - 1].add(f.rule)
        msgs[f.line - 1].append(f"{f.rule}: {f.message}")
    tp, fp, fn = Counter(), Counter(), Counter()
    problems = []
    for i, r in enumerate(rows):
        want = set(r["expect"])
        for rule in got[i] & want:
            tp[rule] += 1
        for rule in got[i] - want:
            fp[rule] += 1
        for rule in want - got[i]:
            fn[rule] += 1
        if want != got[i]:
            problems.append(
                f"{i + 1}: {r['zh'][:40]} expected {sorted(want)} got {sorted(got[i])}"
                + ("".join(f"\n    {m}" for m in msgs[i]) if verbose else "")
            )
    table_rows = []
    for rule in sorted(set(tp) | set(fp) | set(fn)):
        p = tp[rule] / (tp[rule] + fp[rule]) if tp[rule] + fp[rule] else 1.0
        rc = tp[rule] / (tp[rule] + fn[rule]) if tp[rule] + fn[rule] else 1.0
        table_rows.append([rule, tp[rule], fp[rule], fn[rule], f"{p:.0%}", f"{rc:.0%}"])
    return table_rows, problems


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    rows, problems = evaluate(args.verbose)
    n = len(yaml.safe_load(CORPUS.read_text("utf-8"))["units"])
    print(f"{n} labelled units")
    print(table(["rule", "TP", "FP", "FN", "precision", "recall"], rows))
    for p in problems:
        print(p)
