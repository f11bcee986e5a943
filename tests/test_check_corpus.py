"""Every labelled unit of tests/data/check_corpus.yaml gets exactly its expected rules."""

from pathlib import Path

import pytest

from sppterm.checks.quality import evaluate
from sppterm.glossary import load_glossary

from .conftest import ROOT

CORPUS = Path(__file__).parent / "data" / "check_corpus.yaml"


@pytest.fixture(scope="module")
def ev():
    return evaluate(CORPUS, load_glossary(ROOT / "glossary"))


def test_every_label(ev):
    wrong = [
        f"{i + 1}: {ev.rows[i]['zh'][:30]} expected {sorted(ev.rows[i]['expect'])}, got {sorted(ev.found[i])}"
        for i in ev.wrong()
    ]
    assert wrong == []


def test_corpus_covers_every_rule_family(ev):
    labelled = {rule for r in ev.rows for rule in r["expect"]}
    assert {
        "term-missing",
        "term-forbidden",
        "source-variant",
        "number",
        "inconsistent",
        "untranslated",
        "url-email",
        "punctuation",
        "whitespace",
        "placeholders",
    } <= labelled
    assert sum(1 for r in ev.rows if not r["expect"]) >= 25
    assert all(ev.precision(r) == 1.0 and ev.recall(r) == 1.0 for r in labelled)
