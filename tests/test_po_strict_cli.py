"""Every command that reads PO files refuses a malformed one: file:line, exit 2, nothing written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from sppterm.cli import main

BID = "2022-04"
BAD = {
    "unterminated": lambda t, e: t.replace(e, e[:-1], 1),
    "invalid escape": lambda t, e: t.replace(e, e[:-1] + '\\q"', 1),
    "control character": lambda t, e: t.replace(e, e[:-1] + '\\001"', 1),
    "duplicate msgid": lambda t, e: (
        t + "\n" + t[t.index("#. role") : t.index("\n\n", t.index("#. role"))] + "\n"
    ),
}
COMMANDS = [
    ["extract"],
    ["xliff", "export", BID],
    ["build"],
    ["status"],
    ["check", "PO"],
]


@pytest.mark.parametrize("kind", list(BAD))
@pytest.mark.parametrize("cmd", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_malformed_po_is_exit_2_with_file_and_line_and_writes_nothing(project, kind, cmd):
    po = project / "target_en" / "po" / f"{BID}.po"
    text = po.read_text("utf-8")
    entry = next(line for line in text.split("\n") if line.startswith('msgid "') and len(line) > 10)
    po.write_text(BAD[kind](text, entry), "utf-8")
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    args = [str(po) if a == "PO" else a for a in cmd]
    r = CliRunner().invoke(main, ["--root", str(project), *args], catch_exceptions=False)
    assert r.exit_code == 2, r.output
    assert f"{po}:" in r.output and kind.split()[0] in r.output, r.output
    line = int(r.output.split(f"{po}:")[1].split(":")[0])
    assert line > 1
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    assert after == before
