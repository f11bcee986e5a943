"""Direct table tests for the number readers (``sppterm.numerals``), as a reviser reads numbers.

Tables, input → exact expected output, drawn from sentences of the five seed bulletins
(../shared/seeds/*.txt), the curated sources (source_zh/*.md) and their committed translations:

* ``ZH``: the values :func:`zh_numbers` reads from Chinese text;
* ``EN``: the values :func:`en_numbers` reads from English text;
* ``PAIRS``: source and translation compared by value (every value except 1, matched with
  :func:`same`): which source values are missing from the translation and which translation
  values are extra;
* ``QUANTITIES``: what else the number rule compares (issue 11): kind (ordinal, percent, times,
  month), approximation (more than, under, about) and whether a number is soft (may stand in the
  other language, need not: 两三, 二是, both, double); ``DISPLAY``: values as messages show them.

Expected values are what a translator expects (13万亿美元 = USD 13 trillion, 百分之二十 = 20%,
2022年10月18日至19日 = 18–19 October 2022). A row where the code reads something else is marked
``xfail(strict=True)`` with ``reason="bug: …"``: the owner of numerals.py fixes the code and
removes the mark (strict: the row then fails until the mark goes, so a fix is never silent).
tests/test_numerals.py keeps the robustness rows (loops, overflow); this file is about meaning.
"""

from __future__ import annotations

import pytest

from sppterm import numerals
from sppterm.numerals import en_numbers, same, zh_numbers


def bug(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=f"bug: {reason}")


def row(text: str, expected: set[float], *, id: str, bug_reason: str | None = None):
    marks = [bug(bug_reason)] if bug_reason else []
    return pytest.param(text, expected, id=id, marks=marks)


def values(got: set[float]) -> list[float]:
    return sorted(got)


def expect(expected: set[float]):
    """Sorted expected values, compared to 6 significant digits (the readers round 1/3 to
    0.333333, the rule compares with ``same``, rel_tol=1e-6)."""
    return pytest.approx(sorted(expected), rel=1e-6)


# --- Chinese ------------------------------------------------------------------------------------

