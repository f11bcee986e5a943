"""``sppterm terms suggest``: term candidates from the Chinese corpus, and their likely English
from the translated units (Dice association of English n-grams), for a terminologist to accept."""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from dataclasses import dataclass, field

from sppterm import en
from sppterm.align import sentence_pairs
from sppterm.glossary.model import Glossary
from sppterm.patterns import HAN
from sppterm.placeholders import strip
from sppterm.zh import count_ideographs, fold_width

_ABBR = re.compile(rf"([{HAN}0-9“”\"—\-·]{{2,40}})[（(]([A-Z][A-Za-z0-9&\-]{{1,14}})[）)]")
_TITLE = re.compile(r"《([^《》]{2,80})》")
_CUT = re.compile(r".*[，。、；：“”\"的和与由在及为将对了是向从以及其]")
_CJK_RUN = re.compile(f"[{HAN}]{{4,}}")
_STOP_CHARS = set("的了在和与及是将对为由于其等各该这此并也就都而")
_EN_STOP = {
    "the",
    "of",
    "and",
    "a",
    "an",
    "in",
    "on",
    "to",
    "for",
    "by",
    "with",
    "its",
    "their",
    "is",
    "are",
    "was",
    "were",
    "as",
    "at",
    "from",
    "that",
    "this",
    "which",
    "it",
    "be",
    "has",
    "have",
    "or",
}
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’&%.\-]*[A-Za-z0-9%]|[A-Za-z0-9]")


@dataclass
class Candidate:
    zh: str
    kind: str  # abbreviation, title, frequent
    count: int = 0
    abbr: str = ""
    occurrences: list[tuple[str, int]] = field(default_factory=list)
    english: str = ""
    score: float = 0.0


def _known(glossary: Glossary) -> set[str]:
    return {fold_width(t.text.strip("《》")) for t, _ in glossary.zh_terms()}


def _explained(zh: str, known: set[str]) -> bool:
    """True when glossary terms already cover the candidate (计划联合领导机构 = 计划 + 联合领导机构)."""
    rest = zh
    for k in sorted((k for k in known if len(k) >= 2 and k in zh), key=len, reverse=True):
        rest = rest.replace(k, "")
    return count_ideographs(rest) < 3


def _frequent(texts: list[str], min_count: int) -> Counter[str]:
    """Maximal repeated CJK sequences of 4–12 characters (not inside a longer one as often),
    counted once per run of CJK text.

    Level by level, so the time and memory follow the text that recurs, not every sequence of
    it (20,000 units hold some 30 million distinct sequences): the 4-character ones are first
    counted by hash bucket, which bounds each one's count from above, and only those that may
    recur are counted exactly; an n-character sequence is counted only where both of its
    (n-1)-character parts recur, since a sequence is in no more runs than its parts."""
    runs = [run for t in texts for run in _CJK_RUN.findall(t)]
    buckets = array("I", bytes(4 * (_BUCKET_MASK + 1)))
    for run in runs:
        for i in range(len(run) - 3):
            buckets[hash(run[i : i + 4]) & _BUCKET_MASK] += 1
    starts = [
        [i for i in range(len(r) - 3) if buckets[hash(r[i : i + 4]) & _BUCKET_MASK] >= min_count]
        for r in runs
    ]
    recurring: dict[str, int] = {}
    for n in range(4, 13):
        counts: Counter[str] = Counter()
        for run, at in zip(runs, starts, strict=True):
            counts.update({run[i : i + n] for i in at})
        level = {g: c for g, c in counts.items() if c >= min_count}
        recurring.update(level)
        nxt = []
        for run, at in zip(runs, starts, strict=True):
            kept = {i for i in at if run[i : i + n] in level}
            nxt.append([i for i in sorted(kept) if i + 1 in kept])  # both n-parts of run[i : i + n + 1]
        starts = nxt
    frequent = {g: c for g, c in recurring.items() if g[0] not in _STOP_CHARS and g[-1] not in _STOP_CHARS}
    # keep maximal ones: drop g when a longer gram containing it is as frequent. Each gram's
    # shorter substrings are looked up (at most 45 of a 12-character gram), not every other gram.
    dominated = set()
    for g2, c2 in frequent.items():
        for n in range(4, len(g2)):
            for i in range(len(g2) - n + 1):
                if frequent.get(g2[i : i + n]) == c2:
                    dominated.add(g2[i : i + n])
    return Counter({g: c for g, c in frequent.items() if g not in dominated})


