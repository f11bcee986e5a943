"""``sppterm import``: a seed (the raw text export of a bulletin PDF) → curated Markdown.

The export has hard line breaks inside sentences, spaces inside words, stray page numbers,
placeholder links and page headers repeated on every page. We rebuild the structure (sections,
articles from the table of contents, paragraphs, list items, attributions, footer) and repair the
artefacts without changing a word. What cannot be inferred comes from a hints file.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

from sppterm.bulletin.hints import HeadingHint, Hints
from sppterm.bulletin.mdtext import inline
from sppterm.bulletin.model import marked_role
from sppterm.errors import InputError
from sppterm.patterns import EMAIL, URL_LINE, URL_LINE_TRAILER
from sppterm.textio import decode
from sppterm.zh import IDEOGRAPH, despace, ends_sentence, has_cjk, skeleton, width

BULLETIN_TITLE = "可持续公共采购计划简报"

# The three sections every bulletin has, with the other names they appear under. A name tells
# which section a line opens (a banner repeated on every page is the same section); the
# section's heading keeps the words the bulletin prints.
SECTIONS: list[tuple[str, tuple[str, ...]]] = [
    ("同一个地球网络最新进展", ("同一个地球网络最新进展",)),
    ("可持续公共采购计划最新进展", ("可持续公共采购计划最新进展", "SPP计划最新进展")),
    ("合作伙伴最新进展", ("合作伙伴最新进展",)),
]
_SECTION_BY_SKEL = {skeleton(alias): name for name, aliases in SECTIONS for alias in aliases}

# At most 9 digits: int() refuses more than 4300, and no issue number is longer anyway.
_ISSUE = re.compile(r"(\d{4})\s*年\s*第\s*(\d{1,9})\s*期")
_SERIAL = re.compile(r"总\s*第\s*(\d{1,9})\s*期")
_PLACEHOLDER_LINK = re.compile(r"\[((?:[^\[\]]|\\\[|\\\])*?)\]\(#\)", re.S)
_UNDERLINE = re.compile(r"</?u>")
# No < inside an autolink (CommonMark has none either): from each < of a run of them, the
# address part would otherwise scan to the end of the run, quadratic in the line's length.
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+|[^<>\s@]+@[^<>\s@]+)>")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_URL_LINE = URL_LINE  # one URL definition for what is imported, checked and published
_EMAIL_LINE = re.compile(rf"^{EMAIL}$")
_BULLET = re.compile(r"^(?:-\s*)?[⚫●•※]\s*|^-\s+(?=\S)")
_NUMBERED = re.compile(r"^(0[1-9]|[1-9])\s+(?=[\u4e00-\u9fff])")
_PAGE_NUMBER = re.compile(r"^\d{1,3}$")
_PUBLISHER = re.compile(r"由(.+?)汇编制作")
_TOC_SPLIT = re.compile(f"(?<=[{IDEOGRAPH.pattern[1:-1]}])\\s+(?=[{IDEOGRAPH.pattern[1:-1]}])")

_TITLE_LINE = re.compile(r"^[“\"]?《[^《》]+》[”\"]?$")

_NO_SPACE = re.compile(r"\s+")
HEADING_MAX_WIDTH = 100  # a standalone line wider than this is a paragraph, not a heading
FULL_LINE = 0.8  # a wrapped line fills at least this share of its neighbours' width


@dataclass
class Line:
    no: int  # 1-based line number in the raw file
    text: str
    gap: int  # blank lines before it


@dataclass
class SeedBlock:
    """A block as the importer reads it from the seed's layout, before it is written as Markdown
    (which :mod:`sppterm.bulletin.parse` reads back as a :class:`~sppterm.bulletin.model.Block`
    with a role). Kinds that share a role's name mean that role."""

    kind: str  # section, article, subheading, para, item, olitem, url, english, footer, editor, contact
    text: str
    line: int
    number: int = 0  # for numbered list items
    caption: bool = False  # a caption or banner (hints): written as a block quote


@dataclass
class Toc:
    entries: list[tuple[str, str]] = field(default_factory=list)  # (section, entry text)

    def match(self, text: str) -> tuple[str, str] | None:
        """The (section, entry) a heading line stands for, if any."""
        s = skeleton(text)
        if len(s) < 4:
            return None
        best, best_score = None, 0.0
        for section, entry in self.entries:
            e = skeleton(entry)
            if s == e:
                return section, entry
            score = fuzz.ratio(s, e)
            if score > best_score:
                best, best_score = (section, entry), score
        if best_score >= 85 or (best and skeleton(best[1]).startswith(s) and len(s) >= 8):
            return best
        return None


