"""sppterm build: editions, refusal, reproducibility, escaping; checked in headless Chromium."""

import re
import shutil
import textwrap

import pytest
from click.testing import CliRunner

from sppterm.cli import main
from sppterm.publish.pdf import chromium
from sppterm.units.po import po_text, read_po

from .conftest import ROOT, open_page

IDS = ["2021-03", "2022-04", "2023", "2024-02", "2025"]


def _build(project, *args):
    return CliRunner().invoke(main, ["--root", str(project), "build", *args])


def test_committed_editions_are_up_to_date():
    r = CliRunner().invoke(main, ["--root", str(ROOT), "build", "--check"])
    assert r.exit_code == 0, r.output


def test_release_refuses_incomplete_bulletins_and_lists_units(project):
    r = _build(project, "2022-04")
    assert r.exit_code == 1
    assert "2022-04: refused" in r.output
    assert "source_zh/2022-04.md:13: untranslated: 同一个地球网络最新进展" in r.output
    assert not (project / "target_en" / "2022-04.html").exists()


def test_draft_builds_everything_reproducibly(project):
    r = _build(project, "--draft")
    assert r.exit_code == 0, r.output
    first = {p.name: p.read_bytes() for p in (project / "target_en").glob("*.*")}
    assert {f"{i}.{ext}" for i in IDS for ext in ("md", "html")} | {"index.html"} <= set(first)
    assert _build(project, "--draft").exit_code == 0
    assert {p.name: p.read_bytes() for p in (project / "target_en").glob("*.*")} == first
    assert _build(project, "--draft", "--check").exit_code == 0
    po_file = project / "target_en/po/2022-04.po"
    po = read_po(po_file)
    po[0].msgstr = "Latest from the One Planet network"
    po_file.write_text(po_text(po), "utf-8")
    r = _build(project, "--draft", "--check")
    assert r.exit_code == 1 and "target_en/2022-04.html: OUT OF DATE" in r.output
    html = (project / "target_en" / "2022-04.html").read_text("utf-8")
    assert 'class="draft"' in html and "are not translated yet" in html
    assert '<span class="marker" lang="en">Untranslated</span>' in html
    assert 'class="untranslated" lang="zh"' in html
    md = (project / "target_en" / "2022-04.md").read_text("utf-8")
    assert "status: draft" in md and "**[UNTRANSLATED]**" in md


def _tiny_project(tmp_path, translation, notes=(), front=""):
    """A one-article bulletin and its complete translation, to build a release edition;
    ``notes`` become the paragraph's translator comments, ``front`` extra front matter."""
    shutil.copytree(ROOT / "glossary", tmp_path / "glossary")
    (tmp_path / "pyproject.toml").write_text("[tool.sppterm]\n", "utf-8")
    src = tmp_path / "source_zh"
    src.mkdir()
    (src / "2099-01.md").write_text(
        textwrap.dedent("""\
        ---
        id: 2099-01
        title: 可持续公共采购计划简报
        year: 2099
        issue: 1
        serial: 99
        {front}---

        ## 合作伙伴最新进展

        ### 旅游业气候行动基线报告

        《旅游业气候行动基线报告》介绍了2021年全球调查的结果。

        ***

        编辑：王璟
        """).replace("{front}", front),
        "utf-8",
    )
    r = CliRunner().invoke(main, ["--root", str(tmp_path), "extract"])
    assert r.exit_code == 0, r.output
    po_file = tmp_path / "target_en" / "po" / "2099-01.po"
    po = read_po(po_file)
    texts = [
        "Partner updates",
        "Baseline report on climate action in tourism",
        translation,
        "Editor: Wang Jing",
    ]
    for e, t in zip(po, texts, strict=True):
        e.msgstr = t
    po[2].tcomment = "\n".join(notes)
    po_file.write_text(po_text(po), "utf-8")
    return tmp_path


def test_release_build_of_a_complete_bulletin(tmp_path):
    proj = _tiny_project(
        tmp_path,
        "The Baseline Report on Climate Action in Tourism presents the results of the 2021 global survey.",
    )
    r = _build(proj)
    assert r.exit_code == 0, r.output
    html = (proj / "target_en" / "2099-01.html").read_text("utf-8")
    assert "2099 · Issue 1 · No. 99" in html and 'class="draft"' not in html
    assert "<cite>Baseline Report on Climate Action in Tourism</cite>" in html  # title in italics
    md = (proj / "target_en" / "2099-01.md").read_text("utf-8")
    assert "status: release" in md and "*Baseline Report on Climate Action in Tourism*" in md
    index = (proj / "target_en" / "index.html").read_text("utf-8")
    assert "2099-01.html" in index and "1 / 1" not in index and "4 / 4 (100%)" in index


