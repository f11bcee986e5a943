"""The number rule as a reviewer reads its findings (issue 11): what is reported, at which
severity, and what the message says (the source number as written, what the translation has).

The labelled corpus (tests/data/check_corpus.yaml) measures which units the rule flags; this
table pins the messages and severities that CI shows for each kind of difference.
"""

from __future__ import annotations

import functools

import pytest

from sppterm.checks.base import ERROR, WARNING, CheckUnit, Context
from sppterm.checks.numbers import Numbers
from sppterm.checks.terms import EnglishTerms
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import ZhMatcher

from .conftest import ROOT


@functools.cache
def _ctx() -> Context:
    g = load_glossary(ROOT / "glossary")
    return Context(g, ZhMatcher(g), EnglishTerms(g))


def findings(zh: str, en: str) -> list[tuple[str, str]]:
    return sorted((f.severity, f.message) for f in Numbers().check(CheckUnit("x.po", 1, zh, en), _ctx()))


CASES = [
    # a changed number: both sides named, as written, with what the other side has
    (
        "全球公共采购每年达13万亿美元。",
        "Public procurement worldwide amounts to USD 13 billion a year.",
        [
            (
                ERROR,
                "13万亿 (13 trillion) of the source is not in the translation; the translation has “13 billion”",
            ),
            (
                ERROR,
                "“13 billion” in the translation is not in the source; the source has 13万亿 (13 trillion)",
            ),
        ],
    ),
    # fractions as a reader writes them, never 0.3333
    (
        "达成了保护三分之一生物的协议。",
        "It reached an agreement to protect a quarter of living things.",
        [
            (
                ERROR,
                "三分之一 (1/3) of the source is not in the translation; the translation has “a quarter”",
            ),
            (
                ERROR,
                "“a quarter” (1/4) in the translation is not in the source; the source has 三分之一 (1/3)",
            ),
        ],
    ),
    # approximations compared when both sides have one
    (
        "来自70多个国家的代表签署了宣言。",
        "Representatives of nearly 70 countries signed the declaration.",
        [(ERROR, "70多 (more than 70) of the source is “nearly 70” (under 70) in the translation")],
    ),
    ("来自70多个国家的代表签署了宣言。", "Representatives of more than 70 countries signed it.", []),
    # a dropped or added approximation is an error too (issue 11, round 2)
    (
        "来自70多个国家的代表签署了宣言。",
        "Representatives of 70 countries signed it.",
        [
            (
                ERROR,
                "70多 (more than 70) of the source is “70” in the translation: its approximation"
                " (more than) is dropped",
            )
        ],
    ),
    (
        "来自70个国家的代表签署了宣言。",
        "Representatives of more than 70 countries signed it.",
        [(ERROR, "“more than 70” in the translation adds an approximation; the source has 70")],
    ),
    # ordinals on both sides: 首届 is "first", "inaugural"; "second" replaces it
    (
        "中环联合参加了首届全球公共采购大会。",
        "CEC attended the inaugural Global Public Procurement Conference.",
        [],
    ),
    (
        "中环联合参加了首届全球公共采购大会。",
        "CEC attended the second Global Public Procurement Conference.",
        [
            (ERROR, "首届 (1st) of the source is not in the translation; the translation has “second”"),
            (ERROR, "“second” (2nd) in the translation is not in the source; the source has 首届 (1st)"),
        ],
    ),
    # an ordinal inside a glossary name the translation spells out without it
    (
        "首届全球建筑和气候论坛于巴黎召开。",
        "The second Buildings and Climate Global Forum took place in Paris.",
        [(ERROR, "“second” (2nd) in the translation is not in the source; the source has 首届 (1st)")],
    ),
    # only in the translation: a figure or a cardinal word is an error, an ordinal word a warning
    (
        "来自多个国家的代表签署了宣言。",
        "Representatives of 70 countries signed the declaration.",
        [(ERROR, "“70” in the translation is not in the source")],
    ),
    (
        "会议讨论了合作。",
        "The three parties discussed cooperation.",
        [(ERROR, "“three” (3) in the translation is not in the source")],
    ),
    (
        "该医院率先研究适合的材料。",
        "The hospital was the second to research suitable materials.",
        [(WARNING, "“second” (2nd) in the translation is not in the source")],
    ),
    # names: numbers of a glossary name, in a paraphrase or in an English name the source does not spell out
    (
        "与应对三大环境危机紧密联系。",
        "It is closely linked to tackling the three major environmental crises.",
        [],
    ),
    (
        "疫情期间，医院采购了防护用品。",
        "During the COVID-19 pandemic, hospitals bought protective equipment.",
        [],
    ),
    (
        "会议宣布了将在COP27上启动倡议。",
        "The meeting announced an initiative to be launched at COP28.",
        [(ERROR, "“28” in the translation is not in the source; the source has 27")],
    ),
    # a month is a month: July does not stand for the 7 of G7
    (
        "二十国集团环境部长会议于7月22日发布公报。",
        "On 22 July, the G7 Environment Ministers' Meeting issued a communiqué.",
        [(ERROR, "“7” in the translation is not in the source")],
    ),
    # one finding per number as written (11月11日 dropped)
    (
        "11月11日，联合国环境规划署举办边会。",
        "The United Nations Environment Programme held a side event.",
        [
            (ERROR, "11 of the source is not in the translation"),
            (ERROR, "11月 (November) of the source is not in the translation"),
        ],
    ),
]


@pytest.mark.parametrize(("zh", "en", "expected"), CASES, ids=[f"{c[0][:12]}…{c[1][-14:]}" for c in CASES])
def test_number_findings(zh: str, en: str, expected: list[tuple[str, str]]) -> None:
    assert findings(zh, en) == sorted(expected)
