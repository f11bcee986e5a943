"""Numbers in Chinese and English text, as quantities that can be compared.

Chinese: Arabic and full-width digits with thousands separators (groups of three only:
2019，2020 is two years) and decimals, Chinese numerals (一…九 十 百 千 两 零, 三点五 = 3.5,
一百五 = 150), scale words 万 (10⁴) 亿 (10⁸) 万亿 (10¹²), also after a space (20 亿) and chained
(1亿2000万 = 120 million, 三万五千 = 35,000), 百分之二十 (20%), 三分之一 (1/3), 一半 (1/2),
两年半 (2.5), N倍 (times), dates (2022年10月18日至19日), ordinals (第4期, 第二十七次, 首届 = 1st).
English: digits, number words (two million, twenty-seven, a hundred and fifty, a million, two and
a half), scale words, ordinals (first, inaugural, fourth, 27th), fractions (a quarter, one third,
half), twice, month names (October = 10), decade = 10.

Each number is a :class:`Quantity`: its value, how it is written, whether it is an ordinal or a
percentage, the approximation around it (more than: 70多, 逾, 超过, 余, 以上 / more than, over;
less than: 近, 将近, 不到 / nearly, almost, under; about: 约, 左右, 上下 / about, around, some) and
whether it is *soft*: a number that may stand in the other language but need not (两三 "two or
three" / "a few", 一倍 "double", 二是 "second", both, double, a dozen). 13万亿美元 and USD 13
trillion both give 1.3e13.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import lru_cache
from typing import NamedTuple

from sppterm.patterns import EMAIL, URL, URL_RE

ZH_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
ZH_UNITS = {"十": 10, "百": 100, "千": 1000}
ZH_SCALES = {"万亿": 10**12, "亿": 10**8, "万": 10**4}
_ZH_NUM_CHARS = "零〇一二两三四五六七八九十百千"

# A single Chinese numeral counts as a number only before a measure word; elsewhere it is part
# of a word (一些, 统一, 进一步, 之一, 一致). 一 alone is the article "a/one" and never counts.
_MEASURE = "个项名家次届期年月日天种类场份条点倍大位国部批所组轮层级篇本张者周款方笔座套支"
# After 首: 首届, 首次, 首份 are "first"; 首先, 首都, 首席, 首要 are words.
_FIRST_MEASURE = "届次个份批期位轮家部篇本场款笔座"
# Measure words after which an Arabic 1 is "a/one" (1个, 1项), not a fact to find in English.
_COUNT_MEASURE = "个项名家种类场份条位国部批所组轮层级篇本张者款大次方笔座套支"
_TIME_UNITS = ("个月", "年", "月", "天", "日", "周", "期", "届")
_CO2 = re.compile(r"(?<![A-Za-z0-9])CO2(?![A-Za-z0-9])")
_URL = URL_RE
_URL_EMAIL = re.compile(URL + "|" + EMAIL)

# Qualifier classes: what an approximation says about the true value.
MORE, LESS, ABOUT = "more", "less", "about"
QUALIFIER_WORDS = {MORE: "more than", LESS: "under", ABOUT: "about"}

# A Chinese numeral longer than this is no number (a list, a run of text): read it in pieces.
_ZH_MAX = 24


class Quantity(NamedTuple):
    """One number as it stands in a text.

    ``value`` is what it means (0.333333 for 三分之一); ``text`` how it is written there
    (三分之一, "one third", "70多", "nearly 70"); ``kind`` ordinal, percent, times, month (7月,
    July) or cardinal;
    ``qualifier`` MORE, LESS, ABOUT or None; ``figure`` true when written with digits, a scale
    word or as a percentage (a figure a translator copies, not an idiom); ``soft`` true for a
    number that may appear in the other language but need not; ``alts`` other values it may
    stand for (增加两倍 is 2 or 3 times; a dozen stands for 十多, ten and more)."""

    value: float
    text: str
    kind: str = "cardinal"
    qualifier: str | None = None
    figure: bool = False
    soft: bool = False
    alts: tuple[float, ...] = ()

    def values(self) -> tuple[float, ...]:
        return (self.value, *self.alts)

    def describe(self) -> str:
        """The value as a reader writes it: 'more than 70', '1/3', '2nd', '2 billion', '20%'."""
        v = display(self.value)
        if self.kind == "month" and self.value in _MONTH_NAMES:
            return _MONTH_NAMES[self.value]
        if self.kind == "ordinal" and self.value == int(self.value) and 0 < self.value < 1e6:
            v = _ordinal_suffix(int(self.value))
        elif self.kind == "percent":
            v += "%"
        elif self.kind == "times":
            v += " times"
        if self.qualifier:
            v = f"{QUALIFIER_WORDS[self.qualifier]} {v}"
        return v


def display(v: float) -> str:
    """A value as a reader writes it (13 trillion, 1/3, 2.5, 27); never raises, even on inf/nan."""
    if not math.isfinite(v):
        return str(v)
    if v >= 1e6 and v == int(v):
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if v >= scale:
                return f"{v / scale:g} {word}"
    if v != int(v):
        if 0 < v < 1:
            f = Fraction(v).limit_denominator(12)
            if f.denominator > 1 and math.isclose(float(f), v, rel_tol=1e-5):
                return f"{f.numerator}/{f.denominator}"
        return f"{v:.6g}"
    return f"{int(v)}"


def _ordinal_suffix(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _drop_links(text: str) -> str:
    """URLs and e-mail addresses as spaces: their digits are no numbers (the e-mail pattern
    only when there is an @: text without one is the common case). Every URL starts with
    ://, www. or mailto: (and a mailto: holds an @): text with none of them is returned as
    it is, unsearched."""
    if "@" in text:
        return _URL_EMAIL.sub(" ", text)
    return _URL.sub(" ", text) if "://" in text or "www." in text else text


def _prepare(text: str) -> str:
    text = nfkc(_drop_links(text))
    return _CO2.sub(" ", text) if "CO2" in text else text


# Full-width ASCII (，（）０-９) and the ideographic space: what NFKC changes in most Chinese text.
_FULL_WIDTH = {chr(0xFF01 + k): chr(0x21 + k) for k in range(94)} | {"\u3000": " "}
_HAS_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _ascii(m: re.Match[str]) -> str:
    return _FULL_WIDTH[m.group()]


@lru_cache(maxsize=32)
def nfkc(text: str) -> str:
    """``text`` in NFKC (full-width digits as ASCII), cheaply: the full-width forms are mapped
    to ASCII first (NFKC's own mapping of them; by a sub, as a sentence holds few: translate()
    would look up every character), and only a text that is then still not in NFKC is
    normalised (checking costs a hundredth of normalising).

    The last texts' results are kept: the number rule reads a unit's source and translation
    in NFKC five times (numbers, approximations, years, names). A function of its argument
    alone, so the memo cannot carry anything from one unit into another."""
    text = _HAS_FULL_WIDTH.sub(_ascii, text)
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


# -- Chinese ------------------------------------------------------------------------------------


def _zh_int(s: str) -> float | None:
    """Value of a Chinese numeral below 10⁴ (二十七 → 27, 两百 → 200, 一千零五 → 1005,
    一百五 → 150), or None when it is not one number (a digit after a digit: 十四五, 两三)."""
    if not s:
        return None
    if all(c in ZH_DIGITS for c in s) and len(s) > 1:  # 二〇二二 read digit by digit
        # float, not int: int() refuses more than 4300 digits, float() gives inf
        return float("".join(str(ZH_DIGITS[c]) for c in s))
    total, digit, last_unit, zero = 0, None, None, False
    for c in s:
        if c in ZH_DIGITS:
            if ZH_DIGITS[c] == 0:
                zero, digit = True, None
                continue
            if digit is not None:
                return None  # 十四五, 三四: two numbers (or a range), not one
            digit = ZH_DIGITS[c]
        elif c in ZH_UNITS:
            unit = ZH_UNITS[c]
            if last_unit is not None and unit >= last_unit:
                return None  # 十百, 千千: no numeral
            total += (digit if digit is not None else 1) * unit
            digit, last_unit, zero = None, unit, False
        else:
            return None
    if digit is not None:
        # 一百五 = 150, 三千五 = 3500 (the unit below is understood); 一千零五 = 1005
        total += digit * (last_unit // 10 if last_unit and last_unit >= 100 and not zero else 1)
    return float(total)


def _zh_value(s: str) -> float | None:
    """Value of a Chinese numeral with 万 and 亿 (三万五千 = 35,000, 一亿二千万 = 1.2e8,
    五十万亿 = 5e13, 两万五 = 25,000), or None."""
    for mark, scale in (("亿", 1e8), ("万", 1e4)):
        if mark in s:
            head, rest = s.split(mark, 1)
            h = _zh_value(head) if head else None
            if h is None:
                return None
            if not rest:
                return h * scale
            if len(rest) == 1 and rest in ZH_DIGITS and ZH_DIGITS[rest]:
                return h * scale + ZH_DIGITS[rest] * scale / 10  # 两万五 = 25,000
            r = _zh_value(rest.lstrip("零〇"))
            if r is None or r >= scale:
                return None
            return h * scale + r
    return _zh_int(s)


def _zh_pair(s: str) -> tuple[float, float] | None:
    """两三, 三四, 三五, 七八十, 两三万: 'two or three' and the like (an approximate range)."""
    if len(s) < 2 or s[0] not in ZH_DIGITS or s[1] not in ZH_DIGITS:
        return None
    a, b = ZH_DIGITS[s[0]], ZH_DIGITS[s[1]]
    if not 0 < a < b:
        return None
    if len(s) == 2:
        return float(a), float(b)
    m = _zh_value("一" + s[2:])
    if m is None or not all(c in "十百千万亿" for c in s[2:]):
        return None
    return a * m, b * m


_ZH_NUMBER = re.compile(
    r"(?=[\d" + _ZH_NUM_CHARS + r"万亿])"  # what every match starts with: the search skips to it
    r"(?P<pct>百分之)?"
    r"(?P<num>\d{1,3}(?:,\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?"
    r"|[" + _ZH_NUM_CHARS + r"万亿]+(?:点[零〇一二两三四五六七八九]+)?)"
    r"(?P<approx>[多余几](?![边元样方重]))?"
    r"(?P<unit>(?<=[\d多余几])[十百千](?![十百千]))?"
    r"(?P<scale>(?<=[\d多余几十百千])\s*(?:万亿|亿|万))?"
    r"(?P<frac>分之(?P<den>[" + _ZH_NUM_CHARS + r"]+|\d+))?"
)
# 约 in 节约 (save), 公约 (convention), 条约; 近 in 最近 (recently), 附近: no approximation
_ZH_BEFORE = re.compile(
    r"(?P<q>约为|约有|约合|大约|大概|(?<![节公条制预签合契邀相])约|将近|接近|(?<![最附邻靠亲贴])近|逾|"
    r"不超过|超过|超出|超|多于|高于|不到|不足|不少于|少于|不低于|低于|至少|最多|至多)\s*$"
)
_ZH_BEFORE_CLASS = {
    **dict.fromkeys(["约为", "约有", "约合", "大约", "大概", "约"], ABOUT),
    **dict.fromkeys(["将近", "接近", "近", "不到", "不足", "少于", "低于", "最多", "不超过", "至多"], LESS),
    **dict.fromkeys(["逾", "超过", "超出", "超", "多于", "高于", "至少", "不少于", "不低于"], MORE),
}
_BEFORE_CHARS = frozenset("约大近逾超多高不少低至最")
# Characters next to digits that change how they read (10YFP, 第4, 60%, 1个, 7月, 两倍, 3年半,
# 60%以上): digits next to none of them are a plain number.
_PLAIN_STOP = frozenset(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz第%个月倍年天小周以左之多余几半人上 \t\u3000"
    + _COUNT_MEASURE
)
_AFTER_CHARS = frozenset("以左之多上")
_ZH_CLAUSE = re.compile(
    r"(?:约占|约为|约达|约合|大约占|大约有)[^，。；：、,;:!?！？0-9零〇一二两三四五六七八九十百千]*$"
)
_ZH_AFTER = re.compile(
    r"\s*(?:[人" + _MEASURE + r"]?(?P<q>以上|以下|以内|左右|上下(?![游级文班])|之多)"
    r"|(?P<more>个多(?=月|小时|星期)|年多|天多))"
)
# 上下 "or so" (50人上下); not 上下游 (upstream and downstream), 上下级, 上下文
_ZH_AFTER_CLASS = {"以上": MORE, "以下": LESS, "以内": LESS, "左右": ABOUT, "上下": ABOUT}
# (the look-ahead holds the first character of every branch: the search skips to those)
_ZH_EXTRA = re.compile(
    r"(?=[首一半上下前后翻再双减])(?:(?P<first>首(?=[" + _FIRST_MEASURE + r"]))|(?P<half>一半|半数|减半)"
    r"|(?P<halfyear>[上下前后]半年?)|(?P<fan>翻(?:了)?(?:(?P<fann>[一两二三四])?番|倍))"
    r"|(?P<shang>(?<![成数几千百])上(?=[百千万]))|(?P<again>再次|再度)|(?P<pair>双(?![十百千])))"
)

# A character every number zh_quantities reads holds: a digit, a numeral or scale word (上千 has
# 千), or the one each other form of _ZH_EXTRA needs (首届, 一半/半数/减半/上半年, 翻番, 再次, 双方).
# A new form must keep this true (tests/test_numerals.py checks it on fuzzed texts).
_ZH_ANY = re.compile(r"[\d" + _ZH_NUM_CHARS + r"万亿首半翻再双]")


def may_hold_zh(text: str) -> bool:
    """False only when :func:`zh_quantities` finds no number in ``text``, nor in any piece of
    it or in it with characters blanked (as the number rule masks glossary names): no
    character that a number needs, as written or after NFKC. For skipping number-free units."""
    if _ZH_ANY.search(text):
        return True
    folded = nfkc(text)
    return folded != text and _ZH_ANY.search(folded) is not None


def zh_quantities(text: str) -> list[Quantity]:
    """The numbers of a Chinese text, in order."""
    text = _prepare(text)
    out: list[Quantity] = []
    skip_until = 0  # a chained number (1亿2000万) is read once
    read_ahead: dict[int, tuple[list[Quantity], int]] = {}  # the number a chain stopped at
    for m in _ZH_NUMBER.finditer(text):
        start, end = m.span()
        if start < skip_until:
            continue
        num = m.group(2)
        if (
            m.lastindex == 2  # digits alone: no 百分之, 多, scale or 分之 (the common case, made fast)
            and num[0].isdigit()
            and text[end : end + 1] not in _PLAIN_STOP
            and (not start or text[start - 1] != "第")
            and text.find("约", max(0, start - 24), start) < 0
            and not _BEFORE_CHARS.intersection(text[max(0, start - 4) : start])
        ):
            out.append(Quantity(float(num.replace(",", "")), num, figure=True))
            continue
        ahead = read_ahead.pop(m.start(), None)
        quantities, end = ahead or _zh_read(text, m)
        if not quantities:
            continue
        first, scale = m.start(), (_scale_of(m) if m.group("scale") or m.group("num")[-1] in "万亿" else 0)
        # chained scales: 1亿2000万 (120 million), 2万3000 (23,000)
        while len(quantities) == 1 and scale:
            nxt = _ZH_NUMBER.match(text, end)
            if not nxt or nxt.group("pct") or nxt.group("frac"):
                break
            more, end2 = _zh_read(text, nxt)
            if len(more) != 1 or more[0].kind != "cardinal" or more[0].value >= scale:
                read_ahead = {nxt.start(): (more, end2)}
                break
            q = quantities[0]
            quantities = [q._replace(value=q.value + more[0].value, text=text[first:end2])]
            end, scale = end2, _scale_of(nxt)
        skip_until = end
        out.extend(quantities)
    for m in _ZH_EXTRA.finditer(text):
        extra = _zh_extra(text, m)
        if extra is not None:
            out.append(extra)
    if "五" in text:
        out.extend(_plan_years(text))
    return out


# A five-year plan by its number (“十四五”规划, 十三五时期, 第十四个五年规划): a translator may give
# its years after the name ("14th Five-Year Plan (2021–2025)"). The first plan ran 1953–1957,
# the second 1958–1962; after three years of readjustment the third began in 1966, and each
# since runs five years (the thirteenth 2016–2020, the fourteenth 2021–2025).
_FIVE_YEAR = re.compile(
    r"(?:第(?P<ord>十?[一二三四五六七八九]|十)个五年|(?P<num>十?[一二三四五六七八九]|十)五[”\"」』]?)"
    r"(?=规划|计划|时期|期间)"
)


def _plan_years(text: str) -> list[Quantity]:
    """The first and last year of each five-year plan named in ``text``: soft, as the English
    may give them in brackets or not (a year of another period is still not in the source)."""
    out = []
    for m in _FIVE_YEAR.finditer(text):
        n = _zh_value(m.group("ord") or m.group("num"))
        if n is None or not 1 <= n <= 20:
            continue
        first = 1953 + 5 * (int(n) - 1) if n < 3 else 1966 + 5 * (int(n) - 3)
        name = m.group().rstrip('”"」』')
        last = first + 4  # also as its last two digits: "(2021–25)"
        out.append(Quantity(float(first), name, soft=True))
        out.append(Quantity(float(last), name, soft=True, alts=(float(last % 100),)))
    return out


def _scale_of(m: re.Match[str]) -> float:
    """The scale a match ends with (1e8 for 1亿, 1e4 for 三万), 0 without one."""
    s = (m.group("scale") or "").strip()
    num = m.group("num")
    if not s and not num[0].isdigit():
        s = "万亿" if num.endswith("万亿") else num[-1]
    return float(ZH_SCALES.get(s, 0))


_PERCENT_AFTER = re.compile(r"\s*%|个百分点")
_AND_A_HALF = re.compile(r"个?(?:年|月|天|小时|周)半(?![导岛数])")  # 两年半, 三个半月
_HALF_FIRST = frozenset("个年月天小周")
_LETTER = re.compile(r"[A-Za-z]")


def _zh_read(text: str, m: re.Match[str]) -> tuple[list[Quantity], int]:
    """The quantities one match of _ZH_NUMBER stands for, and where they end."""
    pct, num, approx, unit, scale, frac, den_s = m.groups()
    start, end = m.start(), m.end()
    before = text[start - 1] if start > 0 else ""
    arabic = num[0].isdigit()
    qualifier = MORE if approx in ("多", "余") else None  # 70多, 十余, 20余万
    if not arabic and before and (before in "数几" or (before in "上成" and num[0] in "百千万")):
        return [], end  # 数千 "thousands", 几十 "dozens", 成千上万; 上千 is read by _zh_extra
    if arabic:
        if approx == "几" or _LETTER.match(text, end):
            return [], end  # digits inside an identifier such as 10YFP or GO4SDGs are names
        value = float(num.replace(",", ""))
    elif "点" in num:  # 三点五 = 3.5
        whole, _, dec = num.partition("点")
        w = _zh_value(whole) if len(whole) <= _ZH_MAX else None
        if w is None or len(dec) > _ZH_MAX:
            return [], end
        value = w + float("0." + "".join(str(ZH_DIGITS[c]) for c in dec))
    elif len(num) == 1 and not (scale or frac or pct):
        return _zh_single(text, m, num)
    else:
        pair = _zh_pair(num) if len(num) <= 4 and not (frac or pct) else None
        if pair is not None:
            return [Quantity(v, text[start:end], soft=True) for v in pair], end
        digits = all(c in ZH_DIGITS for c in num)  # 二〇二二, read digit by digit however long
        v = _zh_value(num) if len(num) <= _ZH_MAX or digits else None
        if v is None:
            return _zh_pieces(num), end
        value = v
        if approx == "几":
            qualifier = MORE  # 二十几 "twenty-odd"
    figure = arabic
    if unit:
        value *= ZH_UNITS[unit]
    if scale:
        value *= ZH_SCALES[scale.strip()]
        figure = True
    if frac:
        den = float(den_s) if den_s[0].isdigit() else (_zh_value(den_s) if len(den_s) <= _ZH_MAX else None)
        # 零分之三, 三分之零 and overflowing digit strings are no fractions
        if not (den and value and math.isfinite(den) and math.isfinite(value)):
            return [], end
        # 三分之一: the denominator comes first, the numerator follows 分之
        return [_qualified(text, start, end, Quantity(den / value, text[start:end]))], end
    kind, soft = "cardinal", approx == "几"
    nxt = text[end : end + 1]
    p = _PERCENT_AFTER.match(text, end) if nxt in ("%", "个", " ", "\t", "\u3000") else None
    if pct or p:
        kind, figure = "percent", True
        if p and not pct:
            end = p.end()
        soft = soft or (pct is not None and num == "百")  # 百分之百: "fully" as well as 100%
    if before == "第":
        return [Quantity(value, text[start - 1 : end], "ordinal", figure=figure)], end
    if arabic and value == 1 and kind == "cardinal" and nxt and nxt in _COUNT_MEASURE:
        soft = True  # 1个, 1项: "a", "one"
    nxt = text[end : end + 1]
    if kind == "cardinal" and nxt in _HALF_FIRST and _AND_A_HALF.match(text, end):
        value += 0.5
    elif kind == "cardinal" and nxt == "月" and 1 <= value <= 12 and value == int(value):
        kind, end = "month", end + 1  # 7月 is July (7个月 is seven months)
    q = _qualified(text, start, end, Quantity(value, text[start:end], kind, None, figure, soft), qualifier)
    if text[end : end + 1] == "倍":
        q = _zh_times(text, start, q._replace(kind="times", text=text[start : end + 1]))
    return [q], end


def _zh_single(text: str, m: re.Match[str], num: str) -> tuple[list[Quantity], int]:
    """One Chinese numeral character: a number before a measure word (五项, 两名), after 第
    (第二), or an enumeration (二是, 其二: soft); a word otherwise (一些, 统一, 二氧化碳)."""
    start, end = m.start(), m.end()
    before = text[start - 1] if start > 0 else ""
    nxt = text[end : end + 1]
    value = float(ZH_DIGITS.get(num) or ZH_UNITS.get(num) or 0)
    if not value:
        return [], end  # 零, 〇, a lone 万 or 亿 (包罗万象)
    approx = m.group("approx")
    if before == "第":
        return [Quantity(value, text[start - 1 : end], "ordinal")], end
    if before == "其" or nxt == "是":
        return [Quantity(value, text[start:end], "ordinal", soft=True)], end  # 其二, 二是: "second"
    if approx == "几":
        return [Quantity(value, text[start:end], qualifier=MORE, soft=True)], end  # 十几
    if nxt == "倍":
        return [_zh_times(text, start, Quantity(value, text[start : end + 1], "times"))], end
    half = _AND_A_HALF.match(text, end)
    if half:
        return [Quantity(value + 0.5, text[start : half.end()])], end  # 一年半, 两个半月
    if nxt == "月" and before != "个":
        return [Quantity(value, text[start : end + 1], "month")], end  # 一月 … 十二月 are months
    if num == "一" or not nxt or nxt not in _MEASURE:
        return [], end
    q = Quantity(value, text[start:end])
    return [_qualified(text, start, end, q, MORE if approx else None)], end


def _zh_pieces(num: str) -> list[Quantity]:
    """A run of numerals that is not one number (十四五 = 14 and 5), cut where a numeral cannot
    continue the one before it: a digit after a digit (十四|五), a unit not below the unit before
    it (十|十), a piece longer than _ZH_MAX. One pass: lone scale words (万 in 包罗万象) and lone
    一 are no numbers."""
    out: list[Quantity] = []
    piece, last_digit, last_unit = "", False, 0

    def flush() -> None:
        if piece and piece != "一" and (len(piece) > 1 or ZH_DIGITS.get(piece)):
            v = _zh_value(piece)
            if v is not None:
                out.append(Quantity(v, piece))

    for c in num:
        digit = ZH_DIGITS.get(c)
        unit = ZH_UNITS.get(c, 0)
        if (digit and last_digit) or (unit and last_unit and unit >= last_unit) or len(piece) >= _ZH_MAX:
            flush()
            piece, last_digit, last_unit = "", False, 0
        if c in ZH_SCALES and not piece:
            continue
        piece += c
        last_digit = bool(digit)
        last_unit = unit or (0 if c in ZH_SCALES else last_unit)
    flush()
    return out


def _zh_qualifier(text: str, start: int, end: int) -> tuple[str | None, int, int]:
    """The approximation around the number at text[start:end] (约, 近, 超过 before it; 以上,
    左右 after it, perhaps after a measure word) and the span with it. 近 before a span of time
    is "recent" (近十年 "the past decade"), no approximation."""
    # (each pattern only where its first character is near: most numbers have no qualifier)
    window = text[max(0, start - 4) : start]
    m = _ZH_BEFORE.search(window) if _BEFORE_CHARS.intersection(window) else None
    if m:
        q = m.group("q")
        if not (q == "近" and text.startswith(_TIME_UNITS, end)):
            return _ZH_BEFORE_CLASS[q], start - len(window) + m.start(), end
    a = _ZH_AFTER.match(text, end) if _AFTER_CHARS.intersection(text[end : end + 3]) else None
    if a and a.group("more"):
        return MORE, start, a.end()  # 两年多, 三个多月
    if a and a.group("q") in _ZH_AFTER_CLASS:
        return _ZH_AFTER_CLASS[a.group("q")], start, a.end()
    # 约占全球排放量的1.4%: the verb carries the approximation to the first number after it
    if text.find("约", max(0, start - 24), start) >= 0 and _ZH_CLAUSE.search(text, max(0, start - 24), start):
        return ABOUT, start, end
    return None, start, end


def _qualified(text: str, start: int, end: int, q: Quantity, qualifier: str | None = None) -> Quantity:
    """``q`` with its approximation (``qualifier`` when the number itself carries one: 70多)
    and its text widened to show it (近70, 60%以上)."""
    if qualifier:
        return q._replace(qualifier=qualifier)
    if not (
        _BEFORE_CHARS.intersection(text[max(0, start - 4) : start])
        or _AFTER_CHARS.intersection(text[end : end + 3])
        or text.find("约", max(0, start - 24), start) >= 0
    ):
        return q  # the common case: nothing around the number qualifies it
    found, a, b = _zh_qualifier(text, start, end)
    if found is None:
        return q
    return q._replace(qualifier=found, text=text[a:start] + q.text + text[end:b])


_SCALE_RUN = re.compile(r"[百千万]+")
_INCREASE = ("增加", "增长", "提高", "上升", "扩大", "提升", "高出")


def _zh_times(text: str, start: int, q: Quantity) -> Quantity:
    """N倍: 两倍 is twice; after 增加/提高 the count is ambiguous (增加两倍 is read as 2 or 3
    times, 增加一倍 is double or up 100%): soft with both values."""
    context = text[max(0, start - 4) : start]
    if q.value == 1:
        return q._replace(value=2.0, soft=True, alts=(100.0,))  # 增加一倍: double, up 100%
    if any(w in context for w in _INCREASE):
        return q._replace(soft=True, alts=(q.value + 1,))
    return q


def _zh_extra(text: str, m: re.Match[str]) -> Quantity | None:
    """首届 (1st), 一半/半数 (1/2), 上半年 (soft 1/2: "the first half"), 翻一番 (soft 2),
    上千 (soft, more than 1000), 再次 (soft 2nd), 双方 (soft 2)."""
    s = m.group()
    if m.group("first"):
        return Quantity(1.0, text[m.start() : m.end() + 1], "ordinal")
    if m.group("half"):  # also 50%: 减少一半 "cut by 50 per cent", 增长50% "grew by half"
        return _qualified(text, m.start(), m.end(), Quantity(0.5, s, alts=(50.0,)))
    if m.group("halfyear"):
        return Quantity(0.5, s, soft=True)
    if m.group("fan"):
        n = ZH_DIGITS[m.group("fann")] if m.group("fann") else 1  # 翻番 = 翻一番 = 翻倍: doubled
        return Quantity(float(2**n), s, "times", soft=True)
    if m.group("shang"):
        nm = _SCALE_RUN.match(text, m.end())
        v = _zh_value("一" + nm.group()) if nm else None
        if nm is None or v is None:
            return None
        return Quantity(v, s + nm.group(), qualifier=MORE, soft=True)
    if m.group("again"):
        return Quantity(2.0, s, "ordinal", soft=True)  # 再次: "for the second time", "again"
    if m.group("pair"):
        return Quantity(2.0, s, soft=True)  # 双方, 双边: "the two sides", "bilateral"
    return None


# -- approximations as a reader takes them -----------------------------------------------------
# A range carries one approximation for both ends: 约占…1.4%至4% and "about 1.4 to 4 per cent",
# 30至40人左右 and "about 30 to 40 people". Two numbers are one range when only a connector stands
# between them (and a unit or a per cent after the first).
_ZH_RANGE_GAP = re.compile(r"\s*(?:%|个百分点|[人个项名家种国])?\s*(?:至|到|～|~|-|–|—|或)\s*")
_EN_RANGE_GAP = re.compile(r"\s*(?:%|per cent|percent)?\s*(?:to|and|or|–|-|—)\s*", re.IGNORECASE)
# 高达/多达/最高 200万 "up to USD 2 million"; 达 alone ("amounting to") is no "more than"
# 可占到30%, 可达, 最高, 最多, 可以达到: a ceiling, read as "up to", "as much as" as well
_ZH_UP_TO = re.compile(
    r"(?:高达|多达|最高(?:可)?达?|最多(?:可)?(?:占到?|达到?)?|可(?:以)?(?:占到?|达到?)|达到?)\s*$"
)
# "over eight months": over as "during"; "an estimated 2 billion", "estimated at 4%": about
_EN_SPAN_AFTER = re.compile(r"\s*(?:years?|months?|weeks?|days?|decades?|hours?|periods?)\b", re.IGNORECASE)
_EN_ESTIMATED = re.compile(r"\b(?:estimated|projected)\s+(?:at\s+)?$", re.IGNORECASE)
_EN_ESTIMATED_HINT = re.compile(r"estimated|projected", re.IGNORECASE)  # in every match of the above
# What re's IGNORECASE matches to an ASCII letter besides its two cases (tests/test_numerals.py)
_CASE_ODD = frozenset("\u0130\u0131\u017f\u212a")  # İ ı ſ and the Kelvin sign


def _may_be_estimated(text: str) -> bool:
    """Whether ``text`` may hold "estimated" or "projected" as _EN_ESTIMATED_HINT finds them:
    by lower() and a substring test, the regex only for a text with a letter re folds oddly
    (a case-insensitive search is tried at every position: it cost more than it saved)."""
    low = text.lower()
    if "estimated" in low or "projected" in low:
        return True
    return not _CASE_ODD.isdisjoint(text) and _EN_ESTIMATED_HINT.search(text) is not None


_Approx = tuple[str | None, frozenset[str | None]]
# The ceiling verb may stand earlier in the clause: 可占到一国国内生产总值的30% ("up to 30 per
# cent of a country's GDP"); 可持续 is no 可占.
_ZH_CEILING = re.compile(r"高达|多达|最高|最多|可(?:以)?(?:占|达)")
_ZH_CLAUSE_END = re.compile(r"[，。；：！？,;:!?]")
_CEILING_REACH = 16
_CEILING_CHARS = frozenset("高多最可达")  # every match of _ZH_UP_TO and _ZH_CEILING holds one


def _zh_up_to(text: str, a: int) -> bool:
    """Whether the number at ``a`` is read under a ceiling (高达, 可占到…): "up to" agrees."""
    if _CEILING_CHARS.isdisjoint(text[max(0, a - _CEILING_REACH) : a]):
        return False  # the common case: neither pattern can match in the window
    if _ZH_UP_TO.search(text, max(0, a - 6), a):
        return True
    window = text[max(0, a - _CEILING_REACH) : a]
    ends = [m.end() for m in _ZH_CLAUSE_END.finditer(window)]
    return _ZH_CEILING.search(window, ends[-1] if ends else 0) is not None


def zh_approximations(text: str, quantities: list[Quantity]) -> list[_Approx]:
    """For each of ``quantities`` (read from ``text``), its approximation as the reader takes
    it (a range's for both ends) and the others its wording also allows (高达 "up to")."""
    if not quantities:
        return []
    text = nfkc(text)
    spans = positions(text, quantities)
    out: list[_Approx] = []
    for q, (a, _b) in zip(quantities, spans, strict=True):
        also = frozenset({LESS}) if a >= 0 and _zh_up_to(text, a) else frozenset()
        out.append((q.qualifier, also))
    return _spread(text, quantities, spans, out, _ZH_RANGE_GAP)


def en_approximations(text: str, quantities: list[Quantity]) -> list[_Approx]:
    """As :func:`zh_approximations`, for English: "over eight months" may be no approximation
    (over = during), "an estimated 2 billion" may be "about"."""
    if not quantities:
        return []
    text = nfkc(text)
    spans = positions(text, quantities)
    estimated = _may_be_estimated(text)  # most texts: no search per number
    out: list[_Approx] = []
    for q, (a, b) in zip(quantities, spans, strict=True):
        also: set[str | None] = set()
        if a >= 0:
            if q.text[:5].lower() == "over " and _EN_SPAN_AFTER.match(text, b):
                also.add(None)
            if estimated and _EN_ESTIMATED.search(text, max(0, a - 20), a):
                also.add(ABOUT)
        out.append((q.qualifier, frozenset(also)))
    return _spread(text, quantities, spans, out, _EN_RANGE_GAP)


def positions(text: str, quantities: list[Quantity]) -> list[tuple[int, int]]:
    """Where each of ``quantities`` (read from ``text``, in order) stands, searched in order
    ((-1, -1) when its text was normalised away). Linear: each search starts where the last
    one ended."""
    out, at = [], 0
    for q in quantities:
        k = text.find(q.text, at) if q.text else -1
        if k < 0:
            out.append((-1, -1))
            continue
        out.append((k, k + len(q.text)))
        at = k + len(q.text)
    return out


def _spread(
    text: str,
    quantities: list[Quantity],
    spans: list[tuple[int, int]],
    approx: list[_Approx],
    gap: re.Pattern[str],
) -> list[_Approx]:
    """A range's first approximation given to every end of it."""
    out = list(approx)
    if all(a is None and not also for a, also in approx):
        return out  # no approximation to give (most texts): the ranges need not be found
    order = sorted((a, b, i) for i, (a, b) in enumerate(spans) if a >= 0)
    k = 0
    while k < len(order):
        j = k
        while (
            j + 1 < len(order)
            and order[j][1] <= order[j + 1][0]
            and gap.fullmatch(text, order[j][1], order[j + 1][0])
        ):
            j += 1
        if j > k:
            group = [order[m][2] for m in range(k, j + 1)]
            shared = next((approx[i][0] for i in group if approx[i][0] is not None), None)
            # what the wording allows holds for every end too ("an estimated 1.4 to 4 per cent")
            also = frozenset().union(*(approx[i][1] for i in group))
            for i in group:
                out[i] = (approx[i][0] if shared is None else shared, also)
        k = j + 1
    return out


def zh_numbers(text: str) -> set[float]:
    """Values of the numbers in Chinese text (soft ones included)."""
    out: set[float] = set()
    for q in zh_quantities(text):
        _add(out, q.value)
    return out


# -- English ------------------------------------------------------------------------------------

_EN_SMALL = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
}
_EN_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALE = {"hundred": 100, "thousand": 1000, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_ORD = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
    "eleventh": 11,
    "twelfth": 12,
    "thirteenth": 13,
    "fourteenth": 14,
    "fifteenth": 15,
    "sixteenth": 16,
    "seventeenth": 17,
    "eighteenth": 18,
    "nineteenth": 19,
    "twentieth": 20,
    "thirtieth": 30,
    "fortieth": 40,
    "fiftieth": 50,
    "sixtieth": 60,
    "seventieth": 70,
    "eightieth": 80,
    "ninetieth": 90,
}
_MONTHS = {
    m: i
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ],
        start=1,
    )
}
_MONTH_NAMES = {float(i): m.capitalize() for m, i in _MONTHS.items()}
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "thirds": 1 / 3, "quarters": 0.25}
# Words that stand for a number without being one: they may match a number of the source
# (两者 "both", 增加一倍 "double") but are never reported on their own.
_SOFT_WORDS = {
    "both": 2,
    "double": 2,
    "doubled": 2,
    "doubles": 2,
    "doubling": 2,
    "twofold": 2,
    "triple": 3,
    "tripled": 3,
    "triples": 3,
    "tripling": 3,
    "treble": 3,
    "trebled": 3,
    "trebles": 3,
    "trebling": 3,
    "threefold": 3,
    "quadruple": 4,
    "quadrupled": 4,
    "quadruples": 4,
    "quadrupling": 4,
    "fourfold": 4,
    "fivefold": 5,
    "sixfold": 6,
    "sevenfold": 7,
    "eightfold": 8,
    "ninefold": 9,
    "tenfold": 10,
    "hundredfold": 100,
    "halve": 0.5,  # 减半; read as a half (and 50%: 减少50% "halved")
    "halved": 0.5,
    "halves": 0.5,
    "halving": 0.5,
    "dozen": 12,
    "firstly": 1,
    "secondly": 2,
    "thirdly": 3,
}
# Words before a number that label it (Pillar 1, Part One): there "one" is the number 1.
_LABELS = {
    "part",
    "pillar",
    "goal",
    "phase",
    "chapter",
    "volume",
    "issue",
    "number",
    "no",
    "day",
    "tier",
    "stage",
    "section",
    "level",
    "round",
    "target",
    "indicator",
    "article",
    "annex",
    "table",
    "figure",
    "step",
    "option",
    "track",
    "group",
    "category",
    "type",
    "principle",
    "priority",
}
_FIRST_WORDS = ("first", "inaugural", "first-ever", "maiden", "initial")
# zero-waste, net zero emissions: an adjective (零排放 is no number either)
_ZERO_NOUNS = {"emission", "emissions", "waste", "carbon", "deforestation", "hunger", "pollution"}
_CURRENCY = {"usd", "us", "$", "eur", "€", "£", "gbp", "rmb", "cny", "chf", "jpy", "¥"}
_EN_BEFORE = {
    ("no", "more", "than"): LESS,
    ("not", "more", "than"): LESS,
    ("no", "less", "than"): MORE,
    ("no", "fewer", "than"): MORE,
    ("in", "excess", "of"): MORE,
    ("more", "than"): MORE,
    ("upwards", "of"): MORE,
    ("at", "least"): MORE,
    ("less", "than"): LESS,
    ("fewer", "than"): LESS,
    ("close", "to"): LESS,
    ("up", "to"): LESS,
    ("at", "most"): LESS,
    ("just", "under"): LESS,
    ("just", "over"): MORE,
    ("over",): MORE,
    ("above",): MORE,
    ("exceeding",): MORE,
    ("exceed",): MORE,
    ("exceeds",): MORE,
    ("exceeded",): MORE,
    ("nearly",): LESS,
    ("almost",): LESS,
    ("under",): LESS,
    ("below",): LESS,
    ("approaching",): LESS,
    ("about",): ABOUT,
    ("around",): ABOUT,
    ("approximately",): ABOUT,
    ("roughly",): ABOUT,
    ("some",): ABOUT,
    ("circa",): ABOUT,
    ("approx",): ABOUT,
    ("~",): ABOUT,
}
_EN_AFTER = {
    ("+",): MORE,
    ("plus",): MORE,
    ("-", "plus"): MORE,
    ("-", "odd"): MORE,
    ("odd",): MORE,
    ("or", "more"): MORE,
    ("or", "above"): MORE,
    ("or", "so"): ABOUT,
    ("or", "less"): LESS,
    ("or", "fewer"): LESS,
}
_BEFORE_LAST = frozenset(k[-1] for k in _EN_BEFORE)
# The words a number may start with (the part before a hyphen: twenty-seven, half-day, zero-waste)
# Tokens after digits that change how they read: 2 million, 60%, 3/4, 70-plus, 2 and a half
_EN_PLAIN_STOP = frozenset(
    ["%", "per", "percent", "percentage", "/", "-", "+", "or", "plus", "odd", "and", *_EN_SCALE, *_FRACTIONS]
)
_AFTER_A = frozenset(
    ["hundred", "thousand", "million", "billion", "trillion", "dozen", "quarter", "third", "half"]
)
_STARTS = frozenset(
    [
        *_MONTHS,
        *_EN_SMALL,
        *_EN_TENS,
        *_EN_ORD,
        *_SOFT_WORDS,
        *_FIRST_WORDS,
        "decade",
        "twice",
        "half",
        "a",
        "an",
    ]
)
_AFTER_FIRST = frozenset(k[0] for k in _EN_AFTER)
_PLAIN_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_DIGITS_TOKEN = re.compile(r"(\d[\d,]*(?:\.\d+)?)(st|nd|rd|th)?$")
# (\d first and the look-behind after it: a pattern starting with a look-behind is tried at
# every position of the text, one starting with \d only at digits)
_GLUED_DIGITS = re.compile(r"\d(?<!\d\d)\d*(?=[A-Za-z])(?!(?:st|nd|rd|th)(?![A-Za-z]))")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?|[%/–—+~$€£¥-]")


