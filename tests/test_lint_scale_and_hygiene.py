"""Lint term hygiene (terms safe in spreadsheet exports, no invisible characters) and lint at
glossary scale (indexed, not all pairs; the same findings as comparing every pair)."""

from __future__ import annotations

import random
import sys
import textwrap
from collections import Counter
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from sppterm.cli import main
from sppterm.glossary import load_glossary
from sppterm.glossary.lint import _overlap, failing, lint, term_problem
from sppterm.glossary.load import _precheck, load_file, schema
from sppterm.glossary.model import Concept, Glossary, Status, Term

ROOT = Path(__file__).resolve().parents[1]


def _project(tmp_path: Path, glossary: str) -> Path:
    (tmp_path / "glossary").mkdir()
    (tmp_path / "glossary" / "a.yaml").write_text(textwrap.dedent(glossary), "utf-8")
    (tmp_path / "pyproject.toml").write_text('[tool.sppterm]\nglossary = "glossary"\n', "utf-8")
    return tmp_path


# -- hygiene -----------------------------------------------------------------------------------
HYGIENE_GLOSSARY = """\
    concepts:
      - id: green-procurement
        type: concept
        zh: {preferred: 绿色采购, admitted: [-绿色采购], deprecated: [+绿色采购]}
        en:
          preferred: green procurement
          admitted: ["=HYPERLINK(\\"http://example.invalid\\",\\"green procurement\\")"]
          forbidden: ["@SUM(1+1)*cmd|' /C calc'!A0"]
        abbr: ["@GP"]
      - id: unep
        type: organisation
        zh: {preferred: "联合国\\u200b环境规划署", admitted: ["环境署\\x07"]}
        en: {preferred: United Nations Environment Programme, deprecated: ["UN Environment\\n"]}
        abbr: [UNEP]
      - id: spp
        type: programme
        zh: {preferred: 可持续公共采购}
        en: {preferred: sustainable public procurement, admitted: ["-SPP-"]}
"""


def test_lint_reports_formula_and_invisible_characters(tmp_path):
    p = _project(tmp_path, HYGIENE_GLOSSARY)
    r = CliRunner().invoke(main, ["--root", str(p), "glossary", "lint"])
    assert r.exit_code == 1, r.output
    lines = [line for line in r.output.splitlines() if ": error: term-" in line]
    expect = [
        ("a.yaml:4:", "term-formula", "zh admitted term '-绿色采购' of 'green-procurement' begins with '-'"),
        ("a.yaml:4:", "term-formula", "zh deprecated term '+绿色采购'"),
        ("a.yaml:7:", "term-formula", "en admitted term '=HYPERLINK("),
        ("a.yaml:8:", "term-formula", "en forbidden term \"@SUM(1+1)*cmd|' /C calc'!A0\""),
        ("a.yaml:2:", "term-formula", "abbreviation '@GP' of 'green-procurement' begins with '@'"),
        (
            "a.yaml:12:",
            "term-whitespace",
            "zh preferred term '联合国\\u200b环境规划署' of 'unep' contains an invisible or control character (U+200B)",
        ),
        (
            "a.yaml:12:",
            "term-whitespace",
            "zh admitted term '环境署\\x07' of 'unep' contains an invisible or control character (U+0007)",
        ),
        (
            "a.yaml:13:",
            "term-whitespace",
            "en deprecated term 'UN Environment\\n' of 'unep' has leading or trailing whitespace",
        ),
        ("a.yaml:18:", "term-formula", "en admitted term '-SPP-' of 'spp'"),
    ]
    for where, rule, text in expect:
        assert any(
            line.startswith(f"glossary/{where}") and f"error: {rule}: " in line and text in line
            for line in lines
        ), (
            where,
            text,
            lines,
        )
    assert len(lines) == len(expect), lines