ZH = [
    # dates and ranges: 2022年10月18日至19日 = 18–19 October 2022 (seed 000)
    row(
        "于2022年10月18日至19日在法国巴黎召开",
        {2022, 10, 18, 19},
        id="date-range-days",
    ),
    row("2021年7月6日至15日", {2021, 7, 6, 15}, id="date-range-july"),
    row("后续在9月至11月将组织举办", {9, 11}, id="month-range"),
    row("2021年5月至10月期间", {2021, 5, 10}, id="year-month-range"),
    row("《全球可持续消费和生产（2023-2030年）战略》", {2023, 2030}, id="year-range-hyphen"),
    row("新制定的2025至2026年期间10YFP成果框架", {2025, 2026}, id="year-range-zhi-and-10YFP"),
    row("该研究报告拟于2023年1月发布", {2023, 1}, id="january-digits"),
    row("截至2024年底", {2024}, id="year-end"),
    row("二〇三〇年议程", {2030}, id="year-in-chinese-digits"),
    row("二零二二年", {2022}, id="year-with-ling"),
    row("十二月", {12}, id="month-in-chinese"),
    # issue numbers and ordinals: 第4期, 总第10期, 第二十七次
    row("2022年第4期", {2022, 4}, id="issue-number"),
    row("总第10期", {10}, id="serial-number"),
    row("第４期", {4}, id="issue-number-full-width"),
    row("第二十七次缔约方大会（COP27）", {27}, id="ordinal-27-chinese-and-COP27"),
    row("第27次缔约方会议", {27}, id="ordinal-27-digits"),
    row("缔约方大会第十五次会议", {15}, id="ordinal-15"),
    row("第四届联合国环境大会", {4}, id="ordinal-4-jie"),
    row("亚太绿色公共采购网召开第二次成员会议", {2}, id="ordinal-2"),
    # ordinal 1 is read (首届/第一次 = first: the rule compares it); a count 1 (一个) is not
    row("第一次", {1}, id="ordinal-1"),
    row("首届全球建筑和气候论坛", {1}, id="shou-jie-first"),
    row("首先，首都，首席", set(), id="shou-in-words"),
    # counts before measure words; 一 alone and 一 inside words are no numbers
    row("共有五项引导变革的举措", {5}, id="count-xiang"),
    row("并向两名获奖者提供", {2}, id="count-liang-ming"),
    row("通过四大支柱行动", {4}, id="count-da"),
    row("在过去的8个月内", {8}, id="count-digits"),
    row("十一个", {11}, id="count-eleven"),
    row("两千", {2000}, id="liang-qian"),
    row("三千五百", {3500}, id="thousands-and-hundreds"),
    row("一千零五", {1005}, id="ling-inside"),
    row("进一步统一，之一，一些", set(), id="yi-inside-words"),
    row("包罗万象", set(), id="wan-in-an-idiom"),
    row("零排放", set(), id="zero-emission"),
    # scale words 万 亿 万亿
    row("价值100万美元的奖金", {1e6}, id="wan-dollars"),
    row("节约额度达130万美元", {1.3e6}, id="wan-1.3-million"),
    row("有4.18亿儿童从中受益", {4.18e8}, id="yi-decimal"),
    row("将有20亿人采用网络消费形式", {2e9}, id="yi-2-billion"),
    row("13万亿美元", {1.3e13}, id="wanyi-13-trillion"),
    row("１３万亿美元", {1.3e13}, id="wanyi-full-width"),
    row("3.5万", {35000}, id="wan-decimal"),
    row("一百万", {1e6}, id="chinese-hundred-wan"),
    row("五十万亿", {5e13}, id="chinese-fifty-wanyi"),
    # approximate numbers are no numbers: 数千 "thousands", 几十 "dozens", 上千 "over a thousand"
    row("数千名青年获得了培训", set(), id="shu-qian"),
    row("几十个", set(), id="ji-shi"),
    row("成千上万", set(), id="cheng-qian-shang-wan"),
    # percentages and fractions
    row("占全球GDP 60%以上", {60}, id="percent-space"),
    row("约占全球温室气体排放量的1.4%至4%", {1.4, 4}, id="percent-range"),
    row("１００％", {100}, id="percent-full-width"),
    row("百分之二十", {20}, id="baifenzhi-20"),
    row("百分之九十三", {93}, id="baifenzhi-93"),
    row("百分之3.5", {3.5}, id="baifenzhi-digits"),
    row("保护世界上三分之一生物", {1 / 3}, id="one-third"),
    row("三分之二", {2 / 3}, id="two-thirds"),
    row("四分之三", {0.75}, id="three-quarters"),
    row("4分之1", {0.25}, id="fraction-digits"),
    # separators, identifiers, links
    row("1,234,567元", {1234567}, id="thousands-separator"),
    row("１，２３４", {1234}, id="thousands-separator-full-width"),
    row("可持续发展目标12", {12}, id="sdg-12"),
    row("10YFP和GO4SDGs倡议", set(), id="digits-in-names"),
    row("CO2排放", set(), id="co2"),
    row("见https://www.oneplanetnetwork.org/2023/spp 或 spp2023@unep.org", set(), id="url-and-email"),
    row("", set(), id="empty"),
    row(" \t\n", set(), id="whitespace"),
    # --- once bugs (fixed, issue 11): spacing, separators, chained scales, 点, ranges, 十四五 ---
    row(
        "将有 20 亿人采用网络消费形式",
        {2e9},
        id="space-before-yi",
    ),
    row(
        "并向两名获奖者提供价值 200 万美元的奖励",
        {2, 2e6},
        id="space-before-wan",
    ),
    row(
        "百分之五",
        {5},
        id="baifenzhi-single-numeral",
    ),
    row(
        "百分之百",
        {100},
        id="baifenzhi-bai",
    ),
    row(
        "2019，2020年",
        {2019, 2020},
        id="comma-between-years",
    ),
    row(
        "三万五千人",
        {35000},
        id="mixed-scales",
    ),
    row(
        "1亿2000万",
        {1.2e8},
        id="yi-then-wan",
    ),
    row(
        "增长百分之三点五",
        {3.5},
        id="dian-decimal",
    ),
    row(
        "三四个国家",
        {3, 4},
        id="approximate-pair",
    ),
    row(
        "两三天",
        {2, 3},
        id="approximate-pair-liang",
    ),
    row(
        "“十四五”规划",
        {14, 5, 2021, 2025},  # and the plan's years (soft: the English may give them or not)
        id="shisiwu",
    ),
]