# Roman numerals numbering parts (Part II, Phase III, Annex I = 第二部分, 第三阶段, 附件一): read
# as the digits they stand for, padded to the same length so that every offset stays.
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}
_ROMAN_WORDS = r"(?P<label>Part|Phase|Chapter|Volume|Stage|Section|Pillar|Annex|Tier|Module|Book|Title)"
_ROMAN_LABEL = re.compile(r"\b" + _ROMAN_WORDS + r"(?P<gap>\s+)(?P<n>VIII|VII|VI|IV|IX|III|II|I|V|X)\b")
# Whether to run _ROMAN_LABEL: the same without its first \b, so that the search skips to the
# first letters of the labels (a pattern starting with \b is tried at every character).
_ROMAN_HINT = re.compile(_ROMAN_WORDS + r"\s+[IVX]")


def _roman_digits(m: re.Match[str]) -> str:
    n = m.group("n")
    return m.group("label") + m.group("gap") + str(_ROMAN[n]).ljust(len(n))


def roman_as_digits(text: str) -> str:
    """``text`` with the Roman numerals of part labels as en_quantities reads them (Part II as
    "Part 2 "): the same length, so that the numbers it reads are found where they stand."""
    return _ROMAN_LABEL.sub(_roman_digits, text) if _ROMAN_HINT.search(text) else text


