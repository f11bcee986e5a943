"""The currency and vague-amount rules (issue 11, round 2): what each side is read as, the
messages and severities a reviewer sees, the series' own amounts, the command line, and
fuzzing (no input hangs or raises).

The labelled corpus (tests/data/check_corpus.yaml, section "currencies and vague amounts")
measures which units the rules flag; these tests pin how.
"""

from __future__ import annotations

import functools
import re

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks.amounts import (
    Currency,
    VagueAmount,
    en_currencies,
    en_orders,
    en_vague,
    zh_currencies,
    zh_vague,
)
from sppterm.checks.base import ERROR, WARNING, CheckUnit, Context
from sppterm.checks.terms import EnglishTerms
from sppterm.cli import main
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from sppterm.units.po import po_text, read_po

from .conftest import ROOT
from .timeguard import time_limit


@functools.cache
def _ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


def _found(rule, zh: str, en: str) -> list[tuple[str, str]]:
    return sorted((f.severity, f.message) for f in rule.check(CheckUnit("x.po", 1, zh, en), _ctx()))


# -- what each side is read as ---------------------------------------------------------------

ZH_CURRENCIES = [
    ("该医院在过去的8个月内节约额度达130万美元。", [("美元", {"USD"})]),
    ("并向两名获奖者提供价值 200 万美元的奖励。", [("美元", {"USD"})]),
    ("2020年，全国政府采购规模达3.7万亿元。", [("元", {"CNY"})]),
    ("一百多元", [("元", {"CNY"})]),
    ("五元钱", [("元", {"CNY"})]),
    ("人民币100万元", [("人民币", {"CNY"})]),  # one amount, written with both
    ("100万元人民币", [("元", {"CNY"})]),
    ("500万日元和20万港币", [("日元", {"JPY"}), ("港币", {"HKD"})]),
    ("50万瑞士法郎", [("瑞士法郎", {"CHF"})]),
    ("捐款US$5万", [("US$", {"USD"})]),  # an international form in the source
    # 元 inside words, and the euro area: no currency
    ("单元、元素、多元化、一元化、二元结构、元年、元旦、元数据、公元前", []),
    ("欧元区国家", []),
    ("增加元素，参加元旦活动", []),
]


@pytest.mark.parametrize("zh,expected", ZH_CURRENCIES)
def test_zh_currencies(zh, expected):
    assert [(m.text, set(m.codes)) for m in zh_currencies(zh)] == expected


DOLLARS = {"USD", "HKD", "AUD", "CAD", "SGD", "NZD", "TWD"}
EN_CURRENCIES = [
    # (text, [(as written, codes, counts as an amount's currency)])
    ("the hospital saved USD 1.3 million", [("USD", {"USD"}, True)]),
    ("US$1.3 million", [("US$", {"USD"}, True)]),
    ("$1.3 million", [("$", DOLLARS, True)]),
    ("1.3 million US dollars", [("US dollars", {"USD"}, True)]),
    ("worth 2 million euros", [("euros", {"EUR"}, True)]),
    ("3.7 trillion yuan", [("yuan", {"CNY"}, True)]),
    ("¥3.7 trillion", [("¥", {"CNY", "JPY"}, True)]),
    ("RMB 3.7 trillion", [("RMB", {"CNY"}, True)]),
    ("5 €", [("€", {"EUR"}, True)]),
    ("5 billion won", [("won", {"KRW"}, True)]),
    ("savings of 1.3m USD", [("USD", {"USD"}, True)]),
    ("2bn euros", [("euros", {"EUR"}, True)]),
    # only vouching: no amount beside the word or code
    ("amounts in USD", [("USD", {"USD"}, False)]),
    ("the euro area", [("euro", {"EUR"}, False)]),
    ("the Dollar Street project", [("Dollar", DOLLARS, False)]),
    ("CAD drawings", [("CAD", {"CAD"}, False)]),
    ("500 pounds of waste", [("pounds", {"GBP"}, False)]),  # a weight perhaps: never added
    # not read at all
    ("they won 5 prizes", []),
    ("see EUR-Lex", []),
    ("a € sign", []),
    ("visit https://example.org/$1/a?x=$2 now", []),
    ("the template {$1}", []),
]


