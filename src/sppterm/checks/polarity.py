"""The polarity rule: a translation whose meaning is reversed, found without machine translation.

Three kinds, each compared per sentence pair (:func:`sppterm.align.sentence_pairs`; the whole
unit when the sides split differently), and confirmed on the whole unit so that a negation the
translator moved to the next sentence is no finding:

* **A negation dropped.** The Chinese negates (不再, 不够, 不一定, 并非, 尚未, 无法, 不 + verb …)
  and the English has no negation of any kind: no "not"/"no"/"never"/"without", no "lack" or
  "fail to", no un-/in-/non-/dis- adjective, no "-less" or "-free" word, no "few"/"rather
  than"/"yet". Words that hold a negator but are no negation (不断, 不同, 无论, 非常, 未来) and
  words the dictionary has whole (不利 "adverse", 刻不容缓 "urgent": CC-CEDICT through
  :mod:`sppterm.lexicon`) are no cue; nor are double negatives (不可否认, 必不可少).
* **A negation added.** The English says "not", "no", "never", "none", "without", "cannot" …
  (not in "not only", "no later than", "without delay" and other fixed phrases) where the
  Chinese holds no negator and no word of negative sense (缺乏, 避免, 禁止, 仅, 零 …).
* **Polar opposites.** A curated table (``polarity.yaml``) of opposite poles (largest and
  smallest, increase and decrease, mandatory and voluntary, approved and rejected …): the
  Chinese has one pole and not the other, the English has no rendering of that pole and does
  render the other.

Every function is linear in its text (regular expressions without nested repetition, one pass
over the negators) and a unit with no negator, no English negation and no pole word costs three
searches.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from sppterm import align, lexicon
from sppterm.checks.base import ERROR, CheckUnit, Context, Finding, Rule
from sppterm.checks.omission import plain
from sppterm.patterns import lazy_compile

if TYPE_CHECKING:
    from sppterm.lexicon import Lexicon

# -- the table -------------------------------------------------------------------------------
_NEGATORS = "不没未无非否勿毋"
_NEGATOR = re.compile(f"[{_NEGATORS}]")
# The negators that negate on their own in modern prose (不 + verb, 未 + verb, 无 + noun, 非 +
# noun); 否 勿 毋 do so only inside words (是否, 否认, 请勿), whose senses the lexicon decides.
_BARE = re.compile("[不没未无非]")
# Characters and words of negative sense without a negator: an English "not" or "no" may render
# them (缺乏 "no", 避免 "so as not to", 仅 "no more than", 零 "zero"/"no", 停止 "no longer").
_ZH_NEGATIVE = re.compile(
    r"[缺乏免禁拒难避防忌杜停止零仅只唯除少减低罕稀脱离尚忽漏失亏欠弃废戒阻妨碍莫甭别弗休]|"
    r"摆脱|告别|反对|抵制|尽管|然而|取代|替代|代替|消除|取消|克服|而是|反而|相反|宁可|与其|至于|无论|绝|空白|差距"
)


@dataclass(frozen=True, slots=True)
class Pole:
    zh: tuple[str, ...]
    en: re.Pattern[str] | None  # every rendering: the pole is rendered
    strong: re.Pattern[str] | None  # those that say the pole on their own (no ~ in the table)


@dataclass(frozen=True, slots=True)
class Pair:
    name: str
    a: Pole
    b: Pole


@dataclass(frozen=True, slots=True)
class Table:
    negations: re.Pattern[str]  # words that negate
    masked: re.Pattern[str]  # no negation: lexicalised words and double negatives
    not_negation: frozenset[str]
    pairs: tuple[Pair, ...]
    pole_words: re.Pattern[str]  # any pole's Chinese (the pre-filter)
    not_poles: tuple[str, ...]  # words holding a pole's Chinese that are no pole (最大限度)
    litotes: re.Pattern[str]  # verbs of negative sense: a negation before one is a positive


def _alternation(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern for ``words``, longest first (a longer word wins where two start together)."""
    ws = sorted({w for w in words if w}, key=lambda w: (-len(w), w))
    return re.compile("|".join(map(re.escape, ws)) if ws else r"(?!)")