# Every number en_quantities reads starts at a token of digits or at a word of _STARTS (its part
# before a hyphen; "a", "an" only before a word of _AFTER_A, which is then in the text), or is a
# Roman numeral after a label (Part II). Such a word is a whole run of ASCII letters, in the
# text and in any piece of it cut or blanked where the number rule cuts and blanks glossary
# names (at word boundaries; "s", "es" may be left of a plural).
_EN_WORDS = frozenset({w.partition("-")[0] for w in _STARTS - {"a", "an"}} | _AFTER_A)
_LETTERS = re.compile(r"[A-Za-z]+")
_ASCII_DIGIT = re.compile(r"[0-9]")  # found faster than \d (no Unicode category per character)
_DIGIT = re.compile(r"\d")
_ROMAN_LABEL_WORD = re.compile(_ROMAN_WORDS)


def may_hold_en(text: str) -> bool:
    """False only when :func:`en_quantities` finds no number in ``text``, nor in any piece of
    it or in it with characters blanked (as the number rule masks glossary names): no digit,
    no number word, no Roman numeral that a label may precede, as written or after NFKC."""
    if _ASCII_DIGIT.search(text):
        return True  # the common case, found at once
    folded = nfkc(text)
    for t in (text, folded) if folded != text else (text,):
        if _DIGIT.search(t) or (("I" in t or "V" in t or "X" in t) and _ROMAN_LABEL_WORD.search(t)):
            return True
        if not _EN_WORDS.isdisjoint(w.lower() for w in _LETTERS.findall(t)):
            return True
    return False


