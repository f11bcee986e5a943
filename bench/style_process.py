"""Benchmark (issue 15): the whole ``sppterm check`` with the UN style pack against without it.

    python3 bench/style_process.py                 # 20,000 units × 2,000 concepts, 3 rounds
    python3 bench/style_process.py --configs 20000x2000 --runs 5

The project is bench/harness.py's generated one (seeded); the same files are checked twice, once
with ``[tool.sppterm] styles = []`` and once with ``styles = ["sppterm:un"]`` (13 rules, one of
them a series rule), round-robin in one run. The target: with the pack within 2× of without.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from harness import SPPTERM, interleaved, table, write_project

PYPROJECT = '[tool.sppterm]\nglossary = "glossary"\nsource = "source_zh"\ntarget = "target_en"\nstyles = {}\n'


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--configs", nargs="+", default=["20000x2000"], help="UNITSxCONCEPTS")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for conf in args.configs:
            units, concepts = (int(x) for x in conf.lower().split("x"))
            plain, styled, out = (Path(tmp) / f"{conf}-{x}" for x in ("plain", "un", "out"))
            out.mkdir()
            write_project(plain, concepts, units)
            shutil.copytree(plain, styled)
            (plain / "pyproject.toml").write_text(PYPROJECT.format("[]"), "utf-8")
            (styled / "pyproject.toml").write_text(PYPROJECT.format('["sppterm:un"]'), "utf-8")
            cmds = {
                label: [*SPPTERM, "--root", str(d), "check", "--format", "json", "-o", str(out / f"{i}.json")]
                for i, (label, d) in enumerate((("check", plain), ("check + UN pack", styled)))
            }
            print(f"{units:,} units × {concepts:,} concepts", flush=True)
            t = interleaved(cmds, args.runs)
            found = {k: json.loads((out / f"{i}.json").read_text("utf-8")) for i, k in enumerate(cmds)}
            count = {k: len(v["findings"] if isinstance(v, dict) else v) for k, v in found.items()}
            a, b = t["check"].median, t["check + UN pack"].median
            rows.append(
                [
                    f"{units:,} × {concepts:,}",
                    f"{a:.2f}",
                    f"{b:.2f}",
                    f"{b / a:.2f}×",
                    f"{count['check']:,} / {count['check + UN pack']:,}",
                ]
            )
            shutil.rmtree(plain)
            shutil.rmtree(styled)
    print()
    print(table(["units × concepts", "check s", "with UN pack s", "ratio (target ≤ 2×)", "findings"], rows))


if __name__ == "__main__":
    main()
