"""sppterm build: editions, refusal, reproducibility, escaping; checked in headless Chromium."""

import re
import shutil
import textwrap

import pytest
from click.testing import CliRunner

from sppterm.cli import main
from sppterm.publish.pdf import CHROMIUM_FLAGS, chromium
from sppterm.units.po import po_text, read_po

from .conftest import ROOT

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


def _tiny_project(tmp_path, translation):
    """A one-article bulletin and its complete translation, to build a release edition."""
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
        ---

        ## 合作伙伴最新进展

        ### 旅游业气候行动基线报告

        《旅游业气候行动基线报告》介绍了2021年全球调查的结果。

        ***

        编辑：王璟
        """),
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


@pytest.fixture(scope="module")
def browser():
    exe = chromium()
    if exe is None:
        pytest.skip("Chromium not installed (Debian package chromium; .ci/setup installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright not installed (test extra)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=[f for f in CHROMIUM_FLAGS if f != "--headless"])
        yield b
        b.close()


def _open(browser, path):
    page = browser.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "request",
        lambda req: (
            errors.append(f"request {req.url}") if not req.url.startswith(("file:", "data:")) else None
        ),
    )
    page.goto(path.resolve().as_uri())
    return page, errors


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
