"""Benchmark: the whole ``sppterm check`` process against pofilter and the PO parse floor.

    python3 bench/check_process.py                              # 20k units × 2k concepts, 3 rounds
    python3 bench/check_process.py --configs 20000x2000 200000x2000 20000x20000 200000x20000

For each configuration (units × concepts) it generates a project (seeded: every run sees the same
files; see harness.py) and times, round-robin in the same run, whole processes:

* ``polib floor``: a Python process that imports polib and parses every PO file (the least any
  Python checker of these files pays); it drops each file once parsed, so its peak memory is one
  file's: ``polib held`` keeps every parsed file, as a checker of the whole series must (the
  issue's 207 MB "polib parse" at 200k units), and is the fair floor of the memory ratio;
* ``start-up``: ``sppterm --version``;
* ``glossary yaml``: PyYAML's C loader reading the glossary files, against ``glossary load``:
  sppterm loading (validating, indexing) the same glossary;
* ``check all``: ``sppterm check`` with every rule, warm (the files unchanged since the
  untimed first run: the results cache answers); ``check all (cold)``: the same with a fresh,
  empty cache directory for each run (no warm glossary, lexicon, style marker or results:
  every file parsed, every rule run; as many worker processes as pay, checks.parallel),
  ``check all (cold, jobs 1)`` the same serially (``--jobs 1``). The peak memory of a run with
  workers is its largest process's (wait4's); summing the processes' RSS would count the pages
  they share once per process: their summed PSS, sampled apart, was 13-40 % above the serial
  run's (5k-20k units); ``check all, one unit edited``: one translation
  changed before each run (every file parsed, the per-unit rules on that unit, the series rules
  again: what saving one edit costs); ``check term-missing``: one rule (it runs right after that
  edit, so its run misses too: the per-unit entries of its own rule answer);
* ``pofilter``: translate-toolkit's pofilter with its default tests on the same PO files.

It prints each figure, the ratios the performance issue asks for, and a Markdown table. Every
command runs once untimed first (bytecode, and the glossary cache the check then finds warm, as
on a developer's machine; ``glossary_load.py`` gives the cold figures).
"""

from __future__ import annotations

import argparse
import itertools
import shutil
import tempfile
from pathlib import Path

from harness import PY, SPPTERM, interleaved, table, write_project_apart
from series_process import cold, edited

