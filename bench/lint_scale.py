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
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 800)]
TYPES = ["organisation", "programme", "publication", "event", "initiative", "concept", "place", "project"]
WORDS = (  # noqa: SIM905 - a sentence of words is easier to read than a 55-line list
    "sustainable public procurement green purchasing network centre programme policy standard label "
    "criteria market product service energy efficiency circular economy climate environment local "
    "government national council committee forum report guide review index platform initiative "
    "partnership alliance institute office agency ministry bureau fund project action plan strategy "
    "framework system assessment certification training workshop conference summit dialogue week"
).split()


def _zh(rnd: random.Random, lo: int, hi: int) -> str:
    return "".join(rnd.choice(CJK) for _ in range(rnd.randint(lo, hi)))


def _yaml_str(s: str) -> str:
    return f'"{s}"' if any(c in s for c in ":#,[]{}&*!|>'\"%@`") else s


def generate(n: int, seed: int = 1) -> dict[str, str]:
    """File name → YAML text of a glossary with ``n`` concepts."""
    rnd = random.Random(seed)
    zh_seen: set[str] = set()
    en_seen: set[str] = set()
    prefs: list[str] = []
    files: dict[str, list[str]] = {t: [] for t in TYPES}

    def fresh_zh(make) -> str:
        while True:
            s = make()
            if s not in zh_seen:
                zh_seen.add(s)
                return s

    def fresh_en() -> str:
        while True:
            s = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(2, 5))).title()
            if s not in en_seen:
                en_seen.add(s)
                return s

    for i in range(n):
        ctype = TYPES[i % len(TYPES)]
        if prefs and rnd.random() < 0.25:
            parent = rnd.choice(prefs)
            zh = fresh_zh(lambda parent=parent: parent + _zh(rnd, 2, 4))
        else:
            zh = fresh_zh(lambda: _zh(rnd, 3, 9))
        prefs.append(zh)
        zh_adm = [fresh_zh(lambda zh=zh: zh[:2] + zh[-2:] + _zh(rnd, 0, 1))] if rnd.random() < 0.4 else []
        zh_dep = [fresh_zh(lambda: _zh(rnd, 4, 8))] if rnd.random() < 0.1 else []
        en = fresh_en()
        en_adm = [fresh_en()] if rnd.random() < 0.3 else []
        en_forbidden = [fresh_en()] if rnd.random() < 0.1 else []
        cid = f"c{i:05d}-" + "-".join(en.lower().split()[:3])
        lines = [f"  - id: {cid}", f"    type: {ctype}"]
        if rnd.random() < 0.5:
            adm = f", admitted: [{', '.join(zh_adm)}]" if zh_adm else ""
            dep = f", deprecated: [{', '.join(zh_dep)}]" if zh_dep else ""
            lines.append(f"    zh: {{preferred: {zh}{adm}{dep}}}")
        else:
            lines += ["    zh:", f"      preferred: {zh}"]
            lines += [f"      admitted: [{', '.join(zh_adm)}]"] if zh_adm else []
            if zh_dep:
                lines += [
                    "      deprecated:",
                    *(f"        - {{term: {d}, note: variant seen in 2023}}" for d in zh_dep),
                ]
        lines += ["    en:", f"      preferred: {_yaml_str(en)}"]
        lines += [f"      admitted: [{', '.join(map(_yaml_str, en_adm))}]"] if en_adm else []
        lines += [f"      forbidden: [{', '.join(map(_yaml_str, en_forbidden))}]"] if en_forbidden else []
        if rnd.random() < 0.3:
            lines.append(f"    abbr: [{''.join(w[0] for w in en.split()).upper()}{i}]")
        lines += (
            ["    attested:", f"      - example{i % 97}.org"]
            if rnd.random() < 0.6
            else ["    verified: false"]
        )
        if rnd.random() < 0.2:
            lines.append("    note: Generated for the lint benchmark; the English is a rendering.")
        files[ctype].append("\n".join(lines))
    header = "# yaml-language-server: $schema=../src/sppterm/glossary/schema.json\nconcepts:\n"
    return {f"{t}s.yaml": header + "\n\n".join(body) + "\n" for t, body in files.items() if body}


def make_project(d: Path, n: int, seed: int) -> None:
    (d / "glossary").mkdir(parents=True)
    for name, text in generate(n, seed).items():
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
