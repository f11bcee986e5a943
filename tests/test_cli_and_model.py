"""The console command and the Bulletin model on the committed sources."""

import subprocess
import sys

import pytest
from click.testing import CliRunner

from sppterm import __version__
from sppterm.bulletin.parse import load_bulletins, parse_text
from sppterm.cli import main
from sppterm.errors import InputError

from .conftest import ROOT


def _commands(group, prefix=()):
    for name, cmd in group.commands.items():
        yield (*prefix, name)
        if hasattr(cmd, "commands"):
            yield from _commands(cmd, (*prefix, name))


def test_version_and_help_on_every_subcommand():
    r = CliRunner().invoke(main, ["--version"])
    assert r.exit_code == 0 and __version__ in r.output
    names = list(_commands(main))
    assert {("import",), ("status",), ("glossary",), ("glossary", "lint")} <= set(names)
    for path in names:
        r = CliRunner().invoke(main, [*path, "--help"])
        assert r.exit_code == 0, path
        assert "Usage:" in r.output


def test_console_script_runs_as_module():
    out = subprocess.run([sys.executable, "-m", "sppterm", "--version"], capture_output=True, text=True)
    assert out.returncode == 0 and __version__ in out.stdout


def test_status_lists_the_five_bulletins():
    r = CliRunner().invoke(main, ["--root", str(ROOT), "status"])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split() == ["id", "year", "issue", "no.", "blocks", "zh", "chars", "translated"]
    rows = {line.split()[0]: line.split() for line in lines[2:]}
    assert set(rows) == {"2021-03", "2022-04", "2023", "2024-02", "2025"}
    b = {x.id: x for x in load_bulletins(ROOT / "source_zh")}
    assert rows["2022-04"][1:4] == ["2022", "4", "10"]
    assert int(rows["2022-04"][4]) == sum(1 for _ in b["2022-04"].blocks())
    assert int(rows["2022-04"][5]) == b["2022-04"].chinese_characters > 2000
    assert rows["2022-04"][6].endswith("%") and rows["2022-04"][7].startswith("(")


def test_blocks_have_roles_lines_and_text_keys():
    b = {x.id: x for x in load_bulletins(ROOT / "source_zh")}["2022-04"]
    lines = (ROOT / "source_zh" / "2022-04.md").read_text("utf-8").splitlines()
    for block in b.blocks():
        assert block.key and block.key == " ".join(block.key.split())
        src_line = lines[block.line - 1]
        assert block.source.split("**")[0][:6] in src_line, (block.line, src_line)
    bold = [x for x in b.blocks() if "<b>" in x.text]
    assert bold and bold[0].text.count("<b>") == bold[0].text.count("</b>")
    roles = {x.role for x in b.blocks()}
    assert {"section", "article", "paragraph", "attribution", "footer", "editor", "contact"} <= roles


def test_front_matter_errors_name_file_and_line():
    with pytest.raises(InputError, match=r"x\.md:1: missing YAML front matter"):
        parse_text("# title\n", "x.md")
    with pytest.raises(InputError, match=r"x\.md:2: front matter lacks 'title'"):
        parse_text("---\nid: a\n---\n\ntext\n", "x.md")
