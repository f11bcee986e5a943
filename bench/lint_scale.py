"""Benchmark: ``sppterm glossary lint`` on generated glossaries of growing size.

    python3 bench/lint_scale.py                        # 2k, 5k, 10k, 20k concepts, 3 runs each
    python3 bench/lint_scale.py --sizes 2000 5000 --runs 5

Generates (seeded, so every run sees the same files) glossaries shaped like the real one: eight
files by concept type, block and flow style, Chinese terms of 3–9 characters from an alphabet
of 800 characters (so one- and two-character overlaps between terms are common), a quarter of
the concepts built on an earlier concept's term (nested terms), admitted short forms,
deprecated/forbidden forms, abbreviations, attestations. The real bulletins (source_zh/) are
copied in as the corpus. Times the whole process, ``python3 -m sppterm --root TMP glossary
lint`` (import, YAML loading, schema validation, lint, output), and reads each run's peak RSS
from wait4() (Linux counts in it the image of this script the child was forked from: a floor
of ~20 MB). Lint was quadratic in the number of Chinese terms; the goal is 20,000 concepts in
under 5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from harness import ROOT, glossary_files


def make_project(d: Path, n: int, seed: int) -> None:
    (d / "glossary").mkdir(parents=True)
    texts, _ = glossary_files(n, seed)
    for name, text in texts.items():
        (d / "glossary" / name).write_text(text, "utf-8")
    shutil.copytree(ROOT / "source_zh", d / "source_zh")
    (d / "pyproject.toml").write_text(
        '[tool.sppterm]\nglossary = "glossary"\nsource = "source_zh"\ntarget = "target_en"\n', "utf-8"
    )


def run_once(d: Path) -> tuple[float, int, float]:
    """(exit status, wall seconds, peak RSS in MB) of one whole lint process."""
    cmd = [sys.executable, "-m", "sppterm", "--root", str(d), "glossary", "lint"]
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.returncode not in (0, 1):
        raise SystemExit(f"lint failed ({proc.returncode}):\n{err}")
    return elapsed, proc.returncode, usage.ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[2000, 5000, 10000, 20000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            d = Path(tmp) / f"g{n}"
            make_project(d, n, args.seed)
            runs = [run_once(d) for _ in range(args.runs)]
            times = [t for t, _, _ in runs]
            rows.append((n, min(times), statistics.median(times), max(r for _, _, r in runs), runs[0][1]))
            print(
                f"{n:>6} concepts: min {min(times):.2f} s, median {statistics.median(times):.2f} s",
                flush=True,
            )
    print()
    print("| concepts | min s | median s | peak RSS MB | exit |")
    print("|---:|---:|---:|---:|---:|")
    for n, lo, med, rss, code in rows:
        print(f"| {n:,} | {lo:.2f} | {med:.2f} | {rss:.0f} | {code} |")
    if len(rows) > 1:
        (n0, t0, *_), (n1, t1, *_) = rows[0], rows[-1]
        print(f"\ngrowth {n0:,} → {n1:,} concepts (×{n1 / n0:.0f}): time ×{t1 / t0:.1f} (min)")


if __name__ == "__main__":
    main()
