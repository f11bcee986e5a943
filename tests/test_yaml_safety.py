"""YAML can be neither a bomb nor a code path: every YAML entry point refuses anchors, aliases
and explicit tags with ``file:line`` and exit 2, before anything is expanded.

The alias bomb runs in a subprocess under a 2 GB address-space limit (a regression fails with
MemoryError instead of eating the machine) and its peak RSS must stay under 200 MB.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from sppterm import yamlloc
from sppterm.cli import main
from sppterm.errors import InputError

ROOT = Path(__file__).resolve().parents[1]

# Billion laughs, 9 levels: 9**9 = 387 million strings once expanded.
BOMB_LINES = ["a: &a [x, x, x, x, x, x, x, x, x]"] + [
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]" for i in range(8)
]
BOMB = "\n".join(BOMB_LINES) + "\n"
ALIAS_ONLY = "a: [x, x]\nb: *a\n"  # an alias to an undefined anchor is refused too
TAGS = {
    "custom": "!custom x",
    "int": "!!int abc",
    "timestamp": "!!timestamp x",
    "python": "!!python/object/apply:os.system [echo pwned]",
    "str": "!!str 12",  # even a harmless explicit tag: tags pick constructors
}
LIMIT = 2 * 1024**3
MAX_RSS_KIB = 200 * 1024


# Linux counts the image a child was forked from (pytest's, 250 MB late in a run) in the
# child's ru_maxrss, even after exec. So a small launcher process runs sppterm (preexec_fn sets
# RLIMIT_AS) and reads getrusage(RUSAGE_CHILDREN) for its one child: a peak that is sppterm's
# own, or at most the launcher's ~15 MB.
LAUNCH = """\
import resource, subprocess, sys
limit, rss_file, *cmd = sys.argv[1:]
def cap():
    resource.setrlimit(resource.RLIMIT_AS, (int(limit), int(limit)))
code = subprocess.run(cmd, preexec_fn=cap, timeout=300).returncode
with open(rss_file, "w") as f:
    f.write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
sys.exit(code)
"""


def run_limited(root: Path, *args: str) -> tuple[int, str, int]:
    """(exit status, stdout+stderr, peak RSS in KiB) of ``sppterm --root root ARGS`` under the
    address-space limit."""
    with tempfile.TemporaryDirectory() as d:
        rss_file = Path(d) / "rss"
        cmd = [sys.executable, "-m", "sppterm", "--root", str(root), *args]
        r = subprocess.run(
            [sys.executable, "-c", LAUNCH, str(LIMIT), str(rss_file), *cmd],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=330,
        )
        return r.returncode, r.stdout.decode("utf-8", "replace"), int(rss_file.read_text())


def _project(tmp_path: Path) -> Path:
    """A project with the real glossary and bulletins."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    shutil.copytree(ROOT / "source_zh", tmp_path / "source_zh")
    (tmp_path / "pyproject.toml").write_text(
        '[tool.sppterm]\nglossary = "glossary"\nsource = "source_zh"\ntarget = "target_en"\n', "utf-8"
    )
    return tmp_path


GLOSSARY_HEAD = textwrap.dedent(
    """\
    concepts:
      - id: green-bomb
        type: concept
        zh: {preferred: 绿色炸弹}
        en: {preferred: green bomb}
    """
)


def _front(extra: str) -> str:
    return f"---\nid: 2099\ntitle: 可持续公共采购简报\n{extra}---\n\n# 标题\n\n正文。\n"


# -- the bomb, in a subprocess with a memory limit -------------------------------------------------
def _assert_refused(code: int, out: str, rss: int, where: str) -> None:
    assert code == 2, out[-2000:]
    assert "Traceback" not in out and "MemoryError" not in out, out[-2000:]
    assert where in out, out[-2000:]
    assert rss < MAX_RSS_KIB, f"peak RSS {rss / 1024:.0f} MB"
    print(f"peak RSS {rss / 1024:.0f} MB")


def test_bomb_in_glossary_file_lint_stays_small(tmp_path):
    p = _project(tmp_path)
    (p / "glossary" / "zz-bomb.yaml").write_text(GLOSSARY_HEAD + BOMB, "utf-8")
    code, out, rss = run_limited(p, "glossary", "lint")
    # line 6: the first anchor, after the five lines of the valid concept
    _assert_refused(code, out, rss, "zz-bomb.yaml:6: YAML anchors are not allowed (&a)")


