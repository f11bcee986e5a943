"""Breakdown (library calls only, not a result): what each rule costs per unit.

    python3 bench/rule_costs.py                    # 20,000 units × 2,000 concepts
    python3 bench/rule_costs.py --units 5000 --runs 3
    python3 bench/rule_costs.py --units 5000 --paths   # the coverage path's share of units

The whole-process figures are in check_process.py; this says where their time goes. On the
same seeded project (harness.py) it times, in this process: polib parsing the PO files (the
floor check_process.py compares with), sppterm reading them into check units, the glossary
load, every rule run alone (``runner.run`` with that one rule: it pays the shared term scans
itself, so the rules' figures add up to more than the all-rules run), and all rules together.
CPU seconds (process time), the minimum of the runs.

``--paths`` prints instead, for the real series and the generated project, the share of units
on which the omission/addition rules go beyond their cheap length tests and compute a lexical
coverage (``lexicon.zh_coverage`` or ``en_coverage``), by caller: the generated English must be
as long as the series' translations are, give or take as much, or the breakdown above weighs
those rules wrongly.
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import io
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from harness import ROOT, table, write_project


def cpu(fn: Callable[[], object], runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        t0 = time.process_time()
        fn()
        best = min(best, time.process_time() - t0)
    return best


def coverage_paths(root: Path) -> str:
    """One line: the units of ``root`` whose omission/addition check computed a coverage, of
    all units the rules read, and per caller."""
    from sppterm import lexicon
    from sppterm.checks import omission
    from sppterm.cli import main as cli

    current: list[tuple[str, str]] = []
    units: set[tuple[str, str]] = set()
    slow: dict[str, set[tuple[str, str]]] = {}
    gaps = omission._gaps

    def counted_gaps(source: str, target: str, *a: object) -> object:
        current[:] = [(source, target)]
        units.add(current[0])
        return gaps(source, target, *a)

    def counting(name: str, fn: Callable[..., object]) -> Callable[..., object]:
        def wrapped(*a: object, **k: object) -> object:
            caller = sys._getframe(1).f_code.co_name
            slow.setdefault(f"{name} from {caller}", set()).update(current)
            return fn(*a, **k)

        return wrapped

    saved = {n: getattr(lexicon, n) for n in ("zh_coverage", "en_coverage")}
    omission._gaps = counted_gaps
    for n, fn in saved.items():
        setattr(lexicon, n, counting(n, fn))
    try:
        args = ["--root", str(root), "check", "--rule", "omission", "--rule", "addition", "--format", "json"]
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):
            cli(args, standalone_mode=False)
    finally:
        omission._gaps = gaps
        for n, fn in saved.items():
            setattr(lexicon, n, fn)
    n = len(units)
    every = set().union(*slow.values()) if slow else set()
    by = ", ".join(f"{k} {len(v) / n:.0%}" for k, v in sorted(slow.items()))
    return f"{len(every)} of {n} units ({len(every) / max(n, 1):.1%}); {by}"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--concepts", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--paths", action="store_true", help="the coverage path's share of units, no timing")
    args = ap.parse_args()
    if args.paths:
        with tempfile.TemporaryDirectory(prefix="spppaths-") as tmp:
            write_project(Path(tmp), args.concepts, args.units)
            print(f"real series: {coverage_paths(ROOT)}")
            print(f"generated {args.units:,} × {args.concepts:,}: {coverage_paths(Path(tmp))}")
        return
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