@pytest.mark.parametrize("en,expected", EN_CURRENCIES)
def test_en_currencies(en, expected):
    assert [(m.text, set(m.codes), m.strong) for m in en_currencies(en)] == expected


ZH_VAGUE = [
    ("2024年,数千名青年获得了培训、对话和领导机会的资助。", [("数千", {3})]),
    ("数十个组织", [("数十", {1})]),
    ("几百名专家", [("几百", {2})]),
    ("上百名专家", [("上百", {2})]),
    ("上千名青年", [("上千", {3})]),
    ("数万家企业", [("数万", {4})]),
    ("上万家企业", [("上万", {4})]),
    ("数十万美元", [("数十万", {5})]),
    ("数百万美元", [("数百万", {6})]),
    ("数千万人", [("数千万", {7})]),
    ("数亿人", [("数亿", {8})]),
    ("数十亿美元", [("数十亿", {9})]),
    ("数以千计的项目", [("数以千计", {3})]),
    ("成千上万名青年", [("成千上万", {3, 4})]),
    # no vague amount: 数 ending a word, 数以 "by means of", 十几 (the number rule's), 以上百分之
    ("参会人数十分可观", []),
    ("总数、多数、少数、数据、几乎", []),
    ("数以此为基础", []),
    ("十几万人", []),
    ("增长30%以上百分之", []),
]


@pytest.mark.parametrize("zh,expected", ZH_VAGUE)
def test_zh_vague(zh, expected):
    assert [(v.text, set(v.orders)) for v in zh_vague(zh)] == expected


EN_VAGUE = [
    ("thousands of young people", [("thousands", {3})]),
    ("Dozens of organizations", [("Dozens", {1})]),
    ("scores of experts", [("scores", {1})]),
    ("tens of thousands of companies", [("tens of thousands", {4})]),
    ("hundreds of thousands of US dollars", [("hundreds of thousands", {5})]),
    ("tens of millions of people", [("tens of millions", {7})]),
    ("several hundred thousand", [("several hundred thousand", {5})]),
    ("a few thousand", [("a few thousand", {3})]),
    ("several million euros", [("several million", {6})]),
    ("for decades", [("decades", {1})]),
    ("two thousand people", []),  # a figure: the number rule's
]


@pytest.mark.parametrize("en,expected", EN_VAGUE)
def test_en_vague(en, expected):
    assert [(v.text, set(v.orders)) for v in en_vague(en)] == expected


def test_en_orders_are_figures_not_years():
    assert en_orders("In 2024, more than 1,000 young people received USD 2 million.") == {3, 6}
    assert en_orders("over a thousand") == {3}
    assert en_orders("In 2024 and 2025, the first two rounds") == set()


# -- messages and severities ------------------------------------------------------------------

HOSPITAL = "通过使用可再利用的个人防疫物品，该医院在过去的8个月内节约额度达130万美元。"
PRIZE = "2020年，共有五项引导变革的举措获得了价值100万美元的奖金。"
CURRENCY_CASES = [
    (HOSPITAL, "By using reusable equipment, the hospital saved USD 1.3 million over eight months.", []),
    (
        HOSPITAL,
        "By using reusable equipment, the hospital saved EUR 1.3 million over eight months.",
        [(ERROR, "currency 美元 (US dollars) of the source is “EUR” (euros) in the translation")],
    ),
    (
        HOSPITAL,
        "By using reusable equipment, the hospital saved 1.3 million over eight months.",
        [(ERROR, "currency 美元 (US dollars) of the source is not in the translation")],
    ),
    (
        HOSPITAL,
        "By using reusable equipment, the hospital saved ¥1.3 million over eight months.",
        [(ERROR, "currency 美元 (US dollars) of the source is “¥” (yuan or yen) in the translation")],
    ),
    # a currency the source does not give: a warning; beside the source's own, also a warning
    (
        "2020年，五项举措获得了价值100万的奖金。",
        "In 2020, five initiatives received awards worth USD 1 million.",
        [
            (
                WARNING,
                "currency “USD” (US dollars) in the translation is not in the source; the source names no currency",
            )
        ],
    ),
    (
        PRIZE,
        "In 2020, five initiatives received awards worth USD 1 million (about EUR 0.9 million).",
        [
            (
                WARNING,
                "currency “EUR” (euros) in the translation is not in the source; the source has 美元 (US dollars)",
            )
        ],
    ),
    # the source's currency named fewer times: the added one replaces it
    (
        "全国政府采购规模达3.7万亿元人民币，其中绿色采购达8000多亿元。",
        "Government procurement reached CNY 3.7 trillion, of which green procurement was more than USD 800 billion.",
        [
            (
                ERROR,
                "currency “USD” (US dollars) in the translation is not in the source; the source has 元 (yuan)",
            )
        ],
    ),
    # $ and "dollars" are any dollar; "in US dollars" vouches without an amount
    ("奖金为500万港元。", "The prize is worth $5 million.", []),
    ("金额以美元计。", "Amounts are given in US dollars.", []),
]


