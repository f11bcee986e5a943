"""Fuzzing the number readers and the number rule (issue 11): no input hangs or raises.

The pattern of tests/test_fuzz.py, for the functions added with the quantity readers: every call
runs under :func:`time_limit` (hypothesis's ``deadline`` only judges examples that finish) and on
arbitrary Unicode mixed with what numbers in the bulletins are made of: Chinese numerals, scale
words, approximations (约, 近, 逾, 超过, 多, 余, 以上, 左右), ordinals (第, 首届, 二是), fractions,
multiples, English number words, qualifiers (more than, nearly, about), ordinals and currency. The
contracts checked: values are finite, every quantity has its text, descriptions and messages
never raise, and a 40,000-character run of one pattern is read in linear time.
"""

from __future__ import annotations

import functools
import math
import os

from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import numerals
from sppterm.checks.base import CheckUnit, Context
from sppterm.checks.coverage import shared_lexicon
from sppterm.checks.numbers import Numbers
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import SLOW_PATH_ENV, ZhMatcher
from tests.conftest import ROOT
from tests.timeguard import time_limit

LIMIT = 2.0
_DEEP = os.environ.get("SPPTERM_FUZZ_EXAMPLES")
FUZZ = settings(max_examples=int(_DEEP or 150), deadline=1500, derandomize=not _DEEP, database=None)

ZH_PIECES = [
    *"一二三四五六七八九十百千万亿两零〇第首届次期个年月日倍半点分之多余几数上成近约逾超双是其",
    "百分之",
    "万亿",
    "三分之一",
    "十四五",
    "五年规划",
    "两三",
    "三四十",
    "一亿二千万",
    "1亿2000万",
    "20 亿",
    "200 万美元",
    "2019，2020年",
    "15,000",
    "4.18亿",
    "以上",
    "以下",
    "左右",
    "将近",
    "超过",
    "不到",
    "约占",
    "增加一倍",
    "翻两番",
    "一半",
    "半数",
    "上半年",
    "两年半",
    "再次",
    "双方",
    "二是",
    "首次",
    "第二届",
    "%",
    "％",
    "７０",
    "，",
    "。",
    " ",
]
EN_PIECES = [
    "a",
    "an",
    "one",
    "two",
    "and",
    "a half",
    "half",
    "half-day",
    "hundred",
    "thousand",
    "million",
    "dozen",
    "first",
    "inaugural",
    "second",
    "second-hand",
    "third",
    "third-tier",
    "twenty-seventh",
    "twice",
    "double",
    "both",
    "more than",
    "over",
    "nearly",
    "almost",
    "about",
    "some",
    "at least",
    "no more than",
    "or more",
    "-plus",
    "+",
    "~",
    "USD",
    "$",
    "per cent",
    "%",
    "/",
    "2022/2023",
    "1/3",
    "Pillar one",
    "net zero",
    "zero-waste",
    "May",
    "July",
    "70",
    "1,234",
    "12.7.1",
    " ",
    "-",
]
digits = st.from_regex(r"\d{1,5}(?:[,.，]\d{1,3}){0,3}", fullmatch=True)
zh_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(ZH_PIECES), digits, st.text(max_size=3)), max_size=30).map("".join),
)
en_text = st.one_of(
    st.text(max_size=40),
    st.lists(st.one_of(st.sampled_from(EN_PIECES), digits, st.text(max_size=3)), max_size=30).map(" ".join),
)


def call(fn, *args):
    with time_limit(LIMIT, getattr(fn, "__qualname__", repr(fn))):
        return fn(*args)


def _sound(quantities: list[numerals.Quantity]) -> None:
    for q in quantities:
        assert math.isfinite(q.value), q
        assert all(math.isfinite(a) for a in q.alts), q
        assert q.text, q
        assert q.qualifier in (None, numerals.MORE, numerals.LESS, numerals.ABOUT), q
        call(q.describe)


