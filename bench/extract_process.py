"""Benchmark: the whole ``sppterm extract`` update process against GNU msgmerge and pot2po.

    python3 bench/extract_process.py                     # 20,000 units in 40 files, then in 1 file
    python3 bench/extract_process.py --layouts 40 --runs 5

A seeded series of bulletins is generated from real sentences of source_zh/ (numbers varied so
every paragraph is unique), extracted and fully translated; then 10 % of the paragraphs are
edited. Each timed run starts from a fresh copy of that state and updates the translations:

* ``sppterm extract``: one process (reads the sources, the glossary and every PO file, merges
  with fuzzy matching against the series memory, writes the PO files);
* ``msgmerge``: GNU gettext, one process per file (``msgmerge old.po new.pot``), run by one shell;
* ``pot2po``: translate-toolkit, one process over the directories (old PO files as templates).

All three must give the same number of fuzzy suggestions (every edited paragraph gets one): a
faster tool that finds fewer is not faster at the same job. The copy is not timed.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from harness import CHILD_ENV, ROOT, SPPTERM, Timing, last_cpu, run_once, table

_PARA = re.compile(r"^[^\s#>|\-*`<!\[].{8,}$")


def real_paragraphs() -> list[str]:
    """Paragraph lines of the curated sources (no headings, lists, front matter)."""
    out = []
    for md in sorted((ROOT / "source_zh").glob("*.md")):
        text = md.read_text("utf-8")
        body = text.split("\n---\n", 1)[-1]
        out += [line for line in body.splitlines() if _PARA.match(line) and "：" not in line[:6]]
    return out


def series(n_units: int, n_files: int, seed: int = 1) -> list[list[str]]:
    rnd = random.Random(seed)
    pool = real_paragraphs()
    seen: set[str] = set()
    files: list[list[str]] = [[] for _ in range(n_files)]
    k = 0
    while k < n_units:
        t = rnd.choice(pool)
        t = re.sub(r"20[0-9]{2}", lambda _m: str(rnd.randint(1990, 2060)), t, count=1)
        t += f"（第{rnd.randint(1, 10**7)}项）"
        if t in seen:
            continue
        seen.add(t)
        files[k % n_files].append(t)
        k += 1
    return files


def edit(files: list[list[str]], share: float, seed: int = 2) -> tuple[list[list[str]], int]:
    rnd = random.Random(seed)
    out, n = [], 0
    for texts in files:
        new = []
        for t in texts:
            if rnd.random() < share:
                i = rnd.randrange(len(t) - 8)
                t = t[:i] + rnd.choice(["新增", "进一步", "全球"]) + t[i + 2 :]
                n += 1
            new.append(t)
        out.append(new)
    return out, n


def bid(i: int) -> str:
    return f"{2000 + i // 12:04d}-{i % 12 + 1:02d}"


def write_sources(d: Path, files: list[list[str]]) -> None:
    src = d / "source_zh"
    src.mkdir(parents=True, exist_ok=True)
    for i, texts in enumerate(files):
        front = f"---\nid: {bid(i)}\ntitle: 可持续公共采购计划简报\nyear: {2000 + i // 12}\n---\n\n"
        (src / f"{bid(i)}.md").write_text(front + "\n\n".join(texts) + "\n", "utf-8")


def fill_translations(po_dir: Path) -> None:
    import polib

    for p in sorted(po_dir.glob("*.po")):
        po = polib.pofile(str(p), wrapwidth=0)
        for e in po:
            e.msgstr = "EN " + e.msgid[:60]
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
        p.write_text(str(po), "utf-8")


def write_pots(po_dir: Path, pot_dir: Path) -> None:
    """The edited sources' units as POT files: msgmerge's and pot2po's input (ids from sppterm)."""
    import polib

    pot_dir.mkdir()
    for p in sorted(po_dir.glob("*.po")):
        po = polib.pofile(str(p), wrapwidth=0)
        pot = polib.POFile(wrapwidth=0)
        pot.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for e in po:
            if not e.obsolete:
                pot.append(polib.POEntry(msgid=e.msgid, msgstr="", occurrences=e.occurrences))
        pot.save(str(pot_dir / (p.stem + ".pot")))


def count_fuzzy(po_dir: Path) -> int:
    return sum(
        1
        for p in po_dir.glob("*.po")
        for block in p.read_text("utf-8").split("\n\n")
        if re.search(r"^#,.*\bfuzzy\b", block, re.M) and not block.lstrip().startswith("#~")
    )


