"""Named entities added to the English or dropped from it, for the omission and addition rules.

A country, region, city, language or organisation named on one side and not the other is a
translation error a reader cannot see ("Denmark, Finland, Sweden and Norway" for three
countries; "most of them from Africa" where the Chinese names no continent). Length and the
clause coverage miss it: one word changes the length too little, and a list item of a name is
covered by nothing else.

The names are CC-CEDICT's proper nouns (an entry whose pinyin is capitalised), each definition
that is a name itself: capitalised words only ("Finland", "South Africa", "Asia-Pacific", "French"
of 法语 (French (language))), and no name that is a whole definition in lower case too (china
= porcelain, turkey: a common word is no evidence). A headword's names include those of
the headwords one character longer (芬兰语 "Finnish" for 芬兰, 荷兰人 "Dutch" for 荷兰).

* **Added**: an English name (the longest run of capitalised words that is one) whose headwords
  are none written in the source, nor a shorter proper headword of theirs (芬兰 of 芬兰语), nor a
  source name sharing its first four letters (非洲 "Africa" for "African"); names inside a
  glossary term of a concept the source has ("the Western Cape Government of South Africa" for
  南非西开普省政府), names in brackets (a translator's note: "(in English)") and names the
  source writes in Latin letters are left out.
* **Dropped**: a proper headword of two or more characters in the source's segmentation, outside
  glossary terms (term-missing reads those), whose names none stand in the English by their first
  four letters (Finland, Finnish).
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import marshal
import re
from dataclasses import dataclass
from pathlib import Path

from sppterm import lexicon, zh
from sppterm.checks.base import Context
from sppterm.checks.coverage import shared_lexicon
from sppterm.checks.terms import Span, covered_removed
from sppterm.glossary import cache
from sppterm.glossary.matcher import Hit
from sppterm.glossary.validity import Period
from sppterm.textio import write_atomic_bytes
from sppterm.zh import IDEOGRAPH

_MAGIC = b"sppterm-names1"
_PAREN = re.compile(r"\([^()]*\)")
_NAME = re.compile(r"[A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*(?: [A-Z][a-z]+(?:[-'’][A-Z][a-z]+)*){0,3}")
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]+")
_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
MAX_HEAD = 8
# Month and weekday names: the bulletins write 7月, which no headword matches.
_CALENDAR = re.compile(r"^[一二三四五六七八九十正腊冬]+月$|星期|礼拜")
PREFIX = 4  # letters a name and an English word share to count as the same name (Finland, Finnish)
# "Our country" in a Chinese bulletin is China.
_HOME = ("我国", "本国", "国内")
_HOME_NAME = "中国"


@dataclass(frozen=True, slots=True)
class Names:
    """Proper headword → its names, and name → the headwords it glosses."""

    of: dict[str, tuple[str, ...]]
    heads: dict[str, tuple[str, ...]]
    # headwords with a common-noun entry too (网络: network; the Internet): no evidence of a drop
    ambiguous: frozenset[str] = frozenset()


def parse(lines: list[str]) -> Names:
    """The names of CC-CEDICT ``lines`` (see the module docstring)."""
    common: set[str] = set()
    romanised: set[str] = set()
    ambiguous: set[str] = set()
    found: dict[str, set[str]] = {}
    for line in lines:
        if line.startswith("#") or " [" not in line:
            continue
        head, _, rest = line.partition(" [")
        parts = head.split(" ")
        pinyin, _, defs = rest.partition("]")
        if len(parts) != 2:
            continue
        word = parts[1]
        spelt = re.sub(r"[^a-z]", "", pinyin.lower().replace("u:", "u"))
        if not pinyin[:1].isupper():
            ambiguous.add(word)
        for d in defs.split("/")[1:]:
            d = _PAREN.sub(" ", d).strip()
            if _LOWER_WORD.fullmatch(d):
                common.add(d)
        if not pinyin[:1].isupper() or not 1 <= len(word) <= MAX_HEAD or _CALENDAR.search(word):
            continue
        for d in defs.split("/")[1:]:
            variant = "(Tw)" in d  # 肯亚 "Kenya (Tw)": a Taiwanese spelling, no romanised name
            d = _PAREN.sub(" ", d).split(",")[0].split(";")[0].strip()
            d = re.sub(r"^the\s+", "", d, flags=re.I)
            d = re.sub(r"\s+(?:language|people|person)$", "", d)
            d = " ".join(d.split())
            # a name spelt as its own pinyin (京 "Jing") is a Chinese name romanised: a person's
            # name in the English (王静, "Wang Jing") is written by characters of no such entry
            if _NAME.fullmatch(d):
                if d.lower().replace(" ", "") == spelt and not variant:
                    romanised.add(d)  # under every headword (北京市 "Beijing" too)
                else:
                    found.setdefault(word, set()).add(d)
    of: dict[str, tuple[str, ...]] = {}
    for word, got in found.items():
        kept = sorted(n for n in got if n.lower() not in common and n not in romanised)
        if kept:
            of[word] = tuple(kept)
    heads: dict[str, set[str]] = {}
    for word, kept_names in of.items():
        for n in kept_names:
            heads.setdefault(n, set()).add(word)
    return Names(of, {n: tuple(sorted(h)) for n, h in heads.items()}, frozenset(ambiguous & set(of)))


@functools.cache
def names() -> Names | None:
    """The names of the installed CC-CEDICT, compiled once into the glossary cache (None when
    the dictionary is not installed)."""
    source = lexicon.cedict_path()
    if source is None:
        return None
    data = source.read_bytes()
    digest = hashlib.sha256(_MAGIC + Path(__file__).read_bytes() + data).hexdigest()
    where = cache.directory()
    entry = where / "lexicon" / f"names-{digest}.bin" if where is not None else None
    if entry is not None:
        try:
            raw = entry.read_bytes()
            if raw.startswith(_MAGIC):
                of, heads, ambiguous = marshal.loads(raw[len(_MAGIC) :])
                return Names(of, heads, frozenset(ambiguous))
        except (OSError, ValueError, EOFError, TypeError):
            pass  # a missing or damaged entry is a miss
    got = parse(gzip.decompress(data).decode("utf-8").splitlines())
    if entry is not None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            write_atomic_bytes(entry, _MAGIC + marshal.dumps((got.of, got.heads, sorted(got.ambiguous))))
        except OSError:
            pass  # a read-only cache: compiled again next time
    return got


@dataclass(frozen=True, slots=True)
class Entity:
    """A name on one side with no counterpart on the other."""

    side: str  # "source" (dropped from the English) or "target" (added to it)
    start: int
    end: int
    text: str  # the Chinese headword or the English name
    names: tuple[str, ...]  # its names (a dropped headword's English; an added name itself)


def _prefixes(ns: Names, word: str) -> set[str]:
    """The first letters (:data:`PREFIX`) of every word of ``word``'s names and of the names of
    the headwords one character longer (芬兰语 for 芬兰)."""
    out: set[str] = set()
    for n in ns.of.get(word, ()):
        out.update(w[:PREFIX].lower() for w in re.split(r"[ -]", n))
    return out


def _derived(ns: Names, word: str) -> set[str]:
    out = _prefixes(ns, word)
    for ch in "语人文籍":
        out |= _prefixes(ns, word + ch)
    return out


def find(source: str, target: str, ctx: Context, when: Period | None = None) -> list[Entity]:
    """The names added to ``target`` or dropped from it (``source`` and ``target`` plain)."""
    ns = names()
    lx = shared_lexicon()
    if ns is None or lx is None or not source.strip() or not target.strip():
        return []
    hits = list(ctx.zh_matcher.find(source))
    in_source = {h.concept.id for h in hits}
    masked = [(h.start, h.end) for h in hits]
    spans = ctx.en_terms.spans(target, when)
    en_masked = [(s, e) for cid, ss in spans.items() if cid in in_source for s, e, _ in ss]
    # A bracket is a translator's note to the reader ("(in English)" after a title): no addition.
    en_masked += [m.span() for m in _BRACKET.finditer(target)]
    cjk = [h for h in hits if zh.has_cjk(h.text)]
    out = (
        []
        if _substituted(cjk, spans) or _latin_lost(source, target)
        else _added(source, target, ns, en_masked)
    )
    out += _dropped(source, target, ns, lx, masked)
    return out


_BRACKET = re.compile(r"[（(][^()（）]*[)）]")
_LATIN_NAME = re.compile(r"[A-Z][a-z]{2,}")


def _latin_lost(source: str, target: str) -> bool:
    """Whether a name the source writes in Latin letters (埃因霍温市(Eindhoven)) is not in the
    English: a name there instead replaced it (the Latin copy's finding), no addition."""
    return any(m.group() not in target for m in _LATIN_NAME.finditer(source))


def _substituted(hits: list[Hit], spans: dict[str, list[Span]]) -> bool:
    """Whether a glossary name of the source may have been replaced by another name: a concept
    the English names fewer times than the Chinese, a name inside a longer one of another
    concept not counted (term-missing's and term-count's finding; a name the English has
    instead is no addition)."""
    count: dict[str, int] = {}
    for h in hits:
        count[h.concept.id] = count.get(h.concept.id, 0) + 1
    named = covered_removed(spans, set(count))
    return any(len(named.get(cid, ())) < n for cid, n in count.items())


def _present(ns: Names, source: str, name: str, source_prefixes: set[str]) -> bool:
    """Whether the source names ``name``: one of its headwords (or a proper headword of two or
    more characters it starts with) written there, or a source name of the same first letters."""
    for h in ns.heads.get(name, ()):
        if h in source:
            return True
        if len(h) > 2 and h[:-1] in ns.of and h[:-1] in source:
            return True
        if h == _HOME_NAME and any(w in source for w in _HOME):
            return True
    return any(w[:PREFIX].lower() in source_prefixes for w in re.split(r"[ -]", name))


def _added(source: str, target: str, ns: Names, masked: list[tuple[int, int]]) -> list[Entity]:
    words = [m for m in _WORD.finditer(target) if m.group()[:1].isupper()]
    if not words:
        return []
    low = source.lower()
    source_prefixes: set[str] = set()
    for w in _source_words(source, ns):
        source_prefixes |= _prefixes(ns, w)
    out = []
    runs: list[list[re.Match[str]]] = []
    for m in words:
        if runs and target[runs[-1][-1].end() : m.start()] == " ":
            runs[-1].append(m)
        else:
            runs.append([m])
    for run in runs:
        # A sentence's first word (The, In) is no part of a name; a name inside a longer run of
        # capitals is part of another name ("Asia Pacific Green Public Procurement Network").
        while len(run) > 1 and run[0].group().lower() in lexicon.EN_STOPWORDS:
            run = run[1:]
        a, b = run[0].start(), run[-1].end()
        name = target[a:b]
        if name not in ns.heads or any(s < b and a < e for s, e in masked) or name.lower() in low:
            continue
        if not _present(ns, source, name, source_prefixes):
            out.append(Entity("target", a, b, name, (name,)))
    return out


def _source_words(source: str, ns: Names) -> list[str]:
    """Every proper headword of two characters or more written in ``source``."""
    out = []
    for i in range(len(source)):
        for k in range(2, MAX_HEAD + 1):
            w = source[i : i + k]
            if len(w) < k:
                break
            if w in ns.of:
                out.append(w)
    return out


_TITLE_OPEN = '《“"「'  # 联合国《生物多样性公约》: "the Convention on Biological Diversity"


def _standalone(source: str, segments: list[tuple[int, int]], k: int) -> bool:
    """Whether segment ``k`` is a name of its own, not a modifier (联合国可持续发展目标, often
    "the Sustainable Development Goals") nor part of a transliteration the dictionary splits
    (柯特伯格福斯: 福斯 "Fox"): what follows is punctuation, a function word or the end, and what
    precedes is no lone character but a function word."""
    if k + 1 < len(segments):
        c, d = segments[k + 1]
        nxt = source[c:d]
        if (IDEOGRAPH.match(nxt) and nxt not in lexicon.ZH_STOPWORDS) or nxt in _TITLE_OPEN:
            return False
    if k > 0:
        c, d = segments[k - 1]
        before = source[c:d]
        if d - c == 1 and IDEOGRAPH.match(before) and before not in lexicon.ZH_STOPWORDS:
            return False
    return True


_ACRONYM = re.compile(r"\b(?:[A-Z]\.){2,}|\b[A-Z]{2,}\b")


def _initials(name: str) -> str:
    """United Nations → UN, World Health Organization → WHO."""
    return "".join(w[0] for w in re.split(r"[ -]", name) if w[:1].isupper())


def _dropped(
    source: str, target: str, ns: Names, lx: lexicon.Lexicon, masked: list[tuple[int, int]]
) -> list[Entity]:
    english = {m.group()[:PREFIX].lower() for m in _WORD.finditer(target) if m.group()[:1].isupper()}
    english |= {p[:PREFIX].lower() for m in _WORD.finditer(target) for p in m.group().split("-")}
    acronyms = {m.group().replace(".", "") for m in _ACRONYM.finditer(target)}
    out = []
    segments = lx.segment(source)
    for k, (a, b) in enumerate(segments):
        w = source[a:b]
        if len(w) < 2 or w not in ns.of or w in ns.ambiguous or any(s < b and a < e for s, e in masked):
            continue
        if not _standalone(source, segments, k):
            continue
        want = _derived(ns, w)
        if want and not want & english and not any(_initials(n) in acronyms for n in ns.of[w]):
            out.append(Entity("source", a, b, w, ns.of[w]))
    return out