@FUZZ
@given(zh_text)
def test_fuzz_zh_quantities(text: str) -> None:
    _sound(call(numerals.zh_quantities, text))
    assert all(math.isfinite(v) for v in call(numerals.zh_numbers, text))


@FUZZ
@given(en_text)
def test_fuzz_en_quantities(text: str) -> None:
    _sound(call(numerals.en_quantities, text))
    _sound(call(numerals.en_quantities, text.replace(" ", "-")))


@FUZZ
@given(st.floats())
def test_fuzz_display(v: float) -> None:
    assert isinstance(call(numerals.display, v), str)


@functools.cache
def _ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


@FUZZ
@given(zh_text, en_text)
def test_fuzz_number_rule(zh: str, en: str) -> None:
    unit, ctx = CheckUnit("fuzz.po", 1, zh, en), _ctx()  # the glossary is loaded outside the limit
    findings = call(lambda: list(Numbers().check(unit, ctx)))
    assert all(f.rule == "number" and f.message for f in findings)
    assert len({f.message for f in findings}) == len(findings)  # one finding per message


RUNS = [
    "十四五",
    "1亿2000万",
    "约70多个",
    "两三",
    "第二届",
    "首届",
    "百分之三点五",
    "2019，",
    "一亿一",
    "十",
    "亿",
]
RUNS += [
    "近一半",
    "翻一番",
    "双",
    "上千",
    "1,",
    "三点",
    "约占的",
    "70%以上",
    "two and a half ",
    "a hundred and ",
]
RUNS += ["more than 1 ", "second ", "1/3 ", "2022/2023 ", "Pillar one ", "70-plus ", "USD ", "1@a", "1."]


