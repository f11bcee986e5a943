"""Inline markup beyond the <b>/<i> placeholders (issue 11, round 3): the <u>, <sup>, <sub>,
<span>, <a href> and <br/> tags the Markdown parser keeps as written, dropped, added, pointed
elsewhere or broken in the English (sppterm.checks.text.markup_problem, the placeholders rule).

The corpus (tests/data/check_corpus.yaml) has the underline and line-break cases through every
rule; the links are here, where the spelling rule (which reads 'href' as a word) is not asked.
"""

from __future__ import annotations

import functools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.bulletin.parse import parse_text
from sppterm.checks.base import ERROR, CheckUnit, Context
from sppterm.checks.omission import Omission
from sppterm.checks.terms import EnglishTerms
from sppterm.checks.text import Placeholders, markup_problem
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher
from tests.conftest import ROOT
from tests.timeguard import time_limit

URL = "https://www.oneplanetnetwork.org/programmes/sustainable-public-procurement"
LINK_ZH = f'更多信息请见<a href="{URL}">可持续公共采购计划网页</a>。'
LINK_EN = f'For more information, see the <a href="{URL}">SPP Programme web page</a>.'


@functools.cache
def _ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


def found(zh: str, en: str) -> list[tuple[str, str]]:
    return [(f.severity, f.message) for f in Placeholders().check(CheckUnit("x.po", 1, zh, en), _ctx())]


def test_the_parser_keeps_inline_html_as_written() -> None:
    # what the rule compares is what a bulletin's Markdown gives a unit
    md = f'---\nid: 2099-01\ntitle: 简报\nyear: 2099\n---\n\n# 标题\n\n<u>可持续公共采购</u>是杠杆<br/>更多信息请见<a href="{URL}">网页</a>。\n'
    texts = [b.text for b in parse_text(md, "x.md").blocks()]
    assert any("<u>可持续公共采购</u>" in t and "<br/>" in t and f'<a href="{URL}">' in t for t in texts), (
        texts
    )


@pytest.mark.parametrize(
    ("en", "message"),
    [
        (LINK_EN, None),
        (LINK_EN.replace('href="', "HREF='").replace('">', "'>"), None),  # the same link, quoted otherwise
        (
            LINK_EN.replace("sustainable-public-procurement", "consumer-information"),
            f'markup differs: source has <a href="{URL}"> </a>, translation has '
            '<a href="https://www.oneplanetnetwork.org/programmes/consumer-information"> </a>',
        ),
        (
            "For more information, see the SPP Programme web page.",
            f'markup differs: source has <a href="{URL}"> </a>, translation has none',
        ),
        (
            LINK_EN.replace("</a>", ""),
            f'markup differs: source has <a href="{URL}"> </a>, translation has <a href="{URL}">',
        ),
    ],
)
def test_links(en: str, message: str | None) -> None:
    assert markup_problem(LINK_ZH, en) == message
    assert found(LINK_ZH, en) == ([] if message is None else [(ERROR, message)])


@pytest.mark.parametrize(
    ("zh", "en", "message"),
    [
        (
            "会议在北京举行。<br/>会议讨论了趋势。",
            "The meeting was held in Beijing.<br/>It discussed trends.",
            None,
        ),
        (
            "会议在北京举行。<br/>会议讨论了趋势。",
            "The meeting was held in Beijing.<br>It discussed trends.",
            None,
        ),
        (
            "会议在北京举行。<br/>会议讨论了趋势。",
            "The meeting was held in Beijing. It discussed trends.",
            "markup differs: source has <br/>, translation has none",
        ),
        ("CO<sub>2</sub>排放", "CO<sub>2</sub> emissions", None),
        (
            "CO<sub>2</sub>排放",
            "CO2 emissions",
            "markup differs: source has <sub> </sub>, translation has none",
        ),
        (
            "可持续公共采购是杠杆。",
            "Sustainable <u>public</u> procurement is a lever.",
            "markup differs: source has none, translation has <u> </u>",
        ),
        (
            "<b><u>可持续公共采购</u></b>是杠杆。",
            "<b><u>Sustainable public procurement</b></u> is a lever.",
            "tag </b> closes <u>: the tags cross",
        ),
        (
            "<u>可持续公共采购</u>是杠杆。",
            "</u>Sustainable public procurement<u> is a lever.",
            "tag </u> closes nothing",
        ),
        (
            "<b><u>可持续公共采购</u></b>是杠杆。",
            "<b><u>Sustainable public procurement</u></b> is a lever.",
            None,
        ),
        (
            "<b>可持续公共采购</b>是杠杆。",
            "Sustainable public procurement is a lever.",
            None,
        ),  # the placeholders' own
    ],
)
def test_tags(zh: str, en: str, message: str | None) -> None:
    assert markup_problem(zh, en) == message


def test_the_placeholders_message_comes_first() -> None:
    assert found("<b>会议</b><u>在北京</u>举行。", "The meeting was held in Beijing.") == [
        (ERROR, "placeholders differ: source has <b> </b>, translation has none")
    ]


def test_a_link_target_is_no_text_to_translate() -> None:
    # the href's letters are in the Chinese only when the English drops the link: no omission
    units = [
        CheckUnit("x.po", 1, LINK_ZH, en)
        for en in (LINK_EN, "For more information, see the SPP Programme web page.")
    ]
    assert [list(Omission().check(u, _ctx())) for u in units] == [[], []]


TAGS = st.sampled_from(
    ["<u>", "</u>", "<b>", "</b>", "<br/>", '<a href="x">', "</a>", "<sup>", "</", "<", ">", "a", "字"]
)


@settings(max_examples=200, deadline=2000, derandomize=True, database=None)
@given(st.lists(TAGS, max_size=40), st.lists(TAGS, max_size=40))
def test_markup_problem_terminates(a: list[str], b: list[str]) -> None:
    with time_limit(2.0):
        got = markup_problem("".join(a), "".join(b))
        assert got is None or isinstance(got, str)
        assert markup_problem("".join(a), "".join(a)) is None or "<" in "".join(a)


def test_long_markup_is_linear() -> None:
    text = "<u>字</u><br/>" * 20000
    with time_limit(5.0):
        assert markup_problem(text, text) is None
        assert markup_problem(text, text[:-5]) is not None