@dataclass
class Imported:
    markdown: str
    meta: dict[str, object]
    blocks: list[SeedBlock]


def _clean(raw: str) -> str:
    """Remove markup artefacts of the export, keep the words."""
    text = _UNDERLINE.sub("", raw)
    text = _PLACEHOLDER_LINK.sub(lambda m: re.sub(r"\s*\n\s*", "", m.group(1)), text)
    text = _AUTOLINK.sub(lambda m: m.group(1).removeprefix("mailto:"), text)
    text = _MD_ESCAPE.sub(r"\1", text)
    return text.replace("\u00a0", " ")


def _lines(text: str) -> list[Line]:
    out: list[Line] = []
    gap = 0
    for no, raw in enumerate(text.split("\n"), start=1):
        s = raw.strip()
        if not s:
            gap += 1
            continue
        out.append(Line(no, s, gap))
        gap = 0
    return out


def _join(a: str, b: str) -> str:
    """Join two wrapped lines: Chinese joins directly, Latin words with a space."""
    if not a:
        return b
    if has_cjk(a[-1]) or has_cjk(b[0]) or (not a[-1].isalnum() and a[-1] not in ",.;:)"):
        return a + b
    return a + " " + b


def _section_of(text: str) -> str | None:
    return _SECTION_BY_SKEL.get(skeleton(text))


def _parse_toc(lines: list[Line], start: int) -> tuple[Toc, int]:
    """Read the 目录 starting after index ``start``; return it and the index after it."""
    toc = Toc()
    section = ""
    seen_sections = 0
    i = start + 1
    while i < len(lines):
        ln = lines[i]
        if seen_sections and ln.gap >= 2 and seen_sections >= len(SECTIONS):
            break
        if _section_of(ln.text):
            section = despace(ln.text)  # as printed
            seen_sections += 1
        elif section:
            parts = _TOC_SPLIT.split(ln.text) if width(ln.text) > 60 else [ln.text]
            toc.entries.extend((section, despace(p)) for p in parts if p.strip())
        i += 1
    return toc, i


def _classify(text: str) -> str:
    if _PAGE_NUMBER.match(text):
        return "page"
    if _URL_LINE.match(text):
        return "url"
    if _EMAIL_LINE.match(text):
        return "contact"
    if role := marked_role(text):
        return role  # attribution, footer or editor
    if _NUMBERED.match(text):
        return "olitem"
    if _BULLET.match(text):
        return "item"
    if _section_of(text):
        return "section"
    if not has_cjk(text):
        return "english"
    return "text"


WRAP_MIN_WIDTH = 24  # shorter lines are never wrapped paragraph lines (they are headings)


def _full(line: str, neighbours: list[str]) -> bool:
    w = width(line)
    if w < WRAP_MIN_WIDTH:
        return False
    ref = max([w, *(width(n) for n in neighbours)])
    return w >= FULL_LINE * ref