def _en_entry(entry: str) -> str:
    """An English entry of the table as a pattern: ``word*`` any ending (also inside a phrase:
    ``turn* down``), ``re:…`` a regular expression, else the words as written."""
    if entry.startswith("re:"):
        return f"(?:{entry[3:]})"
    stem = entry.endswith("*")
    words = [re.escape(w.rstrip("*")) + (r"[\w-]*" if w.endswith("*") else "") for w in entry.split()]
    body = re.sub("['’]", lambda _: "['’]", r"\s+".join(words))
    head = r"(?<![\w-])" if body[:1].isalnum() or body.startswith("\\") else ""
    return f"{head}{body}" + ("" if stem else r"(?![\w])")


def _renderings(entries: list[str]) -> str:
    """One pattern for a pole's English: its single words and stems behind one look-behind (half
    the compile time of an alternative each), its phrases and regular expressions as written.
    It matches where :func:`_en_entry`'s alternatives would."""
    words, stems, other = [], [], []
    for e in entries:
        if e.startswith("re:") or re.fullmatch(r"[\w'’-]+\*?", e) is None or "'" in e or "’" in e:
            other.append(_en_entry(e))
        elif e.endswith("*"):
            stems.append(re.escape(e[:-1]))
        else:
            words.append(re.escape(e))
    parts = []
    if words:
        parts.append("(?:{})(?![\\w])".format("|".join(sorted(words, key=len, reverse=True))))
    if stems:
        parts.append("(?:{})[\\w-]*".format("|".join(sorted(stems, key=len, reverse=True))))
    head = "(?<![\\w-])(?:{})".format("|".join(parts)) if parts else ""
    return "|".join(x for x in (head, *other) if x)


def _pole(data: dict) -> Pole:
    en = [str(e) for e in data.get("en") or []]
    strong = [e for e in en if not e.startswith("~")]

    def pattern(entries: list[str]) -> re.Pattern[str] | None:
        # compiled on first use: most units hold no pole's Chinese, and compiling all 68 cost
        # three quarters of the table's load
        return (
            lazy_compile(_renderings([e.removeprefix("~") for e in entries]), re.IGNORECASE)
            if entries
            else None
        )

    return Pole(tuple(str(z) for z in data.get("zh") or []), pattern(en), pattern(strong))


@functools.cache
def table() -> Table:
    """The rule's data (``polarity.yaml`` beside this module), read once per process."""
    from sppterm import yamlloc  # the one YAML loader (tests/test_yaml_safety.py)

    where = resources.files("sppterm.checks").joinpath("polarity.yaml")
    data = yamlloc.load(where.read_text(encoding="utf-8"), str(where))
    pairs = tuple(Pair(str(p["name"]), _pole(p["a"]), _pole(p["b"])) for p in data["polar"])
    return Table(
        _alternation(data["negations"]),
        _alternation([*data["not_negation"], *data["double_negatives"]]),
        frozenset(data["not_negation"]),
        pairs,
        _alternation(w for p in pairs for pole in (p.a, p.b) for w in pole.zh),
        tuple(sorted(data.get("not_poles") or [], key=len, reverse=True)),
        _alternation(data.get("negative_verbs") or []),
    )


# -- Chinese ---------------------------------------------------------------------------------
def _lexicon() -> Lexicon | None:
    from sppterm.checks.coverage import shared_lexicon

    return shared_lexicon()


def zh_negations(text: str, masked: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int, str]]:
    """The negations of Chinese ``text`` as (start, end, word): a word of the table's
    ``negations``, or a negator no dictionary word holds (不 + verb). A negator inside a
    lexicalised word or double negative, a dictionary word (不利, 无害, 刻不容缓) or a ``masked``
    span (glossary names) is none."""
    if _NEGATOR.search(text) is None:
        return []
    t = table()
    covered = [False] * len(text)
    names = set()
    for s, e in masked:
        covered[s:e] = [True] * (e - s)
        names.add(s)
    for m in t.masked.finditer(text):
        covered[m.start() : m.end()] = [True] * (m.end() - m.start())
    for m in t.litotes.finditer(text):
        # (the negation right before it, with at most one character between: 不应忽视, 不可忽视)
        for k in range(max(0, m.start() - 3), m.start()):
            if text[k] in _NEGATORS:
                covered[k : m.start()] = [True] * (m.start() - k)
                break
    out: list[tuple[int, int, str]] = []
    for m in t.negations.finditer(text):
        if not any(covered[m.start() : m.end()]):
            out.append((m.start(), m.end(), m.group()))
            covered[m.start() : m.end()] = [True] * (m.end() - m.start())
    lx = _lexicon()  # (cached; never `lx or …`: a Lexicon's truth is its length, all parts decoded)
    for m in _BARE.finditer(text):
        i = m.start()
        if covered[i] or i + 1 in names:
            continue  # (a negator right before a name negates nothing the rule can judge)
        if lx is not None and _in_word(lx.ends(text), i):
            continue
        out.append((i, i + 1, m.group()))
    return sorted(out)


