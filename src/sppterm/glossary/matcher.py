"""Find glossary terms in Chinese text: one Aho–Corasick automaton, leftmost-longest.

Chinese has no word boundaries, so a shorter term inside a longer matched one is not a
separate hit (采购 inside 可持续公共采购): leftmost-longest matching gives exactly that.
ahocorasick_rs (Rust) is used rather than pyahocorasick, whose tries scan a node's children
linearly: with thousands of distinct first characters that made it ten times slower.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick_rs

from sppterm.glossary.model import Concept, Glossary, Term


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
        seen: set[str] = set()
        for term, concept in glossary.zh_terms():
            # First concept claiming a text wins; lint reports the conflict.
            if term.text not in seen:
                seen.add(term.text)
                self._values.append((term, concept))
        self._auto = (
            ahocorasick_rs.AhoCorasick(
                [t.text for t, _ in self._values], matchkind=ahocorasick_rs.MatchKind.LeftmostLongest
            )
            if self._values
            else None
        )

    def find(self, text: str) -> list[Hit]:
        """Leftmost-longest, non-overlapping hits in ``text``."""
        if self._auto is None:
            return []
        return [
            Hit(start, end, *self._values[i]) for i, start, end in self._auto.find_matches_as_indexes(text)
        ]