class _Builder:
    def __init__(self, lines: list[Line], toc: Toc | None, hints: Hints) -> None:
        self.lines = lines
        self.toc = toc
        self.hints = hints
        self.blocks: list[SeedBlock] = []
        self.section = ""
        self.article = ""
        self.seen_urls: set[str] = set()
        self.in_back = False

    # -- helpers -----------------------------------------------------------------------
    def add(self, kind: str, text: str, line: int, number: int = 0) -> None:
        text = despace(text).strip()
        if text:
            self.blocks.append(SeedBlock(kind, text, line, number))

    def _hint_heading(self, i: int) -> tuple[HeadingHint, int] | None:
        """A hinted heading spanning lines i..j-1 (joined), or None."""
        for h in self.hints.headings:
            target = skeleton(h.text)
            acc = ""
            for j in range(i, min(i + 4, len(self.lines))):
                acc += skeleton(self.lines[j].text)
                if acc == target:
                    return h, j + 1
                if not target.startswith(acc):
                    break
        return None

    def _toc_heading(self, i: int) -> tuple[tuple[str, str], str, int] | None:
        """A heading from the table of contents at line i (maybe broken over several lines)."""
        if self.toc is None:
            return None
        first = self.lines[i].text
        if ends_sentence(first) or width(first) > HEADING_MAX_WIDTH or _classify(first) != "text":
            return None
        # Exact match of lines i..j-1 joined (a heading broken over lines, or a kicker such
        # as 新项目 printed above it).
        acc = ""
        for j in range(i, min(i + 4, len(self.lines))):
            nxt = self.lines[j].text
            if j > i and (_classify(nxt) != "text" or ends_sentence(nxt)):
                break
            acc += skeleton(nxt)
            for entry in self.toc.entries:
                e = skeleton(entry[1])
                if acc == e and len(e) >= 4:
                    return entry, entry[1], j + 1
            if not any(skeleton(e).startswith(acc) for _, e in self.toc.entries):
                break
        found = self.toc.match(first)
        if not found:
            return None
        return found, despace(first), i + 1

    def _paragraph_end(self, i: int) -> int:
        """Index after the last line of the wrapped paragraph starting at line i."""
        j = i
        prev: list[str] = []
        while j + 1 < len(self.lines):
            cur, nxt = self.lines[j].text, self.lines[j + 1]
            if ends_sentence(cur) or _classify(nxt.text) not in ("text",):
                break
            if self._is_break(j + 1):
                break
            title_alone = _TITLE_LINE.match(cur) and IDEOGRAPH.match(nxt.text)
            if not title_alone and not _full(cur, [nxt.text, *prev[-1:]]):
                break
            # The next line continues this one only if it is wrapped too or ends the sentence:
            # a short unpunctuated line after a long one is a heading, not a continuation.
            if not title_alone and not (ends_sentence(nxt.text) or _full(nxt.text, [cur])):
                break
            prev.append(cur)
            j += 1
        return j + 1

    def _is_break(self, j: int) -> bool:
        text = self.lines[j].text
        if self.hints.drops(text) or self._hint_heading(j) or self._toc_heading(j):
            return True
        return any(skeleton(text).startswith(skeleton(p)) for p in self.hints.paragraph_breaks)

    # -- reading the lines, one block at a time ------------------------------------------
    def run(self) -> list[SeedBlock]:
        """The blocks of the lines, with the hinted headings moved to where they belong."""
        i = 0
        while i < len(self.lines):
            i = self._read_block(i)
        return self._apply_moves()

    def _read_block(self, i: int) -> int:
        """Read the block starting at line i; return the index of the next line to read.

        Hints come first (they correct what the layout would suggest), then headings of the
        table of contents, then what the line itself looks like.
        """
        if self.hints.drops(self.lines[i].text):
            return i + 1
        if self._split_run_together(i):
            return i  # re-read the first of the two lines
        j = self._read_hinted_heading(i)
        if j is None:
            j = self._read_toc_heading(i)
        return self._read_by_kind(i) if j is None else j

    def _split_run_together(self, i: int) -> bool:
        """Split line i in two where a hinted paragraph break stands inside it (the export ran
        two blocks together); True when it did."""
        ln = self.lines[i]
        text = ln.text
        split = next((p for p in self.hints.paragraph_breaks if p in text and not text.startswith(p)), None)
        if not split:
            return False
        k = text.index(split)
        self.lines[i : i + 1] = [Line(ln.no, text[:k].strip(), ln.gap), Line(ln.no, text[k:], 0)]
        return True

    def _read_hinted_heading(self, i: int) -> int | None:
        """A heading the hints name, starting at line i: the index after it, or None."""
        hinted = self._hint_heading(i)
        if not hinted:
            return None
        h, j = hinted
        line = self.lines[i].no
        printed = despace(self._joined(i, j))
        if _NO_SPACE.sub("", printed) != _NO_SPACE.sub("", h.text):
            raise InputError.at(
                self.hints.path,
                h.line or None,
                f"heading hint {h.text!r} changes words: the seed reads {printed!r} (line {line}); "
                "hints move and drop structure, they never change words",
            )
        if h.level == "section":
            self._section(h.text, line)
        elif h.level == "subheading":
            self.add("subheading", h.text, line)
        else:
            if h.section:
                self._section(h.section, line)
            self._article(h.text, line)
        return j

    def _read_toc_heading(self, i: int) -> int | None:
        """A heading of the table of contents at line i, opening its section and article: the
        index after it, or None."""
        toc = self._toc_heading(i)
        if toc is None or self._repeats_article_title(toc[1], i):
            return None
        (section, _entry), heading, j = toc
        self._section(section, self.lines[i].no)
        self._article(heading, self.lines[i].no)
        return j

    def _repeats_article_title(self, heading: str, i: int) -> bool:
        """The article's title repeated right under its heading opens the first paragraph."""
        if not self.blocks or self.blocks[-1].kind != "article":
            return False
        title = skeleton(self.article)
        return skeleton(heading) == title or skeleton(self.lines[i].text) == title

    def _read_by_kind(self, i: int) -> int:
        """Read the block at line i by what the line looks like (see :func:`_classify`)."""
        ln = self.lines[i]
        kind = _classify(ln.text)
        if kind == "page":
            return i + 1
        if kind == "section":
            self._section(ln.text, ln.no)
            return i + 1
        if kind == "url":
            return self._read_url(i)
        if kind in ("footer", "editor"):
            return self._read_back_matter(i, kind)
        if kind == "contact":
            self.add("contact", ln.text, ln.no)
            return i + 1
        if kind == "english":
            return self._read_english(i)
        if kind in ("item", "olitem"):
            return self._read_list_item(i, kind)
        return self._read_paragraph(i, kind)  # text or attribution

    def _read_url(self, i: int) -> int:
        """A URL line, kept once per bulletin; in the back matter it is a contact."""
        ln = self.lines[i]
        text = ln.text.rstrip(URL_LINE_TRAILER)  # sentence punctuation after an in-text URL
        if text not in self.seen_urls:
            self.seen_urls.add(text)
            self.add("contact" if self.in_back else "url", text, ln.no)
        return i + 1

    def _read_back_matter(self, i: int, kind: str) -> int:
        """The footer (maybe wrapped) or the editor line: the back matter starts here."""
        self.in_back = True
        j = self._paragraph_end(i) if kind == "footer" else i + 1
        self.add(kind, self._joined(i, j), self.lines[i].no)
        return j

    def _read_english(self, i: int) -> int:
        """Adjacent English lines: one block, or one item per cell of a table exported with tabs."""
        j = i + 1
        while j < len(self.lines) and self.lines[j].gap == 0 and _classify(self.lines[j].text) == "english":
            j += 1
        parts = [ln.text for ln in self.lines[i:j]]
        line = self.lines[i].no
        joined = " ".join(parts)
        if "\t" in joined:
            for cell in (cell for part in parts for cell in part.split("\t")):
                self.add("english-item", " ".join(cell.split()), line)
        else:
            self.add("english", " ".join(joined.split()), line)
        return j

    def _read_list_item(self, i: int, kind: str) -> int:
        """A bulleted (item) or numbered (olitem) list item, maybe wrapped over lines."""
        j = self._paragraph_end(i)
        joined = self._joined(i, j)
        if kind == "item":
            self.add("item", _BULLET.sub("", joined, count=1), self.lines[i].no)
        else:
            m = _NUMBERED.match(joined)
            assert m is not None
            self.add("olitem", joined[m.end() :], self.lines[i].no, int(m.group(1)))
        return j

    def _read_paragraph(self, i: int, kind: str) -> int:
        """A paragraph, maybe wrapped over lines, or a heading standing alone on its line (one
        repeating the article's title is a running page header and is dropped)."""
        j = self._paragraph_end(i)
        joined = self._joined(i, j)
        line = self.lines[i].no
        if kind != "attribution" and j == i + 1 and self._standalone_heading(joined):
            if skeleton(joined) != skeleton(self.article):
                self.add("subheading", joined, line)
        else:
            self.add("para", joined, line)
        return j

    def _standalone_heading(self, text: str) -> bool:
        if self.hints.is_text(text):
            return False
        if any(skeleton(text) == skeleton(s) for s in self.hints.subheadings):
            return True
        return not ends_sentence(text) and width(despace(text)) <= HEADING_MAX_WIDTH

    def _joined(self, i: int, j: int) -> str:
        text = ""
        for ln in self.lines[i:j]:
            text = _join(text, ln.text)
        return text

    def _section(self, name: str, line: int) -> None:
        """Open the section ``name`` (as printed) unless it is the one open: a page banner
        repeats it, under the same or another of its names."""
        which = _section_of(name) or name
        if which == self.section:
            return  # repeated page header
        self.section = which
        self.article = ""
        self.add("section", despace(name), line)

    def _article(self, heading: str, line: int) -> None:
        if skeleton(heading) == skeleton(self.article):
            return  # running page header repeating the article title
        self.article = heading
        self.add("article", heading, line)

    def _apply_moves(self) -> list[SeedBlock]:
        """Move hinted headings printed after their text to before it."""
        blocks = self.blocks
        for h in self.hints.headings:
            if not h.before:
                continue
            kind = {"section": "section", "subheading": "subheading"}.get(h.level, "article")
            want = skeleton(h.text)
            src = next((b for b in blocks if b.kind == kind and skeleton(b.text) == want), None)
            if src is None:
                continue
            blocks.remove(src)
            anchor = next(
                (k for k, b in enumerate(blocks) if skeleton(b.text).startswith(skeleton(h.before))), None
            )
            if anchor is None:
                blocks.append(src)
                continue
            # Several headings moved to one anchor keep the hints' order, since each is
            # inserted right before the anchor block, after the ones inserted earlier.
            blocks.insert(anchor, src)
        for a in self.hints.untitled_articles:
            want = skeleton(a.text)
            k = next((k for k, b in enumerate(blocks) if skeleton(b.text).startswith(want)), None)
            if k is None:
                raise InputError.at(
                    self.hints.path, a.line or None, f"untitled_articles: no block starts with {a.text!r}"
                )
            blocks.insert(k, SeedBlock("article", "", blocks[k].line))  # no heading: no words
        for link in self.hints.links:
            src = next((b for b in blocks if b.kind == "url" and b.text.startswith(link.url)), None)
            if src is None:
                raise InputError.at(
                    self.hints.path, link.line or None, f"links: no URL starts with {link.url!r}"
                )
            blocks.remove(src)
            want = skeleton(link.after)
            k = next((k for k, b in enumerate(blocks) if want and skeleton(b.text).startswith(want)), None)
            if k is None:
                raise InputError.at(
                    self.hints.path, link.line or None, f"links: no block starts with {link.after!r}"
                )
            blocks.insert(k + 1, src)  # a URL moves; no word changes
        self._mark_captions(blocks)
        for a in self.hints.not_headings:
            if not any(b.kind == "para" and skeleton(b.text) == skeleton(a.text) for b in blocks):
                raise InputError.at(
                    self.hints.path, a.line or None, f"not_headings: no line reads {a.text!r}"
                )
        return blocks

    def _mark_captions(self, blocks: list[SeedBlock]) -> None:
        """Mark the blocks the caption hints name (text blocks only: a caption holds no heading)."""

        def find(text: str, start: int, line: int) -> int:
            want = skeleton(text)
            for k in range(start, len(blocks)):
                if skeleton(blocks[k].text).startswith(want):
                    return k
            raise InputError.at(self.hints.path, line or None, f"captions: no block starts with {text!r}")

        for h in self.hints.captions:
            first = find(h.first, 0, h.line)
            last = find(h.last, first, h.line) if h.last else first
            for b in blocks[first : last + 1]:
                if b.kind not in _CAPTION_KINDS:
                    raise InputError.at(
                        self.hints.path,
                        h.line or None,
                        f"captions: {b.text!r} is not text (a {b.kind} block)",
                    )
                b.caption = True


