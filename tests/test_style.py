"""Style rules in YAML (issue 15): the loader's errors, the kinds, the UN pack on real files, and
the reports, suppression, baseline, severity and --rule selection they share with built-in rules."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sppterm.checks.base import CheckUnit
from sppterm.checks.registry import BY_ID
from sppterm.checks.runner import Options, run
from sppterm.checks.style import load_file, load_styles, pack_path, schema
from sppterm.errors import InputError
from sppterm.glossary import load_glossary

from .conftest import ROOT, SHARED, sppterm

UN = pack_path("un")

HEADER = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: en\\n"

"""


def _entry(zh: str, en: str, role: str = "paragraph", flags: str = "") -> str:
    en = en.replace('"', '\\"')
    flag_line = f"#, {flags}\n" if flags else ""
    return f'#. role: {role}\n{flag_line}msgid "{zh}"\nmsgstr "{en}"\n\n'


def _project(tmp_path: Path, entries: list[str], styles: str = '["sppterm:un"]', extra: str = "") -> Path:
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    po = tmp_path / "target_en" / "po"
    po.mkdir(parents=True)
    (po / "2099-01.po").write_text(HEADER + "".join(entries), "utf-8")
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.sppterm]\nstyles = {styles}\n[tool.sppterm.check]\npaths = ["target_en/po"]\n{extra}', "utf-8"
    )
    return tmp_path


def _rule_file(tmp_path: Path, body: str, name: str = "house.yaml") -> Path:
    p = tmp_path / name
    p.write_text(body, "utf-8")
    return p


GOOD = """rules:
  - id: house-utilise
    kind: substitution
    severity: warning
    title: use, not utilise
    message: "'{match}': write '{fix}'"
    swap:
      - {pattern: '\\butilis(e|es|ed|ing)\\b', replace: 'us\\1'}
    docs: {why: Plain words., source: House style sheet}
"""


# -- the loader ------------------------------------------------------------------------------
def test_the_un_pack_loads_and_validates_against_its_schema() -> None:
    rules = load_file(UN)
    ids = [r.id for r in rules]
    assert len(ids) == len(set(ids)) >= 12 and not set(ids) & set(BY_ID)
    assert {r.kind for r in rules} == {"existence", "substitution", "first-use", "bilingual", "consistency"}  # type: ignore[attr-defined]
    from sppterm import yamlloc

    jsonschema.Draft202012Validator(schema()).validate(yamlloc.load(UN.read_text("utf-8"), str(UN)))
    first = UN.read_text("utf-8").splitlines()[0]
    assert first == "# yaml-language-server: $schema=../checks/style_schema.json"
    assert (UN.parent / "../checks/style_schema.json").resolve().is_file()
    for r in rules:  # documented like a built-in rule: why, where the house style says so
        assert "United Nations Editorial Manual" in r.why and r.title and r.what


@pytest.mark.parametrize(
    "body, line, message",
    [
        (
            GOOD.replace("    message: \"'{match}': write '{fix}'\"\n", ""),
            2,
            "'message' is a required property",
        ),
        (GOOD.replace("kind: substitution", "kind: grammar"), 3, "is not one of"),
        (GOOD.replace("\\butilis", "\\butilis(("), 8, "invalid pattern"),
        (GOOD.replace("{match}", "{matched}"), 6, "unknown field {matched}"),
        (GOOD.replace("us\\1", "us\\2"), 2, "no group 2"),
        (GOOD.replace("us\\1", "us\\A"), 2, "bad escape"),
        (GOOD.replace("us\\1", "us\\1\\"), 2, "bad escape"),
        (GOOD.replace("id: house-utilise", "id: House Utilise"), 2, "does not match"),
        (GOOD.replace("id: house-utilise", "id: repeated-word"), 2, "already a built-in rule"),
        (GOOD + "  - &a {id: x}\n", 10, "anchors are not allowed"),
        ("rules: [\n", 2, "invalid YAML"),
    ],
)
def test_bad_style_files_name_the_file_and_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = _rule_file(tmp_path, body)
    with pytest.raises(InputError) as e:
        load_styles(["house.yaml"], tmp_path, "pyproject.toml", reserved=BY_ID)
    problem = e.value.problems[0]
    assert problem.path == str(path) and message in problem.message
    assert problem.line == line, problem


def test_duplicate_ids_across_files_name_both(tmp_path: Path) -> None:
    d = tmp_path / "styles"
    d.mkdir()
    _rule_file(d, GOOD, "a.yaml")
    _rule_file(d, GOOD, "b.yaml")
    with pytest.raises(
        InputError, match=r"b\.yaml:2: style rule id 'house-utilise' is already defined in .*a\.yaml:2"
    ):
        load_styles(["styles"], tmp_path, "pyproject.toml", reserved=BY_ID)


def test_unknown_pack_or_path_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no shipped style pack 'sppterm:nope'"):
        load_styles(["sppterm:nope"], tmp_path, "pyproject.toml")
    with pytest.raises(InputError, match=r"no such file or directory 'gone\.yaml'"):
        load_styles(["gone.yaml"], tmp_path, "pyproject.toml")


