"""Number classes of the fourth blind evaluation (issue 11, helper hN): a figure moved to
another noun (checks.figures), multiplier forms both ways, counts a translator adds for the
items the source names. Real glossary, real dictionary, real rule objects; sentences from the
bulletins."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm import numerals
from sppterm.checks import figures
from sppterm.checks.base import CheckUnit
from sppterm.checks.numbers import Numbers, _sides
from tests.test_number_qualifiers import _ctx, messages
from tests.timeguard import time_limit

TARGETS = "在公共采购招标和工具中纳入气候或环境相关标准方面,法国的目标是100%,立陶宛的目标是95%。"
PRIZES = "2020年，五项举措获得了价值100万美元的奖金；2021年，两名获奖者获得了价值200万美元的奖励。"
NDCS = "虽然93%的更新国家自主贡献纳入了粮食系统的影响，这高于先前国家自主贡献的79%的数值。"
MEMBERS = "目前核心层包含了来自11个国家的15名成员，已有71个成员已经提出了加入第二层级群的申请。"


def _swaps(zh: str, en: str) -> list[str]:
    return [m for m in messages(zh, en) if "swapped" in m]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (TARGETS, "In tenders, France’s target is 95 per cent and Lithuania’s 100 per cent."),
        (TARGETS, "In tenders, the target is 95 per cent in France and 100 per cent in Lithuania."),
        (
            PRIZES,
            "In 2020, five initiatives received USD 2 million; in 2021, two winners received USD 1 million.",
        ),
        (
            NDCS,
            "Although 79 per cent of updated NDCs address food systems, up from 93 per cent of earlier NDCs.",
        ),
        (
            MEMBERS,
            "The core group has 71 members from 11 countries, and 15 members have applied to join the second tier.",
        ),
        (
            "秘书处于2020年发起编制指南的倡议，并于2021年征集意见。",
            "The secretariat launched an initiative to develop guidance in 2021 and called for comments in 2020.",
        ),
    ],
)
def test_a_figure_moved_to_another_noun_is_an_error(zh: str, en: str) -> None:
    found = _swaps(zh, en)
    assert len(found) == 1, messages(zh, en)
    assert messages(zh, en) == found  # every number is there: only the move is reported


def test_a_predicate_shared_by_both_figures_may_stand_in_either_stretch() -> None:
    # the verb phrase ends the second Chinese stretch and opens the first English one: the
    # words nearest each figure decide
    zh = "30%的公共机构和40%的私营企业已制定了可持续采购政策。"
    en = "Sustainable procurement policies have been adopted by {} per cent of public bodies and {} per cent of private companies."
    assert len(_swaps(zh, en.format(40, 30))) == 1
    assert _swaps(zh, en.format(30, 40)) == []
    # a Latin word of the source (GDP) is an anchor too
    zh = "公共采购占经合组织国家GDP的12%和政府支出的29%。"
    en = "Public procurement accounts for {} per cent of GDP and {} per cent of government spending in OECD countries."
    assert len(_swaps(zh, en.format(29, 12))) == 1
    assert _swaps(zh, en.format(12, 29)) == []


def test_the_message_names_both_stretches() -> None:
    (found,) = _swaps(TARGETS, "In tenders, France’s target is 95 per cent and Lithuania’s 100 per cent.")
    assert found == (
        "100% and 95% of the source are swapped in the translation: “France’s target is 95 per cent” "
        "for 法国的目标是100%, “Lithuania’s 100 per cent” for 立陶宛的目标是95%"
    )


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        (TARGETS, "In tenders, France’s target is 100 per cent and Lithuania’s 95 per cent."),
        (TARGETS, "In tenders, Lithuania’s target is 95 per cent, France’s 100 per cent."),  # reordered
        (TARGETS, "In tenders, the targets of France and Lithuania are 100 and 95 per cent respectively."),
        (TARGETS, "In tenders, France and Lithuania aim for 100 per cent and 95 per cent."),  # one stretch
        (TARGETS, "At 100 per cent, France has the highest target; Lithuania follows with 95 per cent."),
        (
            PRIZES,
            "Two winners received USD 2 million in 2021; five initiatives shared USD 1 million in 2020.",
        ),
        (
            NDCS,
            "Although 93 per cent of updated NDCs address food systems, compared with 79 per cent of earlier NDCs.",
        ),
        (
            MEMBERS,
            "In all, 71 members have applied to join the second tier; the core group has 15 members from 11 countries.",
        ),
        # two values of one noun, coordinated on both sides (2022-04: the Global Review)
        (
            "该报告以2013年和2017年前两期全球述评为基础。",
            "Building on the two previous Global Reviews of 2013 and 2017, it takes stock of progress.",
        ),
        # the same value twice: which one moved cannot be said
        (
            "法国的目标是95%，立陶宛的目标是95%，挪威的目标是30%。",
            "France’s target is 30 per cent, Lithuania’s 95 per cent and Norway’s 95 per cent.",
        ),
    ],
)
def test_figures_beside_their_own_nouns_are_silent(zh: str, en: str) -> None:
    assert _swaps(zh, en) == []


def test_only_values_written_once_and_outside_names_are_paired() -> None:
    zh, en = TARGETS, "In tenders, France’s target is 95 per cent and Lithuania’s 100 per cent."
    src, tgt = _sides(zh, en, _ctx())
    assert len(list(figures.moved(zh, en, src, tgt, _ctx()))) == 1
    named = [n._replace(name=True) for n in src]
    assert list(figures.moved(zh, en, named, tgt, _ctx())) == []


# -- multipliers, both ways ---------------------------------------------------------------------
RIGHT = [
    ("到2030年将食物浪费减半。", "Food waste will be halved by 2030."),
    ("到2030年将食物浪费减半。", "Food waste will be cut by half by 2030."),
    ("该医院将废物减少了50%。", "The hospital halved its waste."),
    ("奖金增长一半。", "The prize money grew by 50 per cent."),
    ("奖金增长50%。", "The prize money grew by half."),
    ("奖金增加一倍。", "The prize money grew twofold."),
    ("奖金增加一倍。", "The prize money grew two-fold."),
    ("奖金增加一倍。", "The prize money grew by a factor of two."),
    ("奖金翻了两番。", "The prize money quadrupled."),
    ("价值是2020年的三倍。", "The value is threefold that of 2020."),
    ("价值是2020年的三倍。", "The value has tripled since 2020."),
    ("价值是2020年的三倍。", "The value is three-fold that of 2020."),
    ("价值是2020年的十倍。", "The value is tenfold that of 2020."),
    ("奖金增长三分之一。", "The prize money is a third more."),
    ("奖金增长了三倍。", "The prize money quadrupled."),  # 增长三倍: 3 or 4 times
]
WRONG = [
    ("到2030年将食物浪费减半。", "Food waste will be doubled by 2030.", "减半"),
    ("到2030年将食物浪费减半。", "Food waste will be cut by two thirds by 2030.", "two thirds"),
    ("奖金增加一倍。", "The prize money grew threefold.", "threefold"),
    ("奖金增加一倍。", "The prize money grew by a factor of three.", "three"),
    ("奖金翻了两番。", "The prize money doubled.", "doubled"),
    ("价值是2020年的四倍。", "The value is fivefold that of 2020.", "fivefold"),
    ("价值是2020年的两倍。", "The value is threefold that of 2020.", "threefold"),
    ("奖金增长三分之一。", "The prize money grew by half.", "half"),
    ("奖金增长了三倍。", "The prize money grew fivefold.", "fivefold"),
    ("该医院使废物减少了三分之一。", "The hospital halved its waste.", "halved"),
]


@pytest.mark.parametrize(("zh", "en"), RIGHT)
def test_a_right_multiplier_is_silent(zh: str, en: str) -> None:
    assert messages(zh, en) == []


@pytest.mark.parametrize(("zh", "en", "named"), WRONG)
def test_a_wrong_multiplier_is_an_error(zh: str, en: str, named: str) -> None:
    found = messages(zh, en)  # messages() asserts every finding is an error
    assert found and named in " ".join(found)


def test_multiplier_readings() -> None:
    (q,) = numerals.zh_quantities("将食物浪费减半")
    assert (q.value, q.text, q.alts) == (0.5, "减半", (50.0,))
    got = {q.text: (q.value, q.kind, q.soft) for q in numerals.en_quantities("halved, fivefold, tenfold")}
    assert got == {
        "halved": (0.5, "cardinal", True),
        "fivefold": (5.0, "times", True),
        "tenfold": (10.0, "times", True),
    }
    # "half" of a thing is 50% too, but not a month or a year half
    (half,) = numerals.en_quantities("by half")
    assert half.alts == (50.0,)


def test_a_range_shares_what_its_wording_allows() -> None:
    text = "an estimated 1.4 to 4 per cent"
    qs = numerals.en_quantities(text)
    assert [numerals.ABOUT in also for _a, also in numerals.en_approximations(text, qs)] == [True, True]
    zh = "信息通信技术行业的温室气体排放量约占全球排放量的1.4%至4%。"
    assert (
        messages(zh, "The ICT sector accounts for an estimated 1.4 to 4 per cent of global emissions.") == []
    )


# -- counts added for what the source lists --------------------------------------------------------
SERIES = "该系列案例由德国国际合作机构(GIZ)、联合国环境规划署(UNEP)和德国生态研究所联合编制。"
SERIES_EN = "The series was prepared jointly by {} organizations, the Deutsche Gesellschaft für Internationale Zusammenarbeit (GIZ), UNEP and the Oeko-Institut."


def test_a_count_of_the_listed_items_is_silent_and_a_wrong_one_an_error() -> None:
    assert messages(SERIES, SERIES_EN.format("three")) == []
    assert messages(SERIES, SERIES_EN.format("four")) == [
        "“four” (4) in the translation is not in the source"
    ]
    zh = "孟加拉国、不丹、柬埔寨、菲律宾的代表出席了会议。"
    en = "Representatives of {} countries (Bangladesh, Bhutan, Cambodia and the Philippines) attended the meeting."
    assert messages(zh, en.format("the four")) == []
    assert messages(zh, en.format("three")) != []


# -- termination -------------------------------------------------------------------------------
messages(TARGETS, "France 100 per cent")  # glossary and dictionary loaded once, untimed


@settings(deadline=2000, max_examples=150)
@given(
    st.text(alphabet="法国立陶宛目标是的，。；、100%95二两倍减半年", max_size=160),
    st.text(alphabet="France Lithuania target is 100 95 per cent and ; , . halved tenfold", max_size=160),
)
def test_figures_terminate(zh: str, en: str) -> None:
    with time_limit(2.0, "number rule"):
        list(Numbers().check(CheckUnit("x.po", 1, zh, en), _ctx()))


def test_figures_are_linear_on_long_units() -> None:
    zh = "法国的目标是100%,立陶宛的目标是95%；" * 400
    en = "France’s target is 95 per cent and Lithuania’s 100 per cent; " * 400
    long_zh = "法国的目标是100%,立陶宛的目标是95%" + "，" * 20000
    long_en = "France’s target is 95 per cent and Lithuania’s 100 per cent" + ", " * 10000
    start = time.process_time()
    with time_limit(5.0, "figures.moved"):
        src, tgt = _sides(zh, en, _ctx())
        assert list(figures.moved(zh, en, src, tgt, _ctx())) == []  # each value many times: nothing paired
        src, tgt = _sides(long_zh, long_en, _ctx())
        assert len(list(figures.moved(long_zh, long_en, src, tgt, _ctx()))) == 1
    assert time.process_time() - start < 3.0
