"""Every subcommand, fed bad input: exit 2, a short message naming the file, never a traceback,
nothing written. One table, so a new command or a new kind of bad input is one more row."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import need_shared

PO = "target_en/po/2022-04.po"
MD = "source_zh/2022-04.md"
GLOSSARY = "glossary/organisations.yaml"


def _write(rel: str, text: str | bytes) -> Callable[[Path], str]:
    def setup(project: Path) -> str:
        p = project / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, "utf-8")
        return rel

    return setup


def _edit(rel: str, old: str, new: str) -> Callable[[Path], str]:
    def setup(project: Path) -> str:
        p = project / rel
        text = p.read_text("utf-8")
        assert old in text, (rel, old)
        p.write_text(text.replace(old, new, 1), "utf-8")
        return rel

    return setup


BROKEN_PO = _edit(PO, 'msgid "合作伙伴最新进展"', 'msgid "合作伙伴最新进展')
BROKEN_YAML = _write(GLOSSARY, "concepts:\n  - id: [unclosed\n")
EMPTY_GLOSSARY = _write(GLOSSARY, "")
BAD_SCHEMA = _write(GLOSSARY, "concepts:\n  - id: x\n    type: nonsense\n")
NO_FRONT = _write(MD, "# no front matter\n")
BINARY = b"\xff\xfe\x00\xd8garbage\x00\x81\x82"
CSV_HEADER = "id,zh,en\n"

# (name, setup returning the file the message must name, command with {file} for that file)
ROWS: list[tuple[str, Callable[[Path], str], list[str]]] = [
    ("import binary raw", _write("raw.txt", BINARY), ["import", "{file}", "--id", "2026-01"]),
    (
        "import broken hints",
        _write("h.yaml", "year: [\n"),
        ["import", "raw.txt", "--id", "2026-01", "--hints", "{file}"],
    ),
    ("extract broken PO", BROKEN_PO, ["extract"]),
    ("extract broken glossary", BROKEN_YAML, ["extract"]),
    ("extract no front matter", NO_FRONT, ["extract"]),
    ("xliff export broken PO", BROKEN_PO, ["xliff", "export", "2022-04"]),
    ("xliff export missing PO", lambda p: (p / PO).unlink() or PO, ["xliff", "export", "2022-04"]),
    (
        "xliff import malformed",
        _write("in.xlf", "<xliff><file"),
        ["xliff", "import", "{file}", "--id", "2022-04"],
    ),
    ("xliff import binary", _write("in.xlf", BINARY), ["xliff", "import", "{file}", "--id", "2022-04"]),
    ("xliff import broken PO", BROKEN_PO, ["xliff", "import", "in.xlf", "--id", "2022-04"]),
    ("tm export broken PO", BROKEN_PO, ["tm", "export"]),
    ("terms suggest broken glossary", BROKEN_YAML, ["terms", "suggest"]),
    ("check broken PO", BROKEN_PO, ["check"]),
    ("check broken glossary", BAD_SCHEMA, ["check"]),
    ("check a text file", _write("notes.txt", "hello\n"), ["check", "{file}"]),
    ("check binary PO", _write("target_en/po/x.po", BINARY), ["check", "{file}"]),
    ("build no front matter", NO_FRONT, ["build", "--draft"]),
    ("build year in words", _edit(MD, "year: 2022", 'year: "twenty"'), ["build", "--draft"]),
    ("build broken PO", BROKEN_PO, ["build", "--draft"]),
    ("score a text file", _write("notes.txt", "hello\n"), ["score", "{file}", "{file}"]),
    ("score binary PO", _write("a.po", BINARY), ["score", "{file}", "{file}"]),
    ("score broken PO", BROKEN_PO, ["score", "--post-edit", "2022-04"]),
    ("status broken PO", BROKEN_PO, ["status"]),
    ("status no front matter", NO_FRONT, ["status"]),
    ("lint empty glossary file", EMPTY_GLOSSARY, ["glossary", "lint"]),
    ("lint broken glossary", BROKEN_YAML, ["glossary", "lint"]),
    ("lint schema violation", BAD_SCHEMA, ["glossary", "lint"]),
    ("export broken glossary", BROKEN_YAML, ["glossary", "export", "--format", "csv"]),
    ("import into empty glossary", EMPTY_GLOSSARY, ["glossary", "import", "in.csv"]),
    ("import into broken glossary", BROKEN_YAML, ["glossary", "import", "in.csv"]),
    ("import binary csv", _write("in.csv", BINARY), ["glossary", "import", "{file}"]),
    ("import malformed tbx", _write("in.tbx", "<martif><text>"), ["glossary", "import", "{file}"]),
    ("impact broken glossary", BROKEN_YAML, ["glossary", "impact"]),
    ("broken pyproject", _write("pyproject.toml", "[tool.sppterm\n"), ["status"]),
]


@pytest.mark.parametrize(("name", "setup", "argv"), ROWS, ids=[r[0] for r in ROWS])
def test_bad_input_is_a_message_and_exit_2(project, name, setup, argv):
    seeds = need_shared() / "seeds"
    (project / "raw.txt").write_bytes(sorted(seeds.iterdir())[0].read_bytes())
    (project / "in.csv").write_text(CSV_HEADER + "x-new,新概念,new concept\n", "utf-8")
    (project / "in.xlf").write_text(
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2"><file original="source_zh/'
        '2022-04.md" source-language="zh-CN" target-language="en" datatype="plaintext"><body/></file></xliff>',
        "utf-8",
    )
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "add", "-A"], check=True)
    subprocess.run(
        ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "x"],
        check=True,
    )
    named = setup(project)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}
    args = [a.replace("{file}", str(project / named)) for a in argv]
    r = subprocess.run(
        [sys.executable, "-m", "sppterm", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr + r.stdout
    lines = r.stderr.strip().splitlines()
    assert lines, "no message"
    assert Path(named).name in lines[0] or named in lines[0], lines
    after = {p: p.read_bytes() for p in project.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before, "a failing command wrote files"