def test_build_writes_and_checks_the_glossary_page(tmp_path):
    """The glossary page the editions link to is built with them, byte for byte what
    ``glossary export --format html`` writes, and ``build --check`` reports it stale once the
    glossary changes (and clean again after a build)."""
    proj = _tiny_project(
        tmp_path,
        "The Baseline Report on Climate Action in Tourism presents the results of the 2021 global survey.",
    )
    assert _build(proj).exit_code == 0
    page = proj / "target_en" / "glossary.html"
    built = page.read_bytes()
    exported = tmp_path / "exported.html"
    r = CliRunner().invoke(
        main, ["--root", str(proj), "glossary", "export", "--format", "html", "-o", str(exported)]
    )
    assert r.exit_code == 0, r.output
    assert exported.read_bytes() == built
    assert _build(proj).exit_code == 0 and page.read_bytes() == built  # deterministic
    assert _build(proj, "--check").exit_code == 0
    events = proj / "glossary" / "events.yaml"
    events.write_text(
        events.read_text("utf-8").replace("preferred: Food Planet Prize", "preferred: Food Planet Award"),
        "utf-8",
    )
    r = _build(proj, "--check")
    assert r.exit_code == 1 and "target_en/glossary.html: OUT OF DATE" in r.output, r.output
    assert page.read_bytes() == built  # --check writes nothing
    assert _build(proj).exit_code == 0
    assert "Food Planet Award" in page.read_text("utf-8")
    assert _build(proj, "--check").exit_code == 0


def test_release_refused_for_check_errors(tmp_path):
    proj = _tiny_project(tmp_path, "The report presents the results of the 2020 global survey.")
    r = _build(proj)
    assert r.exit_code == 1
    assert "number" in r.output and "term-missing" in r.output


INJECTION = (
    'Results <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned=2"> " onmouseover="x'
)


def test_everything_is_escaped(tmp_path):
    proj = _tiny_project(tmp_path, INJECTION)
    r = _build(proj, "--draft")
    assert r.exit_code == 0, r.output
    html = (proj / "target_en" / "2099-01.html").read_text("utf-8")
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in html


# -- in a real browser ------------------------------------------------------------------------


def _open(browser, path):
    return open_page(browser, path)


@pytest.mark.parametrize("bid", IDS)
def test_edition_in_chromium(browser, bid, tmp_path):
    path = ROOT / "target_en" / f"{bid}.html"
    page, errors = _open(browser, path)
    assert page.title().startswith("Sustainable Public Procurement Programme Bulletin")
    assert page.locator("html").get_attribute("lang") == "en"
    toc_links = page.locator("nav.toc a")
    articles = page.locator("main article h3")
    assert articles.count() >= 8
    assert toc_links.count() == articles.count() + page.locator("main section > h2").count()
    for href in toc_links.evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert page.locator(f"[id='{href[1:]}']").count() == 1, href  # every internal link resolves
    for h in articles.all_inner_texts():
        assert h.strip()
    assert page.locator("header.masthead h1").inner_text().startswith("Sustainable Public Procurement")
    shot = tmp_path / f"{bid}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000
    assert errors == []
    page.close()