def test_whitespace_the_schema_refuses_names_file_line_and_says_why(tmp_path):
    """Leading/trailing whitespace, tab and CR at the start, line breaks: the schema refuses them
    when loading (every command, exit 2), in the words of the lint rule."""
    p = _project(
        tmp_path,
        """\
        concepts:
          - id: procurement
            type: concept
            zh: {preferred: " 采购"}
            en:
              preferred: procurement
              admitted: ["\\tpublic purchasing"]
              deprecated: ["\\rbuying"]
              forbidden: ["public\\nprocurement"]
            abbr: ["SPP "]
        """,
    )
    r = CliRunner().invoke(main, ["--root", str(p), "glossary", "lint"])
    assert r.exit_code == 2, r.output
    for where, term in [
        ("a.yaml:4: concepts/0/zh/preferred", "' 采购'"),
        ("a.yaml:7: concepts/0/en/admitted/0", "'\\tpublic purchasing'"),
        ("a.yaml:8: concepts/0/en/deprecated/0", "'\\rbuying'"),
        ("a.yaml:9: concepts/0/en/forbidden/0", "'public\\nprocurement'"),
        ("a.yaml:10: concepts/0/abbr/0", "'SPP '"),
    ]:
        assert f"{where}: term {term} has leading or trailing whitespace or a line break" in r.output, (
            r.output
        )


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("=1+1", "term-formula"),
        ("+86", "term-formula"),
        ("-", "term-formula"),
        ("@UNEP", "term-formula"),
        ("\tSPP", "term-formula"),
        ("\rSPP", "term-formula"),
        (" SPP", "term-whitespace"),
        ("SPP ", "term-whitespace"),
        ("SPP\u3000", "term-whitespace"),
        ("可持续\n采购", "term-whitespace"),
        ("可持续\u2028采购", "term-whitespace"),
        ("可持续\u202e采购", "term-whitespace"),
        ("\ufeff采购", "term-whitespace"),
        ("", "term-whitespace"),
        ("SDG 12.7", None),
        ("ICLEI – Local Governments for Sustainability", None),
        ("宜可城-地方可持续发展协会", None),
        ("C40", None),
        ("e-procurement", None),
        ("（SPP）计划", None),
    ],
)
def test_term_problem(text, rule):
    got = term_problem(text)
    assert (got[0] if got else None) == rule


def test_programmatic_glossary_hygiene():
    """Glossaries built in code (imports, tests) are checked too, schema or not."""
    c = Concept(
        "x",
        "concept",
        [Term("采购", "zh", Status.PREFERRED, line=3), Term(" procurement", "en", Status.PREFERRED, line=4)],
        abbr=["-X"],
        path="g.yaml",
        line=2,
    )
    found = {(f.rule, f.line) for f in lint(Glossary([c]))}
    assert found == {("term-whitespace", 4), ("term-formula", 2)}


def test_real_glossary_has_no_hygiene_findings():
    assert [f for f in lint(load_glossary(ROOT / "glossary")) if f.rule.startswith("term-")] == []


# -- the schema pre-check agrees with jsonschema -----------------------------------------------
def _mutations(doc: dict, rnd: random.Random):
    import copy

    bad_values = [
        None,
        1,
        True,
        "",
        " x",
        "x\n",
        "a\nb",
        [],
        {},
        ["x"],
        {"term": "x"},
        {"term": " x"},
        "Bad Id",
    ]
    for _ in range(400):
        d = copy.deepcopy(doc)
        c = rnd.choice(d["concepts"])
        target = rnd.choice(["id", "type", "zh", "en", "abbr", "verified", "related", "lint-ignore", "extra"])
        if target in ("zh", "en") and rnd.random() < 0.7:
            block = c.setdefault(target, {})
            key = rnd.choice(["preferred", "admitted", "deprecated", "forbidden", "bogus"])
            if rnd.random() < 0.2:
                block.pop(key, None)
            else:
                block[key] = rnd.choice(
                    [*bad_values, ["a", {"term": "b", "note": "n", "pos": rnd.choice(["noun", "x"])}]]
                )
        elif rnd.random() < 0.2:
            c.pop(target, None)
        else:
            c[target] = rnd.choice([*bad_values, ["overlap"], ["bogus"], "concept", "gadget"])
        yield d


def test_precheck_agrees_with_jsonschema():
    precheck = _precheck()
    assert precheck is not None
    validator = jsonschema.Draft202012Validator(schema())
    rnd = random.Random(7)
    base = {
        "concepts": [
            {"id": "a", "type": "concept", "zh": {"preferred": "采购"}, "en": {"preferred": "procurement"}},
            {
                "id": "b-2",
                "type": "organisation",
                "zh": {
                    "preferred": "联合国环境规划署",
                    "admitted": ["环境署"],
                    "deprecated": {"term": "环境规划署"},
                },
                "en": {"preferred": {"term": "UNEP", "pos": "properNoun"}, "forbidden": ["UN Env"]},
                "abbr": ["UNEP"],
                "attested": ["unep.org"],
                "verified": True,
                "related": ["a"],
                "lint-ignore": ["nested"],
            },
        ]
    }
    assert precheck(base) and validator.is_valid(base)
    disagreements = [d for d in _mutations(base, rnd) if precheck(d) != validator.is_valid(d)]
    assert disagreements == []
    for f in sorted((ROOT / "glossary").glob("*.yaml")):
        from sppterm import yamlloc

        data = yamlloc.load(f.read_text("utf-8"), str(f))
        assert precheck(data) and validator.is_valid(data)


