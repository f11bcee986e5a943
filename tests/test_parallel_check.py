"""The per-unit checks in worker processes (checks.parallel, ``sppterm check --jobs``, issue 13):
the same report as the serial run, byte for byte, and the serial run whenever a worker fails."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from sppterm.bulletin.dates import read_periods
from sppterm.checks import parallel, project, runner
from sppterm.checks.base import CheckUnit, Context, Finding, Rule
from sppterm.checks.registry import META
from sppterm.config import load_config
from sppterm.errors import InputError
from sppterm.glossary import load_glossary
from sppterm.glossary.matcher import SLOW_PATH_ENV
from sppterm.report import jsonfmt

ROOT = Path(__file__).resolve().parents[1]
PARENT = os.getpid()

pytestmark = pytest.mark.skipif(not parallel._can_fork(), reason="no fork start on this platform")


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(parallel.ENV, raising=False)
    monkeypatch.delenv(SLOW_PATH_ENV, raising=False)


@pytest.fixture
def pools(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per pool the run started: True when the workers answered, False when it fell
    back to the serial run (the comparisons below mean something only if a pool ran)."""
    seen: list[bool] = []
    real = parallel._in_workers

    def spy(*a: object) -> object:
        got = real(*a)  # type: ignore[arg-type]
        seen.append(got is not None)
        return got

    monkeypatch.setattr(parallel, "_in_workers", spy)
    return seen


def series_run(jobs: int | None, rules: list[str] | None = None, styles: tuple[Rule, ...] = ()) -> str:
    """The JSON report of the repository's series (PO files and sources) checked by the runner
    with ``jobs`` worker processes (no results cache: every unit is checked)."""
    cfg = load_config(ROOT)
    units = runner.load_units(project.check_inputs(cfg), cfg.root)
    opts = project.options(cfg, project.check_inputs(cfg))
    opts.dates, opts.jobs = read_periods(cfg.source), jobs
    if rules is not None:
        opts.rules, opts.styles = rules, list(styles)
    return jsonfmt.render(runner.run(units, load_glossary(cfg.glossary), opts))


def test_series_same_report_serial_and_parallel(pools):
    serial = series_run(1)
    assert pools == []  # --jobs 1: no pool
    assert series_run(2) == serial
    assert series_run(3) == serial
    assert pools == [True, True]
    assert '"rule"' in serial


def test_generated_project_same_report(tmp_path, monkeypatch, pools):
    """The benchmark's generated project (3,000 units, 200 concepts: every per-unit rule finds
    something), whole check_project runs without cache, automatic jobs above the threshold."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from harness import write_project
    finally:
        sys.path.remove(str(ROOT / "bench"))
    write_project(tmp_path / "p", 200, 3000)
    monkeypatch.setenv("SPPTERM_NO_CACHE", "1")
    monkeypatch.setattr(parallel, "cpu_count", lambda: 2)  # automatic: two workers on any machine
    cfg = load_config(tmp_path / "p")
    serial = jsonfmt.render(project.check_project(cfg, jobs=1).findings)
    auto = jsonfmt.render(project.check_project(cfg).findings)
    assert pools == [True]
    assert auto == serial
    assert serial.count('"rule"') > 500


class Counter(Rule):
    """A rule whose findings depend on the units checked before it in the process."""

    id = "x-counter"
    title = "counts"
    severity = "info"
    run_dependent = True

    def __init__(self) -> None:
        self.n = 0

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        self.n += 1
        if unit.target and os.getpid() == PARENT:
            yield self.finding(unit, f"unit {self.n} of the run")


def test_run_dependent_rule_runs_in_the_parent_in_order(pools):
    """Placed between the built-in rules: its findings (numbered in check order) are where the
    serial run has them, and it saw every unit the serial run's counter saw."""
    ids = list(META)
    rules = [*ids[:5], Counter.id, *ids[5:]]
    serial = series_run(1, rules, (Counter(),))
    assert series_run(2, rules, (Counter(),)) == serial
    assert pools == [True]
    assert serial.count("of the run") > 100


class Failing(Rule):
    """A rule that fails in a worker only, in the way ``how`` says."""

    id = "x-failing"
    title = "fails in workers"
    severity = "info"

    def __init__(self, how: str) -> None:
        self.how = how

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if os.getpid() != PARENT:
            if self.how == "raise":
                raise RuntimeError("a worker's bug")
            if self.how == "exit":
                os._exit(3)  # a worker killed (out of memory, a signal)
        return ()


@pytest.mark.parametrize("how", ["raise", "exit"])
def test_worker_failure_falls_back_to_the_serial_run(how, pools):
    rules = [*META, Failing.id]
    serial = series_run(1, rules, (Failing(how),))
    assert series_run(2, rules, (Failing(how),)) == serial
    assert pools == [False]


class Bad(Rule):
    """A rule that rejects one unit (in any process), as a rule reading a bad input would."""

    id = "x-bad"
    title = "rejects a unit"
    severity = "info"

    def __init__(self, unit: CheckUnit) -> None:
        self.at = (unit.path, unit.line)

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if (unit.path, unit.line) == self.at:
            raise InputError.at(unit.path, unit.line, "bad unit")
        return ()