def en_quantities(text: str) -> list[Quantity]:
    """The numbers of an English text, in order.

    The loop visits each token that may start a number once, in order, and skips those a
    number read before consumed (``i = max(j, i + 1)``): no input can make it loop forever,
    whatever a branch decides about ``j``."""
    text = _prepare(text)
    text = roman_as_digits(text)
    # digits glued to letters after them are part of a name (10YFP, GO4SDGs, CO2PL)
    # (only from the first digit of a run: retrying inside a long digit run is quadratic)
    text = _GLUED_DIGITS.sub(" ", text)
    # the tokens as strings (findall makes no match objects); where they stand is asked only
    # for a number that is not plain digits, by the same pattern (the same tokens, in order)
    tokens: list[str] = _WORD.findall(text)
    spans: list[tuple[int, int]] | None = None
    # The tokens in lower case, by one lower() of them all (no token holds a line break), and
    # the tokens that may start a number (a digit, a word of _STARTS before any hyphen): the
    # loop visits those alone.
    lows = "\n".join(tokens).lower().split("\n") if tokens else []
    starts = [
        k
        for k, w in enumerate(lows)
        if w in _STARTS or w[0].isdecimal() or ("-" in w and w.partition("-")[0] in _STARTS)
    ]
    out: list[Quantity] = []
    n = len(tokens)
    i = 0
    for i0 in starts:
        if i0 < i:
            continue  # inside the number read before
        i = i0
        tok = tokens[i]
        if (
            _PLAIN_NUMBER.fullmatch(tok)  # digits, nothing around that changes them (the common case)
            and (i + 1 == n or lows[i + 1] not in _EN_PLAIN_STOP)
            and (i == 0 or lows[i - 1] not in _BEFORE_LAST)
        ):
            out.append(Quantity(float(tok), tok, figure=True))
            i += 1
            continue
        found, j = _en_value(tokens, lows, i, out)
        if found is not None:
            value, kind, figure, soft = found
            j, kind, figure = _en_percent(lows, j, kind, figure)
            qualifier, k = _en_before(lows, i)
            after, j2 = _en_after(lows, j)
            qualifier = qualifier or after
            if spans is None:
                spans = [m.span() for m in _WORD.finditer(text)]
            a = spans[k][0]
            b = spans[max(j2, i + 1) - 1][1]
            alts = (10.0,) if lows[i] in ("dozen",) or (i + 1 < len(lows) and lows[i + 1] == "dozen") else ()
            if value == 0.5 and lows[i].startswith(("half", "halv")):
                alts = (50.0,)  # "halved", "by half" for 减少50%, 50% as "half"
            out.append(Quantity(value, text[a:b], kind, qualifier, figure, soft, alts))
            j = max(j, j2)
        i = max(j, i + 1)
    return [q for q in out if math.isfinite(q.value)]