_BUCKET_MASK = (1 << 20) - 1  # 4 MB of counters


def _term_edges(known: set[str]) -> tuple[set[str], set[str]]:
    """Two-character pieces that continue or precede a known term's inside: (tails, heads)."""
    tails, heads = set(), set()
    for k in known:
        for i in range(1, len(k) - 1):
            tails.add(k[i : i + 2])
            heads.add(k[i - 1 : i + 1])
    return tails - {k[:2] for k in known}, heads - {k[-2:] for k in known}


def candidates(units: list[tuple[str, str, int]], glossary: Glossary, min_count: int = 3) -> list[Candidate]:
    """Candidates from ``units`` = (Chinese text, bulletin id, line), not yet in the glossary."""
    known = _known(glossary)
    known_abbr = {a for c in glossary for a in c.abbr}
    found: dict[str, Candidate] = {}

    def add(zh: str, kind: str, where: tuple[str, int], abbr: str = "") -> None:
        zh = zh.strip('“”"—-· ')
        if len(zh) < 4 or fold_width(zh) in known or abbr in known_abbr or _explained(fold_width(zh), known):
            return
        c = found.setdefault(zh, Candidate(zh, kind, abbr=abbr))
        c.count += 1
        c.occurrences.append(where)

    texts = []
    for text, bid, line in units:
        t = strip(text)
        texts.append(t)
        for m in _ABBR.finditer(t):
            name = _CUT.sub("", m.group(1))
            add(name, "abbreviation", (bid, line), m.group(2))
        for m in _TITLE.finditer(t):
            add(m.group(1), "title", (bid, line))
    edges = _term_edges(known)
    for gram, count in _frequent(texts, min_count).items():
        if len(gram) > 8 or gram in found or any(gram in k for k in known) or _explained(gram, known):
            continue
        if gram[:2] in edges[0] or gram[-2:] in edges[1]:
            continue  # starts or ends in the middle of a known term: a fragment
        occ = [(bid, line) for text, bid, line in units if gram in text]
        found[gram] = Candidate(gram, "frequent", count, occurrences=occ)
    rank = {"abbreviation": 0, "title": 1, "frequent": 2}
    return sorted(found.values(), key=lambda c: (rank[c.kind], -c.count, -len(c.zh), c.zh))


_CLAUSE = re.compile(r"[,;:()“”\"—–!?|]|\.(?!\d)|\s-\s")


def _ngrams(text: str, max_n: int = 8) -> set[str]:
    """English word n-grams within clauses (never across punctuation), no stop word at the ends."""
    out = set()
    for clause in _CLAUSE.split(text):
        words = _WORD.findall(clause)
        for n in range(1, max_n + 1):
            for i in range(len(words) - n + 1):
                gram = words[i : i + n]
                if gram[0].lower() in _EN_STOP or gram[-1].lower() in _EN_STOP:
                    continue
                out.add(" ".join(gram))
    return out


def _length_prior(zh: str, gram: str) -> float:
    """Chinese terms run about 2.3 characters per English word."""
    expected = max(1.0, count_ideographs(zh) / 2.3)
    return math.exp(-abs(len(gram.split()) - expected) / 1.5)


