"""Edition design on the committed editions (issue 16): untitled articles set apart in the
Markdown, italics only for titles the glossary attests (names stay roman, in any language)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from sppterm.bulletin.parse import load_bulletins
from sppterm.glossary import load_glossary
from sppterm.publish.edition import title_forms
from sppterm.publish.typography import smarten

from .conftest import ROOT

IDS = ["2021-03", "2022-04", "2023", "2024-02", "2025"]
TARGET = ROOT / "target_en"


def _tokens(bid: str):
    text = (TARGET / f"{bid}.md").read_text("utf-8")
    return MarkdownIt("commonmark").parse(text.split("\n---\n", 1)[1])  # front matter off


def test_markdown_untitled_article_opens_with_a_thematic_break():
    """As in the HTML (a rule above the box), the 2023 Factsheets box is set apart from the
    article before it: a thematic break right before its first paragraph, one per untitled
    article of the source, and none before a titled article."""
    for b in load_bulletins(ROOT / "source_zh"):
        tokens = _tokens(b.id)
        breaks = [k for k, t in enumerate(tokens) if t.type == "hr"]
        untitled = sum(1 for _, a in b.articles() if a.heading is None)
        back = 1 if b.back else 0  # the colophon's break
        assert len(breaks) == untitled + back, b.id
        for k in breaks[: len(breaks) - back]:
            assert tokens[k + 1].type == "paragraph_open", b.id
    tokens = _tokens("2023")
    k = next(k for k, t in enumerate(tokens) if "Factsheets on Sustainable Public Procurement" in t.content)
    assert [t.type for t in tokens[k - 2 : k]] == ["hr", "paragraph_open"]


def test_italics_are_attested_titles_and_names_stay_roman():
    """Every italic run of the HTML editions is the English title of a verified publication;
    names of other kinds (declarations, bodies, programmes) are never italic, in English or in
    another language (Déclaration de Chaillot, Deutsche Gesellschaft für Internationale
    Zusammenarbeit): UN style sets non-English *words* in italics, names in roman."""
    glossary = load_glossary(ROOT / "glossary")
    titles = {f for c in glossary for f in title_forms(c)}
    names = {t.text for c in glossary if c.type != "publication" for t in c.terms_in("en") if len(t.text) > 8}
    seen_names = set()
    for bid in IDS:
        html = (TARGET / f"{bid}.html").read_text("utf-8")
        italic = re.findall(r"<(cite|em)>(.*?)</\1>", html)
        for _, text in italic:
            plain = text.replace("&amp;", "&").replace("’", "'")  # as the glossary writes it
            assert plain in titles, (bid, text)
        body = re.sub(r"<(cite|em)>.*?</\1>", "", html)
        seen_names |= {n for n in names if n in body}
    assert {
        "Déclaration de Chaillot",
        "Deutsche Gesellschaft für Internationale Zusammenarbeit",
    } <= seen_names


def _editions():
    from sppterm.config import load_config
    from sppterm.publish.build import build

    results, _ = build(load_config(ROOT), [], draft=False)
    return {r.id: r.edition for r in results}


def test_committed_footnotes_and_masthead_in_chromium(browser):
    """Every translator's note of the five editions (from the PO files) is a footnote whose
    reference and back link resolve; each edition's masthead shows the issue line the index
    gives it, and the index row links that edition's HTML, Markdown and PDF."""
    from .test_publish import _open

    editions = _editions()
    assert sum(len(ed.notes) for ed in editions.values()) >= 5  # the source errors of issue 16
    index, errors = _open(browser, TARGET / "index.html")
    rows = {}
    for row in index.locator("tbody tr").all():
        hrefs = row.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        rows[hrefs[0].removesuffix(".html")] = (row.locator(".issue-line").inner_text(), hrefs)
    assert errors == []
    index.close()
    for bid, ed in editions.items():
        line, hrefs = rows[bid]
        assert line == ed.issue_line
        assert hrefs == [f"{bid}.html", f"{bid}.md", f"{bid}.pdf"]
        page, errors = _open(browser, TARGET / f"{bid}.html")
        assert page.locator("header.masthead .issue").inner_text() == ed.issue_line
        assert page.locator("header .date").count() == (1 if ed.date else 0)
        refs = page.locator("main sup.fnref a")
        assert refs.all_inner_texts() == [str(n) for n in range(1, len(ed.notes) + 1)], bid
        for n, ref in enumerate(refs.all(), start=1):
            note = page.locator(ref.get_attribute("href"))
            assert note.count() == 1 and note.evaluate("e => e.tagName") == "LI"
            assert page.locator(note.locator("a.back").get_attribute("href")).count() == 1
            assert note.inner_text().split()[:6] == smarten(ed.notes[n - 1]).split()[:6], (bid, n)
        assert errors == []
        page.close()


