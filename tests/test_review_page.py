"""sppterm review (the bilingual review page) and check --format html, on the real series with
planted problems, checked as files and in headless Chromium (layout, filter, highlights, links)."""

from __future__ import annotations

import base64
import hashlib
import html
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sppterm.publish.marked import Mark, render
from sppterm.units.po import po_text, read_po

from .conftest import ROOT, open_page, sppterm

HOSTILE = (
    'December 2021 <script>window.__pwned = 1</script> & "quoted" \' <img src=x onerror="window.__pwned=2">'
)
PLANTED_FUZZY = "（摘自：同一个地球网络网页）"
PLANTED_EMPTY = "可持续消费和生产与应对气候变化"
NOTE_BEFORE = """    note: The network writes a lower-case "network"."""
NOTE_PLANTED = """    note: 'The network writes a lower-case "network". <script>window.__pwned = 3</script> & <b onclick=x>'"""
NOTE_ESCAPED = "&lt;script&gt;window.__pwned = 3&lt;/script&gt; &amp; &lt;b onclick=x&gt;"


@pytest.fixture(scope="module")
def series(tmp_path_factory) -> Path:
    """A copy of the project (glossary, sources, PO files as committed) where 2023.po has a
    hostile translation with a wrong year, a fuzzy unit and an untranslated one."""
    root = tmp_path_factory.mktemp("series")
    for d in ("glossary", "source_zh"):
        shutil.copytree(ROOT / d, root / d)
    shutil.copytree(ROOT / "target_en" / "po", root / "target_en" / "po")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    programmes = root / "glossary/programmes.yaml"  # a hostile concept note (panel, hover texts)
    text = programmes.read_text("utf-8")
    assert text.count(NOTE_BEFORE) == 1, "programmes.yaml changed: pick another note to plant"
    programmes.write_text(text.replace(NOTE_BEFORE, NOTE_PLANTED), "utf-8")
    path = root / "target_en/po/2023.po"
    po = read_po(path)
    planted = 0
    for e in po:
        if e.msgid.startswith("近日") and "December 2022" in e.msgstr:
            e.msgstr, planted = e.msgstr.replace("December 2022", HOSTILE), planted + 1
        elif e.msgid == PLANTED_FUZZY:
            e.flags.append("fuzzy")
            planted += 1
        elif e.msgid == PLANTED_EMPTY:
            e.msgstr, planted = "", planted + 1
    assert planted == 3, "the committed 2023.po changed: pick other units to plant"
    path.write_text(po_text(po), "utf-8")
    r = sppterm(root, "review")
    assert r.returncode == 0, r.stderr
    r = sppterm(root, "check", "--format", "html", "-o", str(root / "report.html"))
    assert r.returncode == 1, r.stderr  # the planted errors
    return root


def _page(root: Path, bid: str = "2023") -> str:
    return (root / "target_en" / "review" / f"{bid}.html").read_text("utf-8")


# -- the files --------------------------------------------------------------------------------


def test_a_page_per_bulletin_deterministic_and_atomic(series):
    pages = sorted(p.name for p in (series / "target_en" / "review").iterdir())
    assert pages == [f"{b}.html" for b in ("2021-03", "2022-04", "2023", "2024-02", "2025")]
    before = {p: (series / "target_en/review" / p).read_bytes() for p in pages}
    r = sppterm(series, "review")
    assert r.returncode == 0 and r.stderr.count("unchanged target_en/review/") == 5, r.stderr
    assert {p: (series / "target_en/review" / p).read_bytes() for p in pages} == before
    r = sppterm(series, "review", "2023")
    assert r.stderr.strip() == "unchanged target_en/review/2023.html"
    assert not list((series / "target_en/review").glob(".*"))  # no temp file left


def test_unknown_bulletin_exits_2_and_writes_nothing(series, tmp_path):
    r = sppterm(series, "review", "2099")
    assert r.returncode == 2 and "no bulletin with id 2099" in r.stderr
    assert not (series / "target_en/review/2099.html").exists()