def test_bomb_in_front_matter_lint_stays_small(tmp_path):
    p = _project(tmp_path)
    (p / "source_zh" / "2099.md").write_text(_front(BOMB), "utf-8")
    code, out, rss = run_limited(p, "glossary", "lint")
    # file line 4: '---', id, title, then the bomb
    _assert_refused(code, out, rss, "2099.md:4: YAML anchors are not allowed (&a)")


def test_bomb_in_hints_file_import_stays_small(tmp_path):
    p = _project(tmp_path)
    (p / "source_zh" / "2099.hints.yaml").write_text("year: 2099\n" + BOMB, "utf-8")
    raw = p / "raw.txt"
    raw.write_text("可持续公共采购简报\n\n正文。\n", "utf-8")
    code, out, rss = run_limited(p, "import", str(raw), "--id", "2099")
    _assert_refused(code, out, rss, "2099.hints.yaml:2: YAML anchors are not allowed (&a)")


def test_bomb_in_glossary_during_import_stays_small(tmp_path):
    p = _project(tmp_path)
    (p / "glossary" / "zz-bomb.yaml").write_text(GLOSSARY_HEAD + BOMB, "utf-8")
    csv = p / "new.csv"
    csv.write_text("source,target\n绿色采购新词,green procurement word\n", "utf-8")
    code, out, rss = run_limited(p, "glossary", "import", str(csv))
    _assert_refused(code, out, rss, "zz-bomb.yaml:6: YAML anchors are not allowed (&a)")
    assert not (p / "glossary" / "imported.yaml").exists()


# -- tags and aliases, in process ------------------------------------------------------------------
@pytest.mark.parametrize("tag", TAGS.values(), ids=TAGS.keys())
def test_tag_in_glossary_file_is_refused(tmp_path, tag):
    p = _project(tmp_path)
    (p / "glossary" / "zz-tag.yaml").write_text(GLOSSARY_HEAD + f"    note: {tag}\n", "utf-8")
    r = CliRunner().invoke(main, ["--root", str(p), "glossary", "lint"])
    assert r.exit_code == 2, r.output
    assert "zz-tag.yaml:6: YAML tags are not allowed (!" in r.output
    assert r.exception is None or isinstance(r.exception, SystemExit)


@pytest.mark.parametrize("tag", TAGS.values(), ids=TAGS.keys())
def test_tag_in_front_matter_is_refused(tmp_path, tag):
    p = _project(tmp_path)
    (p / "source_zh" / "2099.md").write_text(_front(f"note: {tag}\n"), "utf-8")
    r = CliRunner().invoke(main, ["--root", str(p), "glossary", "lint"])
    assert r.exit_code == 2, r.output
    assert "2099.md:4: YAML tags are not allowed" in r.output


@pytest.mark.parametrize("tag", TAGS.values(), ids=TAGS.keys())
def test_tag_in_hints_file_is_refused(tmp_path, tag):
    p = _project(tmp_path)
    (p / "source_zh" / "2099.hints.yaml").write_text(f"year: 2099\ndrop:\n  - {tag}\n", "utf-8")
    raw = p / "raw.txt"
    raw.write_text("可持续公共采购简报\n\n正文。\n", "utf-8")
    r = CliRunner().invoke(main, ["--root", str(p), "import", str(raw), "--id", "2099"])
    assert r.exit_code == 2, r.output
    assert "2099.hints.yaml:3: YAML tags are not allowed" in r.output


@pytest.mark.parametrize("payload", [*TAGS.values(), "*a"], ids=[*TAGS.keys(), "alias"])
def test_tag_or_alias_in_glossary_during_import_is_refused(tmp_path, payload):
    p = _project(tmp_path)
    (p / "glossary" / "zz-tag.yaml").write_text(GLOSSARY_HEAD + f"    note: {payload}\n", "utf-8")
    before = {f.name: f.read_bytes() for f in (p / "glossary").iterdir()}
    csv = p / "new.csv"
    csv.write_text("source,target\n绿色采购新词,green procurement word\n", "utf-8")
    r = CliRunner().invoke(main, ["--root", str(p), "glossary", "import", str(csv)])
    assert r.exit_code == 2, r.output
    assert "zz-tag.yaml:6: YAML " in r.output and "not allowed" in r.output
    assert {f.name: f.read_bytes() for f in (p / "glossary").iterdir()} == before  # nothing written


