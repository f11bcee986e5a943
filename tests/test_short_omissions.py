"""Short omissions (issue 11, round 2): a dropped second sentence hidden by a bracketed title,
a dropped half sentence at error level, and what length cannot see.

bench/omission_eval.py measures the rule at scale on planted variants of the series
(drop-sentence, drop-clause, drop-list-item, drop-second-sentence-with-title, add-sentence,
add-clause); these tests pin the mechanisms on the series' own sentences and fuzz the new text
functions.
"""

from __future__ import annotations

import functools

from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks.base import ERROR, CheckUnit, Context
from sppterm.checks.omission import Omission, boundary_fit, bracketed_extras
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from tests.conftest import ROOT
from tests.timeguard import time_limit


@functools.cache
def _ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


def severities(zh: str, en: str) -> list[str]:
    return [f.severity for f in Omission().check(CheckUnit("x.po", 1, zh, en), _ctx())]


# 2021-03, source_zh/2021-03.md:73, as translated in target_en/po/2021-03.po
GUIDE_ZH = "中环联合就《旅游部门塑料采购指南》初稿的架构、内容均衡性和一致性等方面提出了具体的意见。该指南计划在本年度内发布。"
GUIDE_EN = (
    "CEC made detailed comments on the structure, balance and consistency of the first draft of the"
    " tourism plastics procurement guidance (Addressing Plastics in Tourism through Sustainable Procurement)."
)
# 2022-04, source_zh/2022-04.md:33 (its second sentence)
RISK_ZH = (
    "这一数据释放了重大的难以置信的结构性经济、环境和社会转型机会，同时也带来了前所未有的环境和社会风险。"
)
RISK_EN = "This opens up major, almost unimaginable opportunities for structural economic, environmental and social transformation"


def test_a_bracketed_title_no_longer_hides_a_dropped_sentence() -> None:
    assert bracketed_extras(GUIDE_ZH, GUIDE_EN) == [
        "(Addressing Plastics in Tourism through Sustainable Procurement)"
    ]
    assert severities(GUIDE_ZH, GUIDE_EN) == [ERROR]  # beyond -3.6 sd, and the rest fits
    assert severities(GUIDE_ZH, GUIDE_EN + " The guidance is due to be published this year.") == []


def test_brackets_of_content_or_matched_by_the_chinese_count() -> None:
    # content, not a restatement
    assert (
        bracketed_extras(
            "报告涵盖气候、污染和生物多样性。", "The report (including climate, pollution and biodiversity)."
        )
        == []
    )
    # the Chinese has its own bracket: the English one renders it
    assert (
        bracketed_extras(
            "挪威政府采购局（DFØ）", "the Norwegian Agency for Public and Financial Management (DFØ)"
        )
        == []
    )
    assert bracketed_extras(
        "挪威政府采购局", "the Norwegian Agency for Public and Financial Management (DFØ)"
    ) == ["(DFØ)"]


def test_a_dropped_second_half_is_an_error() -> None:
    assert severities(RISK_ZH, RISK_EN + ".") == [ERROR]
    assert (
        severities(RISK_ZH, RISK_EN + ", but it also brings unprecedented environmental and social risks.")
        == []
    )


def test_boundary_fit_prefers_a_dropped_end_to_a_compression() -> None:
    zh = "第一部分介绍了背景情况，第二部分分析了主要问题，第三部分提出了政策建议。"
    whole = 3.42 * 33
    two_thirds = whole * 2 / 3
    assert boundary_fit(zh, whole, two_thirds) < 0.5  # the last clause dropped
    assert boundary_fit("没有逗号的一句话", 30.0, 10.0) == float("inf")


def test_a_dropped_list_item_without_anchors() -> None:
    """解决社会不平等问题 ('tackling social inequality', 20 letters in 260, no number, term or Latin
    token) is within the length model's noise; the dictionary finds it (sppterm.checks.coverage,
    tests/test_lexical_coverage.py)."""
    zh = (
        '"年度进展报告"表明:转变消费和生产模式对于开启低碳和资源高效利用经济,创造绿色和体面就业、'
        "解决社会不平等问题,以及在政策、商业模式和整个经济中嵌入循环经济理念至关重要。"
    )
    en = (
        "The Annual Progress Report shows that transforming consumption and production patterns is vital to"
        " unlocking low-carbon, resource-efficient economies, creating green jobs and decent work, and"
        " embedding circular economy thinking in policies, business models and the economy as a whole."
    )
    assert severities(zh, en)


PIECES = [*"（）()《》，；：。、,;:.", "Addressing Plastics in Tourism", "DFØ", "CEC", "the", "。该指南", " "]
TEXT = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=4)), max_size=80).map("".join)


@settings(max_examples=150, deadline=1500, derandomize=True, database=None)
@given(TEXT, TEXT, st.floats(0, 1e4), st.floats(0, 1e4))
def test_new_text_functions_terminate(zh: str, en: str, zl: float, el: float) -> None:
    with time_limit(2.0):
        extra = bracketed_extras(zh, en)
        assert all(x in en for x in extra)
        f = boundary_fit(zh, zl, el)
        assert f >= 0


def test_long_inputs_stay_fast() -> None:
    zh = "，".join("中文分句" for _ in range(10000))
    en = " ".join("(A Title Of Words)" for _ in range(5000))
    with time_limit(5.0):
        boundary_fit(zh, 3.42 * len(zh), 10.0)
        assert len(bracketed_extras("", en)) == 5000