def test_colliding_id_exits_2_from_the_command_line(tmp_path: Path) -> None:
    root = _project(tmp_path, [_entry("会议。", "The meeting.")], styles='["house.yaml"]')
    _rule_file(root, GOOD.replace("id: house-utilise", "id: whitespace"))
    r = sppterm(root, "check")
    assert (
        r.returncode == 2
        and "house.yaml:2: style rule id 'whitespace' is already a built-in rule" in r.stderr
    )


_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


@settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    pattern=_TEXT,
    replace=_TEXT,
    message=_TEXT,
    kind=st.sampled_from(["existence", "substitution", "first-use", "bilingual", "x"]),
    text=_TEXT,
)
def test_fuzzed_rule_files_load_or_fail_cleanly_and_matching_terminates(
    tmp_path: Path, pattern: str, replace: str, message: str, kind: str, text: str
) -> None:
    body = json.dumps(  # JSON is YAML: every string survives
        {
            "rules": [
                {
                    "id": "fuzz-rule",
                    "kind": kind,
                    "severity": "info",
                    "title": "t",
                    "message": message or "m",
                    "docs": {"why": "w", "source": "s"},
                    "pattern": pattern or "x",
                    "swap": [{"pattern": pattern or "x", "replace": replace}],
                    "zh": pattern or "x",
                    "en_must_not": pattern or "x",
                }
            ]
        }
    )
    try:
        rules = load_file(tmp_path / "fuzz.yaml", body)
    except InputError as e:
        assert e.problems and e.problems[0].path.endswith("fuzz.yaml")
        return
    unit = CheckUnit("x.po", 1, text + "中文", text, role="paragraph")
    try:
        run([unit], load_glossary(ROOT / "glossary"), Options(rules=[r.id for r in rules], styles=rules))
    except InputError as e:  # a pattern that backtracks past the time limit
        assert "took over" in str(e)


def test_a_catastrophic_pattern_stops_with_its_file_and_line(tmp_path: Path) -> None:
    body = GOOD.replace("'\\butilis(e|es|ed|ing)\\b'", "'(\\w|\\w\\w)+$'").replace("us\\1", "x")
    root = _project(tmp_path, [_entry("会议。", "a" * 80 + "!")], styles='["house.yaml"]')
    _rule_file(root, body)
    r = sppterm(root, "check", timeout=60)
    assert r.returncode == 2 and "house.yaml:2: pattern" in r.stderr and "backtracks" in r.stderr


# -- the kinds and the shared machinery, on real PO files --------------------------------------------
def _json(root: Path, *args: str, status: int = 0) -> list[dict]:
    r = sppterm(root, "check", "--format", "json", "--fail-level", "error", *args)
    assert r.returncode == status, r.stderr
    data = json.loads(r.stdout)
    return data["findings"] if isinstance(data, dict) else data


def test_style_findings_go_through_flags_baseline_severity_and_rule_selection(tmp_path: Path) -> None:
    root = _project(
        tmp_path,
        [
            _entry("各国政府优先考虑绿色采购。", "Governments prioritise green procurement."),
            _entry("政府优先考虑采购。", "Governments prioritise procurement.", flags="ignore-un-ize"),
        ],
        extra='severity = { "un-ize" = "info" }\n',
    )
    found = _json(root)
    assert [(f["rule"], f["severity"], f["line"]) for f in found] == [("un-ize", "info", 8)]
    assert found[0]["message"] == "'prioritise': UN spelling is 'prioritize' (-ize where there is a choice)"
    assert _json(root, "--rule", "un-programme") == []
    r = sppterm(root, "check", "--write-baseline", str(root / "b.json"))
    assert r.returncode == 0
    assert _json(root, "--baseline", str(root / "b.json")) == []
    r = sppterm(root, "rules", "un-ize")
    assert r.returncode == 0 and "United Nations Editorial Manual" in r.stdout
    assert "un-first-use" in sppterm(root, "rules").stdout


def test_project_styles_directory_by_default(tmp_path: Path) -> None:
    root = _project(tmp_path, [_entry("我们使用该工具。", "We utilise the tool.")], styles="[]")
    (root / "pyproject.toml").write_text('[tool.sppterm]\n[tool.sppterm.check]\npaths = ["target_en/po"]\n')
    (root / "styles").mkdir()
    _rule_file(root / "styles", "# yaml-language-server: $schema=x\n" + GOOD)
    assert [f["rule"] for f in _json(root)] == ["house-utilise"]