def test_failing_file_still_gets_exact_messages(tmp_path):
    f = tmp_path / "a.yaml"
    f.write_text(
        "concepts:\n  - id: x\n    type: gadget\n    zh: {preferred: 采购}\n    en: {preferred: p}\n", "utf-8"
    )
    with pytest.raises(Exception) as e:
        load_file(f)
    assert str(e.value).startswith(f"{f}:3: concepts/0/type: 'gadget' is not one of")


# -- scale: indexed lint equals the all-pairs definition ---------------------------------------
def _pairwise(glossary: Glossary, corpus: list[str]) -> Counter:
    """The nesting and overlap findings by definition: every ordered pair of Chinese terms."""
    corpus_text = "\n".join(corpus)
    zh = glossary.zh_terms()
    texts = {t.text for t, _ in zh}
    out: Counter = Counter()
    for i, (ta, ca) in enumerate(zh):
        for tb, cb in zh[i + 1 :]:
            if ca is cb or ta.text == tb.text:
                continue
            for (t1, c1), (t2, c2) in (((ta, ca), (tb, cb)), ((tb, cb), (ta, ca))):
                if t1.text in t2.text:
                    if "nested" not in c1.lint_ignore + c2.lint_ignore:
                        out[("nested", c1.id, t1.text, t2.text, c2.id)] += 1
                elif t2.text not in t1.text:
                    n = _overlap(t1.text, t2.text)
                    if not n or "overlap" in c1.lint_ignore + c2.lint_ignore:
                        continue
                    joined = t1.text + t2.text[n:]
                    if joined in texts:
                        continue
                    seen = joined in corpus_text
                    if seen or n >= 2:
                        out[("overlap" if seen else "overlap-potential", c1.id, t1.text, t2.text, c2.id)] += 1
    return out


def _indexed(glossary: Glossary, corpus: list[str]) -> Counter:
    out: Counter = Counter()
    for f in lint(glossary, corpus):
        if f.rule in ("nested", "overlap", "overlap-potential"):
            # "'t1' (c1) lies inside 't2' (c2)" / "'t1' (c1) ends with ..., which starts 't2' (c2): ..."
            parts = f.message.split("'")
            t1, c1 = parts[1], parts[2].split("(")[1].split(")")[0]
            t2 = parts[3] if f.rule == "nested" else parts[5]
            c2 = (parts[4] if f.rule == "nested" else parts[6]).split("(")[1].split(")")[0]
            out[(f.rule, c1, t1, t2, c2)] += 1
    return out


def _random_glossary(rnd: random.Random) -> tuple[Glossary, list[str]]:
    alphabet = "采购绿色公共可持续"[: rnd.randint(2, 9)]
    concepts = []
    for i in range(rnd.randint(2, 30)):
        terms = [
            Term(
                "".join(rnd.choice(alphabet) for _ in range(rnd.randint(1, 6))),
                "zh",
                rnd.choice([Status.PREFERRED, Status.ADMITTED, Status.DEPRECATED]),
                line=i,
            )
            for _ in range(rnd.randint(1, 3))
        ]
        terms.append(Term(f"term {i}", "en", Status.PREFERRED, line=i))
        ignore = rnd.sample(["overlap", "nested"], rnd.randint(0, 1))
        concepts.append(Concept(f"c{i}", "concept", terms, lint_ignore=ignore, path="g.yaml", line=i + 1))
    corpus = [
        "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 80))) for _ in range(rnd.randint(0, 3))
    ]
    return Glossary(concepts), corpus


@pytest.mark.parametrize("seed", range(60))
def test_indexed_nesting_and_overlap_equal_all_pairs(seed):
    g, corpus = _random_glossary(random.Random(seed))
    assert _indexed(g, corpus) == _pairwise(g, corpus)


def test_real_glossary_nesting_and_overlap_equal_all_pairs():
    from sppterm.bulletin.parse import load_bulletins

    g = load_glossary(ROOT / "glossary")
    corpus = [b2.text for b in load_bulletins(ROOT / "source_zh") for b2 in b.blocks()]
    assert _indexed(g, corpus) == _pairwise(g, corpus)
    assert failing(lint(g, corpus)) == []


def test_lint_of_generated_10k_glossary(tmp_path):
    """The benchmark's generator gives a glossary lint can handle end to end (its speed is
    measured in bench/lint_scale.py, not here: no timed tests)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from lint_scale import make_project
    finally:
        sys.path.remove(str(ROOT / "bench"))
    make_project(tmp_path / "p", 10000, seed=3)
    g = load_glossary(tmp_path / "p" / "glossary")
    findings = lint(g, ["绿色采购"])
    assert len(g) == 10000 and findings
