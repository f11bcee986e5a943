"""Edition design on the committed editions (issue 16): untitled articles set apart in the
Markdown, italics only for titles the glossary attests (names stay roman, in any language)."""

from __future__ import annotations

import re

from markdown_it import MarkdownIt

from sppterm.bulletin.parse import load_bulletins
from sppterm.glossary import load_glossary
from sppterm.publish.edition import title_forms

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