def _in_word(ends: list[list[int]], i: int) -> bool:
    """Whether a dictionary word of two characters or more holds position ``i``."""
    return any(e > i and e - a >= 2 for a in range(max(0, i - 5), i + 1) for e in ends[a])


def zh_negative(text: str) -> int:
    """How many negators and words of negative sense ``text`` holds (any that could explain an
    English negation), words with no negative sense at all (不同, 未来) left out."""
    words = table().not_negation
    n = len(_ZH_NEGATIVE.findall(text))
    return n + sum(1 for m in _NEGATOR.finditer(text) if not _inside_plain(text, m.start(), words))


def _inside_plain(text: str, i: int, words: frozenset[str]) -> bool:
    """Whether one of ``words`` holds position ``i`` of ``text``."""
    for w in words:
        k = w.find(text[i])
        while k >= 0:
            if text[i - k : i - k + len(w)] == w:
                return True
            k = w.find(text[i], k + 1)
    return False


# -- English ---------------------------------------------------------------------------------
# Negations that state the opposite of what the sentence would say without them.
_EN_STRICT = re.compile(
    r"(?<![\w-])(?:not|no|never|none|nothing|nobody|nowhere|neither|nor|cannot|without|"
    r"[a-z]+n[’']t)(?![\w-])",
    re.IGNORECASE,
)
# Fixed phrases holding one of them that negate nothing (不仅 "not only", 最迟 "no later than",
# 立即 "without delay", 至少 "no less than"), "No." before a number, and the "not" of an
# appended contrast (自愿 "by choice, not obligation"), which restates rather than reverses.
_EN_FIXED = re.compile(
    r"(?<![\w-])(?:not\s+only|not\s+just|not\s+merely|not\s+least|no\s+later\s+than|no\s+earlier\s+than|"
    r"no\s+less\s+than|no\s+fewer\s+than|no\s+more\s+than|not\s+less\s+than|not\s+more\s+than|"
    r"nothing\s+less\s+than|without\s+delay|without\s+exception|with\s+or\s+without|whether\s+or\s+not|"
    r"or\s+not|if\s+not|not\s+to\s+mention|no\s+doubt|none\s+other\s+than|cannot\s+be\s+overstated|"
    r"(?<=,\s)not|(?<=—\s)not|no\s+matter|never\s+before|not\s+surprisingly|none\s+the\s+less|more\s+often\s+than\s+not|No\.?(?=\s*\d))(?![\w-])",
    re.IGNORECASE,
)
# Anything else an English uses to negate or to say "less than" (the Chinese negation may be
# rendered by it): lack, fail, unable, -less and -free words, few, rather than, yet …
_EN_WEAK = re.compile(
    r"(?<![\w-])(?:lack\w*|fail\w*|unable|absen\w+|free|[a-z]+-free|[a-z]{3,}less(?:ly|ness)?|few|fewer|"
    r"little|less|least|hardly|barely|scarcely|seldom|rarely|rather\s+than|instead|other\s+than|"
    r"yet|until|still\s+to|end(?:s|ed|ing)?\s+(?:to|of)|put\s+an\s+end|halt\w*|remain\w*\s+to\s+be|pending|awaiting|unless|beyond|avoid\w*|prevent\w*|refus\w*|reject\w*|den(?:y|ies|ied|ial)|"
    r"ban\w*|prohibit\w*|forbid\w*|stop\w*|ceas\w*|exclud\w*|except\w*|only|short\w*|gap\w*|zero|"
    r"insufficient\w*|inadequa\w*|deficien\w*|neglect\w*|ignor\w*|omit\w*|miss\w*|lost|loss\w*|"
    r"against|beyond|far\s+from|away|outside|anti-?\w+|counter\w*|(?:un|non-?)[a-z]{3,}|"
    r"(?:in|im|il|ir|dis)[a-z]{3,}(?:able|ible|al|ent|ant|ate|ive|ful|ous|ity|ities|ness|ency|ance|"
    r"ence|ed|ing|ion|ions|ure|y|ies|ly))(?![\w])",
    re.IGNORECASE,
)
# Prefixed words that are no negation (under, unit, increase, improve, important …): the weak
# pattern's un-/in-/dis- branch leaves them out.
_NOT_PREFIXED = re.compile(
    r"(?:under\w*|unit\w*|union\w*|uniq\w*|univers\w*|unif\w*|unanim\w*|unlock\w*|unleash\w*|"
    r"unveil\w*|undertak\w*|undergo\w*|understand\w*|increas\w*|inclu\w*|improv\w*|"
    r"import\w*|impact\w*|implement\w*|impress\w*|industr\w*|innovat\w*|instrument\w*|integrat\w*|"
    r"intens\w*|inter\w*|integr\w*|incorporat\w*|inspect\w*|impos(?:e|ed|es|ing|ition)|individual\w*|initia\w*|insight\w*|invest\w*|involv\w*|"
    r"indicat\w*|install\w*|institut\w*|inspir\w*|intelligen\w*|intern\w*|introduc\w*|invit\w*|"
    r"inform(?:ation|ations|ed|s|ing|ative)?|immediat\w*|imminen\w*|inherent\w*|instant\w*|invaluable|independen\w*|insur\w*|influen\w*|"
    r"interact\w*|intention\w*|interim|inventor\w*|incentiv\w*|inclusiv\w*|intended|inviting|"
    r"distribut\w*|distinct\w*|discuss\w*|display\w*|dispos\w*|dispens\w*|discover\w*|district\w*|"
    r"dissemin\w*|discipl\w*|disclos\w*|distinguish\w*|disaster\w*|illustrat\w*|irrigat\w*|"
    r"imagin\w*|immersive|infrastructur\w*|insist\w*|inventor\w*|indigen\w*|ingredient\w*)$",
    re.IGNORECASE,
)