@settings(FUZZ, max_examples=25, deadline=None)  # the per-call time limit does that job here
@given(st.lists(st.sampled_from(RUNS), min_size=1, max_size=3).map("".join))
def test_fuzz_long_number_runs(unit: str) -> None:
    """A 40,000-character run of one number pattern: each reader and the rule in linear time
    (the rule indexes values: comparing number by number was quadratic on such a run)."""
    text = unit * (40000 // len(unit)) + "@"
    ctx = _ctx()  # the glossary is loaded outside the limit
    call(numerals.zh_quantities, text)
    call(numerals.en_quantities, text)
    call(lambda: list(Numbers().check(CheckUnit("fuzz.po", 1, text, text), ctx)))


# -- the fast paths of the number rule (issue 13): the same findings as without them -------------
# Texts without numbers, and what looks like one only after NFKC or after a name is blanked: the
# pre-filters (numerals.may_hold_zh, may_hold_en) must let through every text a number is read from.
ODD_PIECES = [
    "someone",
    "phone",
    "often",
    "Part",
    "II",
    "Section",
    "IV",
    "İ",
    "ı",
    "ſ",
    "\u212a",
    "ﬁrst",
    "ｏｎｅ",
    "Ｐａｒｔ",
    "²",
    "①",
    "Ⅻ",
    "١٢",
    "\uf9d1",
    "㈠",
    "⼀",
    "统一",
    "一些",
    "进一步",
    "首先",
    "半",
    "再",
    "_",
    "-",
    "s",
]
plain_zh = st.lists(st.one_of(st.sampled_from(ODD_PIECES + ZH_PIECES[:12]), st.text(max_size=2)), max_size=12)
plain_en = st.lists(st.one_of(st.sampled_from(ODD_PIECES + EN_PIECES[:16]), st.text(max_size=2)), max_size=12)


def _variants(text: str, cut: tuple[int, int]) -> list[str]:
    """``text``, a piece of it and it with that piece blanked: what the number rule reads of a
    side (names are read alone and blanked in the rest)."""
    a, b = sorted(cut)
    return [text, text[a:b], text[:a] + " " * (b - a) + text[b:]]


@FUZZ
@given(plain_zh.map("".join), st.tuples(st.integers(0, 40), st.integers(0, 40)))
def test_fuzz_may_hold_zh_lets_every_number_through(text: str, cut: tuple[int, int]) -> None:
    if not numerals.may_hold_zh(text):
        for t in _variants(text, cut):
            assert numerals.zh_quantities(t) == [], (text, t)


@FUZZ
@given(plain_en.map(" ".join) | plain_en.map("".join), st.tuples(st.integers(0, 60), st.integers(0, 60)))
def test_fuzz_may_hold_en_lets_every_number_through(text: str, cut: tuple[int, int]) -> None:
    if not numerals.may_hold_en(text):
        for t in _variants(text, cut):
            assert numerals.en_quantities(t) == [], (text, t)


def test_may_hold_on_the_series_and_the_corpus() -> None:
    """Every text of the series and of the labelled corpus that has a number passes the filters,
    and the filters do skip texts (else they would only cost)."""
    from sppterm import yamlloc
    from sppterm.checks import runner
    from sppterm.textio import read_text

    rows = yamlloc.load(read_text(ROOT / "tests/data/check_corpus.yaml"), "corpus")["units"]
    pairs = [(r["zh"], r["en"]) for r in rows]
    pairs += [
        (u.key, u.target or "") for u in runner.load_units(sorted((ROOT / "target_en/po").glob("*.po")), ROOT)
    ]
    for zh, en in pairs:
        assert numerals.may_hold_zh(zh) or not numerals.zh_quantities(zh), zh
        assert numerals.may_hold_en(en) or not numerals.en_quantities(en), en
    assert sum(not numerals.may_hold_zh(zh) and not numerals.may_hold_en(en) for zh, en in pairs) > 50


@functools.cache
def _ctx_for(slow: bool) -> Context:
    """A context built with the fast paths on or off (the lazy name patterns read the switch
    when they are made)."""
    old = os.environ.pop(SLOW_PATH_ENV, None)
    try:
        if slow:
            os.environ[SLOW_PATH_ENV] = "1"
        g = load_glossary(ROOT / "glossary")
        shared_lexicon()  # the dictionary of the counts' nouns, loaded once outside any limit
        return Context(g, ZhMatcher(g), EnglishTerms(g))
    finally:
        os.environ.pop(SLOW_PATH_ENV, None)
        if old is not None:
            os.environ[SLOW_PATH_ENV] = old


def _number_findings(zh: str, en: str, slow: bool) -> list[tuple[str, str, str | None]]:
    old = os.environ.pop(SLOW_PATH_ENV, None)
    try:
        if slow:
            os.environ[SLOW_PATH_ENV] = "1"
        unit = CheckUnit("fuzz.po", 1, zh, en)
        return [(f.message, f.severity, f.term) for f in Numbers().check(unit, _ctx_for(slow))]
    finally:
        os.environ.pop(SLOW_PATH_ENV, None)
        if old is not None:
            os.environ[SLOW_PATH_ENV] = old


GLOSSARY_NAMES = [
    "十年方案框架",
    "10YFP",
    "二十国集团",
    "G20",
    "可持续发展目标12",
    "SDG 12",
    "2030年议程",
    "2030 Agenda",
]


@settings(FUZZ, deadline=None)  # the per-call time limit does that job here
@given(
    st.lists(st.one_of(st.sampled_from(ZH_PIECES + ODD_PIECES + GLOSSARY_NAMES), digits), max_size=10).map(
        "".join
    ),
    st.lists(st.one_of(st.sampled_from(EN_PIECES + ODD_PIECES + GLOSSARY_NAMES), digits), max_size=10).map(
        " ".join
    ),
)
def test_fuzz_number_rule_same_with_fast_paths_off(zh: str, en: str) -> None:
    """The pre-filters, memos and shortcuts of the number rule change no finding."""
    _ctx_for(False), _ctx_for(True)  # the glossary is loaded outside the limit
    fast = call(_number_findings, zh, en, False)
    assert fast == call(_number_findings, zh, en, True)
