"""sppterm check as CI uses it: formats, exit codes, suppression, baseline, git scoping."""

import json
import subprocess

import jsonschema
import pytest
from click.testing import CliRunner
from lxml import etree

from sppterm.checks.registry import RULES
from sppterm.cli import main
from sppterm.report.github import escape_data, escape_property
from sppterm.units.po import po_text, read_po

from .conftest import ROOT, need_shared


def _plant(project, bid="2022-04"):
    """Translate two units of a bulletin: one right, one with a term error."""
    po_file = project / "target_en" / "po" / f"{bid}.po"
    po = read_po(po_file)
    good = next(e for e in po if e.msgid == "合作伙伴最新进展")
    good.msgstr = "Partner updates"
    bad = next(e for e in po if e.msgid.startswith("12月21日"))
    bad.msgstr = (
        "On 21 December, UNEP's Economy Division and KEITI held an Asia-Pacific regional webinar "
        "on green buying; the research report is due in January 2023."
    )
    po_file.write_text(po_text(po), "utf-8")
    return po_file, bad


def _check(project, *args, env=None):
    return CliRunner().invoke(main, ["--root", str(project), "check", *args], env=env)


def test_text_format_and_exit_codes(project):
    po_file, _ = _plant(project)
    r = _check(project, str(po_file), "--rule", "term-missing")
    assert r.exit_code == 1
    first = r.output.splitlines()[0]
    assert first.startswith("target_en/po/2022-04.po:")
    line = int(first.split(":")[1])
    assert po_file.read_text("utf-8").splitlines()[line - 1].startswith("msgid ")  # points at the unit
    assert " term-missing " in first
    assert any(
        "低碳公共采购 (low-carbon-pp) is not translated as low-carbon public procurement" in line
        for line in r.output.splitlines()
    )
    assert "    en: On 21 December" in r.output
    r = _check(project, str(po_file), "--rule", "source-variant")
    assert r.exit_code == 0  # info only (about the Chinese): below the default fail level
    r = _check(project, str(po_file), "--rule", "source-variant", "--fail-level", "warning")
    assert r.exit_code == 0 and " info source-variant " in r.output  # nor a translation's warning
    r = _check(project, str(po_file), "--rule", "source-variant", "--fail-level", "info")
    assert r.exit_code == 1
    assert _check(project, "--rule", "no-such-rule").exit_code == 2
    assert _check(project, str(project / "nope.po")).exit_code == 2


def test_untranslated_suppresses_consequences(project):
    r = _check(project, str(project / "target_en/po/2022-04.po"), "--format", "json")
    data = json.loads(r.output)
    rules = {f["rule"] for f in data["findings"]}
    assert rules == {"untranslated"}  # no term-missing or number findings on empty units


def test_json_matches_its_documented_schema(project):
    _plant(project)
    r = _check(project, "--format", "json")
    data = json.loads(r.output)
    schema = json.loads((ROOT / "src/sppterm/report/findings.schema.json").read_text("utf-8"))
    jsonschema.validate(data, schema)
    assert data["summary"]["total"] == len(data["findings"]) > 0


def test_sarif_validates_with_rules_and_stable_fingerprints(project):
    shared = need_shared()
    _plant(project)
    r = _check(project, "--format", "sarif")
    log = json.loads(r.output)
    schema = json.loads((shared / "schemas" / "sarif-schema-2.1.0.json").read_text("utf-8"))
    jsonschema.Draft7Validator(schema).validate(log)
    run = log["runs"][0]
    assert {r["id"] for r in run["tool"]["driver"]["rules"]} >= {"term-missing", "number", "inconsistent"}
    res = next(x for x in run["results"] if x["ruleId"] == "term-missing")
    fp = res["partialFingerprints"]["sppterm/v1"]
    # moving the unit to another line keeps the fingerprint
    po_file = project / "target_en/po/2022-04.po"
    text = po_file.read_text("utf-8")
    po_file.write_text(text.replace('msgstr ""\n\n', 'msgstr ""\n\n\n', 3), "utf-8")
    log2 = json.loads(_check(project, "--format", "sarif").output)
    res2 = next(x for x in log2["runs"][0]["results"] if x["ruleId"] == "term-missing")
    assert res2["partialFingerprints"]["sppterm/v1"] == fp
    assert (
        res2["locations"][0]["physicalLocation"]["region"]["startLine"]
        != res["locations"][0]["physicalLocation"]["region"]["startLine"]
    )