def test_page_is_escaped_and_self_contained(series):
    page = _page(series)
    text = re.sub(r"</?mark\b[^>]*>", "", page)  # findings may mark words inside it (quotes, digits)
    assert "&lt;script&gt;window.__pwned = 1&lt;/script&gt;" in text
    assert "<img" not in page and "__pwned = 1</script>" not in text
    assert "&amp; &#34;quoted&#34; &#39; &lt;img src=x onerror=&#34;window.__pwned=2&#34;&gt;" in text
    assert page.count("<script>") == 1  # the filter, allowed by its hash in the CSP
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', page)[1])
    script = page.split("<script>")[1].split("</script>")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert csp.startswith("default-src 'none';") and f"script-src 'sha256-{digest}'" in csp
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)  # nothing from the network
    assert "__pwned = 3</script>" not in page and "<b onclick" not in page  # the planted note
    assert page.count(NOTE_ESCAPED) >= 2  # in the panel and in the hover texts


def test_page_marks_status_findings_and_po_lines(series):
    page = _page(series)
    assert "1 fuzzy" in page and "1 untranslated" in page
    po_lines = (series / "target_en/po/2023.po").read_text("utf-8").split("\n")
    fuzzy_line = next(i for i, t in enumerate(po_lines, 1) if t == f'msgid "{PLANTED_FUZZY}"')
    assert re.search(
        rf'href="\.\./po/2023\.po#L{fuzzy_line}"[^>]*>target_en/po/2023\.po:{fuzzy_line}</a>', page
    )
    assert '<span class="badge fuzzy">Fuzzy: needs review</span>' in page
    # the wrong year: the finding under its unit, the words marked on both sides
    assert '<mark class="finding error" title="number (error): 2022 of the source' in page
    assert re.search(r'<mark class="finding error" title="number \(error\): “2021”[^"]*">2021</mark>', page)
    assert '<code class="rule">number</code>' in page


