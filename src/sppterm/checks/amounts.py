"""The currency and vague-amount rules: what an amount is counted in, and how large it is
when the source gives no figure (数千, 数百万).

The number rule compares values only: 100万美元 as "EUR 1 million" agrees with it, and 数千
("thousands") as "hundreds" holds no number at all. These rules read the two things it leaves.
The text functions (:func:`zh_currencies`, :func:`en_currencies`, :func:`zh_vague`,
:func:`en_vague`) are regular expressions without nested repetition: linear on any input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import NamedTuple, TypeVar

from sppterm.checks.base import ERROR, WARNING, CheckUnit, Context, Finding, Rule
from sppterm.checks.locations import unstripped
from sppterm.numerals import en_quantities
from sppterm.patterns import EMAIL_RE, URL_RE
from sppterm.placeholders import strip

# -- currencies -----------------------------------------------------------------------------

_DOLLARS = frozenset({"USD", "HKD", "AUD", "CAD", "SGD", "NZD", "TWD"})
_RUPEES = frozenset({"INR", "PKR", "LKR", "NPR"})
_FRANCS = frozenset({"CHF", "XOF", "XAF"})
_PESOS = frozenset({"MXN", "PHP", "ARS", "CLP", "COP"})
_YEN_OR_YUAN = frozenset({"CNY", "JPY"})

# The currencies by code as the messages name them.
NAMES = {
    "USD": "US dollars",
    "EUR": "euros",
    "CNY": "yuan",
    "GBP": "pounds sterling",
    "JPY": "yen",
    "HKD": "Hong Kong dollars",
    "AUD": "Australian dollars",
    "CAD": "Canadian dollars",
    "SGD": "Singapore dollars",
    "NZD": "New Zealand dollars",
    "TWD": "New Taiwan dollars",
    "KRW": "won",
    "CHF": "Swiss francs",
    "INR": "Indian rupees",
    "MYR": "ringgit",
    "RUB": "roubles",
    "THB": "baht",
    "ZAR": "rand",
    "BRL": "reais",
    "AED": "dirhams",
    "IDR": "rupiah",
    "VND": "dong",
}

# Chinese currency words, longest first (瑞士法郎 before 法郎), and the codes each may mean.
_ZH_WORDS: dict[str, frozenset[str]] = {
    "瑞士法郎": frozenset({"CHF"}),
    "澳大利亚元": frozenset({"AUD"}),
    "加拿大元": frozenset({"CAD"}),
    "新加坡元": frozenset({"SGD"}),
    "新西兰元": frozenset({"NZD"}),
    "印度卢比": frozenset({"INR"}),
    "新台币": frozenset({"TWD"}),
    "人民币": frozenset({"CNY"}),
    "印尼盾": frozenset({"IDR"}),
    "越南盾": frozenset({"VND"}),
    "林吉特": frozenset({"MYR"}),
    "雷亚尔": frozenset({"BRL"}),
    "迪拉姆": frozenset({"AED"}),
    "美元": frozenset({"USD"}),
    "美金": frozenset({"USD"}),
    "欧元": frozenset({"EUR"}),
    "英镑": frozenset({"GBP"}),
    "日元": frozenset({"JPY"}),
    "港元": frozenset({"HKD"}),
    "港币": frozenset({"HKD"}),
    "澳元": frozenset({"AUD"}),
    "加元": frozenset({"CAD"}),
    "韩元": frozenset({"KRW"}),
    "卢比": _RUPEES,
    "卢布": frozenset({"RUB"}),
    "泰铢": frozenset({"THB"}),
    "兰特": frozenset({"ZAR"}),
    "法郎": _FRANCS,
    "比索": _PESOS,
}
_CNY = frozenset({"CNY"})
# 元 is yuan only after an amount (500万元, 3.7万亿元, 一百多元, 五元); inside words it is not
# (单元 unit, 元素 element, 多元 diverse, 一元化 unified, 二元结构 dual, 元年 first year, 元旦,
# 元数据 metadata). After a single numeral (五元, 二元) only when no Chinese word goes on.
_NOT_AFTER = "素旦年首宵化数件气代朝宇器组论帅老"
# Each branch starts with the character it consumes, the look-behinds after it: the regular
# expression engine then skips ahead to the candidate characters instead of trying each position.
_ZH_CURRENCY = re.compile(
    rf"(?P<word>{'|'.join(_ZH_WORDS)})(?![{_NOT_AFTER}区])"
    r"|(?P<yuan>元(?:(?<=[0-9０-９十百千万亿]元)|(?<=[0-9０-９〇零一二两三四五六七八九十百千万亿][多余]元))"
    rf"(?![{_NOT_AFTER}])"
    r"|元(?<=[一二三四五六七八九两]元)(?:(?![\u3400-\u9fff])|(?=[的钱])))"
)
# A yuan amount written with both (人民币100万元, 100万元人民币) is one mention.
_RMB_GAP = re.compile(r"[\s0-9０-９.,，〇零一二两三四五六七八九十百千万亿多余点]*")

# English and international forms: ISO codes, symbols (next to a figure only: a $ in a URL or
# a variable is no money) and words. A word counts as a currency the source must have only
# after an amount ("2 million euros", "500 yuan"); otherwise it only vouches for the source's
# currency ("in US dollars", "the euro area", "Dollar Street" when the source has 美元).
_CODES: dict[str, frozenset[str]] = {
    **{c: frozenset({c}) for c in NAMES},
    "RMB": _CNY,
    "US$": frozenset({"USD"}),
    "HK$": frozenset({"HKD"}),
    "A$": frozenset({"AUD"}),
    "AU$": frozenset({"AUD"}),
    "C$": frozenset({"CAD"}),
    "CA$": frozenset({"CAD"}),
    "S$": frozenset({"SGD"}),
    "NZ$": frozenset({"NZD"}),
    "NT$": frozenset({"TWD"}),
    "R$": frozenset({"BRL"}),
}
_SYMBOLS: dict[str, frozenset[str]] = {
    "$": _DOLLARS,
    "€": frozenset({"EUR"}),
    "£": frozenset({"GBP"}),
    "¥": _YEN_OR_YUAN,
    "￥": _YEN_OR_YUAN,
    "₹": frozenset({"INR"}),
    "₩": frozenset({"KRW"}),
}
# (pattern, codes, may be extra): a bare "pounds" may be a weight, "won" a verb, "real" an
# adjective: these vouch for a currency of the source but are never reported as added.
_WORDS: list[tuple[str, frozenset[str], bool]] = [
    (r"(?:US|U\.S\.|American|United States)\s+dollars?", frozenset({"USD"}), True),
    (r"(?:Hong Kong|HK)\s+dollars?", frozenset({"HKD"}), True),
    (r"Australian\s+dollars?", frozenset({"AUD"}), True),
    (r"Canadian\s+dollars?", frozenset({"CAD"}), True),
    (r"Singapore\s+dollars?", frozenset({"SGD"}), True),
    (r"New\s+Zealand\s+dollars?", frozenset({"NZD"}), True),
    (r"(?:New\s+)?Taiwan\s+dollars?", frozenset({"TWD"}), True),
    (r"dollars?", _DOLLARS, True),
    (r"euros?|euro(?=[\s-](?:area|zone))|eurozone", frozenset({"EUR"}), True),
    (r"yuan|renminbi", _CNY, True),
    (r"yen", frozenset({"JPY"}), True),
    (r"(?:British\s+)?pounds?\s+sterling|sterling|British\s+pounds?", frozenset({"GBP"}), True),
    (r"pounds?", frozenset({"GBP"}), False),
    (r"Swiss\s+francs?", frozenset({"CHF"}), True),
    (r"francs?", _FRANCS, True),
    (r"Indian\s+rupees?", frozenset({"INR"}), True),
    (r"rupees?", _RUPEES, True),
    (r"ringgit", frozenset({"MYR"}), True),
    (r"roubles?|rubles?", frozenset({"RUB"}), True),
    (r"baht", frozenset({"THB"}), True),
    (r"rupiah", frozenset({"IDR"}), True),
    (r"dirhams?", frozenset({"AED"}), True),
    (r"pesos?", _PESOS, True),
    (r"won|rand|reais|dong", frozenset(), False),  # read after an amount only, see below
]
_AFTER_AMOUNT_ONLY = {
    "won": frozenset({"KRW"}),
    "rand": frozenset({"ZAR"}),
    "reais": frozenset({"BRL"}),
    "dong": frozenset({"VND"}),
}

# A code as a token (three capitals, or up to three and $), looked up afterwards: one
# character class to scan, not an alternation tried at every position.
_CODE_RE = re.compile(r"(?P<code>[A-Z](?<![A-Za-z0-9].)(?:[A-Z]{2}|[A-Z]?\$))(?![A-Za-z]|-[A-Za-z])")
_SYMBOL_RE = re.compile(
    r"(?<![A-Za-z0-9{}\\/=$])(?P<sym>[$€£¥￥₹₩])(?=\s?\d)(?!\d*\{)|(?<=\d)\s?(?P<after>[€£¥￥₹₩$])(?![A-Za-z0-9])"
)
_WORD_RE = re.compile(
    r"(?<![A-Za-z-])(?:"
    + "|".join(f"(?P<w{i}>{p})" for i, (p, _, _) in enumerate(_WORDS))
    + r")(?![A-Za-z])",
    re.IGNORECASE,
)
# What every currency word starts with, searched in the lower-cased text: most texts have
# none, and one case-sensitive search (no IGNORECASE: that is slow) says so.
_WORD_HINT = re.compile(
    r"dollar|euro|yuan|renminbi|yen|pound|sterling|franc|rupee|ringgit|roub|rubl|baht|rupiah"
    r"|dirham|peso|won|rand|reais|dong"
)
_SYMBOL_HINT = re.compile(r"[$€£¥￥₹₩]")
# An amount just before a currency word: a figure, a scale or number word, "millions of".
_AMOUNT_BEFORE = re.compile(
    r"(?:\d(?:bn|mn|m|k)?|\b(?:hundreds?|thousands?|millions?|billions?|trillions?|dozens?|"
    r"one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety))(?:\s+of)?\s*$",
    re.IGNORECASE,
)


_FIGURE_AFTER = re.compile(r"\s?\d")


def _amount_before(text: str, at: int) -> bool:
    return _AMOUNT_BEFORE.search(text, max(0, at - 40), at) is not None


class Mention(NamedTuple):
    """A currency as written: the codes it may stand for, its span, and whether it counts as a
    currency of its own (an amount's) or only vouches for one the other side names."""

    codes: frozenset[str]
    text: str
    start: int
    end: int
    strong: bool = True


def zh_currencies(text: str) -> list[Mention]:
    """The currencies of a Chinese text: its currency words (美元, 欧元, 人民币, 英镑 …), 元
    after an amount, and the international forms it holds (US$, EUR 5, €5), in order."""
    found: list[Mention] = []
    for m in _ZH_CURRENCY.finditer(text):
        codes = _ZH_WORDS[m.group("word")] if m.group("word") else _CNY
        mention = Mention(codes, m.group(), m.start(), m.end())
        if codes == _CNY and found and found[-1].codes == _CNY and _joined(text, found[-1], mention):
            continue  # 人民币100万元, 100万元人民币: one amount
        found.append(mention)
    return _merge(found, [m for m in en_currencies(text) if m.strong])


def _joined(text: str, a: Mention, b: Mention) -> bool:
    gap = text[a.end : b.start]
    return _RMB_GAP.fullmatch(gap) is not None and (a.text == "人民币" or b.text == "人民币")


def en_currencies(text: str) -> list[Mention]:
    """The currencies of an English text, in order: codes (USD, EUR, RMB, US$), symbols next
    to a figure ($1.3 million, 5 €) and words (euros, yuan, US dollars). Longer forms win
    (US dollars over dollars, US$ over $)."""
    found = []
    for m in _CODE_RE.finditer(text):
        if m.group("code") not in _CODES:
            continue
        amount = _FIGURE_AFTER.match(text, m.end()) is not None or _amount_before(text, m.start())
        found.append(Mention(_CODES[m.group("code")], m.group("code"), *m.span("code"), amount))
    for m in _SYMBOL_RE.finditer(text) if _SYMBOL_HINT.search(text) else ():
        g = "sym" if m.group("sym") else "after"
        found.append(Mention(_SYMBOLS[m.group(g)], m.group(g), *m.span(g)))
    for m in _WORD_RE.finditer(text) if _WORD_HINT.search(text.lower()) else ():
        i = int(m.lastgroup[1:]) if m.lastgroup else 0
        _, codes, may_be_extra = _WORDS[i]
        word = m.group().lower()
        amount = _amount_before(text, m.start())
        if word in _AFTER_AMOUNT_ONLY:
            if not amount:
                continue
            codes, may_be_extra = _AFTER_AMOUNT_ONLY[word], True
        found.append(Mention(codes, m.group(), m.start(), m.end(), may_be_extra and amount))
    return _merge(found, [])


def _merge(a: list[Mention], b: list[Mention]) -> list[Mention]:
    """Both lists in text order, a mention inside a longer (or earlier) one dropped."""
    out: list[Mention] = []
    for m in sorted(a + b, key=lambda m: (m.start, -m.end)):
        if out and m.start < out[-1].end:
            continue
        out.append(m)
    return out


def describe(codes: frozenset[str]) -> str:
    """What a currency's codes mean, for messages: 'US dollars', 'yuan or yen', 'dollars'."""
    if codes == _DOLLARS:
        return "dollars"
    if codes == _RUPEES:
        return "rupees"
    if codes == _FRANCS:
        return "francs"
    if codes == _PESOS:
        return "pesos"
    return " or ".join(NAMES.get(c, c) for c in sorted(codes))


def _glossary_spans(unit: CheckUnit, source: str, target: str, ctx: Context) -> tuple[list, list]:
    """The glossary names of both sides: a currency or an amount inside a name (a prize called
    after its sum) belongs to the name. Asked only of units that hold an amount: the scans are
    the term rules' (memoised there), and most units need none."""
    src = [(h.start, h.end) for h in ctx.zh_matcher.find(source)]
    tgt = [(s, e) for spans in ctx.en_terms.spans(target, ctx.when(unit)).values() for s, e, _ in spans]
    return src, tgt


_M = TypeVar("_M", "Mention", "Vague")


def _outside(found: list[_M], spans: list[tuple[int, int]]) -> list[_M]:
    """The mentions inside none of ``spans`` ("US dollars" is not inside the name "US")."""
    return [m for m in found if not any(a <= m.start and m.end <= b for a, b in spans)]


def _unlinked(text: str) -> str:
    """``text`` with its URLs and e-mail addresses as spaces (offsets unchanged): a $ or a
    figure in an address is no amount."""
    if "www." not in text and "://" not in text and "@" not in text and "mailto:" not in text:
        return text
    return _mask(text, [])


def _mask(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with the spans (and URLs, e-mail addresses) as spaces: offsets unchanged."""
    chars = list(text)
    links = [m.span() for m in URL_RE.finditer(text)]
    if "@" in text:
        links += [m.span() for m in EMAIL_RE.finditer(text)]
    for a, b in [*spans, *links]:
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def _quote(text: str) -> str:
    return f"“{text}”"


def _show(m: Mention) -> str:
    """“EUR” (euros): an English currency as written and what it means."""
    return f"{_quote(m.text)} ({describe(m.codes)})"


class Currency(Rule):
    id = "currency"
    title = "The currency of an amount differs between source and target"
    severity = ERROR
    uses_glossary = True  # a currency inside a glossary name belongs to the name
    severity_why = """
        Error: 100万美元 as "EUR 1 million" is a wrong amount even though the number agrees, and
        a currency of the source dropped ("awards worth 1 million") leaves the reader guessing.
        A currency only the English names is an error when it takes the place of one of the
        source's (the source's is missing, or named fewer times); it is a warning otherwise
        (the source gives no currency, or the English adds a conversion beside the source's:
        "USD 1 million (about EUR 0.9 million)"): what the context makes plain a translator
        may add, and a reviser judges it.
        """
    what = """
        The currencies of the source — 美元/美金, 欧元, 人民币, 元 after an amount (500万元,
        一百多元), 英镑, 日元, 港元, 澳元, 加元, 韩元, 瑞士法郎, 卢比, 林吉特 and others, and
        international forms in the source (US$, EUR) — against those of the English: ISO codes
        (USD, EUR, CNY, RMB, GBP, JPY, HKD …), symbols next to a figure (US$, HK$, $, €, £, ¥)
        and words (US dollars, euros, yuan, renminbi, yen, pounds sterling, rupees).

        A currency of the source with no counterpart in the English is reported, as "is X in
        the translation" when the English has another currency instead. A currency in the
        English that the source lacks is reported too. Ambiguous forms accept every currency
        they can mean: $ and "dollars" any dollar (US, Hong Kong, Australian …), ¥ yuan or yen,
        "francs", "rupees" any of theirs. 元 inside words is no yuan (单元, 元素, 多元, 一元化,
        二元结构, 元年, 元旦, 元数据), nor is 欧元区 (the euro area) a currency amount.

        A currency word in the English counts as added only after an amount ("2 million
        euros"): elsewhere it only vouches for the source's currency ("in US dollars", "the euro
        area"), so "Dollar Street" is no added currency. Bare "pounds" (perhaps a weight) is
        never reported as added; "won", "rand", "reais" and "dong" are read only after an
        amount. An ISO code counts as added beside a figure only (CAD 5 million, not CAD
        drawings). A $ in a URL, an e-mail address or a variable ($name) is not read, nor is
        a currency inside a glossary name on either side. An amount in the right currency
        moved to another noun (the 2020 prize's USD 1 million given to the 2021 prize) is the
        number rule's: it pairs each figure with what it quantifies.
        """
    why = """
        The number rule compares values, so "EUR 1.3 million" for 130万美元 passes it: the
        amount is right and the money is wrong, by the exchange rate. Amounts in the bulletins
        are prizes, savings and procurement volumes, facts a reader quotes.
        """
    example = """
        `该医院在过去的8个月内节约额度达130万美元。` translated as "The hospital saved EUR 1.3
        million over eight months.":

            x.po:5:1: currency 美元 (US dollars) of the source is “EUR” (euros) in the translation

        Fix: "USD 1.3 million".
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        source, target = strip(unit.key), strip(unit.target)
        src, tgt = zh_currencies(_unlinked(source)), en_currencies(_unlinked(target))
        if not src and not any(t.strong for t in tgt):
            return  # no money in the unit: nothing to compare, no glossary scan
        src_names, tgt_names = _glossary_spans(unit, source, target, ctx)
        yield from self._compare(unit, _outside(src, src_names), _outside(tgt, tgt_names))

    def _compare(self, unit: CheckUnit, src: list[Mention], tgt: list[Mention]) -> Iterable[Finding]:
        kinds = list(dict.fromkeys(m.codes for m in src))
        in_source = frozenset().union(*kinds) if kinds else frozenset()
        extra = [t for t in tgt if t.strong and not (t.codes & in_source)]
        missing = [k for k in kinds if not any(t.codes & k for t in tgt)]
        fewer = [k for k in kinds if sum(1 for t in tgt if t.codes & k) < sum(1 for m in src if m.codes == k)]
        used: set[int] = set()
        for k in missing:
            written = next(m for m in src if m.codes == k)
            name = f"{written.text} ({describe(k)})"
            if extra:
                t = extra[0]
                used.add(t.start)
                yield self.finding(
                    unit,
                    f"currency {name} of the source is {_show(t)} in the translation",
                    term="/".join(sorted(k)),
                    side="target",
                    span=unstripped(unit.target or "", t.start, t.end),
                )
            else:
                yield self.finding(
                    unit,
                    f"currency {name} of the source is not in the translation",
                    term="/".join(sorted(k)),
                    side="source",
                    span=unstripped(unit.key, written.start, written.end),
                )
        shown = ", ".join(dict.fromkeys(f"{m.text} ({describe(m.codes)})" for m in src))
        for t in extra:
            if t.start in used:
                continue
            replaces = bool(missing or fewer)
            has = f"; the source has {shown}" if src else "; the source names no currency"
            yield self.finding(
                unit,
                f"currency {_show(t)} in the translation is not in the source{has}",
                term="+" + "/".join(sorted(t.codes)),
                severity=ERROR if replaces else WARNING,
                side="target",
                span=unstripped(unit.target or "", t.start, t.end),
            )


# -- vague amounts -------------------------------------------------------------------------

_ZH_BASE = {"": 0, "十": 1, "百": 2, "千": 3}
_ZH_SCALE = {"": 0, "万": 4, "亿": 8, "万亿": 12}
# 数 ends many words (人数, 总数, 次数, 指数, 多数): 人数十分可观 is "very many people", no 数十.
_SHU_WORDS = "人总次指分参函倍系多少半无岁件字个台户票基位序页读积点变对复整约礼术算"
_ZH_VAGUE = re.compile(
    rf"(?P<lead>(?<![{_SHU_WORDS}])数以|(?<![{_SHU_WORDS}])数|(?<![十])几|(?<![以])上)"
    r"(?P<base>[十百千]?)(?!分之)(?P<scale>万亿|万|亿|)(?P<ji>计?)"
    r"|(?P<idiom>成千上万|成百上千|千千万万|成千成万)"
)
_ZH_IDIOMS = {
    "成千上万": frozenset({3, 4}),
    "成千成万": frozenset({3, 4}),
    "成百上千": frozenset({2, 3}),
    "千千万万": frozenset({3, 4, 5, 6, 7}),
}
_ZH_MEANING = {
    1: "dozens",
    2: "hundreds",
    3: "thousands",
    4: "tens of thousands",
    5: "hundreds of thousands",
    6: "millions",
    7: "tens of millions",
    8: "hundreds of millions",
    9: "billions",
    10: "tens of billions",
    11: "hundreds of billions",
    12: "trillions",
}

_EN_ORDER = {
    "dozen": 1,
    "dozens": 1,
    "score": 1,
    "scores": 1,
    "tens": 1,
    "decades": 1,
    "hundred": 2,
    "hundreds": 2,
    "thousand": 3,
    "thousands": 3,
    "million": 6,
    "millions": 6,
    "billion": 9,
    "billions": 9,
    "trillion": 12,
    "trillions": 12,
}
_EN_VAGUE = re.compile(
    r"\b(?:(?P<plural>dozens|scores|tens|hundreds|thousands|millions|billions|trillions)"
    r"(?:\s+of\s+(?P<of>thousands|millions|billions)\b)?"
    r"|(?P<few>several|a\s+few|a\s+couple\s+of|many|some)\s+(?P<unit>dozen|hundred|thousand|million|billion|trillion)"
    r"(?:\s+(?P<times>thousand|million|billion))?"
    r"|(?P<decades>decades))\b",
    re.IGNORECASE,
)


class Vague(NamedTuple):
    """A vague amount: the orders of magnitude it may mean (数千: 3, thousands), as written."""

    orders: frozenset[int]
    text: str
    start: int
    end: int


def zh_vague(text: str) -> list[Vague]:
    """The vague amounts of a Chinese text: 数十/几十 (dozens), 数百/几百/上百 (hundreds),
    数千/几千/上千 (thousands), 数万 (tens of thousands), 数十万, 数百万 (millions), 数亿, 数以千计,
    成千上万; orders of ten (数千 is 3)."""
    out: list[Vague] = []
    for m in _ZH_VAGUE.finditer(text):
        if m.group("idiom"):
            out.append(Vague(_ZH_IDIOMS[m.group("idiom")], m.group(), *m.span()))
            continue
        base, scale, lead = m.group("base"), m.group("scale"), m.group("lead")
        if not base and not scale:
            continue  # 数 or 几 alone: 数据, 几乎
        if lead == "数以" and not m.group("ji"):
            continue  # 数以 is "by means of" unless it ends in 计 (数以千计)
        if lead == "上" and (base == "十" or not (base or scale)):
            continue  # 上百, 上千, 上万, 上亿; not 上十
        out.append(Vague(frozenset({_ZH_BASE[base] + _ZH_SCALE[scale]}), m.group(), *m.span()))
    return out


def en_vague(text: str) -> list[Vague]:
    """The vague amounts of an English text: dozens, scores, tens/hundreds/thousands of,
    hundreds of thousands, tens of millions, several hundred (thousand), a few thousand,
    decades; orders of ten ("tens of thousands" is 4)."""
    out: list[Vague] = []
    for m in _EN_VAGUE.finditer(text):
        if m.group("decades"):
            order = 1
        elif m.group("plural"):
            order = _EN_ORDER[m.group("plural").lower()] + _times(m.group("of"))
        else:
            order = _EN_ORDER[m.group("unit").lower()] + _times(m.group("times"))
        out.append(Vague(frozenset({order}), m.group(), *m.span()))
    return out


def _times(word: str | None) -> int:
    return _EN_ORDER[word.lower()] if word else 0


_YEAR = re.compile(r"(?:19|20)\d\d")


def en_orders(text: str) -> set[int]:
    """The orders of ten of the English figures that can stand for a vague amount (more than
    1,000 for 上千): cardinals of 10 and more, not years."""
    out: set[int] = set()
    for q in en_quantities(text):
        if q.kind != "cardinal" or q.soft or not math.isfinite(q.value) or q.value < 10:
            continue
        if _YEAR.fullmatch(q.text):
            continue
        out.add(math.floor(math.log10(q.value) + 1e-9))
    return out


def _meaning(orders: frozenset[int]) -> str:
    return " or ".join(_ZH_MEANING.get(o) or f"10^{o}" for o in sorted(orders))


class VagueAmount(Rule):
    id = "vague-amount"
    title = "A vague amount changes its order of magnitude"
    severity = ERROR
    uses_glossary = True  # an amount inside a glossary name belongs to the name
    severity_why = """
        Error: 数千 ("thousands") as "hundreds" is a factor of ten, the same error as a wrong
        figure. Only an order both sides state is compared: where either side has no vague
        amount, nothing is reported, so a rewording that drops the amount is left to the
        omission rules and taste.
        """
    what = """
        The vague amounts of the source — 数十/几十 (dozens, tens of), 数百/几百/上百
        (hundreds), 数千/几千/上千 (thousands), 数万/上万 (tens of thousands), 数十万 (hundreds
        of thousands), 数百万 (millions), 数千万, 数亿/上亿 (hundreds of millions), 数十亿
        (billions), 数以千计 (thousands), 成千上万 (thousands or tens of thousands) — against
        those of the English: dozens, scores, tens of, hundreds (of), thousands (of), tens of
        thousands, hundreds of thousands, millions, several/a few hundred (thousand), several
        million, decades (几十年).

        Each vague amount of the source needs one of the same order of ten in the English, or
        an English figure of that order ("more than 1,000" for 上千, "over 50" for 数十); years
        are no such figures. Where the source's amount has no counterpart and the English has
        a vague amount of another order, that English is reported. 数 inside words (人数十分 is
        人数 + 十分 "very", 多数, 总数) and 数以 without 计 are not read.
        """
    why = """
        The number rule reads no vague amounts: they are no numbers. But "thousands of young
        people" and "hundreds of young people" are different reports, and 万 and 亿 make the
        order easy to miss (数十万 is hundreds of thousands, 数亿 hundreds of millions).
        """
    example = """
        `2024年，数千名青年获得了培训的资助。` translated as "In 2024, hundreds of young people
        received funding for training.":

            x.po:5:1: vague amount 数千 (thousands) of the source is “hundreds” in the translation

        Fix: "thousands of young people".
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        source, target = strip(unit.key), strip(unit.target)
        if not _ZH_HINT.search(source) or not _EN_HINT.search(target):
            return
        src, tgt = zh_vague(source), en_vague(target)
        if not src or not tgt:
            return
        src_names, tgt_names = _glossary_spans(unit, source, target, ctx)
        src, tgt = _outside(src, src_names), _outside(tgt, tgt_names)
        if not src or not tgt:
            return
        masked = _mask(target, tgt_names)
        stated = set().union(*(t.orders for t in tgt)) | en_orders(masked)
        wanted = set().union(*(s.orders for s in src))
        spare = [t for t in tgt if not t.orders & wanted]
        for s in src:
            if s.orders & stated or not spare:
                continue
            t = spare[0]
            yield self.finding(
                unit,
                f"vague amount {s.text} ({_meaning(s.orders)}) of the source is {_quote(t.text)}"
                " in the translation",
                term=s.text,
                side="target",
                span=unstripped(unit.target or "", t.start, t.end),
            )


_ZH_HINT = re.compile(r"[数几上成千][十百千万亿上]")
_EN_HINT = re.compile(r"dozen|score|tens|hundred|thousand|million|billion|trillion|decades", re.I)
