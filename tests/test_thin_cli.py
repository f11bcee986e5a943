"""A thin command line: format tables feed the options, and what a command computes is a
library function a script can call and get the same answer."""

from __future__ import annotations

import ast
import json

import click
import pytest
from click.testing import CliRunner

from sppterm.checks.project import CheckRun, check_inputs, check_project, fail_level
from sppterm.cli import main
from sppterm.config import load_config
from sppterm.glossary.discover import Candidate
from sppterm.glossary.suggest import entry
from sppterm.report.formats import WRITERS
from sppterm.report.glossary_export import DEFAULT_FILE, GLOSSARY_FORMATS
from sppterm.report.status import Progress, status_rows
from sppterm.report.suggest import FORMATS as SUGGEST_FORMATS

from .conftest import ROOT

CLI = ROOT / "src" / "sppterm" / "cli.py"


def _choices(*path: str, option: str = "fmt") -> list[str]:
    cmd: click.Command = main
    for name in path:
        assert isinstance(cmd, click.Group)
        cmd = cmd.commands[name]
    param = next(p for p in cmd.params if p.name == option)
    assert isinstance(param.type, click.Choice)
    return list(param.type.choices)


def test_format_options_come_from_the_tables() -> None:
    assert _choices("check") == list(WRITERS) == ["text", "json", "sarif", "github", "junit", "html"]
    assert _choices("glossary", "export") == list(GLOSSARY_FORMATS)
    assert _choices("terms", "suggest") == list(SUGGEST_FORMATS)
    assert set(DEFAULT_FILE) <= set(GLOSSARY_FORMATS)


def test_no_command_function_is_long() -> None:
    """Parsing and rendering only: every function of cli.py fits on a screen (~30 lines,
    decorators not counted, the signature and docstring counted)."""
    tree = ast.parse(CLI.read_text("utf-8"))
    long = {
        n.name: n.end_lineno - n.lineno + 1
        for n in ast.walk(tree)
        if isinstance(n, ast.FunctionDef) and n.end_lineno - n.lineno + 1 > 34
    }
    assert long == {}


def test_check_from_python_is_check_from_the_command_line() -> None:
    cfg = load_config(ROOT)
    done = check_project(cfg)
    assert isinstance(done, CheckRun) and done.units and done.rules
    r = CliRunner().invoke(main, ["--root", str(ROOT), "check", "--format", "json"])
    data = json.loads(r.output)
    assert [f["fingerprint"] for f in data["findings"]] == [f.fingerprint for f in done.findings]
    assert r.exit_code == 0 and fail_level(cfg) == "error" and fail_level(cfg, "warning") == "warning"
    files = check_inputs(cfg)
    assert files and not [p for p in files if p.name == "README.md"]


def test_progress_reads_as_before() -> None:
    assert str(Progress(3, 0, 4)) == "75% (3/4)"
    assert str(Progress(2, 1, 3)) == "66% (2/3, 1 fuzzy)"
    assert str(Progress(0, 0, 0)) == "0% (0/0)"
    rows = status_rows(ROOT / "source_zh", ROOT / "target_en" / "po")
    assert {r[0] for r in rows} == {"2021-03", "2022-04", "2023", "2024-02", "2025"}


@pytest.mark.parametrize(
    "cand, kind, zh, extra",
    [
        (
            Candidate("绿色采购指南", "title", 3, english="Green Procurement Guide", score=0.5),
            "publication",
            "《绿色采购指南》",
            {},
        ),
        (
            Candidate("亚洲开发银行", "abbreviation", 2, abbr="ADB", score=0.25),
            "concept",
            "亚洲开发银行",
            {"abbr": ["ADB"]},
        ),
    ],
)
def test_suggested_entry(cand: Candidate, kind: str, zh: str, extra: dict) -> None:
    e = entry(cand)
    assert e["type"] == kind and e["zh"] == {"preferred": zh} and e["verified"] is False
    assert e["en"]["preferred"] == (cand.english or "TODO")
    assert e["id"] == ("green-procurement-guide" if cand.english else "adb")
    assert {k: e[k] for k in extra} == extra
    assert e["note"].startswith(f"Suggested by sppterm terms suggest ({cand.kind}, {cand.count}×, Dice")