def en_negations(text: str) -> list[tuple[int, int, str]]:
    """The strict negations of English ``text`` (not, no, never, none, without, cannot, n't …)
    outside the fixed phrases that negate nothing ("not only", "no later than")."""
    if _EN_STRICT.search(text) is None:
        return []
    fixed = [m.span() for m in _EN_FIXED.finditer(text)]
    return [
        (m.start(), m.end(), m.group())
        for m in _EN_STRICT.finditer(text)
        if not any(s <= m.start() < e for s, e in fixed)
    ]


def en_negative(text: str) -> int:
    """How many negations of any kind (strict, fixed phrases, weak) English ``text`` holds."""
    n = len(_EN_STRICT.findall(text))
    for m in _EN_WEAK.finditer(text):
        w = m.group()
        if w[:1] in "uUiIdD" and (w.isupper() or _NOT_PREFIXED.match(w)):
            continue  # (UNFCCC, UNESCO, DISR: abbreviations, no prefixed words)
        n += 1
    return n


# -- the analysis ----------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Reversal:
    kind: str  # "dropped", "added", "polar" or "scope" (the other member of a contrast negated)
    zh: str  # the Chinese concerned (a negation, a pole's word)
    en: str  # the English concerned ("" when none)
    pair: str = ""  # the polar pair's name
    span: tuple[int, int] | None = None  # in the English (added, polar) or the Chinese (dropped)


