"""Benchmark: the real series (the five bulletins of this repository), whole processes.

    python3 bench/series_process.py --runs 10

Times, round-robin in one run, on a copy of the repository's glossary/, source_zh/ and
target_en/ (so ``build`` writes nothing here): ``sppterm --version`` (start-up), ``sppterm check``,
``sppterm build --draft`` and, as the peer a CI user compares with, ``ruff check`` on src/ (a
native linter: the floor of "feels instant").

``check`` and ``build --draft`` are timed three ways, side by side:

* **cold**: a fresh, empty cache directory for each run (``SPPTERM_CACHE_DIR``): no warm
  glossary, style marker, lexicon or results cache, as on a first run or in a fresh CI job;
* **one file touched** (check only): a PO file's times changed before each run, its bytes
  not (the run's entry matches by content: what saving a file unchanged costs);
* **one unit edited** (check only): one translation changed before each run: every file is
  parsed, the per-unit rules run on that unit only, the series rules run again;
* **warm**: nothing changed since the last run (the results cache answers the check).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

from harness import PY, ROOT, SPPTERM, interleaved, table


def cold(cmd: list[str], parent: Path) -> list[str]:
    """``cmd`` with a new empty cache directory under ``parent`` (``sh`` and ``mktemp``: ~2 ms)."""
    script = f'SPPTERM_CACHE_DIR="$(mktemp -d -p "{parent}")" exec "$@"'
    return ["sh", "-c", script, "sh", *cmd]


def edited(cmd: list[str], po: str) -> list[str]:
    """``cmd`` after one unit of the PO file(s) ``po`` (a shell glob: the first file) changed:
    its first translation gains or loses a word, in turn (grep and sed: a few ms)."""
    script = (
        f'f="$(ls {po} | head -n 1)"; '
        "if grep -q ' XYZZY' \"$f\"; then sed -i 's/ XYZZY//' \"$f\"; "
        'else sed -i \'0,/^msgstr "[^"]/s/^msgstr "\\([^"]\\)/msgstr "\\1 XYZZY/\' "$f"; fi; '
        'exec "$@"'
    )
    return ["sh", "-c", script, "sh", *cmd]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sppseries-") as tmp:
        d = Path(tmp)
        for part in ("glossary", "source_zh", "target_en"):
            shutil.copytree(ROOT / part, d / part, ignore=shutil.ignore_patterns("*.pdf", "review", "xliff"))
        shutil.copy(ROOT / "pyproject.toml", d / "pyproject.toml")
        caches = d / "caches"  # the cold runs' fresh cache directories, removed with d
        caches.mkdir()
        check = [*SPPTERM, "--root", str(d), "check", "--format", "json", "-o", str(d / "r.json")]
        build = [*SPPTERM, "--root", str(d), "build", "--draft"]
        touched = d / "target_en" / "po" / "2023.po"
        cmds = {
            "start-up (--version)": [*SPPTERM, "--version"],
            "check cold": cold(check, caches),
            "check, one file touched": ["sh", "-c", f'touch "{touched}" && exec "$@"', "sh", *check],
            "check, one unit edited": edited(check, f'"{touched}"'),
            "check warm": check,
            "build --draft cold": cold(build, caches),
            "build --draft warm": build,
            "python -c pass": [PY, "-c", "pass"],
        }
        if shutil.which("ruff"):
            cmds["ruff check src"] = ["ruff", "check", "--no-cache", "-q", str(ROOT / "src")]
        t = interleaved(cmds, args.runs)
    base = t["start-up (--version)"].median
    rows = [
        [
            label,
            f"{x.min * 1000:.0f}",
            f"{x.median * 1000:.0f}",
            f"{x.median / base:.2f}×",
            f"{x.cpu_median * 1000:.0f}",
            f"{x.peak_mb:.0f}",
        ]
        for label, x in t.items()
    ]
    print()
    print(table(["process", "min ms", "median ms", "/ start-up", "CPU ms (median)", "peak MB"], rows))


if __name__ == "__main__":
    main()
