"""Benchmark: the terminology check on generated series, against translate-toolkit.

    python3 bench/check_speed.py                       # 20,000 units × 2,000 concepts, with translate-toolkit
    python3 bench/check_speed.py --units 200000 --concepts 20000 --tt-sample 2000

Generates a glossary (random 3–6-character Chinese terms, English forms) and PO files whose units
embed two terms each, one of them left untranslated in the English. Times
  * parsing the PO files (the floor any checker pays),
  * sppterm's term-missing check (one Aho–Corasick automaton built once, per-concept patterns),
  * translate-toolkit's terminologymatcher doing the same check (match terms, test the target),
    on all units or on a sample (--tt-sample) extrapolated linearly.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sppterm.checks.runner import Options, run, units_from_po  # noqa: E402
from sppterm.glossary.model import Concept, Glossary, Status, Term  # noqa: E402

CJK = [chr(c) for c in range(0x4E00, 0x4E00 + 6000)]


def make_glossary(n: int, rnd: random.Random) -> Glossary:
    seen: set[str] = set()
    concepts = []
    while len(concepts) < n:
        zh = "".join(rnd.choice(CJK) for _ in range(rnd.randint(3, 6)))
        if zh in seen:
            continue
        seen.add(zh)
        i = len(concepts)
        concepts.append(
            Concept(
                f"c{i}",
                "concept",
                [Term(zh, "zh", Status.PREFERRED), Term(f"term{i} form", "en", Status.PREFERRED)],
            )
        )
    return Glossary(concepts)


def make_units(n: int, g: Glossary, rnd: random.Random) -> list[tuple[str, str]]:
    out = []
    for k in range(n):
        a, b = rnd.sample(g.concepts, 2)
        filler = lambda: "".join(rnd.choice(CJK[3000:]) for _ in range(rnd.randint(10, 30)))  # noqa: E731
        zh = f"{filler()}{a.zh}{filler()}{b.zh}{filler()}（{k}）"
        en = f"Sentence {k} about the {a.en} and something else."
        out.append((zh, en))
    return out


def write_po(units: list[tuple[str, str]], d: Path, per_file: int) -> list[Path]:
    paths = []
    for start in range(0, len(units), per_file):
        po = polib.POFile(wrapwidth=0)
        po.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
        for zh, en in units[start : start + per_file]:
            po.append(polib.POEntry(msgid=zh, msgstr=en))
        p = d / f"b{start // per_file:04d}.po"
        po.save(str(p))
        paths.append(p)
    return paths


def tt_check(g: Glossary, units: list[tuple[str, str]]) -> tuple[float, int]:
    from translate.search.match import terminologymatcher
    from translate.storage import po as ttpo

    store = ttpo.pofile()
    for c in g:
        u = store.addsourceunit(c.zh)
        u.target = c.en
    t0 = time.perf_counter()
    matcher = terminologymatcher(store)
    missing = 0
    for zh, en in units:
        low = en.lower()
        for unit in matcher.matches(zh):
            if unit.target.lower() not in low:
                missing += 1
    return time.perf_counter() - t0, missing


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--units", type=int, default=20000)
    ap.add_argument("--concepts", type=int, default=2000)
    ap.add_argument("--per-file", type=int, default=500)
    ap.add_argument("--tt-sample", type=int, default=0, help="run translate-toolkit on this many units only")
    ap.add_argument("--skip-tt", action="store_true")
    args = ap.parse_args()
    rnd = random.Random(7)
    g = make_glossary(args.concepts, rnd)
    units = make_units(args.units, g, rnd)
    with tempfile.TemporaryDirectory() as d:
        paths = write_po(units, Path(d), args.per_file)
        t0 = time.perf_counter()
        for p in paths:
            polib.pofile(str(p), wrapwidth=0)
        t_parse = time.perf_counter() - t0

        t0 = time.perf_counter()
        check_units = [u for p in paths for u in units_from_po(p)]
        t_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        findings = run(check_units, g, Options(rules=["term-missing"]))
        t_check = time.perf_counter() - t0
    print(f"{args.units} units × {args.concepts} concepts in {len(paths)} PO files")
    print(f"parse PO files (polib):        {t_parse:7.2f} s")
    print(f"sppterm load units (parse):    {t_load:7.2f} s")
    print(
        f"sppterm term-missing check:    {t_check:7.2f} s  ({len(findings)} findings; "
        f"{t_check / t_parse:.2f}× the parse time; total {(t_load + t_check) / t_parse:.2f}×)"
    )
    if not args.skip_tt:
        sample = units if not args.tt_sample else units[: args.tt_sample]
        t_tt, missing = tt_check(g, sample)
        scale = len(units) / len(sample)
        est = " (extrapolated)" if scale > 1 else ""
        print(
            f"translate-toolkit matcher:     {t_tt * scale:7.2f} s{est}  "
            f"({missing} missing in {len(sample)} units)"
        )
        print(f"speed-up: {t_tt * scale / t_check:.0f}×")


if __name__ == "__main__":
    main()