def _en_percent(lows: list[str], j: int, kind: str, figure: bool) -> tuple[int, str, bool]:
    if j < len(lows):
        if lows[j] == "%":
            return j + 1, "percent", True
        if lows[j] == "percent":
            return j + 1, "percent", True
        if lows[j] == "per" and j + 1 < len(lows) and lows[j + 1] == "cent":
            return j + 2, "percent", True
        if lows[j] == "percentage" and j + 1 < len(lows) and lows[j + 1] in ("point", "points"):
            return j + 2, "percent", True
    return j, kind, figure


def _en_before(lows: list[str], i: int) -> tuple[str | None, int]:
    """The qualifier before tokens[i] (skipping a currency: more than USD 2 million) and the
    index where the quantity's text starts."""
    k = i
    while k > 0 and lows[k - 1] in _CURRENCY and i - k < 2:
        k -= 1
    if k == 0 or lows[k - 1] not in _BEFORE_LAST:
        return None, i
    for n in (3, 2, 1):
        if k - n >= 0 and tuple(lows[k - n : k]) in _EN_BEFORE:
            return _EN_BEFORE[tuple(lows[k - n : k])], k - n
    return None, i


def _en_after(lows: list[str], j: int) -> tuple[str | None, int]:
    if j >= len(lows) or lows[j] not in _AFTER_FIRST:
        return None, j
    for n in (2, 1):
        # (a slice past the end is shorter than n: "70+" at the end of a text is one token)
        if j + n <= len(lows) and tuple(lows[j : j + n]) in _EN_AFTER:
            return _EN_AFTER[tuple(lows[j : j + n])], j + n
    return None, j