def test_check_corpus_refuses_tags(tmp_path):
    from sppterm.checks.quality import evaluate
    from sppterm.glossary import load_glossary

    corpus = tmp_path / "corpus.yaml"
    corpus.write_text("units:\n  - zh: 采购\n    en: !!python/name:os.system x\n    expect: []\n", "utf-8")
    with pytest.raises(InputError) as e:
        evaluate(corpus, load_glossary(ROOT / "glossary"))
    assert str(e.value).startswith(f"{corpus}:3: YAML tags are not allowed (!!python/name:os.system)")


# -- the loader itself -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # never BOMB in process: on a regression it would take the machine's memory, not 2 GB
        ("a: &a [x, x]\nb: [*a, *a]\n", 1, "YAML anchors are not allowed (&a)"),
        (ALIAS_ONLY, 2, "YAML aliases are not allowed (*a)"),
        ("a: 1\nb: &x {c: 2}\n", 2, "YAML anchors are not allowed (&x)"),
        ("- &s plain\n", 1, "YAML anchors are not allowed (&s)"),
        ("a:\n  - b\n  - !custom {c: 1}\n", 3, "YAML tags are not allowed (!custom)"),
        ("a: !!int abc\n", 1, "YAML tags are not allowed (!!int)"),
        ("a: !!timestamp x\n", 1, "YAML tags are not allowed (!!timestamp)"),
        ("a: ! x\n", 1, "YAML tags are not allowed (!)"),
        ("%TAG !e! tag:example.com,2000:\n---\na: !e!x y\n", 3, "YAML tags are not allowed"),
        ("a: 2024-13-45\n", 1, "invalid YAML value '2024-13-45'"),
        ("[" * 100 + "]" * 100, 1, "nested more than 64 levels"),
        ("a: 1\n---\nb: 2\n", 2, "expected a single document"),
        ("a: \x07\n", 1, "invalid YAML"),
    ],
)
def test_loader_refuses_with_line(text, line, message):
    with pytest.raises(InputError) as e:
        yamlloc.load(text, "f.yaml")
    assert str(e.value).startswith(f"f.yaml:{line}: "), str(e.value)
    assert message in str(e.value)
    if "value" not in message:  # check() builds no values, so only sees structure
        with pytest.raises(InputError):
            yamlloc.check(text, "f.yaml")


def test_loader_keeps_plain_data_and_lines():
    data = yamlloc.load(
        "a: 1\nb: [x, 'y', 2.5, null, true, 2024-01-02]\nc:\n  d: e\n'f': g\n# &not-an-anchor\n", "f.yaml"
    )
    assert data == {
        "a": 1,
        "b": ["x", "y", 2.5, None, True, __import__("datetime").date(2024, 1, 2)],
        "c": {"d": "e"},
        "f": "g",
    }
    assert data.line == 1 and data.key_lines == {"a": 1, "b": 2, "c": 3, "f": 5}
    assert data["b"].line == 2 and data["b"][0].line == 2 and data["c"].line == 4 and data["c"]["d"].line == 4
    assert yamlloc.load("", "f.yaml") is None and yamlloc.load("# only a comment\n", "f.yaml") is None
    # '&' and '*' and '!' inside text are text, not anchors, aliases or tags
    assert yamlloc.load("a: 'R&D *and* !x'\nb: R&D *and* x!\n", "f.yaml") == {
        "a": "R&D *and* !x",
        "b": "R&D *and* x!",
    }


def test_duplicate_and_bad_keys_still_reported():
    with pytest.raises(InputError) as e:
        yamlloc.load("a: 1\na: 2\n? [k]\n: v\n", "f.yaml")
    assert [str(p) for p in e.value.problems] == [
        "f.yaml:2: duplicate key 'a' (first on line 1)",
        "f.yaml:3: mapping key must be text",
    ]


def test_no_yaml_loading_outside_yamlloc():
    """One safe loader: no other module of sppterm parses YAML by itself."""
    offenders = []
    for f in (ROOT / "src" / "sppterm").rglob("*.py"):
        if f.name == "yamlloc.py":
            continue
        text = f.read_text("utf-8")
        for needle in (
            "yaml.load(",
            "yaml.safe_load(",
            "yaml.compose(",
            "yaml.parse(",
            "yaml.full_load(",
            "yaml.unsafe_load(",
        ):
            if needle in text and not (f.name == "imports.py" and "yamlloc.check(" in text):
                offenders.append(f"{f.relative_to(ROOT)}: {needle}")
    assert offenders == []