# What a caption may hold: text lines and list items, never a heading, URL or back matter.
_CAPTION_KINDS = frozenset({"para", "english", "item", "english-item", "olitem", "attribution"})


def _metadata(lines: list[Line], hints: Hints) -> dict[str, object]:
    """Masthead facts: year, issue, serial (from hints when the bulletin does not say)."""
    meta: dict[str, object] = {}
    head = " ".join(ln.text for ln in lines[:20])
    m = _ISSUE.search(head)
    if m:
        meta["year"], meta["issue"] = int(m.group(1)), int(m.group(2))
    m = _SERIAL.search(head)
    if m:
        meta["serial"] = int(m.group(1))
    if "year" not in meta and hints.year:
        meta["year"] = hints.year
        if hints.year_note:
            meta["year_note"] = hints.year_note
    if "issue" not in meta:
        meta["issue"] = None
        meta["issue_note"] = hints.issue_note or "the bulletin does not state its issue number"
    if "serial" not in meta:
        meta["serial"] = None
    return meta


_MASTHEAD = {
    skeleton(t)
    for t in (
        "同一个地球网络",
        BULLETIN_TITLE,
        "同一个地球网络可持续公共采购计划简报",
        "One planet",
        "procure with care",
        "One planet procure with care",
    )
}


def _masthead_end(lines: list[Line]) -> int:
    """Index after the masthead (title and issue lines), where the table of contents or the
    first text starts."""
    i = 0
    while (
        i < len(lines)
        and i < 12
        and (
            skeleton(lines[i].text) in _MASTHEAD
            or _ISSUE.search(lines[i].text)
            or _SERIAL.search(lines[i].text)
        )
    ):
        i += 1
    return i