def prepare(base: Path, n_units: int, n_files: int, share: float) -> int:
    """base/state: the translated project with edited sources; base/old, base/pot for the peers."""
    state = base / "state"
    shutil.copytree(ROOT / "glossary", state / "glossary")
    (state / "pyproject.toml").write_text(
        '[tool.sppterm]\nglossary = "glossary"\nsource = "source_zh"\ntarget = "target_en"\n', "utf-8"
    )
    files = series(n_units, n_files)
    write_sources(state, files)
    po_dir = state / "target_en" / "po"
    subprocess.run(
        [*SPPTERM, "--root", str(state), "extract"], check=True, stdout=subprocess.DEVNULL, env=CHILD_ENV
    )
    fill_translations(po_dir)
    shutil.copytree(po_dir, base / "old")
    edited, n = edit(files, share)
    write_sources(state, edited)
    # POT files of the edited sources: extract them once in a scratch copy.
    scratch = base / "scratch"
    shutil.copytree(state, scratch)
    shutil.rmtree(scratch / "target_en")
    subprocess.run(
        [*SPPTERM, "--root", str(scratch), "extract"], check=True, stdout=subprocess.DEVNULL, env=CHILD_ENV
    )
    write_pots(scratch / "target_en" / "po", base / "pot")
    shutil.rmtree(scratch)
    return n


def timed_runs(base: Path, runs: int) -> tuple[dict[str, Timing], dict[str, int]]:
    old, pot = base / "old", base / "pot"
    names = sorted(p.stem for p in pot.glob("*.pot"))
    results = {k: Timing(k) for k in ("sppterm extract", "msgmerge", "pot2po")}
    fuzzy: dict[str, int] = {}
    for r in range(runs):
        work = base / f"run{r}"
        shutil.copytree(base / "state", work)
        s, mb, _ = run_once([*SPPTERM, "--root", str(work), "extract"], ok=(0,))
        results["sppterm extract"].add(s, mb, last_cpu())
        fuzzy["sppterm extract"] = count_fuzzy(work / "target_en" / "po")
        mm = base / f"mm{r}"
        mm.mkdir()
        script = "; ".join(
            f"msgmerge --quiet -o {mm}/{n}.po {old}/{n}.po {pot}/{n}.pot || exit 1" for n in names
        )
        s, mb, _ = run_once(["sh", "-c", script], ok=(0,))
        results["msgmerge"].add(s, mb, last_cpu())
        fuzzy["msgmerge"] = count_fuzzy(mm)
        if shutil.which("pot2po"):
            tt = base / f"tt{r}"
            s, mb, _ = run_once(["pot2po", "--progress=none", "-t", str(old), str(pot), str(tt)], ok=(0,))
            results["pot2po"].add(s, mb, last_cpu())
            fuzzy["pot2po"] = count_fuzzy(tt)
            shutil.rmtree(tt)
        shutil.rmtree(work)
        shutil.rmtree(mm)
    for t in results.values():
        if t.times:
            print(t.line(), flush=True)
    return results, fuzzy


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--layouts", type=int, nargs="+", default=[40, 1], help="numbers of PO files")
    ap.add_argument("--edited", type=float, default=0.10)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = []
    unequal: list[str] = []
    for n_files in args.layouts:
        with tempfile.TemporaryDirectory(prefix="sppbench-") as tmp:
            base = Path(tmp)
            n = prepare(base, args.units, n_files, args.edited)
            print(f"{args.units:,} units in {n_files} files, {n:,} paragraphs edited", flush=True)
            t, fuzzy = timed_runs(base, args.runs)
            if len(set(fuzzy.values())) > 1:  # the quality assertion: the same job, or no figure
                unequal.append(f"{n_files} files: fuzzy suggestions differ {fuzzy}")
            ours = t["sppterm extract"].median
            pot2po = t["pot2po"].median if t["pot2po"].times else float("nan")
            rows.append(
                [
                    n_files,
                    f"{ours:.2f}",
                    f"{t['msgmerge'].median:.2f}",
                    f"{ours / t['msgmerge'].median:.2f}×",
                    f"{pot2po:.2f}",
                    f"{ours / pot2po:.3f}×",
                    " / ".join(str(fuzzy.get(k, "–")) for k in ("sppterm extract", "msgmerge", "pot2po")),
                    n,
                ]
            )
    print()
    print(
        table(
            [
                "files",
                "sppterm extract s",
                "msgmerge s",
                "sppterm / msgmerge",
                "pot2po s",
                "sppterm / pot2po",
                "fuzzy: sppterm / msgmerge / pot2po",
                "edited",
            ],
            rows,
        )
    )
    if unequal:
        raise SystemExit("QUALITY: " + "; ".join(unequal))


if __name__ == "__main__":
    main()