def _pole_hits(
    text: str, pairs: Sequence[Pair], masked: Sequence[tuple[int, int]] = ()
) -> dict[tuple[str, str], list[tuple[int, str]]]:
    """Per (pair, pole) the Chinese words of it in ``text`` (longest first: 不包括 is no 包括) with
    their starts; a word right after a negator (不增加) says the opposite and is left out, and so
    is one inside a ``masked`` span (a glossary name: 首届全球建筑和气候论坛 is the Forum's name)."""
    out: dict[tuple[str, str], list[tuple[int, str]]] = {}
    neutral = [False] * len(text)
    for s, e in masked:
        neutral[s:e] = [True] * (e - s)
    for w in table().not_poles:
        k = text.find(w)
        while k >= 0:
            neutral[k : k + len(w)] = [True] * len(w)
            k = text.find(w, k + 1)
    for p in pairs:
        words = [(w, "a") for w in p.a.zh] + [(w, "b") for w in p.b.zh]
        if not any(w in text for w, _ in words):
            continue
        taken = neutral[:]
        for w, pole in sorted(words, key=lambda x: -len(x[0])):
            k = text.find(w)
            while k >= 0:
                if not any(taken[k : k + len(w)]):
                    taken[k : k + len(w)] = [True] * len(w)
                    negated = k > 0 and text[k - 1] in _NEGATORS and not _NEGATOR.search(w)
                    if not negated:
                        out.setdefault((p.name, pole), []).append((k, w))
                k = text.find(w, k + 1)
    return out


def reversals(source: str, target: str, masked_zh: Sequence[tuple[int, int]] = ()) -> list[Reversal]:
    """Where ``target`` (English) reverses ``source`` (Chinese), plain texts (no placeholders or
    markup). ``masked_zh``: spans of ``source`` to leave out (glossary names: 无害医疗 is no
    negation, 首届全球建筑和气候论坛 no pole)."""
    t = table()
    zneg = zh_negations(source, masked_zh)
    eneg = en_negations(target)
    poles = t.pole_words.search(source) is not None
    if not zneg and not eneg and not poles:
        return []
    starts, pairs = _stretches(source, target)
    out: list[Reversal] = []
    if zneg and len(zneg) > en_negative(target):
        for (z0, _e0), (z, e) in zip(starts, pairs, strict=True):
            mine = [n for n in zneg if z0 <= n[0] < z0 + len(z)]
            if mine and not en_negative(e):
                s, end, w = mine[0]
                out.append(Reversal("dropped", w, e, span=(s, end)))
                break
    if eneg and len(eneg) > zh_negative(source):
        for (_z0, e0), (z, e) in zip(starts, pairs, strict=True):
            mine = [n for n in eneg if e0 <= n[0] < e0 + len(e)]
            if mine and not zh_negative(z):
                s, end, w = mine[0]
                out.append(Reversal("added", "", w, span=(s, end)))
                break
    if poles:
        # (a pole that is the dropped negation itself, 不够 as "enough", is reported once)
        dropped = {r.zh for r in out if r.kind == "dropped"}
        out += [r for r in _polar(source, target, starts, pairs, t.pairs, masked_zh) if r.zh not in dropped]
    if _ZH_CONTRAST.search(source) is not None and _EN_CONTRAST.search(target) is not None:
        for z, e in pairs:
            got = _scope(z, e)
            if got is not None:
                out.append(got)
                break
    return out


# 并非X，而是Y / 不是X而是Y ("not X but Y") and Y，而非X / Y而不是X ("Y rather than X"): X is negated.
_ZH_CONTRAST = re.compile(r"并非|并不是|不是|绝非|而非|而不是")
_NOT_BUT = re.compile(
    r"(?:并非|并不是|不是|绝非)([^，,；;。！？!?]{1,40})[，,]?\s*(?:而是|却是)([^，,；;。！？!?]{1,40})"
)
_BUT_NOT = re.compile(r"([^，,；;。！？!?]{1,40}?)[，,]?\s*(?:而非|而不是)([^，,；;。！？!?]{1,40})")
_EN_CONTRAST = re.compile(r"(?<![\w-])(?:not(?!\s+only)|rather\s+than|instead\s+of)(?![\w-])", re.IGNORECASE)
_EN_SCOPE_END = re.compile(r"(?<![\w-])but(?![\w-])|[,;:.!?—–()]")


