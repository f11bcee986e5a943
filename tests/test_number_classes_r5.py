"""Number classes of the fourth blind evaluation (issue 11, helper hN2): multiplier verbs
against the Chinese multiplier, counts swapped between measure-word nouns, months or days
swapped between two dates, 100% rendered by a universal quantifier, a five-year plan's years."""

from __future__ import annotations

import pytest

from sppterm import numerals
from tests.test_number_qualifiers import messages

MULTIPLIER_RIGHT = [
    ("奖金增加一倍。", "The prize money was doubled."),
    ("装机容量将翻一番。", "Installed capacity will double."),
    ("采购额翻了一番。", "Purchases saw a twofold increase."),
    ("将粮食浪费减半。", "Food waste is to be halved."),
    ("采购规模增长了两倍。", "Procurement has tripled."),
    ("采购规模增长了两倍。", "Procurement has grown threefold."),
    ("采购规模提高到两倍。", "Procurement has doubled."),  # 提高到两倍: to twice
    ("支出翻了两番。", "Spending has quadrupled."),
    (
        "各国应避免重复计算，并将回收率提高一倍。",
        "Countries should avoid double counting and double recycling rates.",
    ),
    ("该指南旨在减少一半的一次性塑料。", "The guide aims to halve single-use plastics."),
]
MULTIPLIER_WRONG = [
    ("奖金增加一倍。", "The prize money was tripled.", "tripled"),
    ("装机容量将翻一番。", "Installed capacity will be halved.", "halved"),
    ("将粮食浪费减半。", "Food waste is to be doubled.", "doubled"),
    ("采购规模增长了两倍。", "Procurement has doubled.", "doubled"),
    ("该指南旨在将一次性塑料的使用量减少一半。", "The guide aims to triple single-use plastics.", "triple"),
]


@pytest.mark.parametrize(("zh", "en"), MULTIPLIER_RIGHT)
def test_a_multiplier_verb_that_agrees_is_silent(zh: str, en: str) -> None:
    assert messages(zh, en) == []


@pytest.mark.parametrize(("zh", "en", "verb"), MULTIPLIER_WRONG)
def test_a_multiplier_verb_in_place_of_another_is_an_error(zh: str, en: str, verb: str) -> None:
    found = messages(zh, en)  # messages() asserts every finding is an error
    assert any(f"“{verb}”" in m for m in found), found
    # the verb reported once, as added or as a multiplier
    assert len([m for m in found if m.startswith(f"“{verb}”")]) == 1


def test_a_multiplier_verb_counted_as_another_value_is_named_as_a_multiplier() -> None:
    # 增长两倍 is ×3: "doubled" has a value of the source (2) and is found only as a multiplier
    assert messages("采购规模增长了两倍。", "Procurement has doubled.") == [
        "“doubled” (×2) in the translation is not the source's multiplier: the source has “两倍” (×3)"
    ]
    assert messages("目标是采购额翻倍。", "The target is to double purchases.") == []
    assert messages("采购额翻了一番，废物减少了50%。", "Purchases doubled and waste was halved.") == []


def test_no_multiplier_in_the_source_leaves_the_verb_alone() -> None:
    assert messages("各国应避免重复计算。", "Countries should avoid double counting.") == []


COUNTS_SWAPPED = [
    (
        "来自45个国家的314个组织参与了调查。",
        "45 participating organizations from 314 different countries took part.",
    ),
    ("该标签涵盖6大类45种产品。", "The label covers six products in 45 categories."),
    ("数据库收录了4类共30种产品。", "The database holds four products in 30 categories."),
    (
        "第二部分分析了45个国家314个组织的数据。",
        "Part II analyses data of 45 organizations in 314 countries.",  # Part II read as 2
    ),
]


