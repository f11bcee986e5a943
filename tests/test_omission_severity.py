"""Severity of the omission, addition and quote findings (issue 11, round 4): strong evidence is
an error (what fails CI), weak evidence a warning. Rows of tests/data/check_corpus.yaml's section
'omission/addition classes of the third blind evaluation', checked one by one."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from sppterm.checks.quality import evaluate
from sppterm.glossary import load_glossary

from .conftest import ROOT

CORPUS = Path(__file__).parent / "data" / "check_corpus.yaml"
SECTION = "# --- omission/addition classes of the third blind evaluation"

# (words of the English that name the row, rule, severity)
EXPECTED = [
    ("Circular economy principles are moving", "omission", "error"),  # 不仅减少了浪费: 2 words
    ("Private solutions alone", "omission", "error"),  # -3.5 sd and the clause 导致…碎片化
    ("helping to accelerate this shift.", "omission", "error"),  # 5 words absent from its bead
    # one list item of three, the English list one short (issue 11, helper hO: an error)
    ("Through training and direct funding", "omission", "error"),
    ("The digital workplace is vital", "addition", "error"),
    ("Many young people have welcomed this news", "addition", "error"),  # an added sentence
    ("which delegates warmly applauded", "addition", "error"),  # +1.4 sd, no source word
    ("To meet this challenge", "punctuation", "error"),  # the source balances its quotes
    ('"The One Planet network', "punctuation", "error"),
    ("The 10YFP Co-Chair stated", "punctuation", "warning"),  # neither side balances
    ("could rise to 14 per cent by 2040.", "omission", "error"),  # a whole sentence dropped
]


@pytest.fixture(scope="module")
def section(tmp_path_factory):
    text = CORPUS.read_text(encoding="utf-8")
    rest = text.partition(SECTION)[2]
    assert rest, "the corpus section is missing"
    body = rest.split("\n# --- ", 1)[0]
    rows = yaml.safe_load("units:\n" + body.split("\n", 1)[1])["units"]
    path = tmp_path_factory.mktemp("corpus") / "section.yaml"
    path.write_text(
        yaml.safe_dump(
            {"wordlist": str(ROOT / "glossary" / "wordlist.txt"), "units": rows}, allow_unicode=True
        ),
        encoding="utf-8",
    )
    return rows, evaluate(path, load_glossary(ROOT / "glossary"))


@pytest.mark.parametrize(("start", "rule", "severity"), EXPECTED)
def test_severity(section, start, rule, severity):
    rows, ev = section
    hits = [i for i, r in enumerate(rows) if names(r["en"], start)]
    assert len(hits) == 1, start
    got = {f.severity for f in ev.findings if f.line - 1 == hits[0] and f.rule == rule}
    assert got == {severity}


def names(en: str, words: str) -> bool:
    """Whether ``words`` name the row of English ``en`` (stand in it)."""
    return words in en
