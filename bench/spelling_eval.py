"""Recall of the spelling rule on misspellings planted in the five editions (issue 15).

    python3 bench/spelling_eval.py                # 200 plants of each kind, seed 15
    python3 bench/spelling_eval.py --per-kind 500 --seed 3

Seeded: each plant takes a translated unit of target_en/po/*.po and one of its words of four
letters or more (not in capitals, no digit) and misspells it the way typists do: two neighbouring
letters transposed, a letter dropped, a letter doubled, a letter replaced by a neighbour on the
keyboard. The unit is checked with the spelling rule alone, as ``sppterm check`` runs it (the
glossary, glossary/wordlist.txt). A plant is found when a finding covers the misspelt word, and
the suggestion is right when the original word is among the finding's suggestions. Plants that
happen to be English words (form → from) are counted apart: no spell checker can see them.
Also printed: the rule's findings on the unchanged editions (its false alarms; target 0).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sppterm.checks.runner import Options, load_units, run  # noqa: E402
from sppterm.checks.spelling import WORDLIST, hunspell_en_gb  # noqa: E402
from sppterm.glossary import load_glossary  # noqa: E402

WORD = re.compile(r"(?<![\w’'-])[a-zA-Z][a-z]{3,}(?![\w’'-])")
KEYS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
NEIGHBOURS = {
    c: "".join(row[j] for j in (i - 1, i + 1) if 0 <= j < len(row)) for row in KEYS for i, c in enumerate(row)
}


def transpose(w: str, rnd: random.Random) -> str | None:
    spots = [i for i in range(len(w) - 1) if w[i] != w[i + 1]]
    if not spots:
        return None
    i = rnd.choice(spots)
    return w[:i] + w[i + 1] + w[i] + w[i + 2 :]


def drop(w: str, rnd: random.Random) -> str | None:
    i = rnd.randrange(len(w))
    return w[:i] + w[i + 1 :]


def double(w: str, rnd: random.Random) -> str | None:
    i = rnd.randrange(len(w))
    return w[: i + 1] + w[i] + w[i + 1 :]


def neighbour(w: str, rnd: random.Random) -> str | None:
    spots = [i for i, c in enumerate(w) if c.lower() in NEIGHBOURS]
    i = rnd.choice(spots)
    c = rnd.choice(NEIGHBOURS[w[i].lower()])
    return w[:i] + (c.upper() if w[i].isupper() else c) + w[i + 1 :]


KINDS = {
    "transposition": transpose,
    "dropped letter": drop,
    "doubled letter": double,
    "keyboard slip": neighbour,
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--per-kind", type=int, default=200)
    ap.add_argument("--seed", type=int, default=15)
    args = ap.parse_args()
    rnd = random.Random(args.seed)
    glossary = load_glossary(ROOT / "glossary")
    opts = Options(rules=["spelling"], wordlist=ROOT / "glossary" / WORDLIST)
    units = [
        u
        for u in load_units(sorted((ROOT / "target_en" / "po").glob("*.po")), ROOT)
        if u.target and not u.english_source and not u.fuzzy
    ]
    alarms = run(units, glossary, opts)
    print(f"{len(units)} translated units; findings on the unchanged editions: {len(alarms)}")
    for f in alarms:
        print(f"  {f.path}:{f.line}: {f.message}")
    dictionary = hunspell_en_gb()
    stats: dict[str, Counter[str]] = {k: Counter() for k in KINDS}
    missed: dict[str, list[str]] = {k: [] for k in KINDS}
    for kind, plant in KINDS.items():
        while stats[kind]["planted"] < args.per_kind:
            u = rnd.choice(units)
            assert u.target is not None
            spots = list(WORD.finditer(u.target))
            if not spots:
                continue
            m = rnd.choice(spots)
            typo = plant(m.group(0), rnd)
            if not typo or typo == m.group(0) or len(typo) < 3:
                continue
            if dictionary.check(typo):  # a real word: out of any spell checker's reach
                stats[kind]["real word"] += 1
                continue
            stats[kind]["planted"] += 1
            text = u.target[: m.start()] + typo + u.target[m.end() :]
            found = [
                f
                for f in run([replace(u, target=text)], glossary, opts)
                if f.span and f.span[0] <= m.start() < f.span[1]
            ]
            if found:
                stats[kind]["found"] += 1
                hints = re.search(r"\((.*)\?\)$", found[0].message)
                if hints and m.group(0) in hints.group(1).split(", "):
                    stats[kind]["suggested"] += 1
            else:
                missed[kind].append(f"{m.group(0)} → {typo}")
    print()
    print("| kind | planted | found | recall | right word suggested | real words skipped |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    total: Counter[str] = Counter()
    for kind, s in stats.items():
        total.update(s)
        print(
            f"| {kind} | {s['planted']} | {s['found']} | {s['found'] / s['planted']:.1%} | "
            f"{s['suggested'] / max(1, s['found']):.1%} | {s['real word']} |"
        )
    print(
        f"| all | {total['planted']} | {total['found']} | {total['found'] / total['planted']:.1%} | "
        f"{total['suggested'] / max(1, total['found']):.1%} | {total['real word']} |"
    )
    for kind, words in missed.items():
        if words:
            print(f"missed ({kind}): {', '.join(words[:12])}")


if __name__ == "__main__":
    main()
