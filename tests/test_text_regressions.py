"""Regressions for the crashes and hangs fuzzing found in the text functions (tests/test_fuzz.py).

Each call runs under a time limit, so a quadratic or endless loop fails instead of stalling.
"""

from __future__ import annotations

import pytest

from sppterm import numerals, zh
from sppterm.bulletin.seed import import_text
from sppterm.checks.base import CheckUnit, Context
from sppterm.checks.numbers import _fmt
from sppterm.checks.registry import BY_ID
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from tests.conftest import ROOT
from tests.timeguard import time_limit


@pytest.fixture(scope="module")
def ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


@pytest.mark.parametrize("v", [float("inf"), float("-inf"), float("nan"), 1e300, 1.3e13, 1 / 3, 27.0])
def test_fmt_never_raises(v: float) -> None:
    assert _fmt(v)  # int(inf) used to raise OverflowError


@pytest.mark.parametrize(
    ("key", "target"),
    [
        ("9" * 309, "0"),  # zh_numbers gave inf, the message's _fmt(inf) raised OverflowError
        ("三分之一", "1" + "0" * 400),
        ("零分之三", "3/0"),  # ZeroDivisionError on both sides
        ("第二十七次会议", "the twenty-seventh meeting"),  # endless loop in en_numbers
    ],
    ids=["309-digits", "400-digits", "zero-denominator", "hyphenated-ordinal"],
)
def test_number_rule_on_bad_numbers(ctx: Context, key: str, target: str) -> None:
    unit = CheckUnit("x.po", 1, key, target)
    with time_limit(2.0, "number rule"):
        list(BY_ID["number"].check(unit, ctx))


def test_number_rule_hyphenated_ordinal_agrees(ctx: Context) -> None:
    unit = CheckUnit("x.po", 1, "第二十七次缔约方大会", "the twenty-seventh Conference of the Parties")
    with time_limit(2.0, "number rule"):
        assert list(BY_ID["number"].check(unit, ctx)) == []


@pytest.mark.parametrize("head", ["2022年第{}期", "总第{}期"], ids=["issue", "serial"])
def test_importer_huge_issue_number(head: str) -> None:
    """int() refuses more than 4300 digits: the masthead reader raised ValueError."""
    with time_limit(2.0, "import_text"):
        imported = import_text(head.format("9" * 5000) + "\n\n正文。\n", "2099-01", "x.txt")
    assert imported.meta.get("issue") is None and imported.meta.get("serial") is None


def test_importer_issue_number_still_read() -> None:
    imported = import_text("2022年第4期\n\n总第10期\n\n正文。\n", "2099-01", "x.txt")
    assert (imported.meta["year"], imported.meta["issue"], imported.meta["serial"]) == (2022, 4, 10)


def test_importer_autolinks_and_a_row_of_angle_brackets() -> None:
    with time_limit(2.0, "import_text"):  # was 3 s: the autolink pattern scanned on from every <
        import_text("<" * 40000 + "\n", "2099-01", "x.txt")
    text = import_text("联系<spp@unep.org>或<https://a.org/b>。\n", "2099-01", "x.txt").markdown
    assert "spp@unep.org" in text and "https://a.org/b" in text and "<spp" not in text


@pytest.mark.parametrize(
    "text",
    ["a" * 40000, "可" * 40000, "1" * 40000, "_" * 40000, "-a" * 20000, "1.1!" * 10000],
    ids=["latin", "cjk", "digits", "underscore", "hyphens", "numbers-and-ends"],
)
def test_long_runs_are_linear(text: str) -> None:
    """A regex retried from every character of a long word (the e-mail pattern, digits glued to
    letters, 3.5-style numbers) took 3-40 s on 40,000 characters; so did the sentence splitter's
    check of every terminal against every protected span."""
    for fn in (numerals.zh_numbers, numerals.en_numbers, zh.sentences):
        with time_limit(1.0, fn.__name__):
            fn(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("见www.a.org/1.2。下一句！", ["见www.a.org/1.2。", "下一句！"]),
        ("邮件a.b@c.org。版本v1.2发布。增长3.5%！", ["邮件a.b@c.org。", "版本v1.2发布。", "增长3.5%！"]),
        ("123.45!好", ["123.45!", "好"]),
    ],
)
def test_sentences_protected_spans(text: str, expected: list[str]) -> None:
    assert zh.sentences(text) == expected


def test_numbers_skip_links_and_emails() -> None:
    assert numerals.en_numbers("write to spp2022@unep.org or www.a.org/27") == set()
    assert numerals.zh_numbers("联系spp2022@unep.org，见https://a.org/27") == set()
    assert numerals.en_numbers("10YFP 12th GO4SDGs") == {12}


@pytest.mark.parametrize(
    ("key", "target", "expected"),
    [
        ("请联系wangj@mepcec.com。", "Please contact wangj@mepcec.com.", []),  # \w matched 请联系
        (
            "邮箱：spp@unep.org，网址www.oneplanetnetwork.org",
            "E-mail: spp@unep.org; www.oneplanetnetwork.org",
            [],
        ),
        ("请联系wangj@mepcec.com。", "Please contact wang@mepcec.com.", ["wangj@mepcec.com"]),
    ],
)
def test_email_touching_chinese(ctx: Context, key: str, target: str, expected: list[str]) -> None:
    found = list(BY_ID["url-email"].check(CheckUnit("t.po", 1, key, target), ctx))
    assert len(found) == len(expected), [f.message for f in found]
    assert all(e in f.message for f, e in zip(found, expected, strict=True))
    for f in found:
        assert "请" not in f.message  # the span shown is the address, not the Chinese before it