def test_worker_error_is_the_serial_runs_error(pools):
    cfg = load_config(ROOT)
    units = runner.load_units(project.check_inputs(cfg), cfg.root)
    late = [u for u in units if u.target and u.target.strip()][-5]  # past the parent's warm-up
    rules = [*META, Bad.id]
    with pytest.raises(InputError) as serial:
        series_run(1, rules, (Bad(late),))
    with pytest.raises(InputError) as par:
        series_run(2, rules, (Bad(late),))
    assert pools == [False]
    assert str(par.value) == str(serial.value)
    assert "bad unit" in str(serial.value)


def test_slow_path_is_serial(monkeypatch, pools):
    monkeypatch.setenv(SLOW_PATH_ENV, "1")
    series_run(2)
    assert pools == []


def _finding(rule: int, unit: CheckUnit) -> Finding:
    return Finding(f"r{rule}", "info", unit.path, unit.line, f"r{rule} on {unit.key}", unit.key)


def test_merge_puts_held_findings_where_the_serial_run_has_them(monkeypatch):
    """check_units alone, with a fake plan of 4 rules where 1 and 3 are held: rule i finds
    (unit number % (i + 2)) findings, so the cuts vary per unit."""
    monkeypatch.setattr(parallel, "WARM_UNITS", 3)
    units = [CheckUnit("a.po", i, f"k{i}", f"t{i}") for i in range(200)]

    def check(unit: CheckUnit, held: frozenset[int]) -> tuple[list[Finding], list[int]]:
        found: list[Finding] = []
        cuts: list[int] = []
        for i in range(4):
            if i in held:
                cuts.append(len(found))
                continue
            found += [_finding(i, unit)] * (unit.line % (i + 2))
        return found, cuts

    serial = parallel.check_units(units, check, 4, [1, 3], 1)
    assert parallel.check_units(units, check, 4, [1, 3], 2) == serial
    assert [f.rule for f in serial[5]] == ["r0", "r1", "r1", "r2"]  # 5 % 2, 5 % 3, 5 % 4, 5 % 5


def test_how_many_workers(monkeypatch):
    monkeypatch.setattr(parallel, "cpu_count", lambda: 4)
    assert parallel.workers(None, 10_000) == 4  # automatic
    assert parallel.workers(0, parallel.MIN_UNITS - 1) == 1  # too few to pay
    assert parallel.workers(1, 10_000) == 1
    assert parallel.workers(3, 10) == 3  # asked for: whatever the count
    assert parallel.workers(3, 1) == 1
    monkeypatch.setenv(parallel.ENV, "2")
    assert parallel.workers(None, 10_000) == 2
    assert parallel.workers(1, 10_000) == 1  # --jobs before the variable
    monkeypatch.setenv(parallel.ENV, "many")
    with pytest.raises(InputError, match="SPPTERM_JOBS"):
        parallel.workers(None, 10_000)


def test_cores_are_the_affinity_mask(monkeypatch):
    if not hasattr(os, "sched_getaffinity"):
        pytest.skip("no affinity mask on this platform")
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert parallel.cpu_count() == 1
    assert parallel.workers(None, 10_000) == 1


def _cli(root: Path, out: Path, cache: Path, *args: str, env: dict[str, str] | None = None):
    e = {k: v for k, v in os.environ.items() if k not in (parallel.ENV, "SPPTERM_NO_CACHE")}
    e |= {"SPPTERM_CACHE_DIR": str(cache), **(env or {})}
    cmd = [sys.executable, "-m", "sppterm", "--root", str(root), "check", "--format", "json", "-o", str(out)]
    return subprocess.run([*cmd, *args], capture_output=True, text=True, timeout=300, env=e)


def test_cli_jobs_option(tmp_path):
    """``--jobs 2`` and ``SPPTERM_JOBS`` on the series give the serial report, and the results
    cache the parallel run wrote answers the next run with the same findings."""
    one = _cli(ROOT, tmp_path / "1.json", tmp_path / "c1", "--jobs", "1")
    assert one.returncode in (0, 1), one.stderr
    if (tmp_path / "c1" / "lexicon").is_dir():  # compiled once
        shutil.copytree(tmp_path / "c1" / "lexicon", tmp_path / "c2" / "lexicon")
    two = _cli(ROOT, tmp_path / "2.json", tmp_path / "c2", "--jobs", "2")
    again = _cli(ROOT, tmp_path / "3.json", tmp_path / "c2", env={parallel.ENV: "2"})
    assert two.returncode == one.returncode == again.returncode
    assert (tmp_path / "2.json").read_bytes() == (tmp_path / "1.json").read_bytes()
    assert (tmp_path / "3.json").read_bytes() == (tmp_path / "1.json").read_bytes()
    bad = _cli(ROOT, tmp_path / "4.json", tmp_path / "c2", env={parallel.ENV: "all"})
    assert bad.returncode == 2 and "--jobs" in bad.stderr, bad.stderr