def test_html_report_groups_by_rule_and_bulletin(series):
    report = (series / "report.html").read_text("utf-8")
    assert report.endswith("</html>\n")
    assert "&lt;script&gt;window.__pwned" in re.sub(r"</?mark\b[^>]*>", "", report)
    assert report.count("<script>") == 1 and "<img" not in report  # the counts' script only
    assert "__pwned = 3</script>" not in report and NOTE_ESCAPED in report and "<b onclick" not in report
    csp = html.unescape(re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', report)[1])
    script = report.split("<script>")[1].split("</script>")[0]
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert csp.startswith("default-src 'none';") and f"script-src 'sha256-{digest}'" in csp
    assert 'href="#r-number-2023">3</a>' in report  # the planted number findings, counted
    assert 'id="r-source-variant-2021-03"' in report
    # a finding made on the source shows the English of its PO unit beside it
    assert re.search(r"\(target_en/po/2021-03\.po:\d+\)</span>", report)
    sppterm(series, "check", "--format", "html", "-o", str(series / "again.html"))
    assert (series / "again.html").read_bytes() == (series / "report.html").read_bytes()


# -- the marked text --------------------------------------------------------------------------

_TEXT = st.text(alphabet=st.sampled_from(list("可持续<b></i>&\"'x <>\n")), max_size=40)


@settings(deadline=500, max_examples=300)
@given(
    _TEXT,
    st.lists(st.tuples(st.integers(-3, 45), st.integers(-3, 45), st.sampled_from(["term", "finding error"]))),
)
def test_marked_text_keeps_every_character(text, spans):
    """Whatever the marks (overlapping, empty, out of range, inside a placeholder), the page
    shows exactly the text, escaped, plus a caret per empty mark."""
    marks = [Mark(a, b, kind, title='t"<&') for a, b, kind in spans]
    out = str(render(text, marks))
    carets = sum(1 for m in marks if m.end <= m.start)
    shown = html.unescape(re.sub(r"<[^>]*>", "", out))
    assert shown.replace("‸", "") == text.replace("‸", "") and shown.count("‸") == carets
    assert out.count("<mark") == out.count("</mark>")
    assert not re.search(r"<(?!/?(?:mark|span)\b)", out)  # no tag from the text


# -- in a real browser ------------------------------------------------------------------------


def _open(browser, path: Path, width: int = 1280):
    return open_page(browser, path, width, warnings=True)


def _visible(page) -> int:
    return page.locator(".unit:not(.heading):visible").count()


# Elements wider than their box that scroll or clip sideways (a table in an overflow box, a
# long word in a narrow cell): at 390 px none may, or the reader scrolls inside the page.
_SIDEWAYS = """() => Array.from(document.querySelectorAll("body *")).filter(e => {
  const s = getComputedStyle(e);
  return e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0
    && ["auto", "scroll", "hidden", "clip"].includes(s.overflowX) && s.position !== "absolute";
}).map(e => e.tagName.toLowerCase() + "." + e.className)"""


def test_review_page_layout_and_screenshots(browser, series, tmp_path):
    path = series / "target_en/review/2023.html"
    page, errors = _open(browser, path)
    unit = page.locator(".unit:not(.heading)").first
    zh, en = unit.locator(".zh").bounding_box(), unit.locator(".en").bounding_box()
    assert abs(zh["y"] - en["y"]) < 2 and en["x"] >= zh["x"] + zh["width"]  # side by side
    assert 0.8 < en["width"] / zh["width"] < 1.25
    page.screenshot(path=str(tmp_path / "review-desktop.png"), full_page=False)
    phone, phone_errors = _open(browser, path, width=390)
    unit = phone.locator(".unit:not(.heading)").first
    zh, en = unit.locator(".zh").bounding_box(), unit.locator(".en").bounding_box()
    assert en["y"] >= zh["y"] + zh["height"] - 1 and abs(zh["x"] - en["x"]) < 2  # stacked
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scroll
    assert phone.evaluate(_SIDEWAYS) == []  # nor inside the page
    phone.screenshot(path=str(tmp_path / "review-390.png"), full_page=False)
    assert (tmp_path / "review-desktop.png").stat().st_size > 20_000
    _glossary_panel_placed(page, phone, tmp_path / "review-glossary-390.png")
    assert errors == [] and phone_errors == []
    page.close()
    phone.close()


def test_printed_pages_have_no_controls_and_keep_units_whole(browser, series, tmp_path):
    """Printed (or saved as PDF): no filter, the header not sticky, the two columns kept, no
    unit cut across pages; the PDF prints."""
    for path in (series / "target_en/review/2023.html", series / "report.html"):
        page, errors = _open(browser, path)
        page.emulate_media(media="print")
        assert page.locator(".filter").is_hidden() and page.locator(".jump").is_hidden()
        assert page.locator(".glossary-panel").is_hidden()  # closed: not printed
        assert page.locator("header.top").evaluate("e => getComputedStyle(e).position") == "static"
        unit = page.locator(".unit:not(.heading)").first
        assert unit.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
        zh, en = unit.locator(".zh").bounding_box(), unit.locator(".en").bounding_box()
        assert abs(zh["y"] - en["y"]) < 2  # side by side on A4 too
        pdf = tmp_path / f"{path.stem}.pdf"
        page.pdf(path=str(pdf), format="A4")
        assert pdf.read_bytes().startswith(b"%PDF") and pdf.stat().st_size > 20_000
        assert errors == []
        page.close()


def _glossary_panel_placed(desktop, phone, shot: Path) -> None:
    """The glossary panel: above the text on a desktop; on a phone below it (the header's link
    jumps there and opens it), a block per concept, labelled, readable, no sideways scroll."""
    first = desktop.locator(".unit").first.bounding_box()
    assert desktop.locator("#glossary").bounding_box()["y"] < first["y"]
    last = phone.locator(".unit").last.bounding_box()
    assert phone.locator("#glossary").bounding_box()["y"] > last["y"] + last["height"] - 1
    assert not phone.locator("table.glossary tr.concept").first.is_visible()
    phone.click(".jump a")
    row = phone.locator("table.glossary tr.concept").first
    assert row.is_visible() and phone.locator("#glossary").bounding_box()["y"] < 900  # scrolled to
    cells = [c.bounding_box() for c in row.locator("td:visible").all()]
    assert len(cells) >= 3 and cells[1]["y"] >= cells[0]["y"] + cells[0]["height"] - 1  # stacked
    assert all(c["x"] + c["width"] <= 390 for c in cells)
    labels = row.locator("td").evaluate_all("els => els.map(e => getComputedStyle(e, '::before').content)")
    assert labels[:2] == ['"Chinese found: "', '"Preferred English: "']
    assert (
        phone.locator("table.glossary td.note").first.evaluate(
            "e => parseFloat(getComputedStyle(e).fontSize)"
        )
        >= 13
    )
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.locator(".glossary-panel .table-wrap").evaluate("e => e.scrollWidth <= e.clientWidth")
    phone.screenshot(path=str(shot), full_page=False)


def test_review_filter_changes_the_visible_units(browser, series):
    page, errors = _open(browser, series / "target_en/review/2023.html")
    units = page.locator(".unit:not(.heading)")
    total = units.count()
    everything = page.locator(".unit").count()
    assert (
        _visible(page) == total
        and page.locator("#shown").inner_text() == f"{everything} of {everything} units match"
    )
    with_findings = page.locator(".unit:not(.heading):not([data-findings='0'])").count()
    page.check("input[value=findings]")
    assert 0 < _visible(page) == with_findings < total
    assert page.locator(".unit:visible", has_text="December 2021").count() == 1
    page.check("input[value=untranslated]")
    statuses = page.locator(".unit:not(.heading):visible").evaluate_all(
        "els => els.map(e => e.dataset.status)"
    )
    assert set(statuses) == {"fuzzy"}  # the planted fuzzy attribution (the untranslated unit is a heading)
    assert PLANTED_FUZZY in page.locator(".unit:not(.heading):visible .zh").all_inner_texts()
    headings = page.locator(".unit.heading")
    assert headings.count() > 2 and headings.first.is_visible()  # headings stay, dimmed
    assert page.locator(".unit.heading:not(.dim) .zh").all_inner_texts() == [PLANTED_EMPTY]
    page.check("input[value=all]")
    assert _visible(page) == total and page.locator(".unit.dim").count() == 0
    # by keyboard: the arrows move through the choices (native radios), Space toggles a box
    page.focus("input[value=all]")
    page.keyboard.press("ArrowRight")
    assert page.is_checked("input[value=findings]") and _visible(page) == with_findings
    page.keyboard.press("ArrowLeft")
    assert _visible(page) == total
    page.focus("input[name=sev][value=info]")
    page.keyboard.press("Space")
    assert not page.is_checked("input[name=sev][value=info]")
    assert page.locator(".unit li.finding.info:visible").count() == 0
    assert errors == []
    page.close()


def test_review_highlights_terms_on_both_sides(browser, series):
    page, errors = _open(browser, series / "target_en/review/2023.html")
    first = page.locator(".unit").first  # 同一个地球网络最新进展 / Latest from the One Planet network
    for side in (".zh", ".en"):
        mark = first.locator(f"{side} mark.term[data-concept='one-planet-network']")
        assert mark.count() == 1, side
        title = mark.get_attribute("title")
        assert title.startswith("Preferred English: One Planet network") and "Note:" in title
    assert "同一个地球网络: preferred" in first.locator(".zh mark.term").get_attribute("title")
    assert page.evaluate("window.__pwned") is None  # the planted scripts and handler never ran
    assert errors == []
    page.close()


def test_review_links_resolve(browser, series):
    path = series / "target_en/review/2023.html"
    page, errors = _open(browser, path)
    hrefs = page.locator("a").evaluate_all("els => els.map(e => e.href)")
    assert len(hrefs) > 50
    for href in hrefs:
        url = urlparse(href)
        target = Path(unquote(url.path))
        assert url.scheme == "file" and target.is_file(), href
        if target.suffix == ".html":
            assert not url.fragment or page.locator(f"[id='{url.fragment}']").count() == 1, href
        elif url.fragment:
            n = int(url.fragment.removeprefix("L"))
            line = target.read_text("utf-8").split("\n")[n - 1]
            assert line.startswith("msgid ") if target.suffix == ".po" else line.strip(), href
    assert errors == []
    page.close()


def test_html_report_in_chromium(browser, series, tmp_path):
    page, errors = _open(browser, series / "report.html")
    rows = page.locator("table.counts tbody tr")
    assert rows.count() >= 3  # untranslated, number, source-variant
    for href in page.locator("table.counts a").evaluate_all("els => els.map(e => e.getAttribute('href'))"):
        assert page.locator(f"[id='{href[1:]}']").count() == 1, href
    number = page.locator("#r-number-2023 ~ .unit").first
    assert number.locator(".zh mark.finding").inner_text() == "2022"
    assert page.evaluate("window.__pwned") is None
    page.screenshot(path=str(tmp_path / "report-desktop.png"))
    phone, phone_errors = _open(browser, series / "report.html", width=390)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.evaluate(_SIDEWAYS) == []  # the counts table no longer scrolls in its box
    # five bulletins on a phone: a block per rule, each count labelled with its bulletin
    bulletins = page.locator("table.counts thead th[data-col]").all_inner_texts()
    assert len(bulletins) == 5
    row = phone.locator("table.counts tbody tr").first
    cells = row.locator("td[data-col]")
    assert cells.count() == 5
    boxes = [cells.nth(i).bounding_box() for i in range(5)]
    assert all(b["x"] >= 0 and b["x"] + b["width"] <= 390 for b in boxes)
    labels = cells.evaluate_all("els => els.map(e => getComputedStyle(e, '::before').content)")
    assert labels == [f'"{b} "' for b in bulletins]
    head = row.locator("th").bounding_box()
    assert boxes[0]["y"] >= head["y"] + head["height"] - 1  # the counts under the rule's name
    assert phone.locator("table.counts thead").bounding_box()["width"] <= 1  # visually hidden
    phone.screenshot(path=str(tmp_path / "report-390.png"))
    _glossary_panel_placed(page, phone, tmp_path / "report-glossary-390.png")
    assert errors == [] and phone_errors == []
    page.close()
    phone.close()


# -- severity filter and glossary panel (issue 17, round 2) ----------------------------------


def _shown(page, selector: str) -> int:
    return page.locator(f"{selector}:visible").count()


def test_review_severity_filter(browser, series):
    """The planted 2023 has errors, warnings and infos: each severity box hides its findings
    and, with 'with findings', the units that have only those."""
    page, errors = _open(browser, series / "target_en/review/2023.html")
    sevs = page.locator("input[name=sev]").evaluate_all("els => els.map(e => e.value)")
    assert sevs == ["error", "warning", "info"]
    by_sev = {s: page.locator(f".unit li.finding.{s}").count() for s in sevs}
    assert by_sev["error"] > 0 and by_sev["info"] > 0
    page.check("input[value=findings]")
    with_findings = _visible(page)
    only_info = page.locator(".unit:not(.heading)[data-severities='info']").count()
    assert only_info > 0
    page.uncheck("input[name=sev][value=info]")
    assert _shown(page, ".unit li.finding.info") == 0
    assert _shown(page, ".unit li.finding.error") == by_sev["error"]
    assert _visible(page) == with_findings - only_info
    matching = _visible(page) + page.locator(".unit.heading:not(.dim)").count()
    assert page.locator("#shown").inner_text().startswith(f"{matching} of ")
    for s in sevs:
        page.uncheck(f"input[name=sev][value={s}]")
    assert _visible(page) == 0 and _shown(page, ".unit li.finding") == 0
    page.check("input[value=all]")
    page.check("input[name=sev][value=error]")
    assert _visible(page) == page.locator(".unit:not(.heading)").count()
    assert _shown(page, ".unit li.finding") == by_sev["error"]
    assert errors == []
    page.close()


def _headings_shown(page) -> list[str]:
    """The rule and bulletin headings a reader sees (their ids)."""
    return page.locator("section.rule:visible, .group:visible h3").evaluate_all("els => els.map(e => e.id)")


def test_html_report_severity_filter_hides_empty_groups_and_counts(browser, series):
    """Unchecking a severity hides its findings, every rule and bulletin group left with none
    (heading included) and its table row; the counts say what is shown. Keyboard: Tab to a
    box, Space toggles it."""
    page, errors = _open(browser, series / "report.html")
    counts = {s: page.locator(f".finding-unit.{s}").count() for s in ("error", "warning", "info")}
    total = sum(counts.values())
    assert counts["error"] > 0 and counts["info"] > 0
    assert page.locator("#shown").inner_text() == f"{total} of {total} findings shown"
    assert "r-source-variant" in _headings_shown(page)  # info only, in 4 bulletins
    page.uncheck("#sev-info")
    assert _shown(page, ".finding-unit.info") == 0 and _shown(page, ".finding-unit.error") == counts["error"]
    shown = _headings_shown(page)
    assert "r-source-variant" not in shown and not any(h.startswith("r-source-variant-") for h in shown)
    assert (
        page.locator("table.counts tbody tr:visible").count() == page.locator("section.rule:visible").count()
    )
    for group in page.locator(".group:visible").all():  # no heading without a finding under it
        n = group.locator(".finding-unit:visible").count()
        assert n > 0 and group.locator("h3 .sub").inner_text() == f"({n})"
    cols = page.locator("table.counts thead th[data-col]:visible").all_inner_texts()
    left_in = page.locator(".finding-unit:visible").evaluate_all("els => els.map(e => e.dataset.bulletin)")
    assert cols == sorted(set(left_in)) and "2021-03" not in cols  # 2021-03 had infos only
    left = total - counts["info"]
    assert page.locator("#shown").inner_text() == f"{left} of {total} findings shown"
    assert page.locator("tfoot td[data-count='']").inner_text() == str(left)
    for sec in page.locator("section.rule:visible").all():
        n = sec.locator(".finding-unit:visible").count()
        assert sec.locator("h2 .sub").inner_text() in (
            f"({n})",
            f"({n} of {sec.locator('.finding-unit').count()})",
        )
    page.focus("#sev-error")
    page.keyboard.press("Space")
    assert not page.is_checked("#sev-error") and _shown(page, ".finding-unit.error") == 0
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert page.is_checked("#sev-warning") is False and page.is_checked("#sev-info")
    assert _shown(page, ".finding-unit") == counts["info"] and _headings_shown(page)[0] == "r-source-variant"
    assert errors == []
    page.close()


def test_html_report_filter_without_a_script(browser, series):
    """With scripts off (a mail client, a locked-down viewer) the filter still hides the
    findings and the empty groups: it is CSS (:has)."""
    ctx = browser.new_context(java_script_enabled=False)
    page = ctx.new_page()
    page.goto((series / "report.html").resolve().as_uri())
    infos = page.locator(".finding-unit.info").count()
    page.uncheck("#sev-info")
    assert _shown(page, ".finding-unit.info") == 0 and infos > 0
    assert "r-source-variant" not in _headings_shown(page)
    assert all(g.locator(".finding-unit:visible").count() for g in page.locator(".group:visible").all())
    page.uncheck("#sev-error")
    page.uncheck("#sev-warning")
    assert _headings_shown(page) == []
    ctx.close()


def test_glossary_panel_lists_the_concepts_with_english_note_and_status(browser, series):
    """The panel lists each concept the bulletin names (one row, its Chinese forms found), with
    the preferred English valid in the bulletin, the note and the status, escaped; collapsed
    at first, opened by its summary. The report's panel lists the concepts of its units."""
    from sppterm.bulletin.parse import load_bulletins
    from sppterm.glossary import load_glossary
    from sppterm.glossary.matcher import ZhMatcher

    glossary = load_glossary(series / "glossary")
    b = next(b for b in load_bulletins(series / "source_zh") if b.id == "2023")
    m = ZhMatcher(glossary)
    named = {h.concept.id for blk in b.blocks() for h in m.find(blk.text)}
    page, errors = _open(browser, series / "target_en/review/2023.html")
    rows = page.locator(".glossary-panel tr.concept")
    ids = rows.evaluate_all("els => els.map(e => e.id.slice(2))")
    assert len(ids) == len(set(ids)) and set(ids) <= named and len(ids) >= len(named) - 2
    assert not rows.first.is_visible()  # collapsed
    page.click(".glossary-panel summary")
    ienw = page.locator("#g-ienw")
    assert ienw.is_visible()
    assert (
        "Netherlands Ministry of Infrastructure and Water Management"
        in ienw.locator("td").nth(1).inner_text()
    )
    assert "(used until 25 October 2017)" in ienw.locator("td").first.inner_text()
    assert ienw.locator(".form.deprecated").get_attribute("title") == "deprecated: used until 25 October 2017"
    # the old name in the 2023 text says plainly when it was used and what is used since
    old = page.locator(".unit .zh mark.term[data-concept='ienw']").first.get_attribute("title")
    assert (
        "荷兰基础设施与环境部: was used until 25 October 2017; since 26 October 2017: 荷兰基础设施和水资源管理部"
        in old
    )
    assert ienw.locator(".status").inner_text() == "old name in the source"
    assert page.locator("#g-10yfp .status").inner_text() == "variant in the source"  # 十年框架方案框架
    assert "Rijkswaterstaat" in ienw.locator(".note").inner_text()
    unverified = [c.id for c in glossary if not c.verified and c.id in ids]
    for cid in unverified:
        assert page.locator(f"#g-{cid} .status").inner_text() == "unverified English"
    report, report_errors = _open(browser, series / "report.html")
    in_report = report.locator(".glossary-panel tr.concept").count()
    assert in_report > 5
    assert errors == [] and report_errors == []
    page.close()
    report.close()
