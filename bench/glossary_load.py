"""Benchmark: loading the glossary, whole processes, against PyYAML's C loader on the same files.

    python3 bench/glossary_load.py                        # 2,000 and 20,000 concepts, 5 rounds
    python3 bench/glossary_load.py --sizes 20000 --runs 3

For each size it writes a glossary shaped like the real one (seeded: harness.glossary_files)
into a project (a pyproject.toml above glossary/, as ``sppterm`` finds it) and times, round
robin in the same run, whole processes (start-up, imports, reading, work, exit):

* ``python``: ``python -c pass``, the floor of any Python process;
* ``yaml C``: ``yaml.load(f, Loader=yaml.CSafeLoader)`` of every file, the peer (the same
  command as ``glossary yaml`` in check_process.py);
* ``import``: ``import sppterm.glossary`` and nothing else;
* ``cold``: ``load_glossary`` with ``SPPTERM_NO_CACHE=1``: parse, refuse anchors/aliases/tags,
  check duplicate keys, validate, build the concepts, every run;
* ``cold + write``: ``load_glossary`` into an empty cache directory each run: the first load
  after an edit (all of ``cold``, plus hashing the files and writing the cache entry);
* ``warm``: ``load_glossary`` with the entry written (an unchanged glossary).

Then, in separate runs, the seconds ``load_glossary`` itself takes inside the process (cold
and warm), to tell the load apart from the start-up and imports around it. It prints min and
median of every figure, the ratios the performance issue asks for (cold ≤ 1.5× yaml C; warm ≤
10 % of it) and a Markdown table. It checks too that the warm glossary equals the cold one.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import tempfile
from pathlib import Path

from harness import PY, Timing, glossary_files, run_once, table

YAML_C = (
    "import glob, sys, yaml\n"
    "for p in sorted(glob.glob(sys.argv[1] + '/*.yaml')):\n"
    "    with open(p, encoding='utf-8') as f:\n"
    "        yaml.load(f, Loader=yaml.CSafeLoader)\n"
)
# The environment is set inside the child, before sppterm is imported: no /usr/bin/env exec
# in the figure. argv: glossary directory, cache directory ("-": no cache).
PRELUDE = (
    "import os, sys\n"
    "if sys.argv[2] == '-':\n"
    "    os.environ['SPPTERM_NO_CACHE'] = '1'\n"
    "else:\n"
    "    os.environ['SPPTERM_CACHE_DIR'] = sys.argv[2]\n"
)
LOAD = PRELUDE + "from sppterm.glossary import load_glossary\nload_glossary(sys.argv[1])\n"
TIMED = PRELUDE + (
    "import time\n"
    "from sppterm.glossary import load_glossary\n"
    "t = time.perf_counter()\n"
    "g = load_glossary(sys.argv[1])\n"
    "print(time.perf_counter() - t, len(g), sum(len(c.terms) for c in g))\n"
)
DIGEST = PRELUDE + (
    "import hashlib\n"
    "from sppterm.glossary import load_glossary\n"
    "g = load_glossary(sys.argv[1])\n"
    "print(hashlib.sha256(repr([(vars(c), [vars(t) for t in c.terms]) for c in g]).encode()).hexdigest())\n"
)


def write_glossary(d: Path, n: int) -> Path:
    (d / "glossary").mkdir(parents=True)
    texts, _ = glossary_files(n)
    for name, text in texts.items():
        (d / "glossary" / name).write_text(text, "utf-8")
    (d / "pyproject.toml").write_text('[tool.sppterm]\nglossary = "glossary"\n', "utf-8")
    return d / "glossary"


def _stdout(cmd: list[str]) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.strip()


def measure_size(tmp: Path, n: int, runs: int) -> dict[str, Timing]:
    gdir = write_glossary(tmp / f"g{n}", n)
    warm_dir = tmp / f"cache{n}"
    _stdout([PY, "-c", LOAD, str(gdir), str(warm_dir)])  # write the warm entry
    cold_digest = _stdout([PY, "-c", DIGEST, str(gdir), "-"])
    warm_digest = _stdout([PY, "-c", DIGEST, str(gdir), str(warm_dir)])
    assert cold_digest == warm_digest, "the warm glossary differs from the cold one"
    size = sum(f.stat().st_size for f in gdir.glob("*.yaml"))
    entry = sum(f.stat().st_size for f in warm_dir.glob("glossary-*.bin"))
    print(f"{n:,} concepts: {size / 1e6:.1f} MB of YAML, cache entry {entry / 1e6:.1f} MB", flush=True)
    labels = ["python", "yaml C", "import", "cold", "cold + write", "warm"]
    out = {label: Timing(label) for label in labels}
    for r in range(runs):
        fresh = tmp / f"fresh{n}-{r}"
        cmds = {
            "python": [PY, "-c", "pass"],
            "yaml C": [PY, "-c", YAML_C, str(gdir)],
            "import": [PY, "-c", "import sppterm.glossary"],
            "cold": [PY, "-c", LOAD, str(gdir), "-"],
            "cold + write": [PY, "-c", LOAD, str(gdir), str(fresh)],
            "warm": [PY, "-c", LOAD, str(gdir), str(warm_dir)],
        }
        for label, cmd in cmds.items():
            s, mb, out[label].status = run_once(cmd, ok=(0,))
            out[label].times.append(s)
            out[label].rss.append(mb)
        shutil.rmtree(fresh, ignore_errors=True)
    for label in ("cold", "warm"):  # the load alone, timed inside the process
        t = Timing(f"{label} (in process)")
        where = "-" if label == "cold" else str(warm_dir)
        for _ in range(runs):
            t.times.append(float(_stdout([PY, "-c", TIMED, str(gdir), where]).split()[0]))
        t.rss.append(0.0)
        out[t.label] = t
    for t in out.values():
        print(f"  {t.label}: min {t.min:.3f} s, median {t.median:.3f} s", flush=True)
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", nargs="+", type=int, default=[2000, 20000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    rows, figures = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            t = measure_size(Path(tmp), n, max(3, args.runs))
            y = t["yaml C"].median
            warm_load = t["warm (in process)"].median
            figures[n] = {k: {"min": v.min, "median": v.median, "times": v.times} for k, v in t.items()}
            rows.append(
                [
                    f"{n:,}",
                    f"{y:.3f}",
                    f"{t['cold'].median:.3f}",
                    f"{t['cold'].median / y:.2f}×",
                    f"{t['cold + write'].median:.3f}",
                    f"{t['cold + write'].median / y:.2f}×",
                    f"{t['warm'].median:.3f}",
                    f"{t['warm'].median / y * 100:.1f} %",
                    f"{warm_load * 1000:.0f} ms = {warm_load / y * 100:.1f} %",
                    f"{t['python'].median:.3f} / {t['import'].median:.3f}",
                    f"{t['cold (in process)'].median:.2f}",
                ]
            )
    print()
    print("Medians of whole processes (s); yaml C is the peer; warm load is load_glossary alone, in process.")
    print(
        table(
            [
                "concepts",
                "yaml C",
                "cold",
                "cold / yaml C",
                "cold + write",
                "/ yaml C",
                "warm",
                "warm / yaml C",
                "warm load / yaml C",
                "python / import",
                "cold load in process",
            ],
            rows,
        )
    )
    stats = {n: {k: statistics.median(v["times"]) for k, v in f.items()} for n, f in figures.items()}
    for n, s in stats.items():
        y = s["yaml C"]
        print(
            f"{n:,}: cold {s['cold'] / y:.2f}× yaml C (goal ≤ 1.5×), warm {s['warm'] / y * 100:.1f} % of it"
            f" (goal ≤ 10 %), of which python start-up {s['python'] / y * 100:.1f} %,"
            f" the load itself {s['warm (in process)'] / y * 100:.1f} %"
        )
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1), "utf-8")


if __name__ == "__main__":
    main()
