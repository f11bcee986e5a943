"""The omission and addition rules on the series: their length model, precision and recall.

python3 bench/omission_eval.py [--fit] [--seed N] [--verbose]

--fit   derive the length model's constants (sppterm.align: EN_PER_IDEOGRAPH, EN_PER_LATIN,
        VARIANCE_PER_CHAR) from the translated units of target_en/po, by least squares, and
        print them: paste them into align.py when the series grows.

Otherwise: every translated Chinese unit of the series (correct translations) is checked with
the two rules, and each yields planted variants, deterministically from --seed: an English
sentence dropped (units of two or more sentences), an English clause dropped (a stretch
between commas of at least five words), an item of an English enumeration dropped (one to six
words between commas, in a list of three or more), a later sentence dropped while the first is
given the bracketed English title of a glossary name (units whose Chinese has a 《》 title: the
title's length hides the drop), a sentence from another unit added, a clause of another unit
added. Precision is over the clean and planted units (a finding on a clean unit,
or of the wrong rule, is a false alarm); recall per kind of plant.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from sppterm import align, en, zh  # noqa: E402
from sppterm.checks.base import CheckUnit, Context  # noqa: E402
from sppterm.checks.omission import Addition, Omission, _affinity, sizes, term_spans  # noqa: E402
from sppterm.checks.runner import units_from_po  # noqa: E402
from sppterm.checks.terms import EnglishTerms, alnum_key  # noqa: E402
from sppterm.glossary import load_glossary  # noqa: E402
from sppterm.glossary.matcher import ZhMatcher  # noqa: E402
from sppterm.placeholders import strip  # noqa: E402

RULES = (Omission(), Addition())
_CLAUSE = re.compile(r"(?<=,) [^,.;:]+(?=,)")  # between two commas (never a sentence's ends)
# an item of an English enumeration: one to six words between two commas, another comma or
# "and" within the next six words (a, b, c and d)
_ITEM = re.compile(
    r"(?<=,) (?:[^\s,.;:]+ ){0,5}[^\s,.;:]+(?=, (?:[^\s,.;:]+ ){0,5}?(?:and|or) |, [^,.;:]{1,60},)"
)
# titles to bracket after a description, as the series does for 《》 titles it describes
_TITLE_WORDS = re.compile(r"^[A-Z][\w’'-]*(?: (?:[A-Z][\w’'-]*|of|for|and|in|on|the|through|to|with))+$")


def series_units() -> list[CheckUnit]:
    out = []
    for po in sorted((ROOT / "target_en" / "po").glob("*.po")):
        out += [
            u for u in units_from_po(po, ROOT) if u.target and not u.untranslated and not u.english_source
        ]
    return out


def fit(units: list[CheckUnit], ctx: Context) -> None:
    """Least squares for the two rates (English letters beyond the glossary terms' own English,
    against ideographs and Latin characters), then the normalised residual's variance."""
    rows = []
    for u in units:
        src, tgt = strip(u.key), strip(u.target or "")
        spans = [t for ts in term_spans([src], alnum_key(tgt), ctx) for t in ts]
        ideographs, latin = align.zh_counts(src, [(s, e) for s, e, _ in spans])
        rows.append((ideographs, latin, sum(n for *_, n in spans), align.en_size(tgt)))
    # Normal equations of y - terms = a·ideographs + b·latin.
    sxx = sum(i * i for i, *_ in rows)
    sxy = sum(i * la for i, la, *_ in rows)
    syy = sum(la * la for _, la, *_ in rows)
    bx = sum(i * (y - t) for i, _, t, y in rows)
    by = sum(la * (y - t) for _, la, t, y in rows)
    det = sxx * syy - sxy * sxy
    a = (bx * syy - by * sxy) / det
    b = (by * sxx - bx * sxy) / det
    res = []
    for i, la, t, y in rows:
        pred = a * i + b * la + t
        res.append((y - pred) ** 2 / ((pred + y) / 2 + align.VARIANCE_FLOOR))
    print(f"{len(rows)} units")
    print(f"EN_PER_IDEOGRAPH = {a:.2f}")
    print(f"EN_PER_LATIN = {b:.2f}")
    print(f"VARIANCE_PER_CHAR = {sum(res) / len(res):.2f}")


def titles(ctx: Context) -> list[str]:
    """English names of the glossary that read as titles (four words or more, capitalised)."""
    out = set()
    for c in ctx.glossary:
        for t in c.terms:
            if t.lang == "en" and len(t.text.split()) >= 4 and _TITLE_WORDS.match(t.text):
                out.add(t.text)
    return sorted(out)