def test_index_in_chromium(browser):
    page, errors = _open(browser, ROOT / "target_en" / "index.html")
    rows = page.locator("tbody tr")
    assert rows.count() == 5
    hrefs = page.locator("tbody a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert {f"{i}.html" for i in IDS} <= set(hrefs)
    assert errors == []


def test_injected_script_does_not_run(browser, tmp_path):
    proj = _tiny_project(tmp_path, INJECTION)
    assert _build(proj, "--draft").exit_code == 0
    page, errors = _open(browser, proj / "target_en" / "2099-01.html")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    assert "<script>window.__pwned = 1</script>" in page.locator("main").inner_text()
    assert errors == []


def test_pdf(tmp_path):
    if chromium() is None:
        pytest.skip("Chromium not installed (Debian package chromium; .ci/setup installs it)")
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed (test extra)")
    proj = _tiny_project(
        tmp_path,
        "The Baseline Report on Climate Action in Tourism presents the results of the 2021 global survey.",
    )
    r = _build(proj, "--pdf")
    assert r.exit_code == 0, r.output
    reader = pypdf.PdfReader(str(proj / "target_en" / "2099-01.pdf"))
    text = " ".join(p.extract_text() for p in reader.pages)
    assert re.search(r"Sustainable\s+Public\s+Procurement\s+Programme\s+Bulletin", text)
    assert "from source_zh/2099-01.md" in text
    assert re.search(r"Baseline\s+Report\s+on\s+Climate\s+Action", text)
    box = reader.pages[0].mediabox
    assert abs(float(box.width) - 595) < 3 and abs(float(box.height) - 842) < 3  # A4


# -- edition design (issue 16): notes, links, typography, print ---------------------------------

NOTE = "Translator's note: the survey was held in 2021 and 2022 ('pilot' year)."
PRIVATE = "checked against the UNWTO page"  # a translator comment that is not for readers


def _noted_project(tmp_path):
    return _tiny_project(
        tmp_path,
        'The "Baseline Report on Climate Action in Tourism" presents the results of the 2021 global '
        "survey of 2020-2021, see https://www.unwto.org/a-b?x='1'&y=2.",
        notes=[PRIVATE, NOTE, "Translator's note: second note."],
        front="date: 2099-03-15\n",
    )


def test_translator_notes_and_date_in_markdown(tmp_path):
    proj = _noted_project(tmp_path)
    assert _build(proj, "--draft").exit_code == 0
    md = (proj / "target_en" / "2099-01.md").read_text("utf-8")
    assert "<https://www.unwto.org/a-b?x='1'&y=2>.[\\[1\\]](#tn-1)[\\[2\\]](#tn-2)" in md
    assert "## Translator’s notes" in md
    assert '1. <a id="tn-1"></a>The survey was held in 2021 and 2022 (‘pilot’ year).' in md
    assert '2. <a id="tn-2"></a>Second note.' in md
    assert PRIVATE not in md
    assert "Published 15 March 2099" in md and "[All editions](index.html) · [Glossary](glossary.html)" in md


def test_footnotes_links_and_typography_in_chromium(browser, tmp_path):
    proj = _noted_project(tmp_path)
    assert _build(proj, "--draft").exit_code == 0
    page, errors = _open(browser, proj / "target_en" / "2099-01.html")
    refs = page.locator("main sup.fnref a")
    assert refs.all_inner_texts() == ["1", "2"]
    for n, ref in enumerate(refs.all(), start=1):
        target = page.locator(ref.get_attribute("href"))
        assert target.count() == 1 and target.evaluate("e => e.tagName") == "LI"
        back = target.locator("a.back").get_attribute("href")
        assert back == f"#tn-ref-{n}" and page.locator(back).count() == 1
    notes = page.locator("section.footnotes li").all_inner_texts()
    assert notes[0].startswith("The survey was held in 2021 and 2022 (‘pilot’ year).")
    assert PRIVATE not in page.content()
    text = page.locator("main p").first.inner_text()
    assert "The “Baseline Report on Climate Action in Tourism” presents" in text
    assert "2020–2021" in text  # an en dash in the range
    link = page.locator("main p a").first
    assert link.get_attribute("href") == "https://www.unwto.org/a-b?x='1'&y=2"  # URLs keep their characters
    assert page.locator("header .date").inner_text() == "Published 15 March 2099"
    site = page.locator("nav.site a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert site == ["index.html", "glossary.html"]
    assert errors == []
    page.close()


def test_committed_editions_link_index_glossary_and_pdf(browser):
    target = ROOT / "target_en"
    index, errors = _open(browser, target / "index.html")
    hrefs = set(index.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))"))
    assert "glossary.html" in hrefs
    for bid in IDS:
        assert f"{bid}.html" in hrefs
        assert (f"{bid}.pdf" in hrefs) == (target / f"{bid}.pdf").is_file()
    for href in hrefs:
        assert (target / href).is_file(), href  # every link resolves to a committed file
    index.close()
    for bid in IDS:
        page, errors = _open(browser, target / f"{bid}.html")
        links = page.locator("a[href$='.html']").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert {"index.html", "glossary.html"} <= set(links)
        assert errors == []
        page.close()


def test_pdf_has_running_head_and_page_numbers(tmp_path):
    if chromium() is None:
        pytest.skip("Chromium not installed (Debian package chromium; .ci/setup installs it)")
    pypdf = pytest.importorskip("pypdf", reason="pypdf not installed (test extra)")
    sentence = "The Baseline Report on Climate Action in Tourism presents the results of the 2021 survey. "
    proj = _tiny_project(tmp_path, sentence * 120, notes=[NOTE])
    r = _build(proj, "--draft", "--pdf")
    assert r.exit_code == 0, r.output
    reader = pypdf.PdfReader(str(proj / "target_en" / "2099-01.pdf"))
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    n = len(pages)
    assert n >= 2
    for k, text in enumerate(pages, start=1):
        assert f"Page {k} of {n}" in text
    head = "Sustainable Public Procurement Programme Bulletin · 2099 · Issue 1 · No. 99"
    assert head not in pages[0] and all(head in t for t in pages[1:])  # no running head on the cover
    # No half-empty first page: the contents do not push the text to page 2.
    assert "presents the results" in pages[0]
    assert "Translator’s notes" in pages[-1]
    index = (proj / "target_en" / "index.html").read_text("utf-8")
    assert 'href="2099-01.pdf"' in index
    first = (proj / "target_en" / "2099-01.pdf").read_bytes()
    assert _build(proj, "--draft", "--pdf").exit_code == 0
    assert (proj / "target_en" / "2099-01.pdf").read_bytes() == first  # reproducible


def test_pdf_page_renders(tmp_path):
    """One page of a PDF edition rasterised (poppler's pdftoppm): the print is not blank."""
    if chromium() is None or shutil.which("pdftoppm") is None:
        pytest.skip("Chromium or pdftoppm not installed (Debian chromium, poppler-utils; .ci/setup)")
    proj = _tiny_project(tmp_path, "The Baseline Report on Climate Action in Tourism presents results.")
    assert _build(proj, "--draft", "--pdf").exit_code == 0
    import subprocess

    out = tmp_path / "page"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "40",
            "-gray",
            "-f",
            "1",
            "-l",
            "1",
            str(proj / "target_en/2099-01.pdf"),
            str(out),
        ],
        check=True,
    )
    (png,) = tmp_path.glob("page*.pgm")
    data = png.read_bytes()
    pixels = data[data.index(b"255\n") + 4 :]
    dark = sum(1 for b in pixels if b < 128)
    assert 0.002 < dark / len(pixels) < 0.5  # ink on the page, and not a black page