@pytest.mark.parametrize(("text", "expected"), ZH)
def test_zh_numbers(text: str, expected: set[float]) -> None:
    assert values(zh_numbers(text)) == expect(expected)


# --- English ------------------------------------------------------------------------------------

EN = [
    # dates and ranges, as the translations write them
    row("held in Paris, France, on 18–19 October 2022", {18, 19, 10, 2022}, id="date-range-en-dash"),
    row("on 18-19 October 2022", {18, 19, 10, 2022}, id="date-range-hyphen"),
    row("From 6 to 15 July 2021", {6, 15, 7, 2021}, id="from-to-july"),
    row("From May to October 2021", {5, 10, 2021}, id="from-may-to-october"),
    row("From September to November", {9, 11}, id="month-range"),
    row("due to meet in May this year", {5}, id="may-the-month"),
    row("the working group may collect cases", set(), id="may-the-verb"),
    row(
        "Global Strategy for Sustainable Consumption and Production (2023–2030)",
        {2023, 2030},
        id="year-range",
    ),
    row("by mid-2023", {2023}, id="mid-year"),
    row("over the next decade", {10}, id="decade"),
    # ordinals
    row("at the 27th Conference of the Parties", {27}, id="ordinal-27th"),
    row("the Twenty-Seventh Conference of the Parties", {27}, id="ordinal-twenty-seventh"),
    row("The fifteenth meeting of the Conference of the Parties", {15}, id="ordinal-fifteenth"),
    row("adopted at the fourth session of the United Nations Environment Assembly", {4}, id="ordinal-fourth"),
    row("Messages from the third meeting of the Friends", {3}, id="ordinal-third"),
    row("holds its second meeting", {2}, id="ordinal-second-meeting"),
    row("held its first meeting", {1}, id="ordinal-first"),
    row("the inaugural Global Public Procurement Conference", {1}, id="ordinal-inaugural"),
    row("the second Buildings and Climate Global Forum", {2}, id="ordinal-second-before-a-name"),
    row("for a second time", set(), id="second-not-before-a-meeting-word"),
    row("the 21st century", {21}, id="ordinal-21st"),
    # cardinals, scale words
    row("an estimated 2 billion people will shop online", {2e9}, id="2-billion"),
    row("awards worth USD 2 million to two winners", {2e6, 2}, id="2-million-and-two"),
    row("the hospital saved USD 1.3 million over eight months", {1.3e6, 8}, id="1.3-million-eight"),
    row("418 million children", {4.18e8}, id="418-million"),
    row("USD 13 trillion", {1.3e13}, id="13-trillion"),
    row("two million", {2e6}, id="two-million-words"),
    row("314 organizations in 45 countries", {314, 45}, id="counts"),
    row("the two previous Global Reviews of 2013 and 2017", {2, 2013, 2017}, id="two-and-years"),
    row("The guide describes ten key areas for action", {10}, id="ten"),
    row("forty-two", {42}, id="forty-two"),
    row("three hundred and five", {305}, id="hundred-and"),
    row("1,234", {1234}, id="thousands-separator"),
    row("target 12.7 of Sustainable Development Goal 12", {12.7, 12}, id="target-12.7"),
    row("one of the working groups", set(), id="one-pronoun"),
    # percentages and fractions
    row("will exceed 60% of global GDP", {60}, id="percent"),
    row("1.4% to 4%", {1.4, 4}, id="percent-range"),
    row("93 per cent", {93}, id="per-cent"),
    row("twenty per cent", {20}, id="words-per-cent"),
    row("to protect one third of the world's living things", {1 / 3}, id="one-third"),
    row("two-thirds", {2 / 3}, id="two-thirds-hyphen"),
    row("a quarter", {0.25}, id="a-quarter"),
    row("three quarters", {0.75}, id="three-quarters"),
    row("half of the emissions", {0.5}, id="half-alone"),
    row("3/4", {0.75}, id="slash-fraction"),
    # names, links, edges
    row("the 10-Year Framework of Programmes (10YFP) and GO4SDGs", {10}, id="10-year-and-names"),
    row("CO2 emissions", set(), id="co2"),
    row("at www.oneplanetnetwork.org on 21 September 2021", {21, 9, 2021}, id="www-link"),
    row("see https://example.org/2023/report or spp2023@unep.org", set(), id="url-and-email"),
    row("２０２２", {2022}, id="full-width-digits"),
    row("", set(), id="empty"),
    row("   ", set(), id="whitespace"),
    # --- once bugs (fixed, issue 11) ---
    row(
        "a million people",
        {1e6},
        id="a-million",
    ),
    row(
        "a hundred and fifty",
        {150},
        id="a-hundred-and-fifty",
    ),
    row(
        "the 2022/2023 workplan",
        {2022, 2023},
        id="year-slash-year",
    ),
    row(
        "two and a half",
        {2.5},
        id="two-and-a-half",
    ),
]


