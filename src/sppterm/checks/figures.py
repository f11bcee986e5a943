"""Figures moved to another noun, for the number rule.

法国的目标是100%，立陶宛的目标是95% as "France's target is 95 per cent and Lithuania's 100
per cent" has every number of the source: the number rule, which compares values, passes it.
Here each of two figures is paired with what it quantifies on both sides, by the stretch of
text it stands in. Where the two figures stand in separate stretches (cut at the strongest
punctuation between them: ；。 before ，：、 before 和/与/及; in English ; and stops before
commas, colons and "and", "while", "but"), the words of each Chinese stretch that the other
lacks are its anchors: content words (through their CC-CEDICT glosses), Latin words (GDP),
glossary concepts and the unit's other numbers (a year, a count: 2020年，五项举措获得了100万
美元). The figures are swapped when no anchor of either stretch stands beside its own figure
in the English, and at least two stand beside the other figure: in the whole stretches, or
in the two anchors either side of each figure, one for each (a predicate both figures share
may end the second Chinese stretch and open the first English one: 30%的公共机构和40%的私营
企业已制定了政策). Anything less certain — two figures in one stretch, a value written
twice, "respectively", a stretch with no anchor, two values coordinated (2013年和2017年) —
says nothing.

Each call reads the unit's stretches once per pair of figures, and a unit holds few figures
(more than :data:`_MOST` is a table, skipped): linear in the text.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from sppterm import lexicon
from sppterm.checks.base import ERROR, Context
from sppterm.glossary.validity import Period
from sppterm.numerals import Quantity, display, nfkc, positions

# (level, pattern): a stretch ends at a separator of its pair's level or a stronger one.
_ZH_SEPARATORS = (re.compile(r"[；;。！？!?]"), re.compile(r"[，,：:、]"), re.compile(r"以及|[和与及]"))
_EN_SEPARATORS = (
    re.compile(r"[;!?]|(?<!\d)\.(?!\d)"),
    re.compile(r",|:|\s(?:and|while|whereas|but|compared\s+with)\s", re.IGNORECASE),
)
_RESPECTIVELY = re.compile(r"respectively|分别")
_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]+")
_UNIT_GAP = re.compile(r"[\s年月日号%个项名家位种类]*")  # what may stand between coordinated values
_MOST = 8  # figures a unit may hold for its pairs to be read
_KINDS = ("cardinal", "percent")


class _Figure(Protocol):
    """A number of the number rule (sppterm.checks.numbers._Number): its quantity and
    whether it belongs to a glossary name."""

    @property
    def q(self) -> Quantity: ...

    @property
    def name(self) -> bool: ...


def _pairable(q: Quantity) -> bool:
    """A figure that quantifies something: a percentage, an amount, a count, a year; not an
    ordinal, a month, a multiple or an idiom (两三, both)."""
    return q.kind in _KINDS and not q.soft and q.value not in (0, 1)


def _vkey(v: float) -> str:
    return "#" + f"{v:.6g}"


def moved(
    source: str,
    target: str,
    src: Sequence[_Figure],
    tgt: Sequence[_Figure],
    ctx: Context,
    when: Period | None = None,
) -> Iterable[tuple[str, str, str, tuple[str, str]]]:
    """(message, term, severity, (side, number as written)) for each pair of figures moved
    between what they quantify: both values once on each side, each in its own stretch."""
    if sum(1 for n in src if not n.name and _pairable(n.q)) < 2:
        return  # the common case: fewer than two figures to pair
    if _RESPECTIVELY.search(source) or _RESPECTIVELY.search(target):
        return  # "30 and 40 per cent respectively": the English pairs them by order
    zh, en = nfkc(source), nfkc(target)
    if len(zh) != len(source) or len(en) != len(target):
        return  # offsets of the glossary's hits would not hold
    once_src = _once([n for n in src if not n.name], zh)
    once_tgt = _once([t for t in tgt if not t.name], en)
    both = [v for v in once_src if v in once_tgt and _pairable(once_src[v][0])]
    if len(both) < 2 or len(both) > _MOST:
        return
    lex = _lexicon()
    if lex is None:
        return  # no dictionary: no anchors to be sure of
    numbers_zh = _number_keys(src, zh)
    numbers_en = _number_keys(tgt, en)
    hits = [(h.start, h.end, h.concept.id) for h in ctx.zh_matcher.find(source)]
    named = [(s, e, cid) for cid, spans in ctx.en_terms.spans(target, when).items() for s, e, _ in spans]
    reported: set[str] = set()
    zh_cuts, en_cuts = _Cuts(zh, _ZH_SEPARATORS), _Cuts(en, _EN_SEPARATORS)
    # a stretch's anchors are read once, whatever pairs it belongs to
    zh_memo: dict[tuple[int, int], list[_Anchor]] = {}
    en_memo: dict[tuple[int, int], list[_Anchor]] = {}

    def zh_words(span: tuple[int, int]) -> list[_Anchor]:
        if span not in zh_memo:
            zh_memo[span] = _zh_anchors(zh, span, lex, hits, numbers_zh)
        return zh_memo[span]

    def en_words(span: tuple[int, int]) -> list[_Anchor]:
        if span not in en_memo:
            en_memo[span] = _en_words(en, span, named, numbers_en)
        return en_memo[span]

    for i, va in enumerate(both):
        for vb in both[i + 1 :]:
            qa, (a0, a1) = once_src[va]
            qb, (b0, b1) = once_src[vb]
            if a0 > b0:
                (qa, (a0, a1)), (qb, (b0, b1)) = (qb, (b0, b1)), (qa, (a0, a1))
                va, vb = vb, va
            zh_pair = zh_cuts.stretches(a0, a1, b0, b1)
            _ta, (c0, c1) = once_tgt[va]
            tb, (d0, d1) = once_tgt[vb]
            first, second = ((c0, c1), (d0, d1)) if c0 < d0 else ((d0, d1), (c0, c1))
            en_pair = en_cuts.stretches(*first, *second)
            if zh_pair is None or en_pair is None:
                continue
            (sa, sb), (e1, e2) = zh_pair, en_pair
            ea, eb = (e1, e2) if c0 < d0 else (e2, e1)  # the English stretches of a and of b
            pair_keys = {va, vb}
            zh_a, zh_b = _without(zh_words(sa), pair_keys), _without(zh_words(sb), pair_keys)
            en_a, en_b = _without(en_words(ea), pair_keys), _without(en_words(eb), pair_keys)
            # the whole stretches, then the words nearest each figure (the predicate the two
            # share may stand in either stretch: 30%的公共机构和40%的私营企业已制定了政策)
            if not _swapped(zh_a, zh_b, en_a, en_b, 0) and not _swapped(
                _near(zh_a, a0, a1), _near(zh_b, b0, b1), _near(en_a, c0, c1), _near(en_b, d0, d1), 1
            ):
                continue
            pair = f"{display(qa.value)}<>{display(qb.value)}"
            if pair in reported:
                continue
            reported.add(pair)
            message = (
                f"{qa.text} and {qb.text} of the source are swapped in the translation: "
                f"{_quote(_cut(en, eb))} for {_cut(zh, sa)}, {_quote(_cut(en, ea))} for {_cut(zh, sb)}"
            )
            yield message, pair, ERROR, ("target", tb.text)


def _lexicon() -> lexicon.Lexicon | None:
    from sppterm.checks.coverage import shared_lexicon

    return shared_lexicon()


def _once(numbers: Sequence[_Figure], text: str) -> dict[str, tuple[Quantity, tuple[int, int]]]:
    """The values written once in ``text`` (a value twice cannot be paired), with where."""
    qs = [n.q for n in numbers]
    seen: dict[str, list[tuple[Quantity, tuple[int, int]]]] = {}
    for q, span in zip(qs, positions(text, qs), strict=True):
        if span[0] >= 0:
            seen.setdefault(_vkey(q.value), []).append((q, span))
    return {k: found[0] for k, found in seen.items() if len(found) == 1}


def _number_keys(numbers: Sequence[_Figure], text: str) -> list[tuple[int, str]]:
    """(position, value key) of every number of a side: the other numbers are anchors (a year,
    a count beside an amount)."""
    qs = [n.q for n in numbers]
    out: list[tuple[int, str]] = []
    for q, (a, _b) in zip(qs, positions(text, qs), strict=True):
        if a >= 0 and q.kind != "month":
            out.extend((a, _vkey(v)) for v in q.values())
    return out


class _Cuts:
    """The separators of a text by level, found once: each pair of figures looks up those
    between them and the nearest around them by bisection."""

    def __init__(self, text: str, separators: tuple[re.Pattern[str], ...]) -> None:
        self.text = text
        self.levels = [[m.span() for m in p.finditer(text)] for p in separators]
        # for each level, the separators of that level or a stronger one, in order
        self.upto: list[list[tuple[int, int]]] = []
        for level in range(len(separators)):
            self.upto.append(sorted(s for spans in self.levels[: level + 1] for s in spans))

    def stretches(self, a0: int, a1: int, b0: int, b1: int) -> tuple[tuple[int, int], tuple[int, int]] | None:
        """The stretches of the figures at [a0, a1) and [b0, b1) (a before b), cut at the
        strongest separator between them; None when nothing separates them."""
        text = self.text
        for level, spans in enumerate(self.levels):
            k = bisect.bisect_left(spans, (a1, -1))
            between = []
            while k < len(spans) and spans[k][1] <= b0:
                between.append(spans[k])
                k += 1
            if not between:
                continue
            if _UNIT_GAP.fullmatch(text, a1, between[0][0]) and _UNIT_GAP.fullmatch(text, between[-1][1], b0):
                return None  # 2013年和2017年, "of 2013 and 2017": two values of one noun
            cuts = self.upto[level]
            i = bisect.bisect_left(cuts, (a0, -1))  # the last cut ending before a0
            while i > 0 and cuts[i - 1][1] > a0:
                i -= 1
            start = cuts[i - 1][1] if i > 0 else 0
            j = bisect.bisect_left(cuts, (b1, -1))
            end = cuts[j][0] if j < len(cuts) else len(text)
            return (start, between[0][0]), (between[-1][1], end)
        return None


_Anchor = tuple[int, frozenset[str]]  # where an anchor stands, and the keys it may match by


def _zh_anchors(
    text: str,
    span: tuple[int, int],
    lex: lexicon.Lexicon,
    hits: list[tuple[int, int, str]],
    numbers: list[tuple[int, str]],
) -> list[_Anchor]:
    """The anchors of a Chinese stretch, in order, each with the keys its counterpart may
    have: a glossary concept (its id), another number (its value), a content word (its
    glosses)."""
    a, b = span
    out: list[_Anchor] = [(s, frozenset({cid})) for s, e, cid in hits if a <= s and e <= b]
    out += [(p, frozenset({k})) for p, k in numbers if a <= p < b]
    masked = list(text[a:b])
    for s, e, _ in hits:
        for k in range(max(s, a), min(e, b)):
            masked[k - a] = " "
    stretch = "".join(masked)
    for s, e in lex.segment(stretch):
        word = stretch[s:e]
        if len(word) > 1 and word not in lexicon.ZH_STOPWORDS and lexicon.IDEOGRAPH.match(word):
            keys = lex.keys(word)
            if keys:
                out.append((a + s, keys))
    # Latin words the English copies (GDP, ICT, NDC): their own keys
    out += [(a + m.start(), _variants(m.group())) for m in _LATIN.finditer(stretch)]
    return sorted(out, key=lambda x: x[0])


def _en_words(
    text: str,
    span: tuple[int, int],
    named: list[tuple[int, int, str]],
    numbers: list[tuple[int, str]],
) -> list[_Anchor]:
    """The anchors of an English stretch, in order: its concepts, its other numbers, its
    content words (their variants: found = find)."""
    a, b = span
    out: list[_Anchor] = [(s, frozenset({cid})) for s, e, cid in named if a <= s and e <= b]
    out += [(p, frozenset({k})) for p, k in numbers if a <= p < b]
    out += [(a + s, _variants(text[a + s : a + e])) for s, e, _k in lexicon.en_keys(text[a:b])]
    return sorted(out, key=lambda x: x[0])


@functools.lru_cache(maxsize=50_000)
def _variants(word: str) -> frozenset[str]:
    """:func:`sppterm.lexicon.variants`, remembered: a unit's words repeat across pairs."""
    return lexicon.variants(word)