def plants(units: list[CheckUnit], seed: int, names: Sequence[str] = ()) -> list[tuple[str, CheckUnit]]:
    """(kind, unit) variants of ``units`` with one planted omission or addition each."""
    rnd = random.Random(seed)
    rnd2 = random.Random(seed + 1)  # the later kinds' own draws: the first four stay as they were
    donors = [en.sentences(strip(u.target or "")) for u in units]
    out: list[tuple[str, CheckUnit]] = []
    for k, u in enumerate(units):
        target = strip(u.target or "")
        ss = en.sentences(target)
        other = donors[(k + 1 + rnd.randrange(len(units) - 1)) % len(units)]
        if len(ss) >= 2:
            i = rnd.randrange(len(ss))
            out.append(("drop-sentence", _with(u, " ".join(ss[:i] + ss[i + 1 :]))))
        items = list(_ITEM.finditer(target))
        if items:
            m = rnd2.choice(items)
            out.append(("drop-list-item", _with(u, target[: m.start() - 1] + target[m.end() :])))
        if len(ss) >= 2 and "《" in u.key and names:
            # the second (or a later) sentence dropped, the first given the bracketed English
            # title of what it describes: the length the title adds hides the drop
            i = 1 + rnd2.randrange(len(ss) - 1)
            rest = ss[:i] + ss[i + 1 :]
            first = rest[0]
            end = len(first.rstrip(".!?"))
            rest[0] = f"{first[:end]} ({rnd2.choice(names)}){first[end:]}"
            out.append(("drop-second-sentence-with-title", _with(u, " ".join(rest))))
        clauses = [m for m in _CLAUSE.finditer(target) if len(m.group().split()) >= 5]
        if clauses:
            m = rnd.choice(clauses)
            out.append(("drop-clause", _with(u, target[: m.start() - 1] + target[m.end() :])))
        if other:
            i = rnd.randrange(len(ss) + 1)
            out.append(("add-sentence", _with(u, " ".join([*ss[:i], rnd.choice(other), *ss[i:]]))))
            extra = [m.group() for s in other for m in _CLAUSE.finditer(s) if len(m.group().split()) >= 5]
            if extra and "," in target:
                at = rnd.choice([m.start() for m in re.finditer(",", target)])
                out.append(("add-clause", _with(u, target[:at] + "," + rnd.choice(extra) + target[at:])))
    return out


def _with(u: CheckUnit, target: str) -> CheckUnit:
    return CheckUnit(u.path, u.line, u.key, target, source_ref=u.source_ref, bulletin=u.bulletin)


def bead_deltas(u: CheckUnit, ctx: Context) -> list[float]:
    """The deviations of the beads the rules align ``u`` into (what their thresholds bound)."""
    src, tgt = strip(u.key), strip(u.target or "")
    zs, es = zh.sentences(src), en.sentences(tgt)
    zsz, esz = sizes(zs, es, src, tgt, ctx)
    beads = align.align(zsz, esz, _affinity(zs, es, ctx)) if len(zs) > 1 or len(es) > 1 else None
    if not beads or len(beads) == 1:
        return [align.deviation(sum(zsz), sum(esz))]
    return [b.delta for b in beads]


def fired(u: CheckUnit, ctx: Context) -> set[str]:
    return {f.rule for r in RULES for f in r.check(u, ctx)}


def errors(u: CheckUnit, ctx: Context) -> set[str]:
    """The rules reporting ``u`` at error level (what fails CI at the default fail level)."""
    return {f.rule for r in RULES for f in r.check(u, ctx) if f.severity == "error"}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--fit", action="store_true")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--glossary", type=Path, default=ROOT / "glossary", help="glossary directory")
    args = ap.parse_args()
    g = load_glossary(args.glossary)
    ctx = Context(g, ZhMatcher(g), EnglishTerms(g))
    units = series_units()
    if args.fit:
        fit(units, ctx)
        return
    false_alarms = []
    for u in units:
        for r in RULES:
            for f in r.check(u, ctx):
                false_alarms.append((u, f))
    planted = plants(units, args.seed, titles(ctx))
    found: Counter[str] = Counter()
    failing: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong_rule = 0
    for kind, u in planted:
        want = "omission" if kind.startswith("drop") else "addition"
        got = fired(u, ctx)
        total[kind] += 1
        found[kind] += want in got
        failing[kind] += want in errors(u, ctx)
        wrong_rule += len(got - {want})
    tp = sum(found.values())
    fp = len(false_alarms) + wrong_rule
    deltas = [d for u in units for d in bead_deltas(u, ctx)]
    print(
        f"series: {len(units)} translated Chinese units, {len(deltas)} beads, deviations from "
        f"{min(deltas):+.2f} to {max(deltas):+.2f} sd; {len(false_alarms)} findings on them"
    )
    for u, f in false_alarms:
        print(f"  {u.path}:{u.line}: {f.rule} {f.message}")
    print(f"planted (seed {args.seed}): {len(planted)} units")
    for kind in sorted(total):
        print(
            f"  {kind:32} recall {found[kind] / total[kind]:.0%} ({found[kind]}/{total[kind]}), "
            f"at error level {failing[kind] / total[kind]:.0%}"
        )
    print(
        f"recall {tp / len(planted):.0%}, precision {tp / (tp + fp) if tp + fp else 1:.0%} "
        f"({fp} false alarms: {len(false_alarms)} on clean units, {wrong_rule} of the wrong rule)"
    )
    if args.verbose:
        for kind, u in planted:
            print(kind, sorted(fired(u, ctx)), (u.target or "")[:100])


if __name__ == "__main__":
    main()