def import_text(
    raw: str,
    bulletin_id: str,
    source: str,
    hints: Hints | None = None,
    extra: Mapping[str, object] | None = None,
) -> Imported:
    """Turn a raw export (already decoded) into the curated Markdown text."""
    hints = hints or Hints()
    lines = _lines(_clean(raw))
    meta = _metadata(lines, hints)
    i = _masthead_end(lines)
    toc = None
    if i < len(lines) and skeleton(lines[i].text) == "目录":
        toc, i = _parse_toc(lines, i)
    blocks = _Builder(lines[i:], toc, hints).run()
    footer = next((b.text for b in blocks if b.kind == "footer"), "")
    pm = _PUBLISHER.search(footer)
    front: dict[str, object] = {
        "id": bulletin_id,
        "title": BULLETIN_TITLE,
        **{k: meta[k] for k in ("year", "year_note", "issue", "issue_note", "serial") if k in meta},
        "publisher": pm.group(1) if pm else None,
        "language": "zh-CN",
        "source": source,
        **(extra or {}),
    }
    return Imported(render(front, blocks), front, blocks)


def render(front: dict[str, object], blocks: list[SeedBlock]) -> str:
    """Blocks → CommonMark with YAML front matter."""
    out = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000).rstrip(), "---", ""]
    back = False
    for k, b in enumerate(blocks):
        if b.caption:
            out += _caption_lines(b, blocks[k + 1] if k + 1 < len(blocks) else None)
            continue
        if b.kind in ("footer", "editor", "contact") and not back:
            out += ["***", ""]
            back = True
        if b.kind == "section":
            out += [f"## {inline(b.text)}", ""]
        elif b.kind == "article":
            out += [f"### {inline(b.text)}" if b.text else "###", ""]  # "###": an untitled article
        elif b.kind == "subheading":
            out += [f"#### {inline(b.text)}", ""]
        elif b.kind in ("item", "english-item"):
            out.append(f"- {inline(b.text)}")
        elif b.kind == "olitem":
            out.append(f"{b.number}. {inline(b.text)}")
        elif b.kind in ("url", "contact"):
            out += [f"<{b.text}>", ""]
        else:
            out += [inline(b.text), ""]
    # List items are written without blank lines between them (a tight list); close each list.
    text = "\n".join(_close_lists(out))
    return text.rstrip("\n") + "\n"