@pytest.mark.parametrize("zh,en,expected", CURRENCY_CASES)
def test_currency_messages(zh, en, expected):
    assert _found(Currency(), zh, en) == expected


YOUTH = "2024年,数千名青年获得了培训、对话和领导机会的资助。"
VAGUE_CASES = [
    (YOUTH, "In 2024, thousands of young people received funding.", []),
    (
        YOUTH,
        "In 2024, hundreds of young people received funding.",
        [(ERROR, "vague amount 数千 (thousands) of the source is “hundreds” in the translation")],
    ),
    (
        "该项目每年为地方政府节省数百万美元。",
        "It saves hundreds of thousands of US dollars a year.",
        [
            (
                ERROR,
                "vague amount 数百万 (millions) of the source is “hundreds of thousands” in the translation",
            )
        ],
    ),
    # a figure of the same order answers; no vague amount on one side: nothing
    ("上千名青年获得了资助。", "More than 1,000 young people received funding.", []),
    (YOUTH, "In 2024, many young people received funding.", []),
    ("许多青年获得了资助。", "Hundreds of young people received funding.", []),
    # two amounts of the source, each with its own counterpart
    (
        "数千名青年参与了活动，获得了数十万美元的资助。",
        "Thousands of young people took part and received hundreds of thousands of US dollars.",
        [],
    ),
]


@pytest.mark.parametrize("zh,en,expected", VAGUE_CASES)
def test_vague_amount_messages(zh, en, expected):
    assert _found(VagueAmount(), zh, en) == expected


def test_english_source_and_untranslated_units_are_left_alone():
    for rule in (Currency(), VagueAmount()):
        unit = CheckUnit("x.po", 1, "Prize: USD 1 million", "Prize: EUR 1 million", english_source=True)
        assert list(rule.check(unit, _ctx())) == []
        assert list(rule.check(CheckUnit("x.po", 1, HOSPITAL, ""), _ctx())) == []


def test_span_points_at_the_english_currency():
    en = "By using reusable equipment, the <b>hospital</b> saved EUR 1.3 million."
    (f,) = Currency().check(CheckUnit("x.po", 1, HOSPITAL, en), _ctx())
    assert f.side == "target" and f.span is not None
    assert en[f.span[0] : f.span[1]] == "EUR"


# -- the series ---------------------------------------------------------------------------------


def test_series_reads_its_amounts_and_stays_clean():
    """The series' amounts (the hospital's savings, the prize, the young people) are read on
    both sides, and agree: no finding of either rule on the five translated bulletins."""
    read = 0
    for path in sorted((ROOT / "target_en" / "po").glob("*.po")):
        for e in read_po(path):
            if not e.msgstr or e.obsolete:
                continue
            unit = CheckUnit(str(path), 1, e.msgid, e.msgstr)
            if zh_currencies(e.msgid) or zh_vague(e.msgid):
                read += 1
            for rule in (Currency(), VagueAmount()):
                assert list(rule.check(unit, _ctx())) == [], (path.name, e.msgid[:40])
    assert read >= 3  # 130万美元, 100万/200万美元, 数千名青年