def _scope(zh_text: str, en_text: str) -> Reversal | None:
    """A contrast whose English negates the other member: 并非奢侈之事，而是必要之举 ("not a luxury
    but a necessity") as "a luxury, not a necessity". Each member's words are glossed by
    CC-CEDICT; it is a reversal only when the negated member's glosses stand outside the
    English negation's scope and only there, and the affirmed member's only inside it."""
    m = _NOT_BUT.search(zh_text)
    negated, affirmed = (m.group(1), m.group(2)) if m else ("", "")
    if not m:
        m = _BUT_NOT.search(zh_text)
        if not m:
            return None
        affirmed, negated = m.group(1), m.group(2)
    cue = _EN_CONTRAST.search(en_text)
    lx = _lexicon()
    if cue is None or lx is None:
        return None
    end = _EN_SCOPE_END.search(en_text, cue.end())
    scope_end = end.start() if end else len(en_text)
    xk, yk = _glosses(negated, lx), _glosses(affirmed, lx)
    xk, yk = xk - yk, yk - xk
    inside: set[str] = set()
    outside: set[str] = set()
    for a, _b, k in lexicon.en_keys(en_text):
        (inside if cue.end() <= a < scope_end else outside).add(k)
    if xk & outside and not xk & inside and yk & inside and not yk & outside:
        return Reversal("scope", negated, en_text[cue.start() : scope_end], span=(cue.start(), scope_end))
    return None


def _glosses(text: str, lx: Lexicon) -> set[str]:
    """The gloss keys of the dictionary words of Chinese ``text``."""
    out: set[str] = set()
    for a, b in lx.segment(text):
        out |= lx.keys(text[a:b])
    return out


def _polar(
    source: str,
    target: str,
    starts: list[tuple[int, int]],
    pieces: list[tuple[str, str]],
    pairs: Sequence[Pair],
    masked: Sequence[tuple[int, int]] = (),
) -> list[Reversal]:
    whole = _pole_hits(source, pairs, masked)
    out: list[Reversal] = []
    for p in pairs:
        for mine, other, me, you in (("a", "b", p.a, p.b), ("b", "a", p.b, p.a)):
            if (p.name, mine) not in whole or (p.name, other) in whole or you.strong is None:
                continue
            if me.en is not None and me.en.search(target):
                continue  # the pole is rendered somewhere in the unit
            for (z0, e0), (z, e) in zip(starts, pieces, strict=True):
                hits = [h for h in whole[(p.name, mine)] if z0 <= h[0] < z0 + len(z)]
                m = you.strong.search(e) if hits else None
                if hits and m is not None:
                    out.append(
                        Reversal("polar", hits[0][1], m.group(), p.name, (e0 + m.start(), e0 + m.end()))
                    )
                    break
    return out


def _stretches(source: str, target: str) -> tuple[list[tuple[int, int]], list[tuple[str, str]]]:
    """The sentence pairs of a unit (the whole unit when the sides split differently) and where
    each starts in ``source`` and ``target``."""
    pairs = align.sentence_pairs(source, target) or [(source, target)]
    starts, zi, ei = [], 0, 0
    for z, e in pairs:
        zi = max(source.find(z, zi), 0)
        ei = max(target.find(e, ei), 0)
        starts.append((zi, ei))
    return starts, pairs


def _clip(s: str, n: int = 60) -> str:
    s = s.strip()
    return s if len(s) <= n else s[: n - 1] + "…"


