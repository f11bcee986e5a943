"""Lexical evidence for the omission and addition rules: a clause of the Chinese none of whose
content words has a counterpart in the English (or the reverse), where the length model also
says something is missing (or added).

The words come from :mod:`sppterm.lexicon` (CC-CEDICT glosses); this module adds what the
glossary and the unit know: a glossary term counts as covered when the English names its
concept (or has most content words of one of its English forms: a paraphrase of a description),
a number or Latin token (2030, SDG12) when the English has it, and the glossary's English of
the source's terms is English the source vouches for.

A clause is reported only when three things hold (thresholds measured on the series' 233
translated units, which are correct, and on planted drops and additions without anchors,
bench/coverage_eval.py; each one step stricter than the loosest that stays at 0 findings on
the series):

* at least :data:`MIN_UNCOVERED` of its content words have no counterpart, and they are at
  least :data:`OMITTED_SHARE` of them (a Chinese clause) or :data:`ADDED_SHARE` (an English
  clause; its words are checked against every headword of the source, so less is needed);
* the rest of the unit is covered (at least :data:`REST_COVERED` of its content words): a
  translation that renders everything freely is no evidence of a drop;
* the length model agrees: leaving the clause out brings the stretch's two lengths (its bead of
  the omission rule's alignment) closer. A paraphrase keeps the length; a drop does not.

Strong evidence (an error): :data:`STRONG_WORDS` or more content words, none covered, and the
stretch at least :data:`STRONG_DELTA` sd short (or long): a clause of three content words none
of which the dictionary, the glossary or a number finds, where length says as much is missing.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from sppterm import align, lexicon, zh
from sppterm.checks.amounts import en_currencies, zh_currencies
from sppterm.checks.base import Context
from sppterm.glossary import cache
from sppterm.glossary.model import Concept
from sppterm.glossary.validity import Period

MIN_UNCOVERED = 2
OMITTED_SHARE = 0.66  # two of three; 0.6 finds one correct clause of the series (3 of 5)
ADDED_SHARE = 0.6  # 0.5 finds one
REST_COVERED = 0.5
MIN_REST = 4  # content words outside the clause: fewer say nothing about how the unit is rendered
# A one-word item is reported without the length's agreement (a word of a long list changes
# the length too little) when the rest of the unit is this well covered.
ITEM_REST = 0.85
ITEM_WORD = 3  # a list item of one word this long counts (性价比); two-character items do not
# A part of an English clause between "and"/"or" counts with this many uncovered words (one
# more than a clause: the cut is a guess).
PIECE_UNCOVERED = 3
# An English clause of this many content words none of which has a source word, in a unit
# whose other words are this well covered, is reported in a stretch the English is long in
# even when leaving it out overshoots (an added clause in a translation that was short before).
# (Also where the English is short, measured: 3 more of 124 planted clauses for a coverage of
# every unit, twice the rules' cost; not taken.)
BARE_WORDS = 3
BARE_SHARE = 1.0
BARE_REST = 0.85
STRONG_WORDS = 3
STRONG_DELTA = 2.0
# A dropped Chinese clause is strong with two content words, none covered (不仅减少了浪费 left out
# of "…, reducing waste and building resilience"): a Chinese clause whose every gloss is absent
# where length says as much is missing; an added English clause needs three (its words are
# checked against every headword of the source: a clause of two is often a translator's gloss).
STRONG_OMITTED = 2
# Bead-level coverage (issue 11, round 4): in a unit of several aligned beads, a clause of the
# Chinese whose content words (at least BEAD_WORDS, all of them) have no counterpart in its own
# bead's English, though a gloss may stand in another sentence ("system" of 运行系统 in "food
# systems" two sentences before), where leaving it out brings the bead's lengths closer and the
# bead's other words are BEAD_REST covered: a long unit dilutes a dropped clause.
# An added clause of BARE_WORDS words, none with a source word, in a unit otherwise BARE_REST
# covered, is strong from this deviation on (", which delegates warmly applauded" after a
# sentence the translator had rendered tightly: +1.4 sd).
BARE_STRONG_DELTA = 1.0
BEAD_WORDS = 2
BEAD_REST = 0.6
# A dropped clause of three or more uncovered content words, three quarters of them, is strong
# too where the length says as much is missing (是市场转型的关键驱动力 left out: "key" stands
# elsewhere in the English). A warning or an error flags the unit alike; this decides CI only.
MOSTLY_WORDS = 3
MOSTLY_SHARE = 0.75
# A leading frame of time or circumstance (会议期间, 会上, 在…的支持下, …之际) is often folded into
# the English's structure ("Participants exchanged views …" for 会议期间，各方…): no drop.
_FRAME = re.compile(r"\s*(?:在|于)?[^，,；;：:。！？!?]{0,14}(?:期间|之际|之时|会上|会议上|下|时)\s*")
# An added relative or evaluative clause (", which it considers the best of its kind", ", most
# of them …") is strong from two content words, none with a source word: a relative clause
# says something of its own about what came before, where a two-word gloss of a translator
# ("…, as planned") does not open one.
RELATIVE_WORDS = 2
_RELATIVE = re.compile(
    r"\s*(?:which|who|whose|whom|(?:most|many|all|some|none) of (?:them|which|whom)|making it|considered)\b",
    re.I,
)

_LATIN = re.compile(r"[A-Za-z][A-Za-z0-9]+|[0-9]+(?:\.[0-9]+)?")
_MONTHS = re.findall(
    r"\S+", "january february march april may june july august september october november december"
)


@functools.cache
def shared_lexicon() -> lexicon.Lexicon | None:
    """The CC-CEDICT lexicon, compiled into the glossary cache directory (None when the
    dictionary is not installed: the rules then use length alone)."""
    where = cache.directory()
    return lexicon.load(where / "lexicon" if where is not None else None)


@dataclass(frozen=True, slots=True)
class Uncovered:
    """A clause with no counterpart on the other side."""

    side: str  # "source" (dropped from the English) or "target" (added to it)
    start: int
    end: int
    text: str
    words: tuple[str, ...]  # its uncovered content words
    delta: float  # the unit's length deviation (sd)
    strong: bool  # evidence enough for an error


def vouched(
    source: str, target: str, ctx: Context, when: Period | None = None
) -> list[tuple[int, int, bool]]:
    """Spans of ``source`` whose coverage the glossary and the numbers tell: glossary terms
    (covered when the English names the concept, or has half or more of the content words of
    one of its English forms), Latin tokens and numbers the English has, and currencies where
    the English names one (which one is the currency rule's finding). The last unit's are
    kept: the clause, bead and list-item paths ask in turn."""
    last = _VOUCHED[0]
    if last is not None and last[2] is ctx and last[0] == source and last[1] == target and last[3] == when:
        return last[4]
    out = _vouched(source, target, ctx, when)
    _VOUCHED[0] = (source, target, ctx, when, out)
    return out


_VOUCHED: list[tuple[str, str, Context, Period | None, list[tuple[int, int, bool]]] | None] = [None]


def _vouched(source: str, target: str, ctx: Context, when: Period | None) -> list[tuple[int, int, bool]]:
    named = ctx.en_terms.scan(target, when)[0]
    keys = {k for _, _, k in lexicon.unit_keys(target)}
    low = target.lower()
    out = []
    for h in ctx.zh_matcher.find(source):
        c = h.concept
        ok = c.id in named or any(_most_in(words, keys) for words in _term_words(c))
        out.append((h.start, h.end, ok))
    if en_currencies(target):  # which currency is the currency rule's finding
        out += [(m.start, m.end, True) for m in zh_currencies(source)]
    taken = [(s, e) for s, e, _ in out]
    for m in _LATIN.finditer(zh.fold_width(source)):
        if any(s < m.end() and m.start() < e for s, e in taken):
            continue
        if m.group().lower() in low:
            out.append((m.start(), m.end(), True))
    return sorted(out)


_TERM_WORDS: dict[int, tuple[Concept, tuple[list[tuple[int, int, str]], ...]]] = {}


def _term_words(c: Concept) -> tuple[list[tuple[int, int, str]], ...]:
    """The content words (:func:`sppterm.lexicon.en_keys`) of each English form of a concept
    (kept per concept object, as :func:`_concept_keys`)."""
    got = _TERM_WORDS.get(id(c))
    if got is None or got[0] is not c:
        got = _TERM_WORDS[id(c)] = (c, tuple(lexicon.en_keys(t.text) for t in c.terms if t.lang == "en"))
    return got[1]


def _most_in(words: list[tuple[int, int, str]], keys: set[str]) -> bool:
    return bool(words) and 2 * sum(k in keys for *_, k in words) >= len(words)


def source_keys(source: str, ctx: Context) -> set[str]:
    """Keys of English the source vouches for beyond the dictionary: its glossary terms' English
    forms and abbreviations, month names where it has 月, per cent where it has % or 百分之."""
    out: set[str] = set()
    for h in ctx.zh_matcher.find(source):
        out |= _concept_keys(h.concept)
    if "月" in source:
        out |= {lexicon.word_key(m) for m in _MONTHS}
    if "%" in source or "％" in source or "百分之" in source:
        out |= {"cent", "perce"}
    return out


@dataclass(frozen=True, slots=True)
class Stretch:
    """Aligned stretches of a unit (a bead of :func:`sppterm.align.align`): source[zh0:zh1]
    and target[en0:en1], the English letters the Chinese predicts and those there."""

    zh0: int
    zh1: int
    en0: int
    en1: int
    zh_len: float
    en_len: float
    # A bead of as many Chinese as English sentences (two or more), paired one to one: where
    # the bead-level coverage looks (a 2-2 bead hides a dropped clause of its second sentence).
    parts: tuple[Stretch, ...] = ()


_CONCEPT_KEYS: dict[int, tuple[Concept, frozenset[str]]] = {}


def _concept_keys(c: Concept) -> frozenset[str]:
    """Keys of a concept's English forms and abbreviations (kept per concept object)."""
    got = _CONCEPT_KEYS.get(id(c))
    if got is None or got[0] is not c:
        keys = {k for t in c.terms if t.lang == "en" for *_, k in lexicon.en_keys(t.text)}
        keys |= {lexicon.word_key(a) for a in c.abbr}
        got = _CONCEPT_KEYS[id(c)] = (c, frozenset(keys))
    return got[1]


def uncovered(
    source: str,
    target: str,
    ctx: Context,
    when: Period | None = None,
    stretches: Sequence[Stretch] | None = None,
) -> list[Uncovered]:
    """The clauses of the unit (``source`` and ``target`` as aligned: placeholders stripped)
    reported as dropped (side "source") or added (side "target"). The length evidence is
    each stretch's (the omission rule's beads; None: the whole unit is one)."""
    lx = shared_lexicon()
    if lx is None or not source or not target:
        return []
    if stretches is None:
        zl, el = align.zh_size(source), float(align.en_size(target))
        stretches = [Stretch(0, len(source), 0, len(target), zl, el)]
    out: list[Uncovered] = []
    zc: list[lexicon.Clause] | None = None
    ec: list[lexicon.Clause] | None = None
    for st in stretches:
        if not st.zh_len or not st.en_len:
            continue
        delta = align.deviation(st.zh_len, st.en_len)
        if delta < 0 and _may_omit(source, st, delta):
            if zc is None:
                zc = lexicon.zh_coverage(source, target, lx, vouched(source, target, ctx, when))
            for c, rest in _candidates(zc, st.zh0, st.zh1, OMITTED_SHARE, source):
                without = align.deviation(st.zh_len - align.zh_size(c.text), st.en_len)
                if abs(without) < abs(delta) or (c.words == 1 and rest >= ITEM_REST):
                    strong = delta <= -STRONG_DELTA and (
                        (len(c.uncovered) >= STRONG_OMITTED and c.share == 1)
                        or (len(c.uncovered) >= MOSTLY_WORDS and c.share >= MOSTLY_SHARE)
                    )
                    out.append(Uncovered("source", c.start, c.end, c.text, c.uncovered, delta, strong))
        elif delta > 0 and _may_add(target, st, delta):
            if ec is None:
                ec = lexicon.en_coverage(source, target, lx, source_keys(source, ctx))
            for c, rest in _candidates(ec, st.en0, st.en1, ADDED_SHARE, pieces=target):
                without = align.deviation(st.zh_len, st.en_len - align.en_size(c.text))
                bare = len(c.uncovered) >= BARE_WORDS and c.share >= BARE_SHARE and rest >= BARE_REST
                if abs(without) < abs(delta) or bare:
                    strong = (
                        len(c.uncovered) >= (RELATIVE_WORDS if _RELATIVE.match(c.text) else STRONG_WORDS)
                        and c.share == 1
                        and (delta >= STRONG_DELTA or (bare and delta >= BARE_STRONG_DELTA))
                    )
                    out.append(Uncovered("target", c.start, c.end, c.text, c.uncovered, delta, strong))
    vouch: list[tuple[int, int, bool]] | None = None
    for part in (p for st in stretches for p in (st.parts or ((st,) if len(stretches) > 1 else ()))):
        delta = align.deviation(part.zh_len, part.en_len) if part.zh_len and part.en_len else 0.0
        if delta < 0 and _may_omit(source, part, delta):
            if vouch is None:
                vouch = vouched(source, target, ctx, when)
            out += _bead_drops(source, target, part, delta, lx, vouch, out)
    out += _dropped_items(source, target, ctx, when, stretches, zc, out)
    return out


def added_sentences(
    source: str,
    target: str,
    ctx: Context,
    sentences: Sequence[tuple[int, int]],
    zh_len: float,
    en_len: float,
) -> list[Uncovered]:
    """English sentences (``sentences``: their spans in ``target``) none of whose content words
    (:data:`BARE_WORDS` or more) has a source word, in a unit the English is long in, whose other
    sentences are :data:`REST_COVERED` covered, and where leaving the sentence out brings the
    lengths closer: a sentence added after a faithful translation ("… is now under way. The
    final text will be adopted at the next Board meeting."). The clause path needs
    :data:`MIN_REST` other words, which a short unit lacks. Strong from :data:`STRONG_DELTA` sd."""
    lx = shared_lexicon()
    if lx is None or len(sentences) < 2 or not zh_len or not en_len:
        return []
    delta = align.deviation(zh_len, en_len)
    if delta <= 0:
        return []
    clauses = lexicon.en_coverage(source, target, lx, source_keys(source, ctx))
    total = sum(c.words for c in clauses)
    missing = sum(len(c.uncovered) for c in clauses)
    out = []
    for a, b in sentences:
        inside = [c for c in clauses if a <= (c.start + c.end) // 2 < b]
        words = sum(c.words for c in inside)
        bare = tuple(w for c in inside for w in c.uncovered)
        rest, rest_missing = total - words, missing - len(bare)
        if words < BARE_WORDS or len(bare) < words or rest < 2 or (rest - rest_missing) / rest < REST_COVERED:
            continue
        if abs(align.deviation(zh_len, en_len - align.en_size(target[a:b]))) >= abs(delta):
            continue
        text = target[a:b]
        lead = len(text) - len(text.lstrip())
        out.append(Uncovered("target", a + lead, b, text.strip(), bare, delta, delta >= STRONG_DELTA))
    return out


def _bead_drops(
    source: str,
    target: str,
    st: Stretch,
    delta: float,
    lx: lexicon.Lexicon,
    vouch: list[tuple[int, int, bool]],
    found: list[Uncovered],
) -> list[Uncovered]:
    """The clauses of stretch ``st`` (a bead of several) none of whose :data:`BEAD_WORDS` or
    more content words has a counterpart in the bead's own English, where leaving the clause
    out brings the bead's lengths closer and the bead's other words are :data:`BEAD_REST`
    covered; clauses ``found`` already are left out."""
    shifted = [(a - st.zh0, b - st.zh0, ok) for a, b, ok in vouch if st.zh0 <= a and b <= st.zh1]
    clauses = lexicon.zh_coverage(source[st.zh0 : st.zh1], target[st.en0 : st.en1], lx, shifted)
    total = sum(c.words for c in clauses)
    missing = sum(len(c.uncovered) for c in clauses)
    out = []
    for c in clauses:
        if len(c.uncovered) < BEAD_WORDS or c.share < 1 or _FRAME.fullmatch(c.text):
            continue
        rest = total - c.words
        if rest < MIN_REST or (rest - (missing - len(c.uncovered))) / rest < BEAD_REST:
            continue
        a, b = c.start + st.zh0, c.end + st.zh0
        if any(u.side == "source" and u.start < b and a < u.end for u in found):
            continue
        if abs(align.deviation(st.zh_len - align.zh_size(c.text), st.en_len)) >= abs(delta):
            continue
        strong = len(c.uncovered) >= STRONG_OMITTED and delta <= -STRONG_DELTA
        out.append(Uncovered("source", a, b, c.text, c.uncovered, delta, strong))
    return out


# -- enumerations ---------------------------------------------------------------------------------
# A Chinese list (低碳、耐用、高性价比 or 培训、对话和领导机会) and the English lists of the unit: an
# item none of whose content words has a counterpart, where the English lists fewer items than
# the Chinese, is a dropped item whatever the length says (an item changes it too little).
_ZH_LIST_RUN = re.compile(r"[^，,；;：:。！？!?\n（）()]+")
_ZH_AND = ("以及", "和", "及", "与", "或")
_EN_RUN = re.compile(r"[^.;:!?()]+")
_EN_AND = re.compile(r"\b(?:and|or)\b")
ITEM_WORDS = 6  # English words of a list item (longer: a clause, the list's first item)
ITEM_DELTA = 1.0  # at most this long (sd): an English this much longer has room for the item
ITEM_NEIGHBOURS = 0.5  # the share of the list's other items that must be rendered


def zh_lists(source: str, lx: lexicon.Lexicon) -> list[list[tuple[int, int]]]:
    """The (start, end) items of each 、-list of ``source`` with three or more items: the
    stretches between 、 within a clause, the last one cut at its first conjunction (和 及 以及
    与 或, not the 和 of 和平 or the 及 of 及时: a headword starting there is no longer than it).
    The first and last items run to the clause's edges (强调了各国政府, 民间社团的集体责任)."""
    out = []
    ends = None
    for m in _ZH_LIST_RUN.finditer(source):
        if "、" not in m.group():
            continue
        a = m.start()
        cuts = [a + i for i, ch in enumerate(m.group()) if ch == "、"]
        items = []
        at = a
        for c in cuts:
            items.append((at, c))
            at = c + 1
        last = (at, m.end())
        if ends is None:
            ends = lx.ends(source)
        for p in range(last[0] + 1, last[1]):
            conj = next((w for w in _ZH_AND if source.startswith(w, p)), None)
            if conj and max(ends[p], default=p) <= p + len(conj) and p + len(conj) < last[1]:
                items += [(last[0], p), (p + len(conj), last[1])]
                break
        else:
            items.append(last)
        if len(items) >= 3:
            out.append(items)
    return out


def en_lists(target: str, most: bool = False) -> list[tuple[int, int]]:
    """(where, items) of the English lists of ``target`` ("a, b, c and d": four items, where
    its conjunction stands): a part with "and" or "or" closes a list of two when at most
    :data:`ITEM_WORDS` words stand before the conjunction, and each comma-separated part of at
    most as many words before it adds one; a longer part ends the count (it may hold the first
    item: the count errs low, where the item rule is stricter). ``most``: that longer part
    counted as one item ("… discussed procurement in buildings, food and electronics": three),
    the count erring high."""
    out = []
    for m in _EN_RUN.finditer(target):
        parts = m.group().split(",")
        at = m.start()
        for i, p in enumerate(parts):
            conj = _EN_AND.search(p)
            if conj is not None:
                size = 2
                if len(p[: conj.start()].split()) <= ITEM_WORDS:
                    for k in range(i - 1, -1, -1):
                        size += 1
                        if len(parts[k].split()) > ITEM_WORDS:
                            size -= not most
                            break
                out.append((at + conj.start(), size))
            at += len(p) + 1
    return out


# How far (a share of the stretch) an English list may stand from where the Chinese list's
# place predicts and still be its rendering: translators reorder within a sentence.
LIST_REACH = 0.3
# The same for a list one item short (an error): its first item runs to the clause's start
# (研讨会讨论了建筑、…), which moves the list's place; the count and the uncovered item decide.
SHORT_REACH = 0.5


def _rendered_list(
    items: list[tuple[int, int]],
    st: Stretch,
    lists: list[tuple[int, int]],
    exactly: int | None = None,
    reach: float = LIST_REACH,
) -> bool:
    """Whether an English list of the stretch near the Chinese list's place (within ``reach``)
    has as many items (``exactly``: that many)."""
    where = (items[0][0] + items[-1][1]) / 2
    r = (where - st.zh0) / max(st.zh1 - st.zh0, 1)
    span = max(st.en1 - st.en0, 1)
    return any(
        (n == exactly if exactly is not None else n >= len(items)) and abs((p - st.en0) / span - r) <= reach
        for p, n in lists
        if st.en0 <= p < st.en1
    )


_QUOTED = re.compile(r"“[^“”]{1,40}”|《[^《》]{1,40}》")


def _quoted_edges(source: str, items: list[tuple[int, int]]) -> dict[int, tuple[int, int]]:
    """The first and last items of a list whose item is quoted (“政策框架”、…和“监测评估”等议题):
    the quotation marks bound them, not the clause's edges, so they are items like the inner
    ones ({0 or last: (start, end)})."""
    out = {}
    for k in (0, len(items) - 1):
        a, b = items[k]
        found = list(_QUOTED.finditer(source, a, b))
        if found:
            m = found[-1] if k == 0 else found[0]
            if (k == 0 and not source[m.end() : b].strip()) or (k > 0 and not source[a : m.start()].strip()):
                out[k] = m.span()
    return out


def _dropped_items(
    source: str,
    target: str,
    ctx: Context,
    when: Period | None,
    stretches: Sequence[Stretch],
    zc: list[lexicon.Clause] | None,
    found: list[Uncovered],
) -> list[Uncovered]:
    """Inner items of a Chinese list none of whose content words is covered, the other items
    mostly rendered (:data:`ITEM_NEIGHBOURS`), the unit's other words half covered, the English
    not long (:data:`ITEM_DELTA`) and listing fewer items than the Chinese."""
    if "、" not in source:
        return []
    lx = shared_lexicon()
    assert lx is not None
    lists = zh_lists(source, lx)
    if not lists:
        return []
    english = en_lists(target)
    if zc is None:
        zc = lexicon.zh_coverage(source, target, lx, vouched(source, target, ctx, when))
    words = sorted(p for c in zc for p in c.found)
    missing = {p: w for c in zc for w, p in zip(c.uncovered, c.at, strict=True)}
    total = len(words)
    out = []
    for items in lists:
        status = []  # per item: (content words, uncovered words)
        for a, b in items:
            inside = [p for p in words if a <= p < b]
            status.append((inside, [p for p in inside if p in missing]))
        rendered = sum(1 for inside, miss in status if inside and len(miss) < len(inside))
        edges = _quoted_edges(source, items)
        for k in range(len(items)):
            if k in (0, len(items) - 1):
                if k not in edges:
                    continue
                a, b = edges[k]
                inside = [p for p in words if a <= p < b]
                miss = [p for p in inside if p in missing]
            else:
                inside, miss = status[k]
            if not inside or len(miss) < len(inside):
                continue
            others = sum(1 for j, (i2, _) in enumerate(status) if j != k and i2)
            if not others or rendered < ITEM_NEIGHBOURS * others:
                continue
            rest = total - len(inside)
            covered = (rest - (len(missing) - len(miss))) / rest if rest >= MIN_REST else 0.0
            if covered < REST_COVERED:
                continue
            a, b = edges.get(k, items[k])
            st = next((t for t in stretches if t.zh0 <= a < t.zh1), None)
            if st is None or align.deviation(st.zh_len, st.en_len) > ITEM_DELTA:
                continue
            delta = align.deviation(st.zh_len, st.en_len)
            closer = abs(align.deviation(st.zh_len - align.zh_size(source[a:b]), st.en_len)) < abs(delta)
            # an English list as long is no evidence, unless the item is two words or more
            # and leaving it out brings the lengths closer (the list's count erred)
            if _rendered_list(items, st, english) and not (len(miss) >= MIN_UNCOVERED and closer):
                continue
            # An English list near its place one item short: the count says which is missing.
            strong = _rendered_list(items, st, en_lists(target, most=True), len(items) - 1, SHORT_REACH)
            same = [i for i, u in enumerate(found) if u.side == "source" and u.start < b and a < u.end]
            if same:
                for i in same:  # the clause found is this item: the count makes it an error
                    found[i] = dataclasses.replace(found[i], strong=found[i].strong or strong)
                continue
            text = source[a:b]
            out.append(Uncovered("source", a, b, text, tuple(missing[p] for p in miss), delta, strong))
    return out


def explained(source: str, target: str, ctx: Context, start: int, end: int) -> bool:
    """Whether every content word of ``target[start:end]`` has a source word glossing it (or is
    English the source's glossary terms vouch for); False without the dictionary."""
    lx = shared_lexicon()
    if lx is None:
        return False
    clauses = lexicon.en_coverage(source, target, lx, source_keys(source, ctx))
    inside = [c for c in clauses if start <= (c.start + c.end) // 2 < end]
    return bool(inside) and not any(c.uncovered for c in inside)


def _may_omit(source: str, st: Stretch, delta: float) -> bool:
    """Whether leaving out some clause of the stretch could bring its lengths closer, or it
    holds a list (whose items need no length): else no coverage is computed (most units)."""
    if "、" in source[st.zh0 : st.zh1]:
        return True
    return any(
        abs(align.deviation(st.zh_len - align.zh_size(source[a:b]), st.en_len)) < -delta
        for a, b in lexicon.zh_clauses(source)
        if st.zh0 <= (a + b) // 2 < st.zh1
    )


def _may_add(target: str, st: Stretch, delta: float) -> bool:
    """The same for an English clause of the stretch."""
    return any(
        abs(align.deviation(st.zh_len, st.en_len - align.en_size(target[a:b]))) < delta
        for a, b in lexicon.en_clauses(target)
        if st.en0 <= (a + b) // 2 < st.en1
    )


def _items(c: lexicon.Clause, source: str) -> list[lexicon.Clause]:
    """The list items inside clause ``c``: an uncovered word of :data:`ITEM_WORD` characters or
    more beside a 、 (within two characters: 高性价比 of 低碳、耐用、高性价比建筑材料), as a clause of
    its own from the 、 (or the clause's start) to the word's end."""
    out = []
    for w, p in zip(c.uncovered, c.at, strict=False):
        if len(w) < ITEM_WORD:
            continue
        before = source.rfind("、", max(c.start - 1, p - 2, 0), p)
        after = source.find("、", p + len(w), p + len(w) + 2)
        if before < 0 and after < 0:
            continue
        start = before + 1 if before >= 0 else max(c.start, p - 2)
        end = p + len(w)
        out.append(lexicon.Clause(start, end, source[start:end], 1, (w,), (p,)))
    return out


def _pieces(c: lexicon.Clause, target: str) -> list[lexicon.Clause]:
    """The parts of English clause ``c`` between "and"/"or" (an item added to a list: "…,
    share their stories with local newspapers and expand cooperation"), when it has any."""
    cuts = [m.span() for m in _EN_AND.finditer(c.text)]
    if not cuts:
        return []
    out = []
    bounds = [0] + [e for _, e in cuts]
    stops = [s for s, _ in cuts] + [len(c.text)]
    for a, b in zip(bounds, stops, strict=True):
        a, b = c.start + a, c.start + b
        words = len(lexicon.en_keys(target[a:b]))
        miss = [(w, p) for w, p in zip(c.uncovered, c.at, strict=True) if a <= p < b]
        if words:
            out.append(
                lexicon.Clause(a, b, target[a:b], words, tuple(w for w, _ in miss), tuple(p for _, p in miss))
            )
    return out


def _candidates(
    clauses: list[lexicon.Clause],
    start: int,
    end: int,
    share: float,
    source: str = "",
    pieces: str = "",
) -> list[tuple[lexicon.Clause, float]]:
    """The clauses within text[start:end] with at least :data:`MIN_UNCOVERED` content words
    uncovered, and at least ``share`` of them, and (``source``: the Chinese) the list items of
    one long uncovered word (:func:`_items`), and (``pieces``: the English) the parts of a
    clause between "and"/"or" (:func:`_pieces`), in a unit whose other words are covered; each
    with the covered share of the unit's other content words."""
    total = sum(c.words for c in clauses)
    missing = sum(len(c.uncovered) for c in clauses)
    out = []
    for c in clauses:
        if not start <= (c.start + c.end) // 2 < end:  # a clause's leading space may lie before
            continue
        found = [c] if len(c.uncovered) >= MIN_UNCOVERED and c.share >= share else []
        if source and found and _FRAME.fullmatch(c.text):
            found = []  # 会议期间, 在…下: a frame the English folds into its structure
        if source and not found:
            found = _items(c, source)
        if pieces and not found and len(c.uncovered) >= MIN_UNCOVERED:
            found = [
                p for p in _pieces(c, pieces) if len(p.uncovered) >= PIECE_UNCOVERED and p.share >= share
            ]
        for x in found:
            rest = total - x.words
            covered = (rest - (missing - len(x.uncovered))) / rest if rest >= MIN_REST else 0.0
            if covered >= REST_COVERED:
                out.append((x, covered))
    return out
