"""latin-copy (issue 11, helper hL): English written in a Chinese source (names, titles, slogans
in brackets) survives in the translation; on the real series, every such run passes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.checks.base import ERROR, CheckUnit
from sppterm.checks.english_copy import latin_runs, missing_words
from sppterm.checks.runner import Options, run, units_from_po
from sppterm.glossary import load_glossary
from sppterm.glossary.model import Glossary
from tests.conftest import ROOT

SLOGAN = "该联盟提出“少买、精买、善用、久用”(Buy Less, Buy Better, Use Better, and Use Longer)的理念。"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


def found(glossary: Glossary, zh: str, en: str) -> list[tuple[str, str, str]]:
    out = run([CheckUnit("x.po", 1, zh, en)], glossary, Options(rules=["latin-copy"]))
    return [(f.rule, f.severity, f.message) for f in out]


def test_a_dropped_word_is_an_error_naming_it(glossary: Glossary) -> None:
    en = "The coalition promotes the idea of “Buy Less, Buy Better, Use Longer”."
    assert found(glossary, SLOGAN, en) == [
        (
            "latin-copy",
            ERROR,
            "'Better Use' of the source's English 'Buy Less, Buy Better, Use Better, and Use Longer'"
            " is not in the translation",
        )
    ]


@pytest.mark.parametrize(
    "en",
    [
        "The coalition promotes the idea of “buy less, buy better, use better & use longer”.",
        "The coalition promotes “Buy Less, Buy Better, Use Better and Use Longer”.",  # no serial comma
        "The coalition promotes ‘Buy Less – Buy Better – Use Better – Use Longer’.",
    ],
)
def test_typography_case_and_joiners_are_free(glossary: Glossary, en: str) -> None:
    assert found(glossary, SLOGAN, en) == []


def test_one_capitalised_name_and_diacritics(glossary: Glossary) -> None:
    zh = "荷兰埃因霍温市(Eindhoven)采用了这一工具。"
    assert [r for r, _, _ in found(glossary, zh, "The Dutch city of Utrecht uses the tool.")] == [
        "latin-copy"
    ]
    assert found(glossary, zh, "The Dutch city of Eindhoven uses the tool.") == []
    zh = "代表们签署了《夏约宣言》(Declaration de Chaillot)。"
    assert (
        found(glossary, zh, "Representatives signed the Chaillot Declaration (Déclaration de Chaillot).")
        == []
    )


def test_addresses_abbreviations_and_glossary_forms_are_other_rules(glossary: Glossary) -> None:
    assert latin_runs("详情请访问www.oneplanetnetwork.org/sustainable-public-procurement。") == []
    assert latin_runs("由联合国环境规划署(UNEP)和GO 4 SDGs发起") == []
    assert latin_runs('更多信息请见<a href="https://example.org/x">可持续公共采购计划的网页</a>。') == []
    # Curt Bergfors Foundation is a glossary form: term-missing reports it, not this rule
    zh = "瑞典科特·伯格福斯基金会(Curt Bergfors Foundation)设立了该奖项。"
    assert found(glossary, zh, "The prize was established by the Curt Bergfors Trust.") == []


def test_words_split_or_joined_differently_match() -> None:
    assert missing_words("GO 4 SDGs Global Opportunities", "GO4SDGs – Global Opportunities for SDGs") == []
    assert missing_words("Co-operation Programme", "the Cooperation Programme") == []


def test_every_run_of_the_series_passes(glossary: Glossary) -> None:
    units = [u for po in sorted((ROOT / "target_en" / "po").glob("*.po")) for u in units_from_po(Path(po))]
    runs = [u for u in units if u.target and not u.english_source and latin_runs(u.key)]
    # Curt Bergfors (twice), Bioregional, Sustainable Global Resources, Declaration de Chaillot, Buy Less…
    assert sum(len(latin_runs(u.key)) for u in runs) >= 7
    assert run(runs, glossary, Options(rules=["latin-copy"])) == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab AB,.-–&和“”()0éX" + "\u00e9", max_size=80), st.text(max_size=80))
def test_terminates_on_any_text(source: str, target: str) -> None:
    for start, end in latin_runs(source):
        assert 0 <= start < end <= len(source)
        missing_words(source[start:end], target)