def test_pages_fit_a_phone_screen(browser):
    """At 390 px (a phone) no page is wider than the screen: the index stacks each edition's
    row, and its links are never broken inside a word (HTM/L)."""
    for name in ["index", *IDS]:
        page = browser.new_page(viewport={"width": 390, "height": 844})
        page.goto((TARGET / f"{name}.html").resolve().as_uri())
        assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
        if name == "index":
            links = page.locator("td.files a")
            assert links.count() == 3 * len(IDS)
            heights = links.evaluate_all("els => els.map(e => e.getClientRects().length)")
            assert set(heights) == {1}  # each link on one line
        page.close()


def test_banners_and_logo_words_in_the_committed_editions():
    """Banners printed above a heading open their own article's text (after its heading), not
    the end of the article before; the GO4SDGs logo's words are text, not a subheading."""
    cases = [
        (
            "2021-03",
            "Asia Pacific Green Public Procurement Network holds",
            "Asia Pacific Green Public Procurement Network",
        ),
        ("2025", "SPP Programme holds a meeting of the co-leads", "Sustainable Public Procurement"),
    ]
    for bid, heading, banner in cases:
        html = (TARGET / f"{bid}.html").read_text("utf-8")
        articles = re.findall(r"<article[^>]*>(.*?)</article>", html, re.S)
        (article,) = [a for a in articles if f"<h3>{heading}" in a]
        first = re.search(r"</h3>\s*<aside class=\"caption\"><p([^>]*)>(.*?)</p>", article, re.S)
        assert first and first.group(2) == banner, (bid, first)
        assert not any(a.rstrip().endswith(f"{banner}</p></aside>") for a in articles if a is not article)
    html = (TARGET / "2025.html").read_text("utf-8")
    assert "<p>GO4SDGs – Global Opportunities for SDGs</p>" in html
    assert not re.search(r"<h[1-6][^>]*>[^<]*GO4SDGs –", html)


def test_titles_in_headings_are_roman_everywhere():
    """One rule for titles in headings (review 3): roman, whether or not the source puts the
    title in 《》 (the 2022-04 Global Strategy and Global Review headings were italic, the
    Exponential Roadmap heading roman); the same title stays italic in the text below."""
    for bid in IDS:
        md = (TARGET / f"{bid}.md").read_text("utf-8")
        headings = [line for line in md.splitlines() if line.startswith("#")]
        assert headings and not any("*" in h for h in headings), bid
        html = (TARGET / f"{bid}.html").read_text("utf-8")
        assert not re.search(r"<h[1-6][^>]*>(?:(?!</h).)*<cite>", html, re.S), bid
    md = (TARGET / "2022-04.md").read_text("utf-8")
    assert "### Global Strategy for Sustainable Consumption and Production (2023–2030) launched" in md
    assert "The *Global Strategy for Sustainable Consumption and Production (2023–2030)* was" in md


