"""Golden files for the machine-readable reports of ``sppterm check``: SARIF, JUnit XML and JSON.

A fixed project (tests/data/golden/project: a glossary of three concepts and one PO file whose
units trigger term-missing, number, url-email, untranslated and punctuation, plus two clean
units) is copied to a temporary directory and checked by the real command line, once per format
(``sppterm check --format F -o FILE``). Each report is compared byte for byte with
tests/data/golden/check.sarif, check.junit.xml and check.json after normalising only what must
vary between machines and releases:

* the absolute path of the temporary project (and its file:// URI) → ``<ROOT>``;
* sppterm's version in the tool block of SARIF and JSON → ``<VERSION>``.

A deliberate change to messages, rule metadata or a writer is one command that rewrites the
golden files (the tests then skip, saying so); review the diff and commit it::

    SPPTERM_UPDATE_GOLDEN=1 python3 -m pytest -q -p no:cacheprovider tests/test_report_golden.py
    git diff tests/data/golden/

The SARIF report is also validated against the OASIS SARIF 2.1.0 schema in ../shared/schemas
(skipped with a reason when ../shared is absent); the JUnit report against a JUnit schema if
../shared/schemas holds one (it has none today: that test skips and says so), and always for its
own consistency (counts of tests and failures).
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from lxml import etree

from .conftest import SHARED, need_shared, sppterm

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "data" / "golden"
FIXTURE = GOLDEN / "project"
UPDATE = os.environ.get("SPPTERM_UPDATE_GOLDEN") == "1"

FORMATS = {"sarif": "check.sarif", "junit": "check.junit.xml", "json": "check.json"}
# "name": "sppterm", "version": "…" in JSON's "tool" and SARIF's "driver"
_VERSION = re.compile(r'("name": "sppterm",\s*"version": )"[^"]*"')


def _project(base: Path) -> Path:
    root = base / "project"
    shutil.copytree(FIXTURE, root)
    (root / "source_zh").mkdir()
    (root / "pyproject.toml").write_text('[tool.sppterm]\nseeds = "seeds"\n', "utf-8")
    return root


def normalise(text: str, root: Path, fmt: str) -> str:
    for form in (root.as_uri(), str(root), str(root.resolve())):
        text = text.replace(form, "<ROOT>")
    if fmt in ("sarif", "json"):
        text = _VERSION.sub(r'\1"<VERSION>"', text)
    return text


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, str]:
    """The three reports of one fixture project, normalised."""
    root = _project(tmp_path_factory.mktemp("golden"))
    out: dict[str, str] = {}
    for fmt in FORMATS:
        dest = root.parent / f"report.{fmt}"
        r = sppterm(root, "check", "--format", fmt, "-o", str(dest))
        # exit 1: findings at the error level (a traceback exits 1 too: hence the other checks)
        ok = r.returncode == 1 and dest.is_file() and "Traceback" not in r.stderr
        assert ok, f"check --format {fmt}: exit {r.returncode}\n{r.stdout}\n{r.stderr}"
        out[fmt] = normalise(dest.read_bytes().decode("utf-8"), root, fmt)
    return out


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_report_matches_golden(reports: dict[str, str], fmt: str) -> None:
    text = reports[fmt]
    golden = GOLDEN / FORMATS[fmt]
    if UPDATE:
        golden.write_bytes(text.encode("utf-8"))
        pytest.skip(f"SPPTERM_UPDATE_GOLDEN=1: rewrote {golden.relative_to(HERE.parent)}; review the diff")
    assert golden.is_file(), f"{golden} is missing: run with SPPTERM_UPDATE_GOLDEN=1 to write it"
    assert text == golden.read_bytes().decode("utf-8"), (
        f"the {fmt} report differs from {golden.name}; if the change is deliberate, rewrite the golden "
        "files with SPPTERM_UPDATE_GOLDEN=1 and review the diff"
    )


def test_only_version_and_paths_normalised(reports: dict[str, str]) -> None:
    """The version placeholder is where the tool block is (the regex still matches the writers'
    layout), and no absolute path of the temporary project is left anywhere."""
    for fmt in ("sarif", "json"):
        data = json.loads(reports[fmt])
        tool = data["runs"][0]["tool"]["driver"] if fmt == "sarif" else data["tool"]
        assert tool["version"] == "<VERSION>", fmt
    for fmt, text in reports.items():
        assert "/tmp" not in text and "pytest-" not in text, fmt


def test_fixture_triggers_the_intended_rules(reports: dict[str, str]) -> None:
    """The fixture keeps its purpose: each rule fires on its own unit, the clean units stay clean."""
    data = json.loads(reports["json"])
    by_line = {}
    for f in data["findings"]:
        by_line.setdefault(f["unit_line"], set()).add(f["rule"])
    po = (FIXTURE / "target_en" / "po" / "demo.po").read_text("utf-8").splitlines()
    intended = {}
    for i, line in enumerate(po):
        if line.startswith("#. ") and i + 1 < len(po) and po[i + 1].startswith("#. role:"):
            msgid_line = next(k for k in range(i, len(po)) if po[k].startswith("msgid ")) + 1
            intended[msgid_line] = line[3:].split(":")[0]
    assert set(intended.values()) >= {
        "term-missing",
        "number",
        "url-email",
        "untranslated",
        "punctuation",
        "clean",
    }
    for line, rule in intended.items():
        assert by_line.get(line, set()) == (set() if rule == "clean" else {rule}), f"demo.po:{line} ({rule})"


def test_sarif_validates_against_the_schema(reports: dict[str, str]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    shared = need_shared()
    schema = json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    errors = sorted(cls(schema).iter_errors(json.loads(reports["sarif"])), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def _junit_schema() -> Path | None:
    schemas = SHARED / "schemas"
    if not schemas.is_dir():
        return None
    found = sorted(p for p in schemas.rglob("*.xsd") if "junit" in str(p.relative_to(schemas)).lower())
    return found[0] if found else None


def test_junit_validates_against_a_schema(reports: dict[str, str]) -> None:
    if not (SHARED / "schemas").is_dir():
        pytest.skip("../shared/ is absent (a clone outside the workspace); CI always has it")
    xsd = _junit_schema()
    if xsd is None:
        pytest.skip(
            "../shared/schemas has no JUnit XML schema (see its SOURCES.md): nothing to validate against"
        )
    schema = etree.XMLSchema(etree.parse(str(xsd)))
    doc = etree.fromstring(reports["junit"].encode("utf-8"))
    assert schema.validate(doc), str(schema.error_log)


def test_junit_counts_are_consistent(reports: dict[str, str]) -> None:
    doc = etree.fromstring(reports["junit"].encode("utf-8"))
    assert doc.tag == "testsuites"
    suites = doc.findall("testsuite")
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests")) == len(cases)
        assert int(suite.get("failures")) == sum(1 for c in cases if c.find("failure") is not None)
    assert int(doc.get("tests")) == sum(int(s.get("tests")) for s in suites)
    assert int(doc.get("failures")) == sum(int(s.get("failures")) for s in suites)


def test_junit_failure_type_is_the_most_severe_finding(reports: dict[str, str]) -> None:
    rank = {"info": 0, "warning": 1, "error": 2}
    worst: dict[tuple[str, int, str], str] = {}
    for f in json.loads(reports["json"])["findings"]:
        key = (f["path"], f["unit_line"], f["rule"])
        if key not in worst or rank[f["severity"]] > rank[worst[key]]:
            worst[key] = f["severity"]
    doc = etree.fromstring(reports["junit"].encode("utf-8"))
    got = {
        (c.get("file"), int(c.get("line")), c.get("name")): c.find("failure").get("type")
        for c in doc.iter("testcase")
        if c.find("failure") is not None
    }
    assert got == worst


def _demo_lines() -> list[str]:
    return (FIXTURE / "target_en" / "po" / "demo.po").read_text("utf-8").split("\n")


def test_sarif_regions_point_at_the_words_and_paths_resolve_to_the_root(reports: dict[str, str]) -> None:
    """SARIF 2.1.0 §3.14.14: the base id's URI is absolute and ends with "/"; every region has
    its end, on the msgstr or msgid lines; the message and the suggestion are two sentences."""
    run = json.loads(reports["sarif"])["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == "<ROOT>/"  # file:///…/project/
    po = _demo_lines()
    for res in run["results"]:
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"] == {"uri": "target_en/po/demo.po", "uriBaseId": "SRCROOT"}
        r = loc["region"]
        assert (r["endLine"], r["endColumn"]) >= (r["startLine"], r["startColumn"])
        assert po[r["startLine"] - 1].startswith(("msgid ", "msgstr ", '"'))
        text = res["message"]["text"]
        assert text.endswith(".") and text[0] == text[0].upper()
        if res["properties"]["suggestion"]:
            assert ". Suggestion: “" in text
    punct = next(r for r in run["results"] if "full-width" in r["message"]["text"].lower())
    r = punct["locations"][0]["physicalLocation"]["region"]
    assert po[r["startLine"] - 1][r["startColumn"] - 1 : r["endColumn"] - 1] == "（"
    url = next(r for r in run["results"] if r["ruleId"] == "url-email")
    r = url["locations"][0]["physicalLocation"]["region"]
    assert po[r["startLine"] - 1].startswith("msgid ")  # the address the English lacks, in the source
    assert (
        po[r["startLine"] - 1][r["startColumn"] - 1 : r["endColumn"] - 1]
        == "https://www.oneplanetnetwork.org/spp"
    )


def test_github_annotations_carry_the_span(tmp_path) -> None:
    root = _project(tmp_path)
    r = sppterm(root, "check", "--format", "github")
    po = _demo_lines()
    annotations = [line for line in r.stdout.splitlines() if line.startswith("::")]
    punct = next(a for a in annotations if "Full-width" in a)
    props = dict(p.split("=", 1) for p in punct.split(" ", 1)[1].split("::", 1)[0].split(","))
    assert props["line"] == props["endLine"]
    # GitHub's endColumn is the last column of the span (inclusive)
    assert po[int(props["line"]) - 1][int(props["col"]) - 1 : int(props["endColumn"])] == "（"
    assert punct.split("::")[2].startswith("Full-width punctuation")