@pytest.mark.parametrize(("zh", "en"), COUNTS_SWAPPED)
def test_counts_swapped_between_their_nouns_are_an_error(zh: str, en: str) -> None:
    found = messages(zh, en)
    assert any("swapped" in m for m in found), found


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("该标签涵盖6大类45种产品。", "The label covers 45 products in six categories."),
        (
            "第二部分分析了45个国家314个组织的数据。",
            "Part II analyses data of 314 organizations in 45 countries.",
        ),
    ],
)
def test_counts_beside_their_own_nouns_are_silent(zh: str, en: str) -> None:
    assert messages(zh, en) == []


DATES = "该中心于2019年5月获批担任联合领导机构，于2023年6月获批连任。"
MEETINGS = "第一次会议于2022年10月18日举行，第二次会议于2023年3月5日举行。"


def test_months_swapped_between_two_dates_are_an_error() -> None:
    found = messages(DATES, "The centre was approved as co-lead in June 2019 and renewed in May 2023.")
    assert found == [
        "the dates of the source are recombined in the translation: 2019-06, 2023-05 for 2019-05, 2023-06"
    ]


def test_days_swapped_between_two_dates_are_an_error() -> None:
    found = messages(
        MEETINGS, "The first meeting was held on 5 October 2022 and the second on 18 March 2023."
    )
    assert any("2022-10-05, 2023-03-18 for 2022-10-18, 2023-03-05" in m for m in found), found


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (DATES, "Renewed as co-lead in June 2023, the centre had first been approved in May 2019."),
        (MEETINGS, "The first meeting was held on October 18, 2022 and the second on March 5, 2023."),
        (
            "会议于2022年10月18日至19日和2023年3月5日举行。",
            "The meetings were held on 18–19 October 2022 and 5 March 2023.",
        ),
    ],
)
def test_dates_kept_together_are_silent(zh: str, en: str) -> None:
    assert messages(zh, en) == []


@pytest.mark.parametrize(
    "en",
    [
        "By 2025, every new bus in the city will be electric.",
        "By 2025, all of the city's new buses will be electric.",
        "By 2025, the city's new buses will be electric without exception.",
    ],
)
def test_100_percent_as_a_universal_quantifier_is_silent(en: str) -> None:
    assert messages("到2025年，该市100%的新公交车将为电动车。", en) == []


def test_100_percent_dropped_is_still_an_error() -> None:
    assert messages(
        "到2025年，该市100%的新公交车将为电动车。", "By 2025, the city's new buses will be electric."
    )
    # the English "all" renders the source's 所有: the 100% is still missing
    zh = "法国的目标是100%，而所有其他国家的目标都低于50%。"
    assert messages(zh, "France has set a target, while all other countries aim for less than 50 per cent.")


PLAN = "中国在“十四五”规划中提出了绿色采购的目标。"


def test_a_plan_with_its_years_is_silent_and_other_years_an_error() -> None:
    assert messages(PLAN, "China set targets in its 14th Five-Year Plan (2021–2025).") == []
    assert messages(PLAN, "China set targets in its 14th Five-Year Plan.") == []
    assert messages(PLAN, "China set targets in its 14th Five-Year Plan (2021–25).") == []
    found = messages(PLAN, "China set targets in its 14th Five-Year Plan (2021–2026).")
    assert len(found) == 1 and "“2026”" in found[0]
    assert messages(PLAN, "China set targets in its 13th Five-Year Plan (2016–2020).")


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("“十四五”规划", [2021, 2025]),
        ("“十二五”规划", [2011, 2015]),
        ("“十三五”时期", [2016, 2020]),
        ("第十四个五年规划", [2021, 2025]),
        ("十五计划期间", [2001, 2005]),
        ("“一五”计划", [1953, 1957]),
        ("五年规划", []),
        ("十四五个城市", []),
    ],
)
def test_a_plan_names_its_years(text: str, years: list[int]) -> None:
    got = [q.value for q in numerals.zh_quantities(text) if q.soft and q.value > 1900]
    assert got == years
