"""Benchmark: the whole ``sppterm terms drift`` process on generated projects of growing size,
to show the time grows linearly with the units (the maximality check of the repeated Chinese
sequences compared every pair of them: minutes at 20,000 units).

    python3 bench/drift_process.py                      # 5,000, 10,000 and 20,000 units
    python3 bench/drift_process.py --units 2000 4000 --runs 3

The projects are the seeded ones of ``check_process.py`` (harness.write_project, 2,000
concepts). No peer: no other tool reports term drift; the figure to read is the last column,
seconds per 1,000 units, which stays flat when the command is linear. Wall and CPU time both
(a shared machine moves wall time).
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from harness import SPPTERM, measure, table, write_project


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, nargs="+", default=[5000, 10000, 20000])
    ap.add_argument("--concepts", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = []
    for n in args.units:
        with tempfile.TemporaryDirectory() as tmp:
            d = Path(tmp) / "p"
            write_project(d, args.concepts, n)
            cmd = [*SPPTERM, "--root", str(d), "terms", "drift", "--format", "json"]
            t = measure(f"terms drift, {n:,} units", cmd, args.runs)
            rows.append(
                [
                    f"{n:,}",
                    f"{t.median:.1f}",
                    f"{t.cpu_median:.1f}",
                    f"{t.peak_mb:.0f}",
                    f"{t.cpu_median / n * 1000:.2f}",
                ]
            )
    print()
    print(table(["units", "wall s (median)", "CPU s", "peak MB", "CPU s per 1,000 units"], rows))


if __name__ == "__main__":
    main()