_NEAR = 2  # anchors read either side of a figure for its nearest words


def _near(anchors: list[_Anchor], start: int, end: int) -> list[_Anchor]:
    """The anchors nearest a figure at [start, end): _NEAR before it and _NEAR after it."""
    before = [x for x in anchors if x[0] < start][-_NEAR:]
    return before + [x for x in anchors if x[0] >= end][:_NEAR]


def _without(anchors: list[_Anchor], pair: set[str]) -> list[_Anchor]:
    """The anchors other than the pair's own values."""
    return [x for x in anchors if not x[1] <= pair]


def _swapped(
    zh_a: list[_Anchor], zh_b: list[_Anchor], en_a: list[_Anchor], en_b: list[_Anchor], each: int
) -> bool:
    """Whether the anchors say a and b are swapped: none of either stretch's own anchors
    beside its own figure in the English, at least two beside the other figure in all and
    ``each`` for each of them."""
    here_a = set().union(*(k for _p, k in en_a))
    here_b = set().union(*(k for _p, k in en_b))
    own_a, cross_a = _evidence([k for _p, k in zh_a], [k for _p, k in zh_b], here_a, here_b)
    own_b, cross_b = _evidence([k for _p, k in zh_b], [k for _p, k in zh_a], here_b, here_a)
    if own_a or own_b or cross_a + cross_b < 2:
        return False
    return cross_a >= each and cross_b >= each


def _evidence(
    own: list[frozenset[str]], other: list[frozenset[str]], here: set[str], there: set[str]
) -> tuple[int, int]:
    """(anchors of a stretch found beside its own figure, found beside the other figure only),
    counting only the anchors the other Chinese stretch lacks."""
    theirs = set().union(*other) if other else set()
    distinct = [k for k in own if not k & theirs]
    return sum(1 for k in distinct if k & here), sum(1 for k in distinct if k & there and not k & here)


def _cut(text: str, span: tuple[int, int], most: int = 60) -> str:
    """A stretch as a message shows it: stripped, its end cut beyond ``most`` characters."""
    s = text[span[0] : span[1]].strip()
    return s if len(s) <= most else s[: most - 1] + "…"


def _quote(text: str) -> str:
    return f"“{text}”"