def test_github_annotations_escaped_and_step_summary(project, tmp_path):
    _plant(project)
    summary = tmp_path / "summary.md"
    r = _check(project, "--format", "github", env={"GITHUB_STEP_SUMMARY": str(summary)})
    assert r.exit_code == 1
    lines = r.output.splitlines()
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    assert any(
        "file=target_en/po/2022-04.po,line=" in line and "title=term-missing::" in line for line in lines
    )
    table = summary.read_text("utf-8")
    assert "| target_en/po/2022-04.po |" in table and table.count("\n| ") >= len(lines)
    assert escape_data("50%\r\nnext") == "50%25%0D%0Anext"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_junit_one_testcase_per_unit_and_rule(project):
    _plant(project)
    r = _check(project, str(project / "target_en/po/2022-04.po"), "--format", "junit")
    doc = etree.fromstring(r.output.encode())
    cases = doc.findall(".//testcase")
    units = [e for e in read_po(project / "target_en/po/2022-04.po") if not e.obsolete]
    assert len(cases) == len(units) * len(RULES)  # every rule runs on bilingual units
    failed = [c for c in cases if c.find("failure") is not None]
    assert int(doc.get("failures")) == len(failed) > 0
    assert {c.get("name") for c in failed} >= {"untranslated", "term-missing"}


def test_weblate_ignore_flags_suppress(project):
    po_file, bad = _plant(project)
    po = read_po(po_file)
    e = next(x for x in po if x.msgid == bad.msgid)
    e.flags.append("ignore-term-missing")
    po_file.write_text(po_text(po), "utf-8")
    r = _check(project, str(po_file), "--rule", "term-missing")
    assert r.exit_code == 0 and "no findings" in r.output


def test_baseline_adopts_existing_corpus(project):
    po_file, _ = _plant(project)
    baseline = project / "baseline.json"
    r = _check(project, "--write-baseline", str(baseline))
    assert r.exit_code == 0 and baseline.is_file()
    r = _check(project, "--baseline", str(baseline))
    assert r.exit_code == 0 and "no findings" in r.output
    po = read_po(po_file)
    e = next(x for x in po if x.msgid.startswith("11月11日"))
    e.msgstr = "On 12 December UNEP, the US Government and Norway held a side event at COP27."
    po_file.write_text(po_text(po), "utf-8")
    r = _check(project, "--baseline", str(baseline), "--format", "json")
    rules = {f["rule"] for f in json.loads(r.output)["findings"]}
    assert r.exit_code == 1 and "number" in rules  # 11 November became 12 December: reported


def test_changed_since_limits_to_changed_units(project):
    subprocess.run(["git", "init", "-q"], cwd=project, check=True)
    subprocess.run(["git", "add", "-A"], cwd=project, check=True)
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "base"], cwd=project, check=True
    )
    _plant(project)
    r = _check(project, "--changed-since", "HEAD", "--format", "json")
    findings = json.loads(r.output)["findings"]
    assert findings and {f["unit"][:6] for f in findings} == {"12月21日"}
    assert _check(project, "--changed-since", "no-such-ref").exit_code == 2


def test_config_in_pyproject(project):
    _plant(project)
    (project / "pyproject.toml").write_text(
        '[tool.sppterm]\n[tool.sppterm.check]\nignore = ["untranslated", "source-variant", "omission"]\n'
        'severity = {term-missing = "warning"}\npaths = ["target_en/po/2022-04.po"]\n',
        "utf-8",
    )
    r = _check(project, "--format", "json")
    data = json.loads(r.output)
    assert r.exit_code == 0  # term-missing demoted to warning
    # The planted translation also drops most of the sentence (an omission error), ignored here.
    assert {f["rule"] for f in data["findings"]} == {"term-missing"}
    assert {f["severity"] for f in data["findings"]} == {"warning"}
    (project / "pyproject.toml").write_text('[tool.sppterm.check]\nrules = ["nonsense"]\n', "utf-8")
    r = _check(project)
    assert r.exit_code == 2 and "unknown rule 'nonsense'" in r.output


def test_source_variant_on_sources(project):
    r = _check(project, str(project / "source_zh"), "--format", "json")
    found = json.loads(r.output)["findings"]
    assert {f["rule"] for f in found} == {"source-variant"}
    texts = {f["term"] for f in found}
    assert "10yfp:十年框架方案" in texts and "oecd:经济与合作组织" in texts
    assert all(f["path"].startswith("source_zh/") for f in found)


@pytest.mark.parametrize("rule", ["untranslated", "term-missing", "number"])
def test_rules_command_explains(rule):
    r = CliRunner().invoke(main, ["rules", rule])
    assert r.exit_code == 0 and r.output.startswith(rule)
