"""Counted nouns: what a count counts on each side, for the number rule.

A Chinese count stands before a measure word and its noun (11个国家, 15名成员, 两笔资助), an
English one before its noun (15 members, 11 countries). The number rule asks two things:

* **Listed counts.** 两笔资助，分别为100万美元和50万欧元 may be "grants of USD 1 million and
  EUR 500,000": the English gives the count by listing the items. A count the source lists
  beside it (before it in its clause, 政策指南和案例集两份; or after 分别为, 包括, a colon, in its
  sentence) is no difference when the translation has a coordination of as many items.
* **Swapped counts.** 30个国家的50个城市 as "50 countries and 30 cities" has every number. Each
  count is paired with its noun on both sides, the Chinese noun glossed by CC-CEDICT
  (:mod:`sppterm.lexicon`); two counts are swapped when each English noun glosses the other
  count's Chinese noun and not its own. Anything less certain (a noun with no gloss, one that
  glosses both, a count the English has twice) says nothing.

Counts are paired by the noun after them; other figures (percentages, amounts, years, counts
in separate clauses) by the stretch of text they stand in (:mod:`sppterm.checks.figures`).

Every function reads a bounded window around a count: linear in the text whatever it holds.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from sppterm import lexicon
from sppterm.numerals import Quantity, nfkc, positions, roman_as_digits

# Measure words of counted things (not of time: 年, 月, 天 are no nouns to pair).
COUNT_MEASURES = frozenset("个项名家种类场份条位部批所组轮篇本张款座笔套支")
# Measure words that are nouns themselves where no noun follows (6大类45种产品: six categories)
_SELF_NOUNS = frozenset("类")
_NO_NOUN = frozenset("0123456789零〇一二两三四五六七八九十百千共，,。；;、")
_WINDOW = 60  # characters of the source read either side of a count
_ZH_SEP = re.compile(r"以及|[、和与及或]")
_ZH_CLAUSE_END = re.compile(r"[，,；;：:。！？!?]")
_ZH_SENTENCE_END = re.compile(r"[；;。！？!?]")
_ZH_LIST_OPENS = re.compile(r"分别为|分别是|分别|包括|即|[：:]")
_EN_CLAUSE = re.compile(r"[^.;:()!?]+")
_EN_ITEM_SEP = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_EN_NEXT_WORD = re.compile(r"[\s-]*([A-Za-z]+)")


def zh_listed(text: str, start: int, end: int) -> int:
    """How many items the source lists beside the count at text[start:end]: before it in its
    clause (政策指南和案例集两份 → 2) or after 分别为/包括/a colon in its sentence (两笔资助，分别为
    A和B → 2); 0 when no list of two or more stands there."""
    before = text[max(0, start - _WINDOW) : start]
    ends = [m.end() for m in _ZH_CLAUSE_END.finditer(before)]
    if ends:
        before = before[ends[-1] :]
    best = _items(before)
    after = text[end : end + _WINDOW]
    stop = _ZH_SENTENCE_END.search(after)
    after = after[: stop.start()] if stop else after
    opens = _ZH_LIST_OPENS.search(after)
    if opens:
        rest = after[opens.end() :]
        clause = _ZH_CLAUSE_END.search(rest)
        best = max(best, _items(rest[: clause.start()] if clause else rest))
    return best


def zh_list_sizes(text: str) -> set[int]:
    """The sizes of the coordinations (A和B, A、B和C) of the clauses of ``text``, whose names
    should be masked first (荷兰基础设施和水资源管理部 holds a 和): the counts a translator may
    add for clarity ("the two co-leads" for A和B作为联合牵头方). A clause's items all told, and
    each run of 、 closed by a 和 (中国、印度和孟加拉国的政府和企业: 3, and 2 for 政府和企业)."""
    out = set()
    for clause in _ZH_CLAUSE_END.split(text):
        n = _items(clause)
        if n:
            out.add(n)
            out |= _runs(clause)
    return out


_ZH_OR = re.compile(r"以及|[和与及或]")


def _runs(clause: str) -> set[int]:
    """The sizes of the runs A、B、…和C of a clause: the 、 before each 和 (or 与, 及), plus two."""
    out, commas = set(), 0
    for m in _ZH_SEP.finditer(clause):
        if m.group() == "、":
            commas += 1
        elif _ZH_OR.fullmatch(m.group()):
            out.add(commas + 2)
            commas = 0
    return out


def _items(stretch: str) -> int:
    pieces = [p for p in _ZH_SEP.split(stretch) if p.strip()]
    return len(pieces) if len(pieces) >= 2 else 0


def en_list_size(text: str) -> int:
    """The most items of one coordination in ``text`` ("A and B" 2, "A, B and C" 3; within a
    clause, between . ; : and brackets); 0 when it has none."""
    best = 0
    for m in _EN_CLAUSE.finditer(text):
        clause = m.group()
        if " and " in clause or " or " in clause:
            best = max(best, len(_EN_ITEM_SEP.split(clause)))
    return best


class Count(NamedTuple):
    """A count of the source with its noun and the noun's gloss keys."""

    q: Quantity
    written: str  # the count, its measure word and its noun: 11个国家
    noun: str
    keys: frozenset[str]


