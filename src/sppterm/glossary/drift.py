"""``sppterm terms drift``: recurring Chinese terms the glossary lacks, translated more than one
way across the bulletins, for the terminologist to settle with a glossary entry.

The candidates are the discovery module's (:func:`sppterm.glossary.discover.candidates`: names
with abbreviations, titles, frequent sequences). Their English comes from alignment evidence,
no machine translation: the English n-gram most associated (Dice) with the Chinese over the
units holding it (:meth:`Aligner.ranked`) is the first rendering; the units whose English lacks
it are ranked again on their own, and so on. A unit is given the first rendering it contains;
a rendering that only shortens an earlier one ("the Network" of "Green Purchasing Network") is
counted as that one. A rendering needs the association (:data:`MIN_SCORE`), two units
(:data:`MIN_UNITS`: the words only one unit has always associate perfectly with anything in
it), and no other Chinese string of those units explaining it better (:func:`_claimed`).
Units left with no rendering are listed apart ("other").
Drift: two or more renderings, used in two or more bulletins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sppterm.glossary.discover import Aligner, candidates
from sppterm.glossary.model import Glossary
from sppterm.patterns import HAN

MIN_SCORE = 0.15  # association a rendering needs (Dice × length prior)
MAX_VARIANTS = 5
MIN_UNITS = 2  # units a rendering needs: one unit's unique words are no evidence of a rendering


@dataclass
class Variant:
    english: str
    score: float
    where: list[tuple[str, int]] = field(default_factory=list)  # (bulletin, PO line)

    @property
    def bulletins(self) -> list[str]:
        return sorted({b for b, _ in self.where})


@dataclass
class Drift:
    zh: str
    kind: str  # the candidate's kind: abbreviation, title, frequent
    variants: list[Variant]
    unaligned: list[tuple[str, int]] = field(default_factory=list)

    @property
    def bulletins(self) -> list[str]:
        return sorted({b for v in self.variants for b in v.bulletins})

    @property
    def rank(self) -> int:
        """Bulletins × renderings: a term rendered three ways across five bulletins first."""
        return len(self.bulletins) * len(self.variants)


def _contains(text: str, phrase: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", text, re.I) is not None


def _shortens(short: str, long: str) -> bool:
    """``short`` is a run of ``long``'s words (case aside)."""
    return _contains(long, short)


def renderings(
    aligner: Aligner, zh: str, rows: list[int], min_score: float = MIN_SCORE, min_units: int = MIN_UNITS
) -> tuple[list[tuple[str, float, list[int]]], list[int]]:
    """The renderings of ``zh`` in pairs ``rows``: (English, score, rows using it) in order of
    discovery, and the rows left without one."""
    left = list(rows)
    found: list[tuple[str, float, list[int]]] = []
    while left and len(found) < MAX_VARIANTS:
        english = {k: aligner.english_of(zh, k) for k in left}
        pick = None
        for g, score in aligner.ranked(zh, left):
            if score < min_score:
                break
            if any(_contains(g, f) for f, _, _ in found) or (_DIGIT.search(g) and not _DIGIT.search(zh)):
                continue
            users = [k for k in left if _contains(english[k], g)]
            if len(users) >= min_units and not _claimed(aligner, zh, g, users):
                pick = g, score, users
                break
        if pick is None:
            break
        g, score, users = pick
        short_of = next((i for i, (f, _, _) in enumerate(found) if _shortens(g, f)), None)
        if short_of is not None:
            found[short_of][2].extend(users)
        else:
            found.append((g, score, users))
        left = [k for k in left if k not in users]
    return found, left


_DIGIT = re.compile(r"\d")
_HAN_RUN = re.compile(f"[{HAN}]+")


def _claimed(aligner: Aligner, zh: str, g: str, users: list[int]) -> bool:
    """True when another Chinese string of the ``users``' sources, not overlapping ``zh``, is
    more associated (Dice over the units) with ``g`` and found with it at least as often (and
    twice): ``g`` is that string's English (气候目标 'climate targets' beside 公共机构), not a
    rendering of ``zh``."""
    with_g = [k for k, (_, en) in enumerate(aligner.pairs) if _contains(en, g)]
    if not with_g:
        return False

    def dice(s: str) -> tuple[float, int]:
        has = {k for k, (src, _) in enumerate(aligner.pairs) if s in src}
        both = len(has.intersection(with_g))
        return 2 * both / (len(has) + len(with_g)), both

    own, own_both = dice(zh)
    seen: set[str] = set()
    for k in users:
        for run in _HAN_RUN.findall(aligner.pairs[k][0]):
            for n in range(2, 7):
                for i in range(len(run) - n + 1):
                    s = run[i : i + n]
                    if s in seen or s in zh or zh in s:
                        continue
                    seen.add(s)
                    score, both = dice(s)  # recurring with g at least as often as zh
                    if score > own and both >= max(2, own_both):
                        return True
    return False


def drift(
    units: list[tuple[str, str, str, int]],
    glossary: Glossary,
    min_count: int = 3,
    min_score: float = MIN_SCORE,
) -> list[Drift]:
    """Drift in ``units`` = (Chinese, English, bulletin id, PO line) of the translated units,
    ranked by :attr:`Drift.rank`, then by the Chinese."""
    translated = [u for u in units if u[1].strip()]
    aligner = Aligner([(zh, en) for zh, en, _, _ in translated], glossary)
    where = [(b, line) for _, _, b, line in translated]
    out = []
    for c in candidates([(zh, b, line) for zh, _, b, line in translated], glossary, min_count):
        rows = [k for k, (src, _) in enumerate(aligner.pairs) if c.zh in src]
        if len({where[k][0] for k in rows}) < 2:
            continue
        found, left = renderings(aligner, c.zh, rows, min_score)
        variants = [Variant(g, s, sorted(where[k] for k in ks)) for g, s, ks in found]
        d = Drift(c.zh, c.kind, variants, sorted(where[k] for k in left))
        if len(variants) >= 2 and len(d.bulletins) >= 2:
            out.append(d)
    return sorted(out, key=lambda d: (-d.rank, d.zh))
