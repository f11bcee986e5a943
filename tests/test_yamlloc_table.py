"""Direct table tests for sppterm's YAML loader (``yamlloc``): text → data, text → file:line error,
path → line.

Rows are glossary and hints fragments as the project writes them (glossary/*.yaml,
source_zh/*.hints.yaml) and the edits that break them. Data is compared by ``repr`` of its plain
form, so ``True`` is not ``1`` and ``'2030'`` is not ``2030``. Syntax errors are compared by line
and the ``invalid YAML:`` prefix only (libyaml and the pure-Python parser word them differently);
sppterm's own refusals by their exact message.

A row where the loader is wrong is marked ``xfail(strict=True, reason="bug: …")`` for the owner of
yamlloc to fix. tests/test_yaml_safety.py keeps the bombs and the CLI entry points.
"""

from __future__ import annotations

import datetime

import pytest

from sppterm import yamlloc
from sppterm.errors import InputError

PATH = "glossary/concepts.yaml"


def bug(reason: str):
    return pytest.mark.xfail(strict=True, reason=f"bug: {reason}")


def plain(x):
    """Loaded data without the line-carrying subclasses, for an exact repr comparison."""
    if isinstance(x, dict):
        return {str(k): plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    if isinstance(x, str):
        return str(x)
    return x


LOAD = [
    pytest.param("", None, id="empty"),
    pytest.param("  \n\n", None, id="whitespace-only"),
    pytest.param(
        "# yaml-language-server: $schema=../src/sppterm/glossary/schema.json\n", None, id="comment-only"
    ),
    pytest.param(
        "id: spp\nzh: {preferred: 可持续公共采购}\nabbr: [SPP]\n",
        {"id": "spp", "zh": {"preferred": "可持续公共采购"}, "abbr": ["SPP"]},
        id="concept-flow-style",
    ),
    pytest.param(
        "zh:\n  preferred: 可持续消费和生产\n  admitted: [可持续生产和消费, 可持续消费与生产]\n",
        {"zh": {"preferred": "可持续消费和生产", "admitted": ["可持续生产和消费", "可持续消费与生产"]}},
        id="concept-block-style",
    ),
    pytest.param("year: 2021\nissue: 3\n", {"year": 2021, "issue": 3}, id="ints"),
    pytest.param("id: '2022-04'\n", {"id": "2022-04"}, id="quoted-id-stays-text"),
    pytest.param("id: 2023\n", {"id": 2023}, id="plain-year-is-an-int"),
    pytest.param("date: 2022-10-18\n", {"date": datetime.date(2022, 10, 18)}, id="date"),
    pytest.param("share: 0.3\n", {"share": 0.3}, id="float"),
    pytest.param("verified: true\nnote: ~\n", {"verified": True, "note": None}, id="bool-and-null"),
    pytest.param("1: 第一项\n2: 第二项\n", {"1": "第一项", "2": "第二项"}, id="int-keys-as-text"),
    pytest.param("note: |\n  第一行\n  第二行\n", {"note": "第一行\n第二行\n"}, id="literal-block"),
    pytest.param("zh: 可持续公共采购   # preferred\n", {"zh": "可持续公共采购"}, id="trailing-comment"),
    pytest.param("\ufeffid: spp\n", {"id": "spp"}, id="bom"),
    pytest.param("a: {}\nb: []\nc:\n", {"a": {}, "b": [], "c": None}, id="empty-containers"),
    pytest.param("%YAML 1.1\n---\nid: spp\n...\n", {"id": "spp"}, id="directive-and-document-end"),
    pytest.param(
        "no: Norsk\n",
        {"no": "Norsk"},
        id="BUG-bool-key",
        marks=bug(
            "a plain key that YAML 1.1 resolves to a bool becomes 'False' ({'False': 'Norsk'}): keys "
            "should stay as written, as int keys do (1: → '1'), or be refused like float keys"
        ),
    ),
    pytest.param(
        "010: x\n",
        {"010": "x"},
        id="BUG-octal-key",
        marks=bug("the key 010 is resolved as the octal int 8 and written back as '8'"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), LOAD)
def test_load(text: str, expected) -> None:
    assert repr(plain(yamlloc.load(text, PATH))) == repr(expected)


# (text, line, message): message ending in ":" is a prefix (syntax errors), else exact
ERRORS = [
    pytest.param("a: &x 1\nb: *x\n", 1, "YAML anchors are not allowed (&x)", id="anchor"),
    pytest.param("id: spp\nabbr: *x\n", 2, "YAML aliases are not allowed (*x)", id="alias-undefined"),
    pytest.param(
        "concepts:\n  - &c {id: spp}\n", 2, "YAML anchors are not allowed (&c)", id="anchor-on-mapping"
    ),
    pytest.param(
        "v: !!python/object:os.system x\n",
        1,
        "YAML tags are not allowed (!!python/object:os.system)",
        id="python-tag",
    ),
    pytest.param("v: !custom x\n", 1, "YAML tags are not allowed (!custom)", id="local-tag"),
    pytest.param("v: !!str 12\n", 1, "YAML tags are not allowed (!!str)", id="harmless-tag-too"),
    pytest.param("a: !!binary aGk=\n", 1, "YAML tags are not allowed (!!binary)", id="binary-tag"),
    pytest.param(
        "id: spp\nzh: 可持续公共采购\nid: scp\n",
        3,
        "duplicate key 'id' (first on line 1)",
        id="duplicate-key",
    ),
    pytest.param(
        "zh:\n  preferred: 采购\n  preferred: 购买\n",
        3,
        "duplicate key 'preferred' (first on line 2)",
        id="duplicate-nested",
    ),
    pytest.param("[1, 2]: x\n", 1, "mapping key must be text", id="sequence-key"),
    pytest.param("~: x\n", 1, "mapping key must be text", id="null-key"),
    pytest.param("1.5: x\n", 1, "mapping key must be text", id="float-key"),
    pytest.param(
        "id: spp\n---\nid: scp\n",
        2,
        "invalid YAML: expected a single document in the stream",
        id="two-documents",
    ),
    pytest.param(
        "date: 2024-13-45\n",
        1,
        "invalid YAML value '2024-13-45': month must be in 1..12",
        id="impossible-date",
    ),
    pytest.param("[" * 65 + "]" * 65, 1, "YAML nested more than 64 levels deep", id="too-deep"),
    pytest.param("zh: {preferred: 采购\n", 2, "invalid YAML:", id="unclosed-flow-mapping"),
    pytest.param("zh: 可持续: 公共采购\n", 1, "invalid YAML:", id="colon-in-plain-value"),
    pytest.param("\x01: x\n", 1, "invalid YAML:", id="control-character"),
    pytest.param(
        "id: spp\nzh 可持续公共采购\nen: sustainable public procurement\n",
        2,
        "invalid YAML:",
        id="BUG-missing-colon-line",
        marks=bug(
            "a line missing its colon is reported on the next line (3), the one that is right: the "
            "problem mark is where the parser gave up; the context mark ('while scanning a simple key') is line 2"
        ),
    ),
]


@pytest.mark.parametrize(("text", "line", "message"), ERRORS)
def test_load_refuses(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as info:
        yamlloc.load(text, PATH)
    problems = info.value.problems
    assert len(problems) == 1
    p = problems[0]
    assert (p.path, p.line) == (PATH, line)
    if message.endswith(":"):
        assert p.message.startswith(message + " ")
    else:
        assert p.message == message


def test_all_duplicate_keys_reported_at_once() -> None:
    """Every duplicate in one pass, each with its line: an editor fixes them in one go."""
    with pytest.raises(InputError) as info:
        yamlloc.load("a: 1\nb: 2\na: 3\nb: 4\n", PATH)
    assert [(p.line, p.message) for p in info.value.problems] == [
        (3, "duplicate key 'a' (first on line 1)"),
        (4, "duplicate key 'b' (first on line 2)"),
    ]


# check(): what load refuses at the event level, without building data
CHECK = [
    pytest.param("id: spp\nabbr: [SPP]\n", None, id="ok"),
    pytest.param("a: 1\na: 2\n", None, id="duplicates-are-load-s-business"),
    pytest.param("a: &x 1\n", (1, "YAML anchors are not allowed (&x)"), id="anchor"),
    pytest.param("a: *x\n", (1, "YAML aliases are not allowed (*x)"), id="alias"),
    pytest.param("a: !t x\n", (1, "YAML tags are not allowed (!t)"), id="tag"),
    pytest.param(
        "a: 1\n---\nb: 2\n", (2, "invalid YAML: expected a single document in the stream"), id="two-documents"
    ),
]


@pytest.mark.parametrize(("text", "expected"), CHECK)
def test_check(text: str, expected) -> None:
    if expected is None:
        yamlloc.check(text, PATH)
        return
    with pytest.raises(InputError) as info:
        yamlloc.check(text, PATH)
    assert [(p.line, p.message) for p in info.value.problems] == [expected]


GLOSSARY = """\
concepts:
  - id: spp
    zh: {preferred: 可持续公共采购}
    en:
      preferred: sustainable public procurement
    abbr: [SPP]
    year: 2021

  - id: scp
    zh:
      preferred: 可持续消费和生产
      admitted:
        - 可持续生产和消费
        - 可持续消费与生产
"""

LINES = [
    pytest.param([], 1, id="root"),
    pytest.param(["concepts"], 2, id="the-list-starts-at-its-first-item"),
    pytest.param(["concepts", 0], 2, id="first-concept"),
    pytest.param(["concepts", 1], 9, id="second-concept-after-blank-line"),
    pytest.param(["concepts", 0, "zh", "preferred"], 3, id="flow-mapping-value"),
    pytest.param(["concepts", 0, "en", "preferred"], 5, id="block-mapping-value"),
    pytest.param(["concepts", 0, "abbr", 0], 6, id="flow-sequence-item"),
    pytest.param(["concepts", 0, "year"], 7, id="int-value-takes-its-key-line"),
    pytest.param(["concepts", 1, "zh", "admitted", 1], 14, id="block-sequence-item"),
    pytest.param(["concepts", 0, "nope"], 2, id="missing-key-nearest-ancestor"),
    pytest.param(["concepts", 5], 2, id="missing-index-nearest-ancestor"),
    pytest.param(["concepts", 0, "id", "x"], 2, id="path-through-a-scalar"),
]


@pytest.mark.parametrize(("path_parts", "line"), LINES)
def test_line_of(path_parts: list, line: int) -> None:
    data = yamlloc.load(GLOSSARY, PATH)
    assert yamlloc.line_of(data, path_parts) == line


def test_values_carry_lines() -> None:
    data = yamlloc.load(GLOSSARY, PATH)
    scp = data["concepts"][1]
    assert (scp.line, scp.key_lines) == (9, {"id": 9, "zh": 10})
    assert [s.line for s in scp["zh"]["admitted"]] == [13, 14]
    assert data["concepts"][0]["zh"]["preferred"].line == 3
