import re
import textwrap
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from sppterm.cli import main
from sppterm.errors import InputError
from sppterm.glossary import Status, load_glossary
from sppterm.glossary.lint import failing, lint
from sppterm.glossary.load import schema
from sppterm.glossary.matcher import ZhMatcher

from .conftest import ROOT, need_shared

GLOSSARY = ROOT / "glossary"


@pytest.fixture(scope="module")
def g():
    return load_glossary(GLOSSARY)


def test_schema_is_valid_and_referenced():
    jsonschema.Draft202012Validator.check_schema(schema())
    for f in sorted(GLOSSARY.glob("*.yaml")):
        first = f.read_text("utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../src/sppterm/glossary/schema.json", f.name
    assert (ROOT / "src/sppterm/glossary/schema.json").is_file()


def test_committed_glossary_size_and_lint_clean(g):
    assert len(g) >= 150
    result = CliRunner().invoke(main, ["--root", str(ROOT), "glossary", "lint"])
    assert result.exit_code == 0, result.output
    assert failing(lint(g)) == []


def test_every_concept_has_both_preferred_terms(g):
    for c in g:
        assert c.preferred("zh") and c.preferred("en"), c.id


def _concept_with_zh(g, text):
    hits = [c for c in g for t in c.terms if t.lang == "zh" and t.text == text]
    assert hits, f"no concept has the Chinese term {text}"
    return hits[0], next(t for t in hits[0].terms if t.text == text)


@pytest.mark.parametrize(
    ("variant", "concept_id"),
    [
        ("十年框架方案", "10yfp"),
        ("可持续消费和生产模式十年框架方案框架", "10yfp"),
        ("《2022年可持续公共采购全球述评》", "spp-global-review-2022"),
        ("经济与合作组织", "oecd"),
        ("可持续食品体系", "sustainable-food-systems"),
        ("可持续粮食体系", "sustainable-food-systems"),
        ("可持续粮食体系计划", "sfs-programme"),
        ("荷兰基础设施与环境部", "ienw"),
        ("韩国环境产业与技术学院", "keiti"),
    ],
)
def test_bulletin_variants_are_deprecated(g, variant, concept_id):
    c, t = _concept_with_zh(g, variant)
    assert c.id == concept_id
    assert t.status is Status.DEPRECATED


def test_official_terms_from_reference(g):
    """Every English name of the reference table with an attested source is in the glossary."""
    ref = need_shared() / "reference" / "official-terms.md"
    rows = [
        line for line in ref.read_text("utf-8").splitlines() if line.startswith("| ") and "---" not in line
    ]
    english = {t.text for c in g for t in c.terms if t.lang == "en"} | {a for c in g for a in c.abbr}
    missing = []
    for row in rows[1:]:
        cells = [c.strip() for c in row.strip("|").split("|")]
        en, abbr = cells[1], cells[2]
        if en.startswith("("):
            continue  # "(not verified)" rows: checked below as unverified concepts
        name = re.sub(r"\s*\(.*?\)", "", en).split(" / ")[0].strip().strip('"')
        known = name in english or any(e.startswith(name + " (") for e in english)
        if not known and (abbr in ("—", "") or abbr not in english):
            missing.append(name)
    assert missing == []
    for zh in ("全球低碳公共采购联盟", "亚太绿色公共采购网"):
        c, _ = _concept_with_zh(g, zh)
        assert c.verified is False


def test_unverified_concepts_say_so(g):
    unverified = [c for c in g if not c.verified]
    assert len(unverified) > 10
    for c in g:
        assert (
            c.verified is False
            or c.attested
            or c.type in ("place", "concept", "role", "label", "organisation")
        ), c.id


def _write(tmp_path: Path, name: str, body: str) -> Path:
    d = tmp_path / "glossary"
    d.mkdir(exist_ok=True)
    p = d / name
    p.write_text(textwrap.dedent(body), "utf-8")
    return d


def test_bad_yaml_reports_file_line_and_exit_2(tmp_path):
    d = _write(
        tmp_path,
        "a.yaml",
        """\
        concepts:
          - id: x
            type: concept
            zh: {preferred: 采购
            en: {preferred: procurement}
        """,
    )
    with pytest.raises(InputError) as e:
        load_glossary(d)
    assert re.search(r"a\.yaml:\d+: invalid YAML", str(e.value))
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\n")
    r = CliRunner().invoke(main, ["--root", str(tmp_path), "glossary", "lint"])
    assert r.exit_code == 2
    assert "a.yaml:" in r.output


def test_schema_violations_all_reported_with_lines(tmp_path):
    d = _write(
        tmp_path,
        "a.yaml",
        """\
        concepts:
          - id: Bad Id
            type: concept
            zh: {preferred: 采购}
            en: {preferred: procurement}
          - id: ok
            type: gadget
            zh: {preferred: 公共}
            en: {preferred: public, wrong: x}
        """,
    )
    with pytest.raises(InputError) as e:
        load_glossary(d)
    msgs = [str(p) for p in e.value.problems]
    assert any(m.startswith(f"{d}/a.yaml:2:") and "does not match" in m for m in msgs), msgs
    assert any(":7:" in m and "gadget" in m for m in msgs), msgs
    assert any(":9:" in m and "wrong" in m for m in msgs), msgs


def test_duplicate_key_is_an_error(tmp_path):
    d = _write(
        tmp_path,
        "a.yaml",
        """\
        concepts:
          - id: x
            id: y
            type: concept
            zh: {preferred: 采购}
            en: {preferred: procurement}
        """,
    )
    with pytest.raises(InputError, match=r"a\.yaml:3: duplicate key 'id'"):
        load_glossary(d)


def test_lint_finds_each_problem(tmp_path):
    d = _write(
        tmp_path,
        "a.yaml",
        """\
        concepts:
          - id: a
            type: concept
            zh: {preferred: 公共采购}
            en: {preferred: public procurement, forbidden: [procurement]}
          - id: a
            type: concept
            zh: {preferred: 采购计划}
            en: {preferred: procurement}
          - id: b
            type: concept
            zh: {preferred: 公共采购, deprecated: [采购]}
            en: {preferred: public buying, deprecated: [public procurement]}
          - id: c
            type: concept
            zh: {preferred: 可持续公共采购}
            en: {preferred: sustainable public procurement}
            related: [nowhere]
          - id: d
            type: concept
            zh: {preferred: 采购}
            en: {preferred: buying}
        """,
    )
    g = load_glossary(d)
    found = {f.rule for f in lint(g, ["推动公共采购计划"])}
    assert {
        "duplicate-id",
        "zh-shared",
        "status-conflict",
        "preferred-forbidden",
        "unknown-related",
        "nested",
        "overlap",
    } <= found
    r = CliRunner().invoke(main, ["--root", str(tmp_path), "glossary", "lint"])
    assert r.exit_code == 1


def test_matcher_longest_match_and_no_nested_hits(g):
    m = ZhMatcher(g)
    hits = m.find("推进可持续公共采购计划和可持续公共采购实践")
    assert [(h.text, h.concept.id) for h in hits] == [
        ("可持续公共采购计划", "spp-programme"),
        ("可持续公共采购", "spp"),
    ]
    assert [h.concept.id for h in m.find("十年框架方案")] == ["10yfp"]


@pytest.mark.parametrize(
    ("en", "abbr", "label"),
    [
        ("Sustainable Public Procurement", ["SPP"], "Sustainable Public Procurement (SPP)"),
        ("COP28", ["COP28"], "COP28"),  # committed PO hints said "COP28 = COP28 ()"
        ("WWF", ["WWF"], "WWF"),
        ("WWF", ["WWF", "World Wide Fund for Nature"], "WWF (World Wide Fund for Nature)"),
        ("United Nations", [], "United Nations"),
        ("United Nations", ["", " "], "United Nations"),
        ("United Nations", ["UN", "UN"], "United Nations (UN)"),
        ("", ["10YFP"], "10YFP"),
    ],
)
def test_english_label_never_repeats_the_name(en, abbr, label):
    """One label for PO hints (units/extract) and term-missing messages (checks/terms)."""
    from sppterm.glossary.model import Concept, Term

    terms = [Term(en, "en", Status.PREFERRED)] if en else []
    assert Concept("c", "organisation", terms, abbr=abbr).english_label() == label


def test_po_hint_and_finding_use_the_same_label(g):
    from sppterm.checks.base import CheckUnit, Context
    from sppterm.checks.registry import BY_ID
    from sppterm.checks.terms import EnglishTerms
    from sppterm.units.extract import term_notes

    matcher = ZhMatcher(g)
    key = "世界自然基金会参加了会议。"
    (note,) = term_notes(key, matcher)
    assert note == "term: 世界自然基金会 = WWF" and "()" not in note
    ctx = Context(g, matcher, EnglishTerms(g))
    (finding,) = BY_ID["term-missing"].check(CheckUnit("t.po", 1, key, "A fund attended."), ctx)
    assert finding.message.endswith("is not translated as WWF")