_Found = tuple[float, str, bool, bool]  # value, kind, figure, soft


def _en_value(tokens: list[str], lows: list[str], i: int, out: list[Quantity]) -> tuple[_Found | None, int]:
    """The number starting at tokens[i] (None if there is none) and the index after it.
    Digit lists such as 1,2,3 are added to ``out`` directly."""
    tok = tokens[i]
    low = lows[i]
    if not tok[0].isdigit() and low.split("-", 1)[0] not in _STARTS:
        return None, i + 1  # the common case: a word that starts no number
    nxt = lows[i + 1] if i + 1 < len(lows) else ""
    if low in ("a", "an") and nxt not in _AFTER_A:
        return None, i + 1
    value: float | None = None
    kind, figure, soft = "cardinal", False, False
    cardinal = True  # a fraction word may follow (two thirds), not after an ordinal (third quarter)
    j = i + 1
    if tok[0].isdigit():
        m = _DIGITS_TOKEN.match(tok)
        if not m:
            return None, j
        digits = m.group(1)
        figure = True
        if m.group(2):
            kind, cardinal = "ordinal", False
        if "," in digits and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
            for p in digits.split(","):
                if p:
                    v = float(p)
                    if math.isfinite(v):
                        out.append(Quantity(v, p, figure=True))
            return None, j
        value = float(digits.replace(",", ""))
        if j + 1 < len(tokens) and tokens[j] == "/" and re.fullmatch(r"\d+(?:\.\d+)?", tokens[j + 1]):
            den = float(tokens[j + 1])
            # 1/3, 3/4 are fractions; 2022/2023 (two years), 24/7 and 3/0 are two numbers
            if 0 < den <= 100 and value < den:
                value = value / den
                j += 2
    elif low in _MONTHS:
        after_digit = i > 0 and tokens[i - 1][0].isdigit()
        before_digit = i + 1 < len(tokens) and tokens[i + 1][0].isdigit()
        after_prep = i > 0 and lows[i - 1] in (
            "in",
            "from",
            "between",
            "since",
            "until",
            "to",
            "of",
            "early",
            "late",
            "mid",
        )
        if low == "may" and not (after_digit or before_digit or after_prep):
            return None, j  # the verb "may"
        value, kind = _MONTHS[low], "month"
    elif low == "decade":
        value = 10
    elif low in _FIRST_WORDS:
        value, kind, cardinal = 1, "ordinal", False
    elif low == "second" or low.startswith("second-"):
        if (i > 0 and lows[i - 1] == "a") or nxt == "hand" or low == "second-hand":
            return None, j  # a second time (another), second-hand
        value, kind, cardinal = 2, "ordinal", False
    elif low in _EN_ORD or (low.split("-")[0] in _EN_ORD and low.split("-")[-1] not in _EN_ORD):
        # fourth, third-tier, second-largest (twenty-seventh is read by _en_words)
        value, kind, cardinal = _EN_ORD[low.split("-")[0]], "ordinal", False
        if low == "third" and i > 0 and lows[i - 1] in ("a", "one"):
            value, kind = 1 / 3, "cardinal"
    elif low == "twice":
        value, kind = 2, "times"
    elif low in _SOFT_WORDS:
        value, soft = _SOFT_WORDS[low], True
        if low.endswith(("ly", "both", "dozen")) or low.startswith("halv"):
            kind = "ordinal" if low.endswith("ly") else "cardinal"
        else:
            kind = "times"  # double, triple, threefold
    elif low == "half" or low.startswith("half-"):
        value, cardinal = 0.5, False
        soft = low != "half"  # a half-day workshop: 半天 is not read
    elif low == "zero" and (nxt in _ZERO_NOUNS or (i > 0 and lows[i - 1] in ("net", "near"))):
        return None, j
    elif low.startswith("zero-"):
        return None, j  # zero-emission, zero-waste: an adjective (零排放 is no number either)
    elif low in ("a", "an") and nxt in ("hundred", "thousand", "million", "billion", "trillion"):
        v, j = _en_words(tokens, i, first="one")
        value = v
    elif low in ("a", "an") and nxt == "dozen":
        return (12.0, "cardinal", False, True), i + 2
    elif low.split("-")[0] in _EN_SMALL or low.split("-")[0] in _EN_TENS:
        value, j = _en_words(tokens, i)
        follows = lows[j] if j < len(lows) else ""
        whole = follows in ("third", "quarter", "half", *_EN_SCALE) or lows[j : j + 3] == ["and", "a", "half"]
        if low == "one" and value == 1 and not whole:
            if i > 0 and lows[i - 1] in _LABELS:
                return (1.0, "cardinal", False, False), j  # Part One, Pillar one, Goal one
            return None, j  # "one" as a pronoun/article: too ambiguous to count
    elif low in ("a", "an") and nxt in ("quarter", "third", "half"):
        return (_FRACTIONS[nxt], "cardinal", False, False), i + 2
    if value is None:
        return None, j
    if cardinal:
        # fractions written in words: one third, two thirds, three quarters
        if j < len(tokens) and lows[j] in _FRACTIONS and value < 10:
            value = value * _FRACTIONS[lows[j]]
            j += 1
        # two and a half, one and a half
        elif (
            j < len(lows)
            and lows[j] == "and"
            and lows[j + 1 : j + 3] == ["a", "half"]
            and value == int(value)
        ):
            value += 0.5
            j += 3
    # scale words after digits or words: 2 billion, 1.3 million, four hundred
    while j < len(tokens) and lows[j] in _EN_SCALE:
        value *= _EN_SCALE[lows[j]]
        figure = True
        j += 1
    return (float(value), kind, figure, soft), j