def test_captions_are_one_block_each_in_both_editions():
    """Every run of caption blocks of the source (hints: banners, logo words, photo captions)
    is one block quote in the Markdown and one aside.caption in the HTML, in order and in
    full, and no caption text is left as a paragraph of the article."""
    eds = _editions()
    for b in load_bulletins(ROOT / "source_zh"):
        runs: list[list[str]] = []
        for _, a in b.articles():
            prev = False
            for blk in a.blocks:
                if blk.caption:
                    if not prev:
                        runs.append([])
                    runs[-1].append(blk.key)
                prev = blk.caption
        ed = eds[b.id]
        english = {e.source: e.text for e in ed.blocks()}
        want = [[smarten(english[k]) for k in run] for run in runs]
        html = (TARGET / f"{b.id}.html").read_text("utf-8")
        asides = [
            [p.replace("&amp;", "&") for p in re.findall(r"<p>(.*?)</p>", a)]
            for a in re.findall(r'<aside class="caption">(.*?)</aside>', html, re.S)
        ]
        assert asides == want, b.id
        md = (TARGET / f"{b.id}.md").read_text("utf-8")
        blockquotes = [
            [line[2:].rstrip("\\") for line in chunk.splitlines()]
            for chunk in re.findall(r"(?m)((?:^> .*\n)+)", md.split("\n## Contents", 1)[1])
        ]
        assert blockquotes == want, b.id
    html = (TARGET / "2024-02.html").read_text("utf-8")
    (banner,) = [a for a in re.findall(r'<aside class="caption">(.*?)</aside>', html, re.S) if "Geneva" in a]
    assert banner.count("<p>") == 10 and "<p>Noémie Bürki Head of unit digital technologies" in banner


def test_translator_notes_set_attested_titles_in_italics():
    """A note has no 《》: the glossary's verified titles it names are italic (2021-03: the
    published titles of the tourism plastics guidance and the electronics guidance)."""
    md = (TARGET / "2021-03.md").read_text("utf-8")
    notes = md.split("## Translator’s notes", 1)[1]
    assert "*Addressing Plastic Pollution in Tourism through Sustainable Procurement*" in notes
    assert "*Sustainable Procurement of Electronics: A Progressive Approach to Chemicals of Concern*" in notes
    # The longest title the note names is the one set (not "…of Plastics" inside it): review 4.
    assert "*Sustainable Public Procurement of Plastics Guidance*" in notes
    html = (TARGET / "2021-03.html").read_text("utf-8")
    assert "<cite>Addressing Plastic Pollution in Tourism through Sustainable Procurement</cite>" in html


def _text_lines(bid: str) -> list[str]:
    """The edition's Markdown lines of text: no front matter, contents or headings."""
    body = (TARGET / f"{bid}.md").read_text("utf-8").split("\n## Contents", 1)[1]
    return [line for line in body.splitlines() if line and not line.startswith(("#", "  - [", "- ["))]


def _all_italic(lines: list[str], title: str) -> int:
    """How many times ``title`` stands in ``lines``, asserting each one is italic."""
    n = 0
    for line in lines:
        for m in re.finditer(re.escape(title), line):
            assert line[m.start() - 1] == "*" and line[m.end() :].startswith(("*", " of the 10YFP*")), line
            n += 1
    return n


def test_titles_the_glossary_finds_are_italic_without_quotation_marks():
    """Italics come from the glossary (review 4): a verified publication the source names
    without 《》 is italic too (2024-02: the ecolabelling series at each of its three mentions,
    the EPA Framework), and a short title is italic at every mention (2025: the Annual Progress
    Report), not only where the source has 《》. An attribution, italic as a whole, marks none."""
    lines = _text_lines("2024-02")
    assert _all_italic(lines, "Good practices on ecolabelling and sustainable public procurement") == 3
    framework = "Framework for the Assessment of Environmental Performance Standards and Ecolabels for Federal Purchasing"
    assert _all_italic(lines, framework) >= 1
    assert _all_italic(_text_lines("2025"), "Annual Progress Report") >= 3
    html = (TARGET / "2022-04.html").read_text("utf-8")
    attributions = re.findall(r'<p class="attribution">(.*?)</p>', html)
    assert any("Global Strategy" in a for a in attributions)
    assert not any("<cite>" in a for a in attributions)
