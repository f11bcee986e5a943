"""Precision and recall per rule of `sppterm check` on the labelled corpus.

python3 bench/check_quality.py [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sppterm.checks.quality import evaluate, info_rules  # noqa: E402
from sppterm.glossary import load_glossary  # noqa: E402
from sppterm.report.table import table  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "check_corpus.yaml"

if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    ev = evaluate(CORPUS, load_glossary(ROOT / "glossary"))
    rules = sorted(set(ev.tp) | set(ev.fp) | set(ev.fn))
    print(f"{len(ev.rows)} labelled units, {sum(1 for r in ev.rows if not r['expect'])} of them clean")
    print(
        table(
            ["rule", "TP", "FP", "FN", "precision", "recall"],
            [
                [r, ev.tp[r], ev.fp[r], ev.fn[r], f"{ev.precision(r):.0%}", f"{ev.recall(r):.0%}"]
                for r in rules
            ],
        )
    )
    u = ev.unit_level()
    print(
        f"unit level: recall {u['recall']:.1%} of {u['planted']:.0f} planted, precision "
        f"{u['precision']:.1%}; planted units failing CI (an error): {u['fails_ci']:.1%}; "
        f"clean units failing CI: {u['clean_failing_ci']:.0f}"
    )
    print(
        f"  (a unit is flagged by a warning or an error; info findings ({', '.join(sorted(info_rules()))}:"
        f" about the Chinese) flag nothing, so {u['info_only']:.0f} rows expecting only them count"
        f" among the {u['clean']:.0f} correct translations)"
    )
    for i in ev.wrong():
        print(
            f"{i + 1}: {ev.rows[i]['zh'][:40]} "
            f"expected {sorted(ev.rows[i]['expect'])} got {sorted(ev.found[i])}"
        )
        if args.verbose:
            for f in ev.findings:
                if f.line == i + 1:
                    print(f"    {f.rule}: {f.message}")
