"""Find glossary terms in Chinese text: one Aho–Corasick automaton, leftmost-longest.

Chinese has no word boundaries, so a shorter term inside a longer matched one is not a
separate hit (采购 inside 可持续公共采购): leftmost-longest matching gives exactly that.
ahocorasick_rs (Rust) is used rather than pyahocorasick, whose tries scan a node's children
linearly: with thousands of distinct first characters that made it ten times slower.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import ahocorasick_rs

from sppterm.glossary.model import Concept, Glossary, Term
from sppterm.zh import fold_width

SLOW_PATH_ENV = "SPPTERM_SLOW_PATH"
_MEMO_SIZE = 64  # texts of the unit being checked: its source, stripped source, sentences


def fast_paths() -> bool:
    """False when ``SPPTERM_SLOW_PATH`` is set: every cache and fast path of the check is off,
    so the test suite can show that they change no finding (tests/test_perf_equivalence.py)."""
    return os.environ.get(SLOW_PATH_ENV, "").strip() in ("", "0")


@dataclass(slots=True)
class Hit:
    start: int
    end: int
    term: Term
    concept: Concept

    @property
    def text(self) -> str:
        return self.term.text


class ZhMatcher:
    """Matches every Chinese term (any status) of a glossary; build once, reuse."""

    def __init__(self, glossary: Glossary) -> None:
        self._values: list[tuple[Term, Concept]] = []
        folded: dict[str, None] = {}  # the folded texts, in the order of _values
        for term, concept in glossary.zh_terms():
            # First concept claiming a text wins; lint reports the conflict.
            key = fold_width(term.text)
            if key not in folded:
                folded[key] = None
                self._values.append((term, concept))
        # Terms and text are matched with full-width punctuation folded to ASCII (：=:, （=():
        # the bulletins mix both. Folding keeps lengths, so positions stay right.
        self._auto = (
            ahocorasick_rs.AhoCorasick(list(folded), matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
            if self._values
            else None
        )
        # Whether each term starts / ends with a Latin letter or digit (then word boundaries count).
        ends = ((t.text[0], t.text[-1]) for t, _ in self._values)
        self._edges = [(a.isascii() and a.isalnum(), z.isascii() and z.isalnum()) for a, z in ends]
        # Several rules ask about the same text of a unit in turn (term-missing, number,
        # omission...): the last few texts' hits are kept, so each is folded and matched once.
        self._memo: dict[str, list[Hit]] | None = {} if fast_paths() else None

    def find(self, text: str) -> list[Hit]:
        """Leftmost-longest, non-overlapping hits in ``text``."""
        if self._memo is None:
            return self._find(text)
        hits = self._memo.get(text)
        if hits is None:
            if len(self._memo) >= _MEMO_SIZE:
                self._memo.clear()
            hits = self._memo[text] = self._find(text)
        return list(hits)  # a caller's list of its own: the cached one stays as found

    def _find(self, text: str) -> list[Hit]:
        if self._auto is None:
            return []
        folded = fold_width(text)
        hits = []
        values, edges = self._values, self._edges
        for i, start, end in self._auto.find_matches_as_indexes(folded):
            first, last = edges[i]
            # Latin letters and digits have word boundaries: SDG12 is not a hit in SDG12.1.
            if last and _continues(folded, end):
                continue
            if first and start > 0 and _latin(folded[start - 1]):
                continue
            term, concept = values[i]
            hits.append(Hit(start, end, term, concept))
        return hits


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _continues(text: str, end: int) -> bool:
    """True when the Latin word or number ending at ``end`` goes on (SDG12|.1, COP2|7)."""
    nxt = text[end : end + 2]
    return bool(nxt) and (_latin(nxt[0]) or (nxt[0] == "." and nxt[1:].isdigit()))
