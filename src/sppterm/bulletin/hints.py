"""Structural hints for a seed the importer cannot read unaided.

A hints file sits next to the output (``source_zh/ID.hints.yaml``). It never changes words: it
only says where structure is (headings printed after their article, running headers, captions)
or supplies metadata the bulletin does not print (its year).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sppterm import yamlloc
from sppterm.errors import InputError
from sppterm.textio import read_text
from sppterm.zh import skeleton

_KEYS = {
    "year",
    "year_note",
    "issue_note",
    "headings",
    "drop",
    "subheadings",
    "paragraph_breaks",
    "untitled_articles",
    "not_headings",
    "links",
    "captions",
}


@dataclass
class HeadingHint:
    text: str  # heading as it should read (joined lines)
    before: str = ""  # start of the paragraph it belongs before ("" = where it stands)
    level: str = "article"  # "article", "section" or "subheading"
    section: str = ""  # for article headings: the section it opens in (optional)
    line: int = 0  # in the hints file


@dataclass
class Anchor:
    """A hint that names a block of the seed by its words: where it is written, for errors."""

    text: str
    line: int = 0


@dataclass
class LinkHint:
    """A URL printed away from its article (a page's links gathered at its foot): the block
    of this URL (or the first starting with it) moves to just after the block starting with
    ``after``."""

    url: str
    after: str
    line: int = 0


@dataclass
class CaptionHint:
    """Blocks that are a caption or banner (an image's words, an event banner's lines), not
    text: the block starting with ``first`` and the ones after it through the block starting
    with ``last`` ("" = that block alone). They print as one caption block; no word changes."""

    first: str
    last: str = ""
    line: int = 0


@dataclass
class Hints:
    year: int | None = None
    year_note: str = ""
    issue_note: str = ""
    headings: list[HeadingHint] = field(default_factory=list)
    drop: list[str] = field(default_factory=list)  # lines to drop (running heads, captions)
    subheadings: list[str] = field(default_factory=list)
    paragraph_breaks: list[str] = field(default_factory=list)  # a paragraph starts at this text
    # An untitled article (a box printed without a heading) opens before the paragraph that
    # starts with this text.
    untitled_articles: list[Anchor] = field(default_factory=list)
    not_headings: list[Anchor] = field(default_factory=list)  # a short line that is text
    links: list[LinkHint] = field(default_factory=list)
    captions: list[CaptionHint] = field(default_factory=list)
    path: str = ""

    def is_text(self, line: str) -> bool:
        """The hints say this standalone line is text (a logo's words), not a heading."""
        s = skeleton(line)
        return bool(s) and any(skeleton(a.text) == s for a in self.not_headings)

    def drops(self, line: str) -> bool:
        s = skeleton(line)
        return bool(s) and any(skeleton(d) == s for d in self.drop)


def load_hints(path: str | Path) -> Hints:
    """Read a hints file; problems reported with file and line."""
    p = str(path)
    data: Any = yamlloc.load(read_text(path), p) or {}
    if not isinstance(data, dict):
        raise InputError.at(p, 1, "hints file must be a mapping")
    key_lines: dict[str, int] = getattr(data, "key_lines", {})  # a yamlloc.LDict, or {} when empty
    unknown = set(data) - _KEYS
    if unknown:
        key = sorted(unknown)[0]
        raise InputError.at(p, key_lines.get(key), f"unknown key {key!r}")
    headings = []
    for h in data.get("headings", []) or []:
        if isinstance(h, str):
            headings.append(HeadingHint(str(h), line=getattr(h, "line", 0)))
        elif isinstance(h, dict) and "text" in h:
            extra = set(h) - {"text", "before", "level", "section"}
            if extra or h.get("level", "article") not in ("article", "section", "subheading"):
                raise InputError.at(p, getattr(h, "line", None), "heading hint: text, before, level, section")
            headings.append(
                HeadingHint(
                    str(h["text"]),
                    str(h.get("before", "")),
                    str(h.get("level", "article")),
                    str(h.get("section", "")),
                    getattr(h, "line", 0),
                )
            )
        else:
            raise InputError.at(p, getattr(h, "line", None), "heading hint needs 'text'")
    links = []
    for h in data.get("links", []) or []:
        if (
            not isinstance(h, dict)
            or set(h) != {"url", "after"}
            or not all(isinstance(v, str) for v in h.values())
        ):
            raise InputError.at(
                p, getattr(h, "line", None) or key_lines.get("links"), "link hint: url, after"
            )
        links.append(LinkHint(h["url"], h["after"], getattr(h, "line", 0)))
    captions = []
    for h in data.get("captions", []) or []:
        line = getattr(h, "line", None) or key_lines.get("captions")
        if isinstance(h, str) and skeleton(h):
            captions.append(CaptionHint(h, "", line or 0))
        elif (
            isinstance(h, dict)
            and set(h) == {"first", "last"}
            and all(isinstance(v, str) and skeleton(v) for v in h.values())
        ):
            captions.append(CaptionHint(h["first"], h["last"], line or 0))
        else:
            raise InputError.at(p, line, "caption hint: the text of a block, or first and last")
    year = data.get("year")
    if year is not None and not isinstance(year, int):
        raise InputError.at(p, key_lines.get("year"), "year must be a number")
    return Hints(
        untitled_articles=_anchors(data, "untitled_articles", p, key_lines),
        not_headings=_anchors(data, "not_headings", p, key_lines),
        links=links,
        captions=captions,
        year=year,
        year_note=str(data.get("year_note", "")),
        issue_note=str(data.get("issue_note", "")),
        headings=headings,
        drop=[str(d) for d in data.get("drop", []) or []],
        subheadings=[str(d) for d in data.get("subheadings", []) or []],
        paragraph_breaks=[str(d) for d in data.get("paragraph_breaks", []) or []],
        path=p,
    )


def _anchors(data: dict, key: str, path: str, key_lines: dict[str, int]) -> list[Anchor]:
    """A list of texts naming blocks (each a non-empty string), with their lines."""
    items = data.get(key) or []
    if not isinstance(items, list):
        raise InputError.at(path, key_lines.get(key), f"{key} must be a list of texts")
    out = []
    for item in items:
        # A string knows its line; a number does not: then the list's, else the key's.
        line = getattr(item, "line", None) or getattr(items, "line", None) or key_lines.get(key)
        if not isinstance(item, str) or not skeleton(item):
            raise InputError.at(path, line, f"{key}: each entry is the text of a block, not {item!r}")
        out.append(Anchor(str(item), line or 0))
    return out