class Aligner:
    """Dice association between a Chinese string and English n-grams over translated units.

    Two things narrow the search, as a terminologist would: where source and translation split
    into the same number of sentences, only the sentence pair holding the string counts; and
    English already explained by other glossary concepts found in the source is masked out.
    """

    def __init__(self, pairs: list[tuple[str, str]], glossary: Glossary | None = None) -> None:
        from sppterm.glossary.matcher import ZhMatcher

        self.pairs = [(strip(zh), strip(en)) for zh, en in pairs if en]
        # sentence pairs where the unit aligns, else the whole unit as one pair
        self.segments = [sentence_pairs(zh, en) or [(zh, en)] for zh, en in self.pairs]
        self.freq: Counter[str] = Counter(g for _, en in self.pairs for g in _ngrams(en))
        self.matcher = ZhMatcher(glossary) if glossary is not None else None
        self._forms: dict[str, re.Pattern[str] | None] = {}

    def _mask(self, zh_seg: str, en_seg: str, zh: str, skip: str) -> str:
        if self.matcher is None:
            return en_seg
        pos = zh_seg.find(zh)
        for hit in self.matcher.find(zh_seg):
            if hit.concept.id == skip or (hit.start < pos + len(zh) and pos < hit.end):
                continue
            if hit.text in zh or zh in hit.text:
                continue  # 公共采购 must not mask the English of 低碳公共采购
            pat = self._forms.get(hit.concept.id)
            if hit.concept.id not in self._forms:
                pat = self._forms[hit.concept.id] = en.compile_forms(hit.concept.accepted_en())
            if pat is not None:
                en_seg = pat.sub(" | ", en_seg)
        return en_seg

    def best(self, zh: str, abbr: str = "", skip: str = "") -> tuple[str, float]:
        rows = [k for k, (src, _) in enumerate(self.pairs) if zh in src]
        if not rows:
            return "", 0.0
        if abbr:  # the words right before "(ABBR)" in a translation, matching its initials
            for k in rows:
                for m in re.finditer(r"([^()]{3,200}?)\s*\(" + re.escape(abbr) + r"\)", self.pairs[k][1]):
                    name = _expansion(m.group(1), abbr)
                    if name:
                        return name, 1.0
        scored = self.ranked(zh, rows, skip)
        return (scored[0][0], scored[0][1]) if scored else ("", 0.0)

    def english_of(self, zh: str, k: int, skip: str = "") -> str:
        """The English of pair ``k`` that can render ``zh``: its sentence holding ``zh`` where the
        unit's sentences align, English of other glossary concepts masked out."""
        zh_seg, en_seg = next(((z, e) for z, e in self.segments[k] if zh in z), self.pairs[k])
        return self._mask(zh_seg, en_seg, zh, skip)

    def ranked(self, zh: str, rows: list[int], skip: str = "") -> list[tuple[str, float]]:
        """English n-grams of pairs ``rows`` (indices into :attr:`pairs`, all holding ``zh``),
        best first by Dice association with ``zh`` over those rows, times a length prior."""
        co: Counter[str] = Counter()
        for k in rows:
            co.update(_ngrams(self.english_of(zh, k, skip)))
        scored = [
            (2 * n / (len(rows) + self.freq[g]) * _length_prior(zh, g), len(g.split()), g)
            for g, n in co.items()
        ]
        scored.sort(key=lambda x: (-x[0], -x[1], x[2]))
        return [(g, score) for score, _, g in scored]


def _expansion(before: str, abbr: str) -> str:
    """The shortest run of words ending ``before`` whose capitals spell ``abbr``."""
    words = before.split()
    letters = [c for c in abbr.upper() if c.isalpha()]
    for k in range(1, min(len(words), 12) + 1):
        tail = words[-k:]
        initials = [w[0].upper() for w in tail if w[0].isupper()]
        if initials == letters and tail[0][0].isupper():
            return " ".join(tail)
    return ""


def recovery(glossary: Glossary, pairs: list[tuple[str, str]]) -> tuple[int, int, list[str]]:
    """How many glossary concepts occurring in the translated units the aligner gives the right
    English for at rank 1 (accepted forms, case-insensitive). Returns (right, occurring, misses)."""
    aligner = Aligner(pairs, glossary)
    right = occurring = 0
    misses = []
    for c in glossary:
        forms = [t.text.strip("《》") for t in c.terms_in("zh") if t.status.accepted]
        zh = next((f for f in forms if any(f in src for src, _ in aligner.pairs)), "")
        if not zh:
            continue
        occurring += 1
        abbr = next((a for a in c.abbr if a.isupper()), "")
        english, _ = aligner.best(zh, abbr, skip=c.id)  # leave-one-out: as if c were missing
        accepted = {f.lower() for f in c.accepted_en()}
        if english.lower() in accepted:
            right += 1
        else:
            misses.append(f"{c.id}: {zh} → {english!r} (expected {c.en!r})")
    return right, occurring, misses


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:50] or "concept"