def test_bilingual_must_and_first_use_in_document_order(tmp_path: Path) -> None:
    must = """rules:
  - id: house-million
    kind: bilingual
    severity: warning
    title: 万 is ten thousand
    message: "the Chinese has {zh}: the English needs a number"
    zh: '\\d+万'
    en_must: '\\d'
    docs: {why: w, source: s}
"""
    root = _project(
        tmp_path,
        [
            _entry("中环联合承担工作。", "CEC carries out the work."),
            _entry("中环联合承担工作，有5万人参加。", "CEC carries out the work, with many people."),
        ],
        styles='["sppterm:un", "house.yaml"]',
    )
    _rule_file(root, must)
    # First use needs the whole bulletin (issue 11): the PO's references name a source whose
    # Chinese blocks are its units. A unit alone may have been spelt out before: nothing.
    assert [f for f in _json(root, status=1) if f["rule"] == "un-first-use"] == []
    po = root / "target_en" / "po" / "2099-01.po"
    po.write_text(po.read_text("utf-8").replace('msgid "中', '#: source_zh/2099-01.md\nmsgid "中'), "utf-8")
    (root / "source_zh").mkdir()
    (root / "source_zh" / "2099-01.md").write_text(
        "---\nid: 2099-01\ntitle: 简报\n---\n\n中环联合承担工作。\n\n中环联合承担工作，有5万人参加。\n",
        "utf-8",
    )
    found = [(f["rule"], f["line"]) for f in _json(root, status=1)]  # numbers: 5万 missing (error)
    assert ("house-million", 14) in found
    assert [x for x in found if x[0] == "un-first-use"] == [("un-first-use", 9)]  # the first use only


def test_the_five_editions_pass_the_un_pack() -> None:
    """The repository enables the pack, and its translations have no finding of it (issue 15:
    fix the translations, not the rules). Every pack rule is a warning or info."""
    rules = load_file(UN)
    assert {r.severity for r in rules} <= {"warning", "info"}
    args = [a for r in rules for a in ("--rule", r.id)]
    r = sppterm(ROOT, "check", "--format", "json", *args)
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    found = data["findings"] if isinstance(data, dict) else data
    assert [(f["path"], f["line"], f["rule"]) for f in found] == []


def test_sarif_carries_fixes_and_validates(tmp_path: Path) -> None:
    schema_file = SHARED / "schemas" / "sarif-schema-2.1.0.json"
    if not schema_file.is_file():
        pytest.skip("../shared/schemas is absent: no SARIF schema to validate against")
    root = _project(tmp_path, [_entry("他称之为绿色新政。", 'He called it the "Green Deal".')])
    r = sppterm(root, "check", "--format", "sarif")
    log = json.loads(r.stdout)
    jsonschema.validate(log, json.loads(schema_file.read_text("utf-8")))
    results = [x for x in log["runs"][0]["results"] if x["ruleId"] == "un-curly-quotes"]
    assert len(results) == 2
    driver_rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert driver_rules[results[0]["ruleIndex"]]["id"] == "un-curly-quotes"
    line = (root / "target_en/po/2099-01.po").read_text("utf-8").splitlines()
    for x in results:
        rep = x["fixes"][0]["artifactChanges"][0]["replacements"][0]
        reg = rep["deletedRegion"]
        text = line[reg["startLine"] - 1]
        assert text[reg["startColumn"] - 1 : reg["endColumn"] - 1] == '\\"'  # the escaped quote
        assert rep["insertedContent"]["text"] in ("“", "”")


def test_msgfmt_accepts_a_fixed_file(tmp_path: Path) -> None:
    if shutil.which("msgfmt") is None:
        pytest.skip("msgfmt is not installed")
    root = _project(tmp_path, [_entry("销售额同比增长15%。", 'Sales rose by 15% and "more".')])
    r = sppterm(root, "check", "--fix")
    assert "fixed 1 units in 1 files" in r.stderr
    po = root / "target_en/po/2099-01.po"
    assert 'msgstr "Sales rose by 15 per cent and “more”."' in po.read_text("utf-8")
    assert subprocess.run(["msgfmt", "--check", "-o", str(tmp_path / "x.mo"), str(po)]).returncode == 0


def test_co2_one_form_per_bulletin_follows_the_english_source_and_fixes(tmp_path: Path) -> None:
    """un-co2-mixed (issue 16): the 2024-02 article writes CO2 in its heading and text while
    its English box (the source's own English) writes CO₂; the fix is the box's form."""
    root = _project(
        tmp_path,
        [
            _entry(
                "二氧化碳绩效阶梯作为采购工具",
                "The CO2 Performance Ladder as a procurement tool",
                role="article",
            ),
            _entry("CO₂ Performance Ladder", "CO₂ Performance Ladder", role="english"),
            _entry(
                "二氧化碳绩效阶梯（CO2PL）",
                "The CO2 Performance Ladder (CO2PL) rewards suppliers.",
                role="paragraph",
            ),
        ],
    )
    found = [(f["line"], f["message"]) for f in _json(root, "--rule", "un-co2-mixed")]
    assert [m for _, m in found] == ["'CO2': this bulletin writes 'CO₂'"] * 2  # not CO2PL, not the box
    r = sppterm(root, "check", "--rule", "un-co2-mixed", "--fix")
    assert r.returncode == 0, r.stderr
    text = (root / "target_en/po/2099-01.po").read_text("utf-8")
    assert "The CO₂ Performance Ladder (CO2PL) rewards" in text and "CO2 Performance" not in text
    assert _json(root, "--rule", "un-co2-mixed") == []
    # one form alone, either one, is no finding
    other = _project(
        tmp_path / "b", [_entry("二氧化碳绩效阶梯", "The CO2 Performance Ladder and CO2 emissions.")]
    )
    assert _json(other, "--rule", "un-co2-mixed") == []
