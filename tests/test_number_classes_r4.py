"""Number classes of the third blind evaluation (issue 11, round 4): multipliers, 之一,
an approximate year, ceilings, Roman part numbers, counts added for a listed pair, years
inside names, months in English-source blocks. Real glossary, real rule objects."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import numerals
from sppterm.checks import counted
from sppterm.checks.base import CheckUnit
from sppterm.checks.english_copy import EnglishSource
from tests.test_number_qualifiers import _ctx, messages


def test_fanfan_is_doubled() -> None:
    assert messages("到2030年，装机容量将翻番。", "By 2030, capacity will double.") == []
    found = messages("到2030年，装机容量将翻番。", "By 2030, capacity will triple.")
    assert found and "翻番" in found[0] and "triple" in " ".join(found)


def test_one_of_after_a_superlative() -> None:
    zh = "建筑和建设行业是化学品最大的终端市场之一。"
    assert messages(zh, "The sector is one of the largest end markets for chemicals.") == []
    found = messages(zh, "The sector is the largest end market for chemicals.")
    assert found == [
        "最大的终端市场之一 (one of) of the source is not in the translation: without “one of” "
        "or “among” the English claims a superlative"
    ]
    assert messages("该市是最早实施绿色采购的城市之一。", "The city was among the first to do so.") == []
    # 三分之一 is a third, not "one of"
    assert (
        messages("最终达成了保护三分之一生物的协议。", "A deal to protect a third of life was reached.") == []
    )


def test_ceiling_earlier_in_the_clause_reads_up_to() -> None:
    zh = "公共采购可占到一国国内生产总值的30%。"
    assert messages(zh, "Public procurement can account for up to 30 per cent of GDP.") == []
    found = messages(
        "公共采购占一国国内生产总值的30%。", "Public procurement accounts for up to 30 per cent of GDP."
    )
    assert len(found) == 1 and "adds an approximation" in found[0]
    # 可持续 is no ceiling, nor a 可 in an earlier clause
    assert not numerals._zh_up_to("可持续采购占30%", 6)
    assert not numerals._zh_up_to("可达成共识，占30%", 8)


def test_roman_part_numbers() -> None:
    q = numerals.en_quantities("Part II examines the private sector; Phase III starts.")
    assert [x.value for x in q] == [2.0, 3.0]  # read as Part 2, Phase 3 (as 第二部分 = Part 2)
    assert messages("第二部分探讨了私营部门。", "Part II examines the private sector.") == []
    assert messages("第二部分探讨了私营部门。", "Part I examines the private sector.") != []
    # a pronoun I or a Roman numeral without a label is no number
    assert numerals.en_quantities("I think World War II ended.") == []


def test_count_added_for_a_listed_pair() -> None:
    zh = "中环联合和荷兰基础设施和水资源管理部作为联合牵头方出席了会议。"
    en = "The {} co-leads, CEC and the Netherlands Ministry of Infrastructure and Water Management, attended."
    assert messages(zh, en.format("two")) == []
    assert messages(zh, en.format("three")) != []
    assert counted.zh_list_sizes("A和B出席；C、D和E发言") == {2, 3}


def test_year_of_a_name_on_both_sides() -> None:
    zh = '经济与合作组织"2025年全球公共采购论坛"在巴黎举行。'
    assert messages(zh, "The OECD Global Public Procurement Forum 2025 was held in Paris.") == []
    assert messages(zh, "The OECD Global Public Procurement Forum 2024 was held in Paris.") != []


def _english(zh: str, en: str) -> list[str]:
    unit = CheckUnit("x.po", 1, zh, en, english_source=True)
    return [f.message for f in EnglishSource().check(unit, _ctx())]


def test_english_source_months() -> None:
    assert _english("Webinar, 3rd July 2024", "Webinar, 3rd June 2024") == [
        "month 'June' is not in the source (the source has July)"
    ]
    assert _english("Date: 21 September 2021", "Date: 21 Sept. 2021") == []
    assert _english("Date: 21 September 2021", "Date: 21 2021") == [
        "month September of the source is not in the translation"
    ]


messages("30个国家的50个城市。", "50 cities in 30 countries.")  # glossary and dictionary loaded once, untimed


@settings(deadline=2000, max_examples=200)
@given(st.text(alphabet="可以占达最高多持续和、与及，。；30%名 ", max_size=200))
def test_new_readings_terminate(text: str) -> None:
    for a in range(0, len(text) + 1, 7):
        numerals._zh_up_to(text, a)
    counted.zh_list_sizes(text)
    messages(text, "up to 30 per cent, Part II, the two")