def test_cli_reports_a_planted_currency_and_fails(project):
    """`sppterm check --rule currency` on a copy of the project: the prize translated in
    euros fails CI (exit 1) with the finding on the msgstr; in US dollars it passes."""
    po_file = project / "target_en" / "po" / "2022-04.po"
    po = read_po(po_file)
    prize = next(e for e in po if "100万美元" in e.msgid)
    right = _series_prize()
    prize.msgstr = re.sub(r"USD (\d) million", r"EUR \1 million", right)
    po_file.write_text(po_text(po), "utf-8")
    r = CliRunner().invoke(main, ["--root", str(project), "check", str(po_file), "--rule", "currency"])
    assert r.exit_code == 1, r.output
    assert "currency 美元 (US dollars) of the source is “EUR” (euros) in the translation" in r.output
    prize.msgstr = right
    po_file.write_text(po_text(po), "utf-8")
    r = CliRunner().invoke(main, ["--root", str(project), "check", str(po_file), "--rule", "currency"])
    assert r.exit_code == 0, r.output


def _series_prize() -> str:
    po = read_po(ROOT / "target_en" / "po" / "2022-04.po")
    return next(e.msgstr for e in po if "100万美元" in e.msgid)


# -- fuzzing --------------------------------------------------------------------------------

FUZZ = settings(max_examples=150, deadline=1500, derandomize=True, database=None)
ZH_PIECES = [
    *"元美欧币镑数几上成千百十万亿多余一二五两的钱素化区年人计以",
    "美元",
    "人民币",
    "瑞士法郎",
    "数以",
    "成千上万",
    "100万",
    "3.7",
    "US$",
    "EUR ",
]
EN_PIECES = [
    *"$€£¥ 0123456789.,-{}/=",
    "USD",
    "US",
    " dollars",
    "euro",
    " pounds sterling",
    " won",
    "hundreds",
    " of ",
    "thousands",
    "several",
    " million",
    "tens",
    "decades",
    "https://x.org/",
]


def _text(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=3)), max_size=40).map("".join)


@FUZZ
@given(_text(ZH_PIECES), _text(EN_PIECES))
def test_fuzz_readers_and_rules_terminate(zh, en):
    with time_limit(2.0, "amount readers"):
        for m in [*zh_currencies(zh), *en_currencies(en)]:
            assert m.codes and m.start < m.end
        for v in [*zh_vague(zh), *en_vague(en)]:
            assert v.orders and all(0 <= o <= 24 for o in v.orders)
        en_orders(en)
        for rule in (Currency(), VagueAmount()):
            for f in rule.check(CheckUnit("x.po", 1, zh + "数千美元", en), _ctx()):
                assert f.message and (f.span is None or 0 <= f.span[0] <= f.span[1])


@pytest.mark.parametrize(
    "piece", ["数十万元", "人民币100元", "USD 5 ", "$5 ", "hundreds of thousands ", "元" * 3]
)
def test_long_runs_are_read_in_linear_time(piece):
    text = piece * (40_000 // len(piece))
    with time_limit(3.0, "a 40,000-character run"):
        zh_currencies(text)
        en_currencies(text)
        zh_vague(text)
        en_vague(text)


def test_a_currency_inside_a_glossary_name_belongs_to_the_name(tmp_path):
    """A name holding a currency (a prize called after its sum) asks nothing of the English
    amount: with the concept in the glossary, its 美元 is the name's; without it, the rule
    asks for US dollars."""
    import shutil

    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    with (tmp_path / "glossary" / "initiatives.yaml").open("a", encoding="utf-8") as f:
        f.write(
            "\n  - id: test-million-club\n    type: initiative\n"
            "    zh: {preferred: 百万美元俱乐部}\n    en: {preferred: Million Club}\n"
        )
    g = load_glossary(tmp_path / "glossary")
    ctx = Context(g, ZhMatcher(g), EnglishTerms(g))
    zh, en = "该城市加入了百万美元俱乐部。", "The city has joined the Million Club."
    assert list(Currency().check(CheckUnit("x.po", 1, zh, en), ctx)) == []
    assert _found(Currency(), zh, en) == [
        (ERROR, "currency 美元 (US dollars) of the source is not in the translation")
    ]
