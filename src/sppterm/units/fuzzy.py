"""Fuzzy look-up of Chinese text: a character-bigram index narrows, rapidfuzz scores.

Scoring every pair (translate-toolkit's pot2po) is quadratic; here each query scores only the
few candidates that share the most rare bigrams with it, so 2,000 queries against 20,000 units
stay well under a second.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from rapidfuzz import fuzz

from sppterm.placeholders import strip

# More bigrams than a two-character edit makes new (up to four: "新增" → "进一步"), so the
# rarest that remain are shared with the text before the edit.
MIN_GRAMS = 8


def _bigrams(t: str) -> set[str]:
    """Character bigrams of ``t`` (already without placeholders)."""
    return {t[i : i + 2] for i in range(len(t) - 1)} or ({t} if t else set())


class FuzzyIndex:
    """Index a list of texts; :meth:`best` returns the closest one above a cutoff."""

    def __init__(self, texts: Sequence[str], candidates: int = 30, partial: bool = False) -> None:
        """``partial``: also score a text contained in a much longer one (a split paragraph)."""
        self.texts = list(texts)
        self.partial = partial
        self.candidates = candidates
        self._plain = [strip(t) for t in self.texts]  # what is compared: once, not per query
        self._postings: dict[str, list[int]] = defaultdict(list)
        for i, t in enumerate(self._plain):
            for g in _bigrams(t):
                self._postings[g].append(i)
        # Bigrams in more than 2% of texts (and over 50) carry little information: skip them.
        self._common = max(50, len(self.texts) // 50)

    def best(self, query: str, cutoff: float, exclude: set[int] | None = None) -> tuple[int, float] | None:
        """(index, score 0–100) of the best match scoring at least ``cutoff``, or None."""
        counts: Counter[int] = Counter()
        q = strip(query)
        grams = _bigrams(q)
        postings = self._postings
        present = sorted((len(postings[g]), g) for g in grams if g in postings)
        # The rare bigrams, but never fewer than MIN_GRAMS (the rarest): an edit's own bigrams
        # (新增 put in a line every bulletin has) may be the only rare ones, and counting them
        # alone would never reach the text the query was edited from.
        chosen = [g for n, g in present if n <= self._common] if present else []
        if len(chosen) < MIN_GRAMS:
            chosen = [g for _, g in present[:MIN_GRAMS]]
        for g in chosen:
            counts.update(postings[g])
        ranked = [i for i, _ in counts.most_common(self.candidates) if not (exclude and i in exclude)]
        plain = self._plain
        best: tuple[int, float] | None = None
        for i in ranked:
            score = fuzz.ratio(q, plain[i], score_cutoff=cutoff)
            if score and (best is None or score > best[1] or (score == best[1] and i < best[0])):
                best = (i, score)
        if best is None and self.partial:
            # Nothing similar as a whole: maybe a paragraph was split and this is one part.
            for i in ranked[:5]:
                score = self._partial(q, plain[i], cutoff)
                if score and (best is None or score > best[1]):
                    best = (i, score)
        return best

    @staticmethod
    def _partial(q: str, t: str, cutoff: float) -> float:
        """Score for a text lying inside a much longer one, scaled down like rapidfuzz's WRatio."""
        short, long = sorted((len(q), len(t)))
        if short < 8 or long < 1.5 * short:
            return 0.0
        score = 0.9 * fuzz.partial_ratio(q, t)
        return score if score >= cutoff else 0.0