@pytest.mark.parametrize(("text", "expected"), EN)
def test_en_numbers(text: str, expected: set[float]) -> None:
    assert values(en_numbers(text)) == expect(expected)


# --- source and translation, as the number rule compares them ----------------------------------


def number_diff(zh: str, en: str) -> tuple[list[float], list[float]]:
    """(source values missing from the translation, translation values not in the source),
    ignoring 1 as the rule does (一 is also "a", 第一 "first", "one" a pronoun)."""
    src, tgt = zh_numbers(zh), en_numbers(en)
    missing = sorted(v for v in src if v != 1 and not any(same(v, t) for t in tgt))
    extra = sorted(v for v in tgt if v != 1 and not any(same(v, s) for s in src))
    return missing, extra


def pair(zh: str, en: str, missing=(), extra=(), *, id: str, bug_reason: str | None = None):
    marks = [bug(bug_reason)] if bug_reason else []
    return pytest.param(zh, en, sorted(missing), sorted(extra), id=id, marks=marks)


PAIRS = [
    # agreeing pairs from the committed translations
    pair(
        "《全球可持续消费和生产（2023-2030年）战略》于2022年10月18日至19日在法国巴黎召开的理事会议上正式获批启动。",
        "The Global Strategy for Sustainable Consumption and Production (2023–2030) was approved and "
        "launched at the Board meeting held in Paris, France, on 18–19 October 2022.",
        id="strategy-launch",
    ),
    pair(
        "2021年7月6日至15日，联合国经济社会理事会主持召开可持续发展高级别政治论坛2021届年会。",
        "From 6 to 15 July 2021, the United Nations Economic and Social Council convened the 2021 session "
        "of the High-level Political Forum on Sustainable Development.",
        id="hlpf-dates",
    ),
    pair(
        "由数字渠道创造的经济价值将占全球GDP 60%以上。",
        "The economic value created through digital channels will exceed 60% of global GDP.",
        id="percent",
    ),
    pair(
        "该医院在过去的8个月内节约额度达130万美元。",
        "The hospital saved USD 1.3 million over eight months.",
        id="wan-to-million-and-word-count",
    ),
    pair(
        "有4.18亿儿童从中受益。",
        "418 million children benefit from it.",
        id="yi-to-million",
    ),
    pair("13万亿美元", "USD 13 trillion", id="wanyi-to-trillion"),
    pair("百分之二十", "20 per cent", id="baifenzhi-to-per-cent"),
    pair(
        "该次会议最终达成了保护世界上三分之一生物的历史性协议。",
        "The meeting ended with a historic agreement to protect one third of the world's living things.",
        id="one-third",
    ),
    pair(
        "在《联合国气候变化框架公约》第二十七次缔约方大会上联合举办边会。",
        "held a side event at the twenty-seventh Conference of the Parties",
        id="ordinal-words",
    ),
    pair("2022年第4期 总第10期", "Issue 4, 2022 (No. 10)", id="issue-and-serial"),
    pair("后续在9月至11月将组织举办", "From September to November, sessions will be held", id="month-names"),
    pair(
        "此前2013年和2017年两次全球评述",
        "the two previous Global Reviews of 2013 and 2017",
        id="liang-ci-and-years",
    ),
    pair("第一次会议", "its first meeting", id="one-is-ignored"),
    # pairs that must differ: the finding a reviser wants
    pair("13万亿美元", "USD 13 billion", missing=[1.3e13], extra=[1.3e10], id="trillion-vs-billion"),
    pair("将有20亿人", "2 million people", missing=[2e9], extra=[2e6], id="yi-vs-million"),
    pair(
        "2022年10月18日至19日",
        "on 18 October 2022",
        missing=[19],
        id="range-end-dropped",
    ),
    pair("百分之二十", "2%", missing=[20], extra=[2], id="percent-changed"),
    pair("三分之一", "a quarter", missing=[1 / 3], extra=[0.25], id="fraction-changed"),
    pair("第4期", "Issue 5", missing=[4], extra=[5], id="issue-changed"),
    # once bugs (fixed, issue 11): a right translation reported as wrong
    pair(
        "将有 20 亿人采用网络消费形式",
        "2 billion people will shop online",
        id="seed-spacing",
    ),
    pair(
        "一百万人",
        "a million people",
        id="a-million",
    ),
]