def _caption_lines(b: SeedBlock, nxt: SeedBlock | None) -> list[str]:
    """A caption block's lines in a block quote; consecutive caption blocks share one quote."""
    if b.kind in ("item", "english-item"):
        line = f"> - {inline(b.text)}"
    elif b.kind == "olitem":
        line = f"> {b.number}. {inline(b.text)}"
    else:
        line = f"> {inline(b.text)}"
    item = b.kind in ("item", "english-item", "olitem")
    if nxt is not None and nxt.caption:
        next_item = nxt.kind in ("item", "english-item", "olitem")
        return [line] if item and next_item else [line, ">"]
    return [line, ""]


def _close_lists(lines: list[str]) -> list[str]:
    out: list[str] = []
    for k, line in enumerate(lines):
        out.append(line)
        is_item = bool(re.match(r"^(- |\d+\. )", line))
        nxt = lines[k + 1] if k + 1 < len(lines) else ""
        if is_item and nxt and not re.match(r"^(- |\d+\. )", nxt):
            out.append("")
    return out


def import_file(
    raw_path: str | Path, bulletin_id: str, hints: Hints | None = None, source_label: str | None = None
) -> Imported:
    """Read and import one raw export (UTF-8 with/without BOM, GB18030, CRLF)."""
    p = Path(raw_path)
    data = p.read_bytes()
    label = source_label or p.name
    extra = {"source_sha256": hashlib.sha256(data).hexdigest()}
    return import_text(decode(data, str(p)), bulletin_id, label, hints, extra)