POLIB_FLOOR = (
    "import glob, sys, polib\n"
    "for p in sorted(glob.glob(sys.argv[1] + '/*.po')):\n"
    "    polib.pofile(p, wrapwidth=0)\n"
)
POLIB_HELD = (
    "import glob, sys, polib\n"
    "held = [polib.pofile(p, wrapwidth=0) for p in sorted(glob.glob(sys.argv[1] + '/*.po'))]\n"
)
YAML_FLOOR = (
    "import glob, sys, yaml\n"
    "for p in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
    "    with open(p, encoding='utf-8') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)
GLOSSARY_LOAD = "import sys\nfrom sppterm.glossary import load_glossary\nload_glossary(sys.argv[1])\n"


def commands(d: Path, out: Path, pofilter: bool) -> dict[str, list[str]]:
    po = str(d / "target_en" / "po")
    cmds = {
        "polib floor": [PY, "-c", POLIB_FLOOR, po],
        "polib held": [PY, "-c", POLIB_HELD, po],
        "start-up": [*SPPTERM, "--version"],
        "glossary yaml": [PY, "-c", YAML_FLOOR, str(d / "glossary")],
        "glossary load": [PY, "-c", GLOSSARY_LOAD, str(d / "glossary")],
        "check all": [*SPPTERM, "--root", str(d), "check", "--format", "json", "-o", str(out / "all.json")],
        "check all, one unit edited": edited(
            [*SPPTERM, "--root", str(d), "check", "--format", "json", "-o", str(out / "edited.json")],
            f'"{po}"/*.po',
        ),
        "check all (cold)": cold(
            [*SPPTERM, "--root", str(d), "check", "--format", "json", "-o", str(out / "cold.json")], out
        ),
        "check all (cold, jobs 1)": cold(
            [*SPPTERM, "--root", str(d), "check", "-j1", "--format", "json", "-o", str(out / "c1.json")], out
        ),
        "check term-missing": [
            *SPPTERM,
            "--root",
            str(d),
            "check",
            "--rule",
            "term-missing",
            "--format",
            "json",
            "-o",
            str(out / "tm.json"),
        ],
    }
    if pofilter and shutil.which("pofilter"):
        cmds["pofilter"] = ["pofilter", "--progress", "none", "-i", po, "-o", str(out / "pofilter")]
    return cmds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--configs", nargs="+", default=["20000x2000"], help="UNITSxCONCEPTS, e.g. 200000x20000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--no-pofilter", action="store_true")
    args = ap.parse_args()
    rows, results = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for conf in args.configs:
            units, concepts = (int(x) for x in conf.lower().split("x"))
            d, out = Path(tmp) / conf, Path(tmp) / f"{conf}-out"
            out.mkdir()
            write_project_apart(d, concepts, units)
            print(f"{units:,} units × {concepts:,} concepts", flush=True)
            t = interleaved(commands(d, out, not args.no_pofilter), args.runs)
            results[(units, concepts)] = t
            floor, gy = t["polib floor"].median, t["glossary yaml"].median
            serial = "check all (cold, jobs 1)"
            row = [
                f"{units:,} × {concepts:,}",
                f"{t['check all'].median:.2f}",
                f"{t['check all'].median / floor:.2f}×",
                f"{t['check all'].cpu_median / t['polib floor'].cpu_median:.2f}×",
                f"{t['check all, one unit edited'].median / floor:.2f}×",
                f"{t['check all (cold)'].median:.2f}",
                f"{t['check all (cold)'].median / floor:.2f}×",
                f"{t[serial].median:.2f} / {t[serial].cpu_median:.2f}",
                f"{t['check all (cold)'].cpu_median:.2f}",
                f"{t['check term-missing'].median / floor:.2f}×",
                f"{t['pofilter'].median / t['check all (cold)'].median:.2f}×" if "pofilter" in t else "–",
                f"{t['glossary load'].median:.2f} / {gy:.2f}",
                f"{t['glossary load'].median / gy:.2f}×",
                f"{t['check all (cold)'].peak_mb:.0f} / {t['polib floor'].peak_mb:.0f}",
                f"{t['check all (cold)'].peak_mb / t['polib floor'].peak_mb:.2f}×",
                f"{t['polib held'].peak_mb:.0f}",
                f"{t['check all (cold)'].peak_mb / t['polib held'].peak_mb:.2f}×",
            ]
            rows.append(row)
            shutil.rmtree(d)
    print()
    print(
        table(
            [
                "units × concepts",
                "check all warm s (median)",
                "warm / polib floor",
                "same, CPU",
                "one unit edited / floor",
                "check all cold s",
                "cold / polib floor",
                "cold jobs 1 s / CPU s",
                "cold CPU s (all processes)",
                "term-missing / floor",
                "pofilter / check all cold (speed-up)",
                "glossary load / yaml C s",
                "load / yaml",
                "peak MB check cold / polib",
                "memory ratio",
                "peak MB polib held",
                "check cold / polib held",
            ],
            rows,
        )
    )
    for (u0, c0), (u1, c1) in itertools.combinations(sorted(results), 2):
        a, b = results[(u0, c0)]["check all (cold)"].median, results[(u1, c1)]["check all (cold)"].median
        if c0 == c1 and u1 > u0:
            print(f"units {u0:,} → {u1:,} (×{u1 / u0:.0f}) at {c0:,} concepts: check ×{b / a:.1f}")
        if u0 == u1 and c1 > c0:
            print(f"concepts {c0:,} → {c1:,} at {u0:,} units: check +{(b / a - 1) * 100:.0f} %")


if __name__ == "__main__":
    main()