# Number words by kind, and which kind may follow which: twenty-seven (tens unit), three
# hundred and five (unit hundred and unit), nineteen hundred (teen hundred). An ordinal
# (twenty-seventh, one hundred and first) ends the number.
_FOLLOWS: dict[str | None, frozenset[str]] = {
    None: frozenset({"unit", "teen", "tens"}),
    "unit": frozenset({"hundred"}),
    "teen": frozenset({"hundred"}),
    "tens": frozenset({"unit", "hundred"}),
    "hundred": frozenset({"and", "unit", "teen", "tens"}),
    "and": frozenset({"unit", "teen", "tens"}),
}


def _kind(word: str) -> tuple[str, int, bool] | None:
    """(kind, value, is ordinal) of one number word, or None."""
    if word in _EN_SMALL or word in _EN_ORD:
        ordinal = word in _EN_ORD
        v = _EN_ORD[word] if ordinal else _EN_SMALL[word]
        if v >= 20:
            return "tens", v, ordinal
        return ("unit" if v < 10 else "teen"), v, ordinal
    if word in _EN_TENS:
        return "tens", _EN_TENS[word], False
    if word == "hundred":
        return "hundred", 100, False
    if word == "and":
        return "and", 0, False
    return None


@dataclass
class _Words:
    """State of reading number words: the value so far and the kind of the last word."""

    total: int = 0
    last: str | None = None
    hundred: bool = False  # one "hundred" per number: "one hundred one hundred" is two
    done: bool = False  # an ordinal ended the number

    def take(self, word: str) -> bool:
        """Add one word if it continues the number; False (state unchanged) if not."""
        k = _kind(word)
        if self.done or k is None or k[0] not in _FOLLOWS[self.last]:
            return False
        kind, v, ordinal = k
        if kind == "hundred":
            if self.hundred:
                return False
            self.hundred = True
            self.total *= 100
        else:
            self.total += v
        self.last, self.done = kind, ordinal
        return True


