"""Number readers: a table of Chinese and English texts and the values read from them.

Every call runs under a time limit: a reader that stops advancing must fail here, not hang CI.
"""

from __future__ import annotations

import pytest

from sppterm.numerals import en_numbers, zh_numbers
from tests.timeguard import time_limit

EN = [
    # hyphenated ordinals and compounds (these used to loop forever)
    ("the twenty-seventh session", {27}),
    ("the Twenty-Seventh Session", {27}),
    ("TWENTY-SEVENTH", {27}),
    ("its fifty-first meeting", {51}),
    ("the one-hundred-and-first day", {101}),
    ("the one-hundred-first day", {101}),
    ("the twenty-first century", {21}),
    ("the ninety-ninth", {99}),
    ("a twenty-year plan", {20}),
    ("a thirty-year-old", {30}),
    ("twenty-something", {20}),
    ("a seven-year plan", {7}),
    ("two-thirds of them", {0.666667}),
    ("one-third", {0.333333}),
    ("zero-emission buildings", set()),
    ("zero emissions", set()),  # as 零排放: an adjective, no number
    ("forty-", {40}),
    ("twenty-seventh and twenty-eighth", {27, 28}),
    # ordinals written with spaces
    ("twenty first", {21}),
    ("one hundred and first", {101}),
    ("the thirtieth", {30}),
    ("fifth", {5}),
    # cardinals
    ("twenty-seven", {27}),
    ("Twenty-Seven", {27}),
    ("twenty seven", {27}),
    ("three hundred and five", {305}),
    ("five hundred twenty", {520}),
    ("twenty five hundred", {2500}),
    ("four hundred", {400}),
    ("two hundred thousand", {200000}),
    ("USD 13 trillion", {1.3e13}),
    ("1.3 million", {1.3e6}),
    ("two three", {2, 3}),
    # fractions, months, decades, digits
    ("a quarter", {0.25}),
    ("two thirds", {0.666667}),
    ("one third", {0.333333}),
    ("3/4", {0.75}),
    ("October 2022", {10, 2022}),
    ("in May", {5}),
    ("you may", set()),
    ("a decade", {10}),
    ("27th", {27}),
    ("50 per cent", {50}),
    ("1,2,3", {1, 2, 3}),
    ("10YFP and GO4SDGs", set()),
    # ambiguous words are not numbers
    ("one of them", set()),
    ("first", {1}),  # an ordinal 1 is read; the number rule never reports a 1 in the English
    ("the second phase", {2}),
    # bad input: no crash, no hang, only finite values
    ("3/0", {3, 0}),
    ("0/0", {0}),
    ("1" + "0" * 400, set()),
    ("one" + " million" * 60, set()),
    ("twenty-" * 50, {20}),
    ("-twenty", {20}),
    ("twenty--seventh", {20, 7}),
    ("two" + " million" * 60, set()),
    ("two million " * 3, {2e6}),
    ("2" + " million" * 60, set()),
]

ZH = [
    ("13万亿美元", {1.3e13}),
    ("百分之二十", {20}),
    ("三分之一", {0.333333}),
    ("第二十七次", {27}),
    ("2022年10月18日至19日", {2022, 10, 18, 19}),
    ("第4期", {4}),
    ("二〇二二年", {2022}),
    ("两百家", {200}),
    ("十一个", {11}),
    ("1,234,567元", {1234567}),
    ("3.5%", {3.5}),
    ("数千人", set()),
    ("一些", set()),
    # bad input: a zero numerator, huge digit strings
    ("零分之三", set()),
    ("0分之3", set()),
    ("三分之零", set()),
    ("二" * 5000 + "年", set()),
    ("9" * 5000, set()),
    ("9" * 400 + "万亿", set()),
    ("9" * 400 + "分之一", set()),
]


@pytest.mark.parametrize(("text", "expected"), EN, ids=[t[:30] for t, _ in EN])
def test_en_numbers(text: str, expected: set[float]) -> None:
    with time_limit(2.0, f"en_numbers({text[:40]!r})"):
        assert en_numbers(text) == expected


@pytest.mark.parametrize(("text", "expected"), ZH, ids=[f"zh{k}" for k in range(len(ZH))])
def test_zh_numbers(text: str, expected: set[float]) -> None:
    with time_limit(2.0, f"zh_numbers({text[:40]!r})"):
        assert zh_numbers(text) == expected


def test_case_odd_letters_are_all_that_ignorecase_folds_to_ascii() -> None:
    """numerals._may_be_estimated trusts lower() unless the text holds one of these: they must be
    every character outside ASCII that re's IGNORECASE matches to an ASCII letter."""
    import re
    import sys

    from sppterm import numerals

    letter = re.compile("(?i)[a-z]")
    odd = {chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))}
    assert odd == numerals._CASE_ODD
    for text in ("an ESTIMATED 3", "eſtimated at", "estımated", "Estİmated", "PROJECTED", "nothing"):
        assert numerals._may_be_estimated(text) == bool(numerals._EN_ESTIMATED_HINT.search(text)), text
