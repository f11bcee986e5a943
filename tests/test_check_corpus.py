"""Every labelled unit of tests/data/check_corpus.yaml gets exactly its expected rules."""

from pathlib import Path

import pytest
import yaml

from sppterm.checks.base import CheckUnit
from sppterm.checks.runner import run
from sppterm.glossary import load_glossary
from sppterm.zh import has_cjk

from .conftest import ROOT

CORPUS = Path(__file__).parent / "data" / "check_corpus.yaml"


def corpus_units():
    rows = yaml.safe_load(CORPUS.read_text("utf-8"))["units"]
    units = [
        CheckUnit(
            "corpus.po",
            i + 1,
            r["zh"],
            r["en"],
            fuzzy=r.get("fuzzy", False),
            english_source=not has_cjk(r["zh"]),
        )
        for i, r in enumerate(rows)
    ]
    return rows, units


@pytest.fixture(scope="module")
def results():
    rows, units = corpus_units()
    findings = run(units, load_glossary(ROOT / "glossary"))
    found = {i: set() for i in range(len(rows))}
    for f in findings:
        found[f.line - 1].add(f.rule)
    return rows, found, findings


def test_every_label(results):
    rows, found, findings = results
    wrong = []
    for i, r in enumerate(rows):
        if set(r["expect"]) != found[i]:
            msgs = [f.message for f in findings if f.line == i + 1]
            wrong.append(
                f"{i + 1}: {r['zh'][:30]} expected {sorted(r['expect'])}, got {sorted(found[i])} {msgs}"
            )
    assert wrong == []


def test_corpus_covers_every_rule_family(results):
    rows, _, _ = results
    labelled = {rule for r in rows for rule in r["expect"]}
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
    assert sum(1 for r in rows if not r["expect"]) >= 25
