"""Numbers in Chinese and English text, as values that can be compared.

Chinese: Arabic and full-width digits with separators and decimals, Chinese numerals
(一…九 十 百 千 两 零), scale words 万 (10⁴) 亿 (10⁸) 万亿 (10¹²), 百分之二十 (20%),
三分之一 (1/3), dates (2022年10月18日至19日), ordinals (第4期, 第二十七次).
English: digits, number words (two million, twenty-seven), scale words, ordinals (fourth, 27th),
fractions (a quarter, one third, two thirds), month names (October = 10), decade = 10.

What is compared is the set of values: 13万亿美元 and USD 13 trillion both give 1.3e13.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, replace

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
_MEASURE = "个项名家次届期年月日天种类场份条点倍大位国部批所组轮层级篇本张者"
_CO2 = re.compile(r"(?<![A-Za-z0-9])CO2(?![A-Za-z0-9])")
_URL = URL_RE
_URL_EMAIL = re.compile(URL + "|" + EMAIL)


def _drop_links(text: str) -> str:
    """URLs and e-mail addresses as spaces: their digits are no numbers (the e-mail pattern
    only when there is an @: text without one is the common case)."""
    return (_URL_EMAIL if "@" in text else _URL).sub(" ", text)


def _zh_int(s: str) -> float | None:
    """Value of a Chinese numeral without scale words (二十七 → 27, 两百 → 200, 十一 → 11)."""
    if not s:
        return None
    if all(c in ZH_DIGITS for c in s) and len(s) > 1:  # 二〇二二 read digit by digit
        # float, not int: int() refuses more than 4300 digits, float() gives inf
        return float("".join(str(ZH_DIGITS[c]) for c in s))
    total, digit = 0, None
    for c in s:
        if c in ZH_DIGITS:
            digit = ZH_DIGITS[c]
        elif c in ZH_UNITS:
            total += (digit if digit is not None else 1) * ZH_UNITS[c]
            digit = None
        else:
            return None
    return float(total + (digit or 0))


def _arabic(s: str) -> float:
    return float(s.replace(",", "").replace("，", ""))


_ZH_NUMBER = re.compile(
    r"(?P<pct>百分之)?"
    r"(?P<num>\d[\d,]*(?:\.\d+)?|[" + _ZH_NUM_CHARS + r"]+)"
    r"(?P<scale>万亿|亿|万)?"
    r"(?P<frac>分之(?P<den>[" + _ZH_NUM_CHARS + r"]+|\d+))?"
)


def zh_numbers(text: str) -> set[float]:
    """Values of the numbers in Chinese text."""
    text = _CO2.sub(" ", unicodedata.normalize("NFKC", _drop_links(text)))
    out: set[float] = set()
    for m in _ZH_NUMBER.finditer(text):
        num, scale = m.group("num"), m.group("scale")
        end = m.end()
        before = text[m.start() - 1] if m.start() > 0 else ""
        if (
            before
            and not num[0].isdigit()
            and (before in "数几" or (before in "上成" and num[0] in "百千万"))
        ):
            continue  # 数千 "thousands", 几十 "dozens", 上千 "over a thousand": approximate
        if num[0].isdigit():
            # digits inside an identifier such as 10YFP or GO4SDGs are names, not numbers
            if re.match(r"[A-Za-z]", text[end : end + 1]):
                continue
            value = _arabic(num)
        else:
            single = len(num) == 1 and not scale and not m.group("frac")
            if single and (num == "一" or not text[end : end + 1] or text[end : end + 1] not in _MEASURE):
                continue
            v = _zh_int(num)
            if v is None:
                continue
            value = float(v)
        if m.group("frac"):
            den_s = m.group("den")
            den = _arabic(den_s) if den_s[0].isdigit() else _zh_int(den_s)
            # 零分之三, 三分之零 and overflowing digit strings are no fractions
            if den and value and math.isfinite(den) and math.isfinite(value):
                # 三分之一: the denominator comes first, the numerator follows 分之
                _add(out, den / value)
            continue
        if scale:
            value *= ZH_SCALES[scale]
        _add(out, value)
    return out


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
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3, "thirds": 1 / 3, "quarters": 0.25}
_GLUED_DIGITS = re.compile(r"(?<!\d)\d+(?=[A-Za-z])(?!(?:st|nd|rd|th)(?![A-Za-z]))")
_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*|\d[\d,]*(?:\.\d+)?(?:st|nd|rd|th)?|[%/–—-]")


def en_numbers(text: str) -> set[float]:
    """Values of the numbers in English text (words and digits).

    Each pass of the loop moves ``i`` forward by at least one token (``i = max(j, i + 1)``), so
    no input can make it loop forever, whatever a branch decides about ``j``."""
    text = _CO2.sub(" ", unicodedata.normalize("NFKC", _drop_links(text)))
    # digits glued to letters after them are part of a name (10YFP, GO4SDGs, CO2PL)
    # (only from the first digit of a run: retrying inside a long digit run is quadratic)
    text = _GLUED_DIGITS.sub(" ", text)
    tokens = _WORD.findall(text)
    out: set[float] = set()
    i = 0
    while i < len(tokens):
        value, j = _en_value(tokens, i, out)
        if value is not None:
            _add(out, value)
        i = max(j, i + 1)
    return out


def _en_value(tokens: list[str], i: int, out: set[float]) -> tuple[float | None, int]:
    """The number starting at tokens[i] (None if there is none) and the index after it.
    Digit lists such as 1,2,3 are added to ``out`` directly."""
    tok = tokens[i]
    low = tok.lower()
    value: float | None = None
    j = i + 1
    if tok[0].isdigit():
        m = re.match(r"(\d[\d,]*(?:\.\d+)?)(st|nd|rd|th)?$", tok)
        if not m:
            return None, j
        digits = m.group(1)
        if "," in digits and not re.fullmatch(r"\d{1,3}(,\d{3})+(\.\d+)?", digits):
            for p in digits.split(","):
                if p:
                    _add(out, _arabic(p))
            return None, j
        value = _arabic(digits)
        if j + 1 < len(tokens) and tokens[j] == "/" and tokens[j + 1][0].isdigit():
            den = _arabic(tokens[j + 1]) if re.fullmatch(r"\d+(?:\.\d+)?", tokens[j + 1]) else 0.0
            if den:  # 3/0 is not a fraction: both numbers are read as they are
                value = value / den
                j += 2
    elif low in _MONTHS:
        after_digit = i > 0 and tokens[i - 1][0].isdigit()
        before_digit = i + 1 < len(tokens) and tokens[i + 1][0].isdigit()
        after_prep = i > 0 and tokens[i - 1].lower() in (
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
        value = _MONTHS[low]
    elif low == "decade":
        value = 10
    elif low in _EN_ORD and low not in ("first", "second"):
        value = _EN_ORD[low]
        if low == "third" and i > 0 and tokens[i - 1].lower() in ("a", "one"):
            value = 1 / 3
    elif (
        low in ("second",)
        and i + 1 < len(tokens)
        and tokens[i + 1].lower() in ("part", "phase", "meeting", "session", "edition", "tier")
    ):
        value = 2
    elif low.startswith("zero-"):
        return None, j  # zero-emission, zero-waste: an adjective (零排放 is no number either)
    elif low.split("-")[0] in _EN_SMALL or low.split("-")[0] in _EN_TENS:
        value, j = _en_words(tokens, i)
        if low == "one" and value == 1:
            if j < len(tokens) and tokens[j].lower() in ("third", "quarter", "half"):
                pass
            else:
                return None, j  # "one" as a pronoun/article: too ambiguous to count
    elif low in ("a", "an") and i + 1 < len(tokens) and tokens[i + 1].lower() in ("quarter", "third", "half"):
        return _FRACTIONS[tokens[i + 1].lower()], i + 2
    if value is None:
        return None, j
    # fractions written in words: one third, two thirds, three quarters
    if j < len(tokens) and tokens[j].lower() in _FRACTIONS and value < 10:
        value = value * _FRACTIONS[tokens[j].lower()]
        j += 1
    # scale words after digits or words: 2 billion, 1.3 million, four hundred
    while j < len(tokens) and tokens[j].lower() in _EN_SCALE:
        value *= _EN_SCALE[tokens[j].lower()]
        j += 1
    return value, j


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


def _en_words(tokens: list[str], i: int) -> tuple[float, int]:
    """Parse number words from tokens[i] (which starts with one): twenty-seven, three hundred
    and five, twenty-seventh, one-hundred-and-first, a twenty-year plan (20), two-thirds.

    Returns (value, j) with j > i: tokens[i] is always consumed. A later token is consumed
    only when all of it continues the number; "and" only with the word after it."""
    state = _Words()
    j = i
    while j < len(tokens) and not state.done:
        parts = tokens[j].lower().split("-")
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


def _add(out: set[float], v: float) -> None:
    """Add a finite value: an overflow (10^400, a chain of "million") is no number to compare."""
    if math.isfinite(v):
        out.add(_norm(v))


def _norm(v: float) -> float:
    return round(v, 6) if not math.isinf(v) else v


def same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-9)