def test_pdf_warns_without_a_chinese_font(tmp_path, monkeypatch):
    """Drafts show Chinese: with no CJK font (fontconfig sees none), --pdf says so."""
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig's fc-list not installed")
    from sppterm.publish.pdf import cjk_font_warning

    if cjk_font_warning() is not None:
        pytest.skip("no CJK font on this machine: the warning case is all there is")
    conf = tmp_path / "fonts.conf"
    conf.write_text(
        "<?xml version='1.0'?><fontconfig><cachedir>" + str(tmp_path) + "</cachedir></fontconfig>"
    )
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))
    assert "fc-list :lang=zh" in (cjk_font_warning() or "")


def test_compiled_templates_are_cached_and_change_nothing(tmp_path, monkeypatch):
    """The templates' compiled code is kept under the cache directory (jinja/): a later process
    renders from it without compiling, byte for byte what a compile gives; a damaged entry or no
    cache at all renders the same."""
    from sppterm.config import load_config
    from sppterm.publish import html
    from sppterm.publish.build import build

    def files():
        html._ENV.cache.clear()  # as a new process: the templates loaded again
        return build(load_config(ROOT), [], draft=True)[1]

    monkeypatch.setenv("SPPTERM_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("SPPTERM_NO_CACHE", raising=False)
    first = files()
    entries = sorted((tmp_path / "jinja").glob("*.cache"))
    assert len(entries) == 3  # edition, index, glossary
    compile_ = html._ENV.compile

    def refused(*args, **kw):
        raise AssertionError("compiled although cached")

    monkeypatch.setattr(html._ENV, "compile", refused)
    assert files() == first
    monkeypatch.setattr(html._ENV, "compile", compile_)
    for e in entries:
        e.write_bytes(e.read_bytes()[:40] + b"\x00garbage")
    assert files() == first
    monkeypatch.setenv("SPPTERM_NO_CACHE", "1")
    assert files() == first
    monkeypatch.delenv("SPPTERM_NO_CACHE")
    (tmp_path / "jinja").chmod(0o500)  # unwritable: still built (root ignores modes: no check)
    try:
        assert files() == first
    finally:
        (tmp_path / "jinja").chmod(0o700)