class Polarity(Rule):
    id = "polarity"
    title = "The translation reverses the meaning (a negation dropped or added, an opposite)"
    severity = ERROR
    severity_why = """
        Error: a reversed meaning is the worst error a translation can make, and the rule
        reports only what it is sure of. A dropped negation needs a Chinese negation that no
        dictionary word, fixed phrase or double negative explains and an English with no
        negation of any kind (not, no, without, lack, fail, un-/in-/non- words, -less and -free
        words, few, rather than, yet …) in the sentence and fewer in the unit; an added one
        needs an English "not"/"no"/"never"/"without" outside fixed phrases where the sentence
        of Chinese holds no negator and no word of negative sense; an opposite needs the
        Chinese pole, none of its renderings anywhere in the English and the other pole's.
        Measured: no finding on the series' 233 translated units and none on the labelled
        corpus' correct rows; where in doubt the rule says nothing.
        """
    what = """
        Compares the polarity of each sentence pair (the whole unit when the sides split into
        different numbers of sentences). **A negation dropped**: the Chinese negates (不再 "no
        longer", 不够 "not enough", 不一定 "not necessarily", 并非 "is not", 尚未 "not yet",
        无法, 没有, 不 or 未 before a verb) and the English has no negation at all. Words that
        hold a negator and are no negation (不断, 不仅, 不同, 无论, 非常, 不少, 未来; any other
        CC-CEDICT word such as 不利 "adverse" or 刻不容缓 "urgent", which English renders by one
        positive word) and double negatives (不可否认, 必不可少, 不可或缺, 不得不) are no cue.
        **A negation added**: the English says not, no, never, none, nothing, neither, nor,
        cannot, without or n't ("not only", "no later than", "without delay", "no less than",
        "whether or not" are fixed phrases, no negation) where the Chinese sentence has no
        negator and no word of negative sense (缺乏, 避免, 禁止, 停止, 仅, 零 …). **Opposites**: a
        curated table (sppterm/checks/polarity.yaml) of poles common in the bulletins, each with
        its Chinese words and its usual English renderings: largest/smallest, highest/lowest,
        increase/decrease, mandatory/voluntary, approved/rejected, support/oppose, first/last,
        before/after, strengthen/weaken, include/exclude, success/failure, higher/lower,
        beneficial/adverse, indispensable/dispensable, undeniable/doubtful, no longer/still,
        sufficient/insufficient. It reports a unit whose Chinese has one pole and not the
        other, whose English has none of that pole's renderings and one of the other's.
        **A contrast turned round**: 并非X，而是Y or Y而非X ("not X but Y", "Y rather than X")
        whose English negates Y: the words of each member are glossed by CC-CEDICT, and the
        negated member's glosses stand only outside the scope of the English "not" (up to
        "but" or the clause's end), the affirmed member's only inside ("a luxury, not a
        necessity" for 并非奢侈之事，而是必要之举). Glossary names (无害医疗 "Health Care Without
        Harm") are no negation of the text.
        """
    why = """
        A reversed meaning passes every other check: the terms, numbers and length are right,
        and a reviser reading the English alone finds it fluent. It says the opposite of the
        source: a mandatory scheme reported as voluntary, a report that will be published
        reported as one that will not.
        """
    example = """
        `该指南将于近期发布。` translated as "The guide will not be published soon.":

            x.po:4:1: error polarity the English negates ('not') where the Chinese has no
            negation: 'The guide will not be published soon.'

        Fix: "The guide will be published shortly."; if the negation is right (the Chinese
        says it with a word the rule does not know), add the PO flag `#, ignore-polarity`.
        """
    uses_glossary = True  # glossary names are masked on the Chinese side

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source or unit.untranslated:
            return
        source, target = plain(unit.key), plain(unit.target)
        cues = _NEGATOR.search(source) or table().pole_words.search(source)
        masked = [(h.start, h.end) for h in ctx.zh_matcher.find(source)] if cues else []
        exact_zh, exact_en = source == unit.key, target == unit.target
        for r in reversals(source, target, masked):
            if r.kind == "dropped":
                english = f"{_clip(r.en)!r}"
                yield self.finding(
                    unit,
                    f"the Chinese negates ({r.zh}) and the English has no negation: {english}",
                    term=f"dropped:{r.zh}",
                    side="source",
                    span=r.span if exact_zh else None,
                )
            elif r.kind == "added":
                yield self.finding(
                    unit,
                    f"the English negates ({r.en!r}) where the Chinese has no negation",
                    term=f"added:{r.en.lower()}",
                    side="target",
                    span=r.span if exact_en else None,
                )
            elif r.kind == "scope":
                yield self.finding(
                    unit,
                    f"the English negates the other member of the contrast: the Chinese negates "
                    f"{r.zh}, the English {_clip(r.en)!r}",
                    term=f"scope:{r.zh}",
                    side="target",
                    span=r.span if exact_en else None,
                )
            else:
                yield self.finding(
                    unit,
                    f"the Chinese says {r.zh} and the English says the opposite ({r.en!r}; "
                    f"{r.pair}), with no rendering of {r.zh}",
                    term=f"polar:{r.pair}:{r.zh}",
                    side="target",
                    span=r.span if exact_en else None,
                )
