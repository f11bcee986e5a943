"""Breakdown (library calls only, not a result): what each rule costs per unit.

    python3 bench/rule_costs.py                    # 20,000 units × 2,000 concepts
    python3 bench/rule_costs.py --units 5000 --runs 3

The whole-process figures are in check_process.py; this says where their time goes. On the
same seeded project (harness.py) it times, in this process: polib parsing the PO files (the
floor check_process.py compares with), sppterm reading them into check units, the glossary
load, every rule run alone (``runner.run`` with that one rule: it pays the shared term scans
itself, so the rules' figures add up to more than the all-rules run), and all rules together.
CPU seconds (process time), the minimum of the runs.
"""

from __future__ import annotations

import argparse
import glob
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from harness import table, write_project


def cpu(fn: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--concepts", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    import polib

    from sppterm.checks import runner
    from sppterm.checks.registry import RULES
    from sppterm.glossary import load_glossary

    with tempfile.TemporaryDirectory(prefix="spprules-") as tmp:
        d = Path(tmp)
        write_project(d, args.concepts, args.units)
        files = sorted(glob.glob(str(d / "target_en" / "po" / "*.po")))
        n = args.units
        rows: list[list[object]] = []

        def row(label: str, seconds: float, base: float | None) -> None:
            share = f"{seconds / base * 100:.0f} %" if base else "–"
            rows.append([label, f"{seconds:.3f}", f"{seconds / n * 1e6:.0f}", share])
            print(f"  {label}: {seconds:.3f} s", file=sys.stderr, flush=True)

        floor = cpu(lambda: [polib.pofile(p, wrapwidth=0) for p in files], args.runs)
        units = runner.load_units([Path(p) for p in files], d)
        glossary = load_glossary(d / "glossary")
        every = cpu(lambda: runner.run(units, glossary), args.runs)
        row("polib parse (the floor)", floor, every)
        paths = [Path(p) for p in files]
        row("read PO into check units", cpu(lambda: runner.load_units(paths, d), args.runs), every)
        row("glossary load (warm cache)", cpu(lambda: load_glossary(d / "glossary"), args.runs), every)
        for rule in RULES:
            opts = runner.Options(rules=[rule.id])
            alone = cpu(lambda opts=opts: runner.run(units, glossary, opts), args.runs)
            row(f"rule {rule.id} alone", alone, every)
        row("all rules", every, every)
    print(f"\n{n:,} units × {args.concepts:,} concepts; CPU s, min of {args.runs}; share of all rules\n")
    print(table(["step", "CPU s", "µs / unit", "share"], rows))


if __name__ == "__main__":
    main()