def zh_counts(text: str, quantities: list[Quantity], lex: lexicon.Lexicon) -> list[Count | None]:
    """For each of ``quantities`` (read from ``text``), its counted noun: the longest headword
    after a measure word of :data:`COUNT_MEASURES` (11个国家 → 国家), with its gloss keys; None
    for a number that counts nothing (a year, a percentage, an ordinal) or a noun with no gloss."""
    text = nfkc(text)
    out: list[Count | None] = []
    for q, (_a, b) in zip(quantities, positions(text, quantities), strict=True):
        count = None
        m = b + 1 if b >= 0 and text[b : b + 2] == "大类" else b  # 6大类: six (major) categories
        if b >= 0 and q.kind == "cardinal" and text[m : m + 1] in COUNT_MEASURES:
            start, ends = m + 1, lex.words_at(text, m + 1)
            if text[m] in _SELF_NOUNS and (not ends or text[m + 1 : m + 2] in _NO_NOUN):
                start, ends = m, [m + 1]  # 6大类45种产品, 4类共30种: the measure word is the noun
            if ends:
                noun = text[start : ends[0]]
                keys = lex.keys(noun)
                if keys:
                    count = Count(q, q.text + text[b : ends[0]], noun, keys)
        out.append(count)
    return out


# Words that end the noun after an English count ("45 organizations in 314 countries")
_EN_NOUN_STOP = frozenset(
    [
        "in",
        "from",
        "of",
        "and",
        "or",
        "with",
        "for",
        "to",
        "at",
        "on",
        "across",
        "by",
        "the",
        "a",
        "an",
        "who",
        "which",
        "that",
        "were",
        "was",
        "are",
        "is",
        "have",
        "has",
    ]
)
_EN_NOUN_WORDS = 2  # the noun and a word before it: "45 participating countries"


def en_nouns(text: str, quantities: list[Quantity]) -> list[tuple[str, frozenset[str]] | None]:
    """For each of ``quantities`` (read from ``text``), the words after it (up to
    :data:`_EN_NOUN_WORDS`, before a preposition, an article or a verb of being) and their
    gloss keys ("15 members" → ("members", {"memb"})), None when no word follows."""
    text = roman_as_digits(nfkc(text))  # Part II read as 2: the numbers after it are found
    out: list[tuple[str, frozenset[str]] | None] = []
    for _q, (_a, b) in zip(quantities, positions(text, quantities), strict=True):
        words: list[str] = []
        at = b
        while at >= 0 and len(words) < _EN_NOUN_WORDS:
            m = _EN_NEXT_WORD.match(text, at)
            if m is None or m.group(1).lower() in _EN_NOUN_STOP:
                break
            words.append(m.group(1))
            at = m.end()
        out.append((" ".join(words), frozenset(lexicon.word_key(w) for w in words)) if words else None)
    return out


def swapped(pairs: list[tuple[Count, frozenset[str] | None]]) -> list[tuple[int, int]]:
    """Indexes (i, j) of counts whose English nouns are swapped: ``pairs`` holds each source
    count with the gloss keys of the words after its only English match. i's English words
    gloss j's Chinese noun and not i's own, and the other way round."""
    out = []
    for i, (a, ka) in enumerate(pairs):
        for j in range(i + 1, len(pairs)):
            b, kb = pairs[j]
            if a.q.value == b.q.value or not ka or not kb:
                continue
            if ka & b.keys and not ka & a.keys and kb & a.keys and not kb & b.keys:
                out.append((i, j))
    return out
