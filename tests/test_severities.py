"""Default severities: what is wrong fails CI, what may be right is a warning (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sppterm.checks.base import CheckUnit
from sppterm.checks.quality import evaluate
from sppterm.checks.runner import Options, run
from sppterm.glossary import load_glossary

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary")


def _severities(glossary, zh: str, en: str, rule: str) -> list[str]:
    findings = run([CheckUnit("x.po", 1, zh, en)], glossary, Options(rules=[rule]))
    return [f.severity for f in findings if f.rule == rule]


@pytest.mark.parametrize(
    ("zh", "en", "rule", "want"),
    [
        # A stray full-width mark is never right in English.
        ("会议在北京举行。", "The meeting was held in Beijing。", "punctuation", ["error"]),
        # A closing bracket lost where the Chinese balances its own: part of the sentence lost.
        (
            "会议讨论了塑料污染（包括海洋塑料）。",
            "The meeting discussed plastic pollution (including marine plastics.",
            "punctuation",
            ["error"],
        ),
        # An enumerator "1)" closes a bracket never opened: a warning for a reviser.
        (
            "会议讨论了两个问题：1）塑料污染；2）海洋垃圾。",
            "The meeting discussed two issues: 1) plastic pollution; 2) marine litter.",
            "punctuation",
            ["warning"],
        ),
        ("会议讨论了“塑料污染。", 'The meeting discussed "plastic pollution.', "punctuation", ["warning"]),
        ("会议在北京举行。", "The the meeting was held in Beijing.", "repeated-word", ["error"]),
        # A whole sentence dropped, far beyond the series' length ratio: an error.
        (
            "会议讨论了可持续公共采购的趋势。会议还强调了青年参与的重要性，并呼吁各方加强合作，共同推动绿色低碳转型和循环经济发展。",
            "The meeting discussed trends in sustainable public procurement.",
            "omission",
            ["error"],
        ),
    ],
)
def test_default_severity(glossary, zh: str, en: str, rule: str, want: list[str]) -> None:
    assert _severities(glossary, zh, en, rule) == want


def test_a_list_announced_by_its_size_with_fewer_items_is_an_error(glossary) -> None:
    zh = "《指南》描述了十个关键行动领域，包括：政策、采购、标准、标识、培训、监测、报告和合作。"
    en = (
        "The Guidelines describe ten key areas for action: policy, procurement, standards, "
        "labels, training, monitoring, reporting and cooperation."
    )
    assert _severities(glossary, zh, en, "omission") == ["error"]


def test_planted_errors_fail_ci_and_clean_units_do_not(glossary) -> None:
    """On the labelled corpus no correct unit fails CI, and the planted errors that are the
    translation's (not the source's: source-variant) fail it at least 92 % of the time (278 of
    300 on 2026-12-04; the rest are warnings by each rule's severity policy)."""
    ev = evaluate(ROOT / "tests" / "data" / "check_corpus.yaml", glossary)
    errors = {f.line - 1 for f in ev.findings if f.severity == "error"}
    clean = [i for i, r in enumerate(ev.rows) if not r["expect"]]
    assert not [ev.rows[i]["en"] for i in clean if i in errors]
    # House-style rows (pack: un, issue 15) are warnings by design: a reviser's call, not CI's;
    # so are unknown words (spelling: a name the word list lacks looks the same as a typo) and
    # layout (whitespace: the editions collapse it, and check --fix mends it).
    by_design = {"source-variant", "spelling", "whitespace"}
    planted = [
        i
        for i, r in enumerate(ev.rows)
        if r["expect"] and "pack" not in r and not set(r["expect"]) <= by_design
    ]
    failing = sum(1 for i in planted if i in errors)
    assert failing / len(planted) >= 0.92, f"{failing}/{len(planted)}"
