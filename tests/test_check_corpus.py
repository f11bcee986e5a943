"""Every labelled unit of tests/data/check_corpus.yaml gets exactly its expected rules."""

from pathlib import Path

import pytest

from sppterm.checks.quality import evaluate
from sppterm.checks.registry import RULES
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
    """Every registered rule (read from the registry, so a new rule cannot be added without
    labelled cases) fires on labelled units, and on exactly those."""
    labelled = {rule for r in ev.rows for rule in r["expect"]}
    registered = {r.id for r in RULES} | _pack_rules(ev)
    assert registered - labelled == set(), "rules without labelled positive cases in check_corpus.yaml"
    assert labelled <= registered, f"labels naming no rule: {sorted(labelled - registered)}"
    assert sum(1 for r in ev.rows if not r["expect"]) >= 25
    scores = {r: (ev.precision(r), ev.recall(r)) for r in registered}
    assert {r: s for r, s in scores.items() if s != (1.0, 1.0)} == {}


def _pack_rules(ev) -> set[str]:
    """The rules of the style packs the corpus rows name (``pack: un``, issue 15): labelled too."""
    from sppterm.checks.style import PACK_PREFIX, load_styles

    packs = sorted({f"{PACK_PREFIX}{r['pack']}" for r in ev.rows if "pack" in r})
    return {r.id for r in load_styles(packs, CORPUS.parent, str(CORPUS))}
