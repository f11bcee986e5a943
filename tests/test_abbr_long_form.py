"""term-abbreviation on the real glossary (issue 11, helper hL): the words right before a
glossary abbreviation in brackets must be an accepted form of its concept ("public catering
(PFP)" is not sustainable public food procurement); one word is a back-reference."""

from __future__ import annotations

import pytest

from sppterm.checks.base import ERROR, CheckUnit
from sppterm.checks.runner import Options, run
from sppterm.glossary import load_glossary
from sppterm.glossary.model import Glossary
from tests.conftest import ROOT

ZH = "该指南介绍了可持续公共食品采购(PFP)的良好做法。"


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "glossary")


def found(glossary: Glossary, en: str, zh: str = ZH) -> list[tuple[str, str, str]]:
    out = run([CheckUnit("x.po", 1, zh, en)], glossary, Options(rules=["term-abbreviation"]))
    return [(f.rule, f.severity, en[f.span[0] : f.span[1]] if f.span else "") for f in out]


@pytest.mark.parametrize(
    ("en", "name"),
    [
        ("The guide presents good practices in public catering (PFP).", "public catering"),
        (
            "The guide presents good practices on sustainable school catering (PFP).",
            "sustainable school catering",
        ),
        ("Public spending (SPP) is an important tool.", "Public spending"),
        # a head noun that is no class noun of a body or document, after an adjective
        ("The regional buying (IGPN) grew.", "regional buying"),
    ],
)
def test_wrong_long_form_before_a_right_abbreviation_is_an_error(
    glossary: Glossary, en: str, name: str
) -> None:
    assert found(glossary, en) == [("term-abbreviation", ERROR, name)]


@pytest.mark.parametrize(
    "en",
    [
        "The guide presents good practices in sustainable public food procurement (PFP).",
        "The guide presents good practices in public food procurement (PFP).",  # admitted
        "The programme (SPP) was launched in 2014.",  # one word: a back-reference
        "The guide (PFP) was published.",
        # a description ending in a class noun refers to the body; it names nothing else
        "The regional network (IGPN) released the report.",
        "The global programme (SPP) was launched in 2014.",
    ],
)
def test_accepted_forms_and_back_references_stay_clean(glossary: Glossary, en: str) -> None:
    assert found(glossary, en) == []
