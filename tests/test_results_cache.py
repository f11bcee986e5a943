"""The check's results cache (checks.results_cache, issue 13) on a copy of the real series.

Every test compares a cached run with a run without the cache (SPPTERM_NO_CACHE=1) after one
kind of change, and counts what was checked again: the cache may only save time.
"""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from sppterm.cachedir import HEADER
from sppterm.checks import results_cache as rc
from sppterm.checks.project import CheckRun, check_project
from sppterm.config import load_config
from sppterm.report import jsonfmt

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def series(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The series as committed (glossary, sources, translations), its style pack as a file of
    the project (so a test can edit it), and a cache directory of its own."""
    for d in ("glossary", "source_zh", "target_en/po"):
        shutil.copytree(ROOT / d, tmp_path / d)
    (tmp_path / "styles").mkdir()
    shutil.copy(ROOT / "src/sppterm/styles/un.yaml", tmp_path / "styles" / "un.yaml")
    (tmp_path / "pyproject.toml").write_text('[tool.sppterm]\nstyles = ["styles"]\n', "utf-8")
    monkeypatch.setenv("SPPTERM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("SPPTERM_NO_CACHE", raising=False)
    monkeypatch.delenv("SPPTERM_SLOW_PATH", raising=False)
    return tmp_path


def check(root: Path, **kw: object) -> CheckRun:
    return check_project(load_config(root), **kw)  # type: ignore[arg-type]


def report(run: CheckRun) -> str:
    return jsonfmt.render(run.findings)


def uncached(root: Path, monkeypatch: pytest.MonkeyPatch, **kw: object) -> str:
    with monkeypatch.context() as m:
        m.setenv("SPPTERM_NO_CACHE", "1")
        done = check(root, **kw)
        assert done.rechecked is None and not done.cached
        return report(done)


def n_units(run: CheckRun) -> int:
    return len(run.units)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text("utf-8") + text, "utf-8")


def test_warm_run_is_the_cold_run(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = check(series)
    assert not cold.cached and cold.rechecked == n_units(cold) > 300
    warm = check(series)
    assert warm.cached and report(warm) == report(cold) == uncached(series, monkeypatch)
    assert warm.findings, "the real series has findings to compare"
    # A run answered from the cache still has its units and rules for JUnit, HTML and --fix.
    assert [u.key for u in warm.units] == [u.key for u in cold.units]
    assert [r.id for r in warm.rules] == [r.id for r in cold.rules]


def test_slow_path_and_no_cache_write_nothing(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SPPTERM_SLOW_PATH", "1")
    done = check(series)
    assert done.rechecked is None
    assert not list((series / "cache").glob("check-*")) if (series / "cache").exists() else True


def test_an_edited_unit_is_the_only_one_checked_again(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = check(series)
    po = series / "target_en/po/2021-03.po"
    # a wrong term: the per-unit rules must find it, the other units come from the cache
    edit(po, 'msgstr "Latest from the SPP Programme"', 'msgstr "Latest from the SPP Programm"')
    again = check(series)
    assert not again.cached and again.rechecked == 1
    assert report(again) == uncached(series, monkeypatch) != report(cold)


def test_a_file_saved_again_reuses_the_series_findings(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sppterm.checks import style

    cold = check(series)
    po = series / "target_en/po/2024-02.po"
    edit(po, "Language-Team: English", "Language-Team: English (UK)")  # the header only
    calls: list[int] = []
    real = style.StyleRule.check_series
    monkeypatch.setattr(
        style.StyleRule, "check_series", lambda self, units, ctx: calls.append(1) or real(self, units, ctx)
    )
    again = check(series)
    assert not again.cached and again.rechecked == 0 and calls == []
    assert report(again) == report(cold)
    # the source beside it changed (first-use reads it): the series rules run again
    edit(series / "source_zh/2024-02.md", "\n\n", "\n\n\n")
    third = check(series)
    assert calls and report(third) == uncached(series, monkeypatch)


def test_the_same_bytes_written_again_are_unchanged(series: Path) -> None:
    cold = check(series)
    po = series / "target_en/po/2023.po"
    data = po.read_bytes()
    po.write_bytes(data)  # new times, same bytes
    assert check(series).cached
    # an editor's save: a new file renamed over the old one (new inode; the folder's times change)
    tmp = po.with_suffix(".po.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, po)
    again = check(series)
    assert again.cached and report(again) == report(cold)
    # the entry now holds the new stats: the next run hashes nothing
    entry = entries(series, rc.RUN_PREFIX)[0]
    stored = pickle.loads(entry.read_bytes()[HEADER.size :])[0]
    assert dict((p, s) for p, s, _ in stored)[str(po)] == rc.stat_of(po)
    # one byte more: a real change
    po.write_bytes(data + b"\n")
    assert not check(series).cached


def test_moved_units_keep_their_findings_at_their_new_lines(
    series: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cold = check(series)
    po = series / "target_en/po/2022-04.po"
    text = po.read_text("utf-8")
    po.write_text("# a translator's comment\n# on two lines\n" + text, "utf-8")
    again = check(series)
    assert again.rechecked == 0
    assert report(again) == uncached(series, monkeypatch)
    moved = [f for f in again.findings if f.path.endswith("2022-04.po")]
    before = [f for f in cold.findings if f.path.endswith("2022-04.po")]
    assert [f.line for f in moved] == [f.line + 2 for f in before]


@pytest.mark.parametrize(
    ("what", "change"),
    [
        ("glossary", lambda root: edit(root / "glossary/organisations.yaml", "\n", "\n# reviewed\n")),
        ("word list", lambda root: append(root / "glossary/wordlist.txt", "zyxwvut\n")),
        ("style file", lambda root: edit(root / "styles/un.yaml", "message: \"'", "message: \"UN style: '")),
    ],
)
def test_a_changed_context_checks_every_unit_again(
    series: Path, monkeypatch: pytest.MonkeyPatch, what: str, change
) -> None:
    cold = check(series)
    change(series)
    again = check(series)
    assert not again.cached and again.rechecked == n_units(cold), what
    assert report(again) == uncached(series, monkeypatch)


def test_a_bulletin_date_checks_that_bulletin_again(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = check(series)
    edit(series / "source_zh/2025.md", "year: 2025\n", "year: 2025\ndate: 2025-03-01\n")
    again = check(series)
    of_2025 = [u for u in cold.units if u.bulletin == "2025"]
    assert not again.cached and again.rechecked == len(of_2025) > 0
    assert report(again) == uncached(series, monkeypatch)


def test_options_severities_rules_and_baseline(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = check(series)
    assert any(f.rule == "source-variant" for f in cold.findings)
    # a severity override is applied to cached findings: no unit is checked again
    (series / "pyproject.toml").write_text(
        '[tool.sppterm]\nstyles = ["styles"]\n[tool.sppterm.check.severity]\nsource-variant = "error"\n',
        "utf-8",
    )
    again = check(series)
    assert not again.cached and again.rechecked == 0
    assert report(again) == uncached(series, monkeypatch)
    assert {f.severity for f in again.findings if f.rule == "source-variant"} == {"error"}
    # other rules are another context: checked, then cached on their own
    only = check(series, only=["term-missing"])
    assert only.rechecked == n_units(cold)
    assert report(only) == uncached(series, monkeypatch, only=["term-missing"])
    assert check(series, only=["term-missing"]).cached and check(series).cached
    # a baseline (a file the run reads) suppresses what it lists, cached or not
    from sppterm.checks.runner import write_baseline

    base = series / "base.json"
    write_baseline(base, again.findings[:3])
    with_base = check(series, baseline=base)
    assert len(with_base.findings) == len(again.findings) - 3
    write_baseline(base, again.findings[:1])
    assert len(check(series, baseline=base).findings) == len(again.findings) - 1


def test_a_code_change_checks_everything_again(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = check(series)
    monkeypatch.setattr(rc, "code_digest", lambda: b"another version of the code")
    again = check(series)
    assert not again.cached and again.rechecked == n_units(cold)
    assert report(again) == report(cold)


def test_the_code_digest_follows_the_package_files(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    before = rc._tree(tmp_path)
    (tmp_path / "a.py").write_text("x = 22\n")
    assert rc._tree(tmp_path) != before
    (tmp_path / "b.json").write_text("{}")
    assert rc._tree(tmp_path) != before


def entries(root: Path, prefix: str) -> list[Path]:
    return sorted((root / "cache").glob(f"{prefix}*{rc.SUFFIX}"))


@pytest.mark.parametrize("damage", ["truncated", "flipped", "empty", "foreign class"])
def test_a_damaged_entry_is_a_miss(series: Path, monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    cold = report(check(series))
    for entry in [*entries(series, rc.RUN_PREFIX), *entries(series, rc.UNITS_PREFIX)]:
        data = entry.read_bytes()
        if damage == "truncated":
            entry.write_bytes(data[: len(data) // 2])
        elif damage == "flipped":
            entry.write_bytes(data[:-10] + bytes([data[-10] ^ 0xFF]) + data[-9:])
        elif damage == "empty":
            entry.write_bytes(b"")
        else:  # a valid header and CRC over a pickle that names a function: never called
            payload = pickle.dumps(os.system)
            header = HEADER.unpack(data[: HEADER.size])
            entry.write_bytes(
                HEADER.pack(header[0], header[1], header[2], len(payload), zlib.crc32(payload)) + payload
            )
    again = check(series)
    assert not again.cached and again.rechecked == len(again.units)
    assert report(again) == cold
    assert check(series).cached  # rewritten whole


def test_an_unwritable_cache_costs_time_only(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = series / "not-a-directory"
    blocker.write_text("a file where the cache directory would be")
    monkeypatch.setenv("SPPTERM_CACHE_DIR", str(blocker / "cache"))
    first = check(series)
    second = check(series)
    assert not second.cached and report(first) == report(second) == uncached(series, monkeypatch)


def test_concurrent_writers(series: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rc, "_code", None)  # this process's digest of the code as it is now
    env = {**os.environ, "SPPTERM_CACHE_DIR": str(series / "cache")}
    cmd = [sys.executable, "-m", "sppterm", "--root", str(series), "check", "--format", "json"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(3)]
    outs = [p.communicate(timeout=300) for p in procs]
    assert all(p.returncode in (0, 1) for p in procs), [e.decode() for _, e in outs]
    findings = {json.dumps(json.loads(o)["findings"]) for o, _ in outs}
    assert len(findings) == 1
    done = check(series)
    assert done.cached and json.dumps(json.loads(report(done))["findings"]) in findings
    assert len(entries(series, rc.RUN_PREFIX)) == 1 and len(entries(series, rc.UNITS_PREFIX)) == 1


def test_a_file_changed_while_the_run_reads_it_is_not_cached(series: Path) -> None:
    key = rc.digest("test")
    cache = rc.RunCache(series / "cache", key)
    po = series / "target_en/po/2023.po"
    cache.watch([po])
    po.write_text(po.read_text("utf-8") + "\n", "utf-8")
    assert not cache.save([], [])
    assert cache.load() is None


def test_entries_are_pruned(tmp_path: Path) -> None:
    for n in range(rc.KEEP_RUNS + 5):
        assert rc.write_entry(tmp_path, rc.RUN_PREFIX, rc.digest(n), ([], [], []), rc.KEEP_RUNS)
    assert len(list(tmp_path.glob(f"{rc.RUN_PREFIX}*"))) == rc.KEEP_RUNS


def test_build_gates_on_the_same_findings_with_the_cache(
    series: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sppterm.publish.build import build

    def built() -> tuple[list[tuple[str, str, list[str]]], dict[Path, str]]:
        results, files = build(load_config(series), [], draft=True)
        return [(r.id, r.status, r.problems) for r in results], files

    po = series / "target_en/po/2022-04.po"
    edit(po, "2013 and 2017", "2013 and 2019")  # an error-level number finding: the build lists it
    cold = built()
    assert any(p for _, _, p in cold[0])
    assert built() == cold  # the per-unit findings from the cache
    with monkeypatch.context() as m:
        m.setenv("SPPTERM_NO_CACHE", "1")
        assert built() == cold
    edit(po, "2013 and 2019", "2013 and 2017")
    with monkeypatch.context() as m:
        m.setenv("SPPTERM_NO_CACHE", "1")
        fixed = built()
    assert built() == fixed != cold


def test_a_warm_build_and_check_import_no_rule_module(series: Path) -> None:
    """Answered by the results cache, ``build`` and ``check`` import none of the rules' modules
    (their regular expressions cost a warm build ~250 ms); an edited unit imports them to check
    it, and the findings are the uncached run's (the other tests)."""
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sppterm.checks import registry\n"
        "from sppterm.checks.project import check_project\n"
        "from sppterm.config import load_config\n"
        "from sppterm.publish.build import build\n"
        "cfg = load_config(Path(sys.argv[1]))\n"
        "build(cfg, [], draft=True)\n"
        "check_project(cfg)\n"
        "print(sorted({i.module for i in registry.INFOS} & set(sys.modules)))\n"
    )
    run = [sys.executable, "-c", code, str(series)]
    env = {**os.environ, "SPPTERM_CACHE_DIR": str(series / "cache")}
    env.pop("SPPTERM_NO_CACHE", None)
    cold = subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout
    assert "sppterm.checks.numbers" in cold  # the first run checks every unit
    warm = subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout
    assert warm.strip() == "[]"
    edit(series / "target_en/po/2022-04.po", "2013 and 2017", "2013 and 2019")
    edited = subprocess.run(run, capture_output=True, text=True, check=True, env=env).stdout
    assert "sppterm.checks.numbers" in edited
