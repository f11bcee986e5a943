"""Benchmark: update a 20,000-unit series after 10% of its blocks were edited.

Generates a series of bulletins from real sentences of the seeds (numbers varied so units are
unique), translates every unit, edits 10% of the blocks, then times
  * sppterm: merge(new units, old PO, series memory) and writing every PO file, and
  * translate-toolkit pot2po: new POT files merged with the old PO files as templates,
on the same files, in the same run.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sppterm.bulletin.parse import load_bulletins  # noqa: E402
from sppterm.units.extract import Unit, merge  # noqa: E402
from sppterm.units.memory import SeriesMemory  # noqa: E402
from sppterm.units.po import load_po_dir, po_text  # noqa: E402
from sppterm.zh import sentences  # noqa: E402


def corpus_sentences() -> list[str]:
    out = []
    for b in load_bulletins(ROOT / "source_zh"):
        for block in b.blocks():
            out += [s for s in sentences(block.text) if len(s) > 8]
    return out


def generate(n_units: int, per_file: int, seed: int = 1) -> list[list[str]]:
    rnd = random.Random(seed)
    pool = corpus_sentences()
    files, seen = [], set()
    while sum(map(len, files)) < n_units:
        texts = []
        while len(texts) < per_file and sum(map(len, files)) + len(texts) < n_units:
            t = "".join(rnd.sample(pool, rnd.randint(1, 3)))
            t = t.replace("2022", str(rnd.randint(1990, 2060)), 1) + f"（第{rnd.randint(1, 10**6)}项）"
            if t not in seen:
                seen.add(t)
                texts.append(t)
        files.append(texts)
    return files


def edit(files: list[list[str]], share: float, seed: int = 2) -> list[list[str]]:
    rnd = random.Random(seed)
    out = []
    for texts in files:
        new = []
        for t in texts:
            if rnd.random() < share:
                k = rnd.randrange(len(t))
                t = t[:k] + rnd.choice(["新增", "进一步", "不", "全球"]) + t[k + 2 :]
            new.append(t)
        out.append(new)
    return out


def units(texts: list[str]) -> list[Unit]:
    return [Unit(t, "paragraph", [("b.md", i + 1)]) for i, t in enumerate(texts)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--per-file", type=int, default=500)
    ap.add_argument("--edited", type=float, default=0.10)
    ap.add_argument("--skip-pot2po", action="store_true")
    args = ap.parse_args()

    work = Path(tempfile.mkdtemp(prefix="sppbench-"))
    old_dir, pot_dir, ours_dir, tt_dir = (work / d for d in ("old", "pot", "ours", "tt"))
    for d in (old_dir, pot_dir, ours_dir, tt_dir):
        d.mkdir()
    files = generate(args.units, args.per_file)
    edited = edit(files, args.edited)
    n_edited = sum(a != b for fa, fb in zip(files, edited, strict=True) for a, b in zip(fa, fb, strict=True))
    empty = SeriesMemory([])
    for i, texts in enumerate(files):
        po, _ = merge(f"b{i}", units(texts), None, empty)
        for e in po:
            e.msgstr = "EN " + e.msgid[:40]
        (old_dir / f"b{i:03d}.po").write_text(po_text(po), "utf-8")
        pot = polib.POFile(wrapwidth=0)
        pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for t in edited[i]:
            pot.append(polib.POEntry(msgid=t, msgstr=""))
        pot.save(str(pot_dir / f"b{i:03d}.pot"))
    print(
        f"series: {sum(map(len, files))} units in {len(files)} files, {n_edited} edited "
        f"({n_edited / sum(map(len, files)):.0%})"
    )

    t0 = time.perf_counter()
    parsed = load_po_dir(old_dir)
    memory = SeriesMemory.from_files(parsed)
    t_mem = time.perf_counter() - t0
    fuzzy = kept = 0
    for i, texts in enumerate(edited):
        old = parsed[f"b{i:03d}"]
        po, report = merge(f"b{i}", units(texts), old, memory)
        (ours_dir / f"b{i:03d}.po").write_text(po_text(po), "utf-8")
        fuzzy += report.fuzzy_old + report.fuzzy_memory
        kept += report.kept
    t_ours = time.perf_counter() - t0
    print(
        f"sppterm extract+merge: {t_ours:.2f} s (parse + memory of {len(memory)}: {t_mem:.2f} s); "
        f"{kept} kept, {fuzzy} fuzzy suggestions"
    )

    if not args.skip_pot2po:
        pot2po = shutil.which("pot2po") or str(Path(sys.executable).parent / "pot2po")
        t0 = time.perf_counter()
        subprocess.run([pot2po, "--progress=none", "-t", str(old_dir), str(pot_dir), str(tt_dir)], check=True)
        t_tt = time.perf_counter() - t0
        tt_fuzzy = sum(1 for p in tt_dir.glob("*.po") for e in polib.pofile(str(p)) if "fuzzy" in e.flags)
        print(f"translate-toolkit pot2po: {t_tt:.2f} s; {tt_fuzzy} fuzzy suggestions")
        print(f"speed-up: {t_tt / t_ours:.1f}x")
    shutil.rmtree(work)


if __name__ == "__main__":
    main()