@pytest.mark.parametrize(("zh", "en", "missing", "extra"), PAIRS)
def test_number_rule_equivalence(zh: str, en: str, missing: list[float], extra: list[float]) -> None:
    got_missing, got_extra = number_diff(zh, en)
    assert (got_missing, got_extra) == (pytest.approx(missing, rel=1e-6), pytest.approx(extra, rel=1e-6))


# --- quantities: what the rule compares besides the value (issue 11) ---------------------------
# (value, kind, qualifier, soft) of each number, in order: ordinals, approximations (more / less /
# about), numbers that may stand in the other language but need not (soft).

MORE, LESS, ABOUT = numerals.MORE, numerals.LESS, numerals.ABOUT


def quantity(text: str, expected: list[tuple], *, id: str, lang: str = "zh"):
    return pytest.param(lang, text, expected, id=id)


QUANTITIES = [
    quantity("来自70多个国家", [(70, "cardinal", MORE, False)], id="duo-more-than"),
    quantity("十余个国家", [(10, "cardinal", MORE, False)], id="yu-more-than"),
    quantity("逾300个采购机构", [(300, "cardinal", MORE, False)], id="yu-before"),
    quantity("超过15,000种产品", [(15000, "cardinal", MORE, False)], id="chaoguo"),
    quantity("占全球GDP 60%以上", [(60, "percent", MORE, False)], id="yishang"),
    quantity("近70个国家", [(70, "cardinal", LESS, False)], id="jin-nearly"),
    quantity("将近80%", [(80, "percent", LESS, False)], id="jiangjin"),
    quantity("近十年来", [(10, "cardinal", None, False)], id="jin-recent-decade"),
    quantity("约200万美元", [(2e6, "cardinal", ABOUT, False)], id="yue-about"),
    quantity(
        "约占全球排放量的1.4%至4%",
        [(1.4, "percent", ABOUT, False), (4, "percent", None, False)],
        id="yuezhan",
    ),
    quantity("节约130万美元", [(1.3e6, "cardinal", None, False)], id="jieyue-is-no-yue"),
    quantity("3天左右", [(3, "cardinal", ABOUT, False)], id="zuoyou"),
    quantity("10多万", [(1e5, "cardinal", MORE, False)], id="duo-before-scale"),
    quantity("首届论坛", [(1, "ordinal", None, False)], id="shoujie"),
    quantity("第二届", [(2, "ordinal", None, False)], id="dierjie"),
    quantity("二是推动信息共享", [(2, "ordinal", None, True)], id="ershi-enumeration"),
    quantity("再次获批", [(2, "ordinal", None, True)], id="zaici"),
    quantity("两三天", [(2, "cardinal", None, True), (3, "cardinal", None, True)], id="liangsan"),
    quantity("十几个", [(10, "cardinal", MORE, True)], id="shiji"),
    quantity("上千名", [(1000, "cardinal", MORE, True)], id="shangqian"),
    quantity("增加一倍", [(2, "times", None, True)], id="zengjia-yibei"),
    quantity("两倍", [(2, "times", None, False)], id="liangbei"),
    quantity("一半", [(0.5, "cardinal", None, False)], id="yiban"),
    quantity("两年半", [(2.5, "cardinal", None, False)], id="liangnianban"),
    quantity("百分之百", [(100, "percent", None, True)], id="baifenzhibai-soft"),
    quantity("7月1日", [(7, "month", None, False), (1, "cardinal", None, False)], id="month-and-day-1"),
    quantity("新增1个联合领导机构", [(1, "cardinal", None, True)], id="one-as-a"),
    quantity("more than 70 countries", [(70, "cardinal", MORE, False)], id="en-more-than", lang="en"),
    quantity("over 5,000 organisations", [(5000, "cardinal", MORE, False)], id="en-over", lang="en"),
    quantity("70-plus", [(70, "cardinal", MORE, False)], id="en-plus", lang="en"),
    quantity("nearly half", [(0.5, "cardinal", LESS, False)], id="en-nearly-half", lang="en"),
    quantity("about USD 2 million", [(2e6, "cardinal", ABOUT, False)], id="en-about-currency", lang="en"),
    quantity("some 45 countries", [(45, "cardinal", ABOUT, False)], id="en-some", lang="en"),
    quantity("the inaugural forum", [(1, "ordinal", None, False)], id="en-inaugural", lang="en"),
    quantity("the second Forum", [(2, "ordinal", None, False)], id="en-second", lang="en"),
    quantity("for a second time", [], id="en-a-second-time", lang="en"),
    quantity("the third-tier group", [(3, "ordinal", None, False)], id="en-third-tier", lang="en"),
    quantity("third quarter", [(3, "ordinal", None, False)], id="en-no-fraction-after-ordinal", lang="en"),
    quantity("twice", [(2, "times", None, False)], id="en-twice", lang="en"),
    quantity("double", [(2, "times", None, True)], id="en-double-soft", lang="en"),
    quantity("both goals", [(2, "cardinal", None, True)], id="en-both-soft", lang="en"),
    quantity("in July", [(7, "month", None, False)], id="en-month", lang="en"),
    quantity("Pillar one", [(1, "cardinal", None, False)], id="en-pillar-one", lang="en"),
    quantity("net zero emissions", [], id="en-net-zero", lang="en"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), QUANTITIES)
def test_quantities(lang: str, text: str, expected: list[tuple]) -> None:
    read = numerals.zh_quantities(text) if lang == "zh" else numerals.en_quantities(text)
    got = [(q.value, q.kind, q.qualifier, q.soft) for q in read]
    assert [g[1:] for g in got] == [e[1:] for e in expected]
    assert [g[0] for g in got] == pytest.approx([e[0] for e in expected], rel=1e-6)


DISPLAY = [(1 / 3, "1/3"), (2 / 3, "2/3"), (0.25, "1/4"), (0.5, "1/2"), (2.5, "2.5"), (1.3e13, "13 trillion")]
DISPLAY += [(2e9, "2 billion"), (27, "27"), (0.0123, "0.0123"), (float("inf"), "inf"), (float("nan"), "nan")]


@pytest.mark.parametrize(("value", "shown"), DISPLAY)
def test_display(value: float, shown: str) -> None:
    """Values as a reader writes them: a fraction is 1/3, never 0.3333."""
    assert numerals.display(value) == shown