def _en_words(tokens: list[str], i: int, first: str | None = None) -> tuple[float, int]:
    """Parse number words from tokens[i] (which starts with one): twenty-seven, three hundred
    and five, twenty-seventh, one-hundred-and-first, a twenty-year plan (20), two-thirds.
    ``first`` reads tokens[i] as another word (the "a" of "a hundred" as "one").

    Returns (value, j) with j > i: tokens[i] is always consumed. A later token is consumed
    only when all of it continues the number; "and" only with the word after it."""
    state = _Words()
    j = i
    while j < len(tokens) and not state.done:
        parts = (first if j == i and first else tokens[j]).lower().split("-")
        trial = replace(state)
        taken = 0
        for p in parts:
            if not trial.take(p):
                break
            taken += 1
        if j == i:
            # the first token: its number prefix counts, the rest is a compound (twenty-year)
            # or a fraction (two-thirds)
            state = trial
            j += 1
            rest = parts[taken:]
            if rest and rest[0] in _FRACTIONS and len(rest) == 1 and 0 < state.total < 10:
                return state.total * _FRACTIONS[rest[0]], j
            if rest:
                break
            continue
        if taken < len(parts) or trial.last == "and":
            if taken == len(parts) and j + 1 < len(tokens):
                # "and" must be followed by a number word to belong to the number
                nxt = replace(trial)
                if all(nxt.take(p) for p in tokens[j + 1].lower().split("-")):
                    state = nxt
                    j += 2
                    continue
            break
        state = trial
        j += 1
    assert j > i, "a number reader must consume at least one token"
    return float(state.total), j


def en_numbers(text: str) -> set[float]:
    """Values of the numbers in English text (words and digits, soft ones included)."""
    out: set[float] = set()
    for q in en_quantities(text):
        _add(out, q.value)
    return out


def _add(out: set[float], v: float) -> None:
    """Add a finite value: an overflow (10^400, a chain of "million") is no number to compare."""
    if math.isfinite(v):
        out.add(_norm(v))


def _norm(v: float) -> float:
    return round(v, 6) if not math.isinf(v) else v


def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
