"""The check's caches and fast paths change no finding (issue 13, "no correctness change").

The reference is not a stored report (other work changes the rules' findings all the time) but
the same code with every cache and fast path off (``SPPTERM_SLOW_PATH=1``): the JSON report of
the labelled corpus and of the real series must be byte-identical either way, whatever the rules
find today.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from sppterm import yamlloc
from sppterm.checks import runner
from sppterm.checks.base import CheckUnit
from sppterm.glossary import cache as cache_mod
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import SLOW_PATH_ENV, ZhMatcher
from sppterm.report import jsonfmt
from sppterm.textio import read_text
from sppterm.zh import has_cjk

from .conftest import ROOT

CORPUS = Path(__file__).parent / "data" / "check_corpus.yaml"


@pytest.fixture(scope="module")
def glossary():
    return load_glossary(ROOT / "glossary")


def corpus_units() -> list[CheckUnit]:
    """The labelled corpus twice over, shuffled (seeded): the same texts come back on other units
    and in another order, so a cache that leaked from one unit into the next would show."""
    rows = yamlloc.load(read_text(CORPUS), str(CORPUS))["units"]
    units = [
        CheckUnit(
            "corpus.po",
            i + 1,
            r["zh"],
            r["en"],
            fuzzy=r.get("fuzzy", False),
            english_source=not has_cjk(r["zh"]),
        )
        for i, r in enumerate(rows * 2)
    ]
    random.Random(13).shuffle(units)
    return units


def report(units: list[CheckUnit], glossary) -> str:
    return jsonfmt.render(runner.run(units, glossary))


def test_switch_turns_the_fast_paths_off(glossary, monkeypatch):
    """The comparison below means something only if the switch really changes the code path."""
    monkeypatch.delenv(SLOW_PATH_ENV, raising=False)
    assert ZhMatcher(glossary)._memo is not None
    monkeypatch.setenv(SLOW_PATH_ENV, "1")
    assert ZhMatcher(glossary)._memo is None


def test_corpus_same_findings_fast_and_slow(glossary, monkeypatch):
    units = corpus_units()
    monkeypatch.setenv(SLOW_PATH_ENV, "1")
    slow = report(units, glossary)
    monkeypatch.delenv(SLOW_PATH_ENV)
    fast = report(units, glossary)
    assert '"rule"' in slow  # the corpus has findings to compare
    assert fast == slow


def _check_process(out: Path, slow: bool, cache: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in (SLOW_PATH_ENV, cache_mod.ENV_OFF)}
    env[cache_mod.ENV_DIR] = str(cache)
    if slow:  # no fast path, no glossary cache
        env[SLOW_PATH_ENV] = env[cache_mod.ENV_OFF] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "sppterm", "--root", str(ROOT), "check", "--format", "json", "-o", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode in (0, 1), proc.stderr
    return out.read_text("utf-8")


def test_real_series_same_report_fast_and_slow(tmp_path):
    """Whole processes on the repository's series: loading, glossary cache (cold, then warm),
    rules, report."""
    cache = tmp_path / "cache"
    slow = _check_process(tmp_path / "slow.json", slow=True, cache=cache)
    assert not cache.exists()  # the slow run used no cache
    cold = _check_process(tmp_path / "cold.json", slow=False, cache=cache)
    # the fast runs did, unless the cache is off for this glossary model (glossary/cache.py)
    assert any(cache.glob(f"{cache_mod.PREFIX}*")) is cache_mod._FAST
    warm = _check_process(tmp_path / "warm.json", slow=False, cache=cache)
    assert '"findings"' in slow
    assert cold == slow
    assert warm == slow
