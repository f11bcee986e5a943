"""Find glossary terms in Chinese text: one Aho–Corasick automaton, leftmost-longest.

Chinese has no word boundaries, so a shorter term inside a longer matched one is not a
separate hit (采购 inside 可持续公共采购): ``iter_long`` gives exactly that.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from sppterm.glossary.model import Concept, Glossary, Term


@dataclass(frozen=True)
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
        self._auto = ahocorasick.Automaton()
        for term, concept in glossary.zh_terms():
            # First concept claiming a text wins; lint reports the conflict.
            if term.text not in self._auto:
                self._auto.add_word(term.text, (term, concept))
        self._empty = len(self._auto) == 0
        if not self._empty:
            self._auto.make_automaton()

    def find(self, text: str) -> list[Hit]:
        """Leftmost-longest, non-overlapping hits in ``text``."""
        if self._empty:
            return []
        hits = []
        for end, (term, concept) in self._auto.iter_long(text):
            start = end - len(term.text) + 1
            hits.append(Hit(start, end + 1, term, concept))
        return hits
