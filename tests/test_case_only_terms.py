"""Deprecated English on the real glossary (issue 11, helper hL): a bad form that differs from
an accepted one only by case matches as written and wins; an accepted form inside the bad form
is no second name; glossary lint says where case decides. Severities are asserted here (the
labelled corpus records only which rules fire)."""

from __future__ import annotations

import pytest

from sppterm.checks.base import ERROR, WARNING, CheckUnit, Finding
from sppterm.checks.runner import Options, run
from sppterm.glossary import load_glossary
from sppterm.glossary.lint import lint
from sppterm.glossary.model import Glossary
from tests.conftest import ROOT

RULES = ["term-missing", "term-forbidden", "term-abbreviation", "term-count"]
FRIENDS = "可持续消费和生产之友召开了第三次会议。"
CBE = "循环建筑环境计划发布了新的报告。"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


def check(glossary: Glossary, zh: str, en: str) -> list[tuple[str, str, str]]:
    found: list[Finding] = run([CheckUnit("x.po", 1, zh, en)], glossary, Options(rules=RULES))
    return [
        (f.rule, f.severity, f.target[f.span[0] : f.span[1]] if f.span and f.target else "") for f in found
    ]


def test_title_case_deprecated_form_is_an_error(glossary: Glossary) -> None:
    en = "The Friends of Sustainable Consumption and Production held their third meeting."
    assert check(glossary, FRIENDS, en) == [
        ("term-forbidden", ERROR, "Friends of Sustainable Consumption and Production")
    ]


@pytest.mark.parametrize(
    "en",
    [
        "The friends of sustainable consumption and production held their third meeting.",
        "Friends of sustainable consumption and production held their third meeting.",  # sentence start
        "The Group of Friends of sustainable consumption and production held its third meeting.",
        "THE FRIENDS OF SUSTAINABLE CONSUMPTION AND PRODUCTION HELD THEIR THIRD MEETING.",
    ],
)
def test_accepted_forms_in_other_cases_stay_clean(glossary: Glossary, en: str) -> None:
    assert check(glossary, FRIENDS, en) == []


def test_deprecated_form_holding_the_preferred_one_is_an_error(glossary: Glossary) -> None:
    en = "The Circular Built Environment programme published a new report."
    assert check(glossary, CBE, en) == [("term-forbidden", ERROR, "Circular Built Environment programme")]


def test_deprecated_form_beside_a_separate_accepted_form_stays_a_warning(glossary: Glossary) -> None:
    en = "Circular Built Environment (CBE, formerly the Circular Built Environment programme) published a report."
    assert check(glossary, CBE, en) == [("term-forbidden", WARNING, "Circular Built Environment programme")]


def test_lint_names_the_case_only_pair_as_info(glossary: Glossary) -> None:
    found = [f for f in lint(glossary) if f.rule == "case-only"]
    assert [(f.severity, f.path.rsplit("/", 1)[-1]) for f in found] == [("info", "events.yaml")]
    assert "'Friends of Sustainable Consumption and Production'" in found[0].message
