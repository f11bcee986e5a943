"""Sentence alignment of a Chinese unit with its English translation.

One unit is one paragraph (translators merge and reorder sentences), so sentence pairs exist
only where both sides split into the same number of sentences. The TMX export writes those
pairs as sentence-level units; term discovery looks for a term's English only in the sentence
that holds it. Both must pair the same sentences, hence one function.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from itertools import accumulate

from sppterm import en, zh
from sppterm.patterns import HAN
from sppterm.placeholders import strip


def sentence_pairs(source: str, target: str) -> list[tuple[str, str]]:
    """(Chinese, English) sentence pairs of a unit, placeholders removed; empty unless both
    sides split into the same number (more than one) of sentences."""
    zs = zh.sentences(strip(source))
    es = en.sentences(strip(target))
    if len(zs) > 1 and len(zs) == len(es):
        return list(zip(zs, es, strict=True))
    return []


# -- length-based alignment (Gale & Church 1993) for the omission rule ----------------------
# A unit's English length is predicted from its Chinese: letters and digits of English per
# Chinese ideograph, and per Latin letter or digit in the Chinese (abbreviations, URLs, numbers
# copy over); a glossary term counts as the English forms of it the translation uses (10YFP for
# 可持续消费和生产模式十年框架方案框架), since abbreviations are most of the series' compression.
# The deviation of a pair is measured in standard deviations of the series, whose variance
# grows with length (Gale & Church's model). The constants are derived from the translated units
# of the series by `python3 bench/omission_eval.py --fit` (least squares, then the mean squared
# normalised residual); run it again when the series grows.
EN_PER_IDEOGRAPH = 3.42
EN_PER_LATIN = 0.73
VARIANCE_PER_CHAR = 1.43
# Length added to every pair's variance: headings of five ideographs vary more than √length says.
VARIANCE_FLOOR = 12.0
# Bead kinds (Chinese sentences, English sentences) and their prior probabilities. Translators
# of the series merge and split sentences more often than Gale & Church's European corpora did.
BEADS: dict[tuple[int, int], float] = {
    (1, 1): 0.80,
    (1, 2): 0.07,
    (2, 1): 0.07,
    (2, 2): 0.02,
    (1, 3): 0.01,
    (3, 1): 0.01,
    (1, 0): 0.005,
    (0, 1): 0.005,
}
_BEAD_COST = {k: -math.log(p) for k, p in BEADS.items()}
# Above this many sentences on a side the alignment is not tried (the DP is quadratic).
MAX_SENTENCES = 40

_LETTERS_OR_DIGITS = re.compile(r"[^\W_]+")
# Counted by runs, not character by character: a Chinese sentence is a few runs of ideographs.
# Latin letters and digits are counted as zh.fold_width would leave them (full-width ones are
# ASCII after folding, nothing else folds to a letter or digit) without folding the text.
_IDEOGRAPHS = re.compile(f"[{HAN}]+")
_LATIN = re.compile(r"[A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")


def zh_counts(text: str, terms: Sequence[tuple[int, int]] = ()) -> tuple[int, int]:
    """(ideographs, Latin letters and digits) of ``text`` (Chinese) outside the ``terms`` spans
    (sorted, disjoint (start, end) positions)."""
    if terms:
        pieces, at = [], 0
        for s, e in terms:
            pieces.append(text[at:s])
            at = max(at, e)
        pieces.append(text[at:])
        text = "".join(pieces)
    return sum(map(len, _IDEOGRAPHS.findall(text))), sum(map(len, _LATIN.findall(text)))


def zh_size(text: str, terms: Sequence[tuple[int, int, float]] = ()) -> float:
    """The English letters and digits ``text`` (Chinese) predicts; ``terms`` are sorted, disjoint
    (start, end, English letters) spans whose English length is known."""
    ideographs, latin = zh_counts(text, [(s, e) for s, e, _ in terms])
    return EN_PER_IDEOGRAPH * ideographs + EN_PER_LATIN * latin + sum(n for *_, n in terms)


def en_size(text: str) -> int:
    """Letters and digits of ``text`` (English): spaces and punctuation vary between editors."""
    return sum(map(len, _LETTERS_OR_DIGITS.findall(text)))


def deviation(zh_len: float, en_len: float) -> float:
    """How far an English length is from what the Chinese predicts, in standard deviations
    (negative: the English is shorter)."""
    var = VARIANCE_PER_CHAR * ((zh_len + en_len) / 2 + VARIANCE_FLOOR)
    return (en_len - zh_len) / math.sqrt(var)


@dataclass(frozen=True, slots=True)
class Bead:
    """Chinese sentences zh[z0:z1] aligned with English sentences en[e0:e1]."""

    z0: int
    z1: int
    e0: int
    e1: int
    delta: float  # deviation() of the bead's lengths


def align(
    zh_sizes: Sequence[float],
    en_sizes: Sequence[float],
    affinity: Callable[[int, int, int, int], float] | None = None,
) -> list[Bead] | None:
    """The cheapest sequence of beads covering both sides in order (Gale–Church dynamic
    programming over :data:`BEADS`), or None when a side has more than :data:`MAX_SENTENCES`.

    ``affinity(z0, z1, e0, e1)`` (optional) lowers a bead's cost by what anchors shared by both
    groups say (glossary terms, numbers, Latin tokens), in nats; it may be negative."""
    n, m = len(zh_sizes), len(en_sizes)
    if n > MAX_SENTENCES or m > MAX_SENTENCES:
        return None
    zc = [0.0, *accumulate(zh_sizes)]
    ec = [0.0, *accumulate(en_sizes)]
    inf = math.inf
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    cost[0][0] = 0.0
    for i in range(n + 1):
        for j in range(m + 1):
            here = cost[i][j]
            if here == inf:
                continue
            for (dz, de), prior in _BEAD_COST.items():
                i2, j2 = i + dz, j + de
                if i2 > n or j2 > m:
                    continue
                d = deviation(zc[i2] - zc[i], ec[j2] - ec[j])
                c = here + prior + _tail_cost(d)
                if affinity is not None and dz and de:
                    c -= affinity(i, i2, j, j2)
                if c < cost[i2][j2]:
                    cost[i2][j2] = c
                    back[i2][j2] = (i, j)
    beads: list[Bead] = []
    i, j = n, m
    while (i, j) != (0, 0):
        prev = back[i][j]
        assert prev is not None  # every cell is reachable through (1,0) and (0,1) beads
        pi, pj = prev
        beads.append(Bead(pi, i, pj, j, deviation(zc[i] - zc[pi], ec[j] - ec[pj])))
        i, j = pi, pj
    beads.reverse()
    return beads


def _tail_cost(d: float) -> float:
    """-log of the two-sided tail probability of a deviation ``d`` (its asymptote far out,
    where erfc underflows)."""
    a = abs(d)
    if a < 8:
        return -math.log(max(math.erfc(a / math.sqrt(2)), 1e-300))
    return a * a / 2 + math.log(a) + 0.5 * math.log(math.pi / 2)
