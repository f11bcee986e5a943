"""Term discovery from the corpus, and the impact of a glossary change."""

import shutil
import subprocess

import jsonschema
import yaml
from click.testing import CliRunner

from sppterm.cli import main
from sppterm.glossary import load_glossary
from sppterm.glossary.discover import Aligner, candidates, recovery
from sppterm.glossary.load import schema

from .conftest import ROOT

UNITS = [
    (
        "会议由绿色城市联盟（GCA）主办，讨论了绿色城市。",
        "The meeting was hosted by the Green Cities Alliance (GCA) and discussed green cities.",
    ),
    (
        "绿色城市联盟发布了《城市采购手册》。",
        "The Green Cities Alliance published the Urban Procurement Handbook.",
    ),
    ("各国都关注绿色城市联盟的工作。", "All countries follow the work of the Green Cities Alliance."),
    ("《城市采购手册》介绍了城市经验。", "The Urban Procurement Handbook presents cities' experience."),
]


def test_candidates_abbreviations_titles_frequent_with_english():
    g = load_glossary(ROOT / "glossary")
    units = [(zh, "t", i + 1) for i, (zh, _) in enumerate(UNITS)]
    found = {c.zh: c for c in candidates(units, g, min_count=3)}
    assert found["绿色城市联盟"].kind == "abbreviation" and found["绿色城市联盟"].abbr == "GCA"
    assert found["城市采购手册"].kind == "title" and found["城市采购手册"].count == 2
    assert "可持续公共采购" not in found  # already in the glossary
    aligner = Aligner(UNITS, g)
    assert aligner.best("绿色城市联盟", "GCA")[0] == "Green Cities Alliance"
    assert aligner.best("城市采购手册")[0] == "Urban Procurement Handbook"


def test_suggest_on_the_series_yaml_is_accept_ready_and_adds_nothing():
    before = {p.name: p.read_bytes() for p in (ROOT / "glossary").glob("*.yaml")}
    r = CliRunner().invoke(
        main, ["--root", str(ROOT), "terms", "suggest", "--format", "yaml", "--limit", "10"]
    )
    assert r.exit_code == 0, r.output
    data = yaml.safe_load(r.output)
    assert len(data["concepts"]) == 10
    jsonschema.validate(data, schema())  # pasteable into glossary/*.yaml as it is
    assert all(c["verified"] is False and "Suggested by sppterm" in c["note"] for c in data["concepts"])
    assert {p.name: p.read_bytes() for p in (ROOT / "glossary").glob("*.yaml")} == before
    r = CliRunner().invoke(main, ["--root", str(ROOT), "terms", "suggest", "--limit", "5", "--recovery"])
    assert r.exit_code == 0 and "recovery:" in r.output


def test_recovery_counts_concepts_found_with_the_right_english():
    g = load_glossary(ROOT / "glossary")
    pairs = [
        ("中环联合参与了会议。", "CEC took part in the meeting."),
        ("中环联合发布报告。", "CEC published a report."),
        ("循环经济很重要。", "The circular economy matters."),
    ]
    right, occurring, misses = recovery(g, pairs)
    assert occurring == 2 and right == 2 and misses == []


def _git(cwd, *args):
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args], cwd=cwd, check=True, capture_output=True
    )


def test_glossary_impact(project):
    for po in (ROOT / "target_en" / "po").glob("*.po"):  # the translated series
        shutil.copy(po, project / "target_en" / "po" / po.name)
    _git(project, "init", "-q")
    _git(project, "add", "-A")
    _git(project, "commit", "-qm", "base")
    r = CliRunner().invoke(main, ["--root", str(project), "glossary", "impact"])
    assert r.exit_code == 0 and "0 changed, 0 added, 0 removed" in r.output
    p = project / "glossary" / "concepts.yaml"
    p.write_text(
        p.read_text("utf-8").replace(
            "    en: {preferred: green public procurement}",
            "    en: {preferred: green public purchasing, forbidden: [green public procurement]}",
        ),
        "utf-8",
    )
    r = CliRunner().invoke(main, ["--root", str(project), "glossary", "impact", "--since", "HEAD"])
    assert r.exit_code == 1
    assert "1 changed, 0 added, 0 removed (gpp)" in r.output
    assert "term-forbidden 'green public procurement' is forbidden" in r.output
    assert "affected units" in r.output and "target_en/po/2021-03.po" in r.output
