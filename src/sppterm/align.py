"""Sentence alignment of a Chinese unit with its English translation.

One unit is one paragraph (translators merge and reorder sentences), so sentence pairs exist
only where both sides split into the same number of sentences. The TMX export writes those
pairs as sentence-level units; term discovery looks for a term's English only in the sentence
that holds it. Both must pair the same sentences, hence one function.
"""

from __future__ import annotations

from sppterm import en, zh
from sppterm.placeholders import strip


def sentence_pairs(source: str, target: str) -> list[tuple[str, str]]:
    """(Chinese, English) sentence pairs of a unit, placeholders removed; empty unless both
    sides split into the same number (more than one) of sentences."""
    zs = zh.sentences(strip(source))
    es = en.sentences(strip(target))
    if len(zs) > 1 and len(zs) == len(es):
        return list(zip(zs, es, strict=True))
    return []
