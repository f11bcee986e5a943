"""Rules flagged ``never_error`` (sppterm.checks.base.Rule): a release build skips them, so they
must never report an error: their default severity is below error and none of their findings
on the series, or on a unit planted to trip them, is an error."""

from __future__ import annotations

from sppterm.checks.base import ERROR, CheckUnit
from sppterm.checks.registry import RULES
from sppterm.checks.runner import Options, load_units, run
from sppterm.checks.spelling import WORDLIST
from sppterm.config import load_config
from sppterm.glossary import load_glossary

from .conftest import ROOT

FLAGGED = [r for r in RULES if r.never_error]


def test_some_rule_is_flagged_and_none_defaults_to_error() -> None:
    assert "spelling" in {r.id for r in FLAGGED}
    assert all(r.severity != ERROR for r in FLAGGED)


def test_flagged_rules_report_no_error_on_the_series_or_a_planted_unit() -> None:
    cfg = load_config(ROOT)
    glossary = load_glossary(cfg.glossary)
    units = load_units(sorted((ROOT / "target_en" / "po").glob("*.po")), ROOT)
    planted = CheckUnit(
        "x.po",
        3,
        "政府绿色采购的标准",
        "The standerds of goverment green procurment.",
        False,
        frozenset(),
        "paragraph",
    )
    found = run(
        [*units, planted], glossary, Options(rules=[r.id for r in FLAGGED], wordlist=cfg.glossary / WORDLIST)
    )
    assert any(f.path == "x.po" for f in found)  # the planted unit trips them
    assert [f for f in found if f.severity == ERROR] == []
