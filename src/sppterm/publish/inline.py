"""Inline rendering of a block's text: escaping, placeholders, italic titles, links."""

from __future__ import annotations

import re
from collections.abc import Iterator

from markupsafe import Markup, escape

from sppterm.bulletin.mdtext import escape as md_escape
from sppterm.patterns import EMAIL, URL
from sppterm.placeholders import SPLIT as _TAG
from sppterm.publish.typography import smarten

# What is linked is what the url-email rule checks: one URL definition (sppterm.patterns).
_LINK = re.compile(URL + "|" + EMAIL)


# Query parameters that only say which mailing brought a reader (Mailchimp's utm_* and ct,
# click ids): the printed bulletin copies them from a newsletter; the edition links without.
_TRACKING = re.compile(
    r"(?:utm_[A-Za-z]+|mc_cid|mc_eid|fbclid|gclid|dclid|msclkid|yclid|_hsenc|_hsmi|mkt_tok)="
)
_MAILCHIMP_CT = re.compile(r"ct=t(?:\(|%28)", re.IGNORECASE)


def untracked(url: str) -> str:
    """``url`` without its tracking parameters (and without the query when nothing else is
    left); the other parameters keep their order and spelling. Once a tracking parameter is
    found, what a PDF export glued to the URL's end goes with it (…%29Sustainable)."""
    before, hash_, fragment = url.partition("#")  # the fragment first: a "?" in it is no query
    base, sep, query = before.partition("?")
    if not sep:
        return url
    params = query.split("&")
    kept = [p for p in params if not _TRACKING.match(p) and not _MAILCHIMP_CT.match(p)]
    if len(kept) == len(params):
        return url  # nothing tracked: the URL exactly as written
    kept = [p for p in kept if p]
    return base + ("?" + "&".join(kept) if kept else "") + hash_ + fragment


def _spans(text: str, italics: list[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping (start, end, kind) of links and italic titles in plain ``text``."""
    found = [(m.start(), m.end(), "link") for m in _LINK.finditer(text)]
    for title in italics:
        # Whole words only: "Stockholm Convention" is not a title inside "Stockholm Conventions".
        for m in re.finditer(rf"(?<!\w){re.escape(title)}(?!\w)", text):
            found.append((m.start(), m.end(), "title"))
    out: list[tuple[int, int, str]] = []
    for s, e, k in sorted(found, key=lambda x: (x[0], -(x[1] - x[0]))):
        if not out or s >= out[-1][1]:
            out.append((s, e, k))
    return out


def _href(url: str) -> str:
    if url.startswith("mailto:"):
        return url
    if "@" in url and not url.startswith("http"):
        return "mailto:" + url
    return url if url.startswith("http") else "https://" + url


def _pieces(text: str, italics: list[str], smart: bool) -> Iterator[tuple[str, str]]:
    """(kind, text) in order: "tag" placeholders, "link", "title" and plain "text". With
    ``smart`` the text and titles are typeset (curly quotes, en dashes, no-break spaces); links
    keep their characters."""
    typeset = smarten(text) if smart else text  # one character for one: offsets carry over
    pos = 0
    for part in _TAG.split(text):
        shown = typeset[pos : pos + len(part)]
        pos += len(part)
        if part in ("<b>", "</b>", "<i>", "</i>"):
            yield "tag", part
            continue
        at = 0
        for s, e, kind in _spans(part, italics):
            if at < s:
                yield "text", shown[at:s]
            yield kind, untracked(part[s:e]) if kind == "link" else shown[s:e]
            at = e
        if at < len(part):
            yield "text", shown[at:]


_HTML_TAG = {"<b>": "<strong>", "</b>": "</strong>", "<i>": "<em>", "</i>": "</em>"}


def to_html(text: str, italics: list[str] | None = None, smart: bool = False) -> Markup:
    """Escaped HTML; only the exact placeholders <b>, </b>, <i>, </i> become markup."""
    out: list[str] = []
    for kind, chunk in _pieces(text, italics or [], smart):
        if kind == "tag":
            out.append(_HTML_TAG[chunk])
        elif kind == "link":
            out.append(f'<a href="{escape(_href(chunk))}">{escape(chunk)}</a>')
        elif kind == "title":
            out.append(f"<cite>{escape(chunk)}</cite>")
        else:
            out.append(str(escape(chunk)))
    return Markup("".join(out))


# What md_escape leaves that still makes structure at the start of a line: ATX headings of any
# level, thematic breaks and setext underlines of - or =, ~~~ fences, + and - bullets, ordered
# list markers. (*, _, `, > and < are backslash-escaped wherever they are.)
_BLOCK = re.compile(
    r"^([ \t]*)(#{1,6}(?=[ \t]|$)|[-=](?=[-= \t]*$)|~{3,}|[+-](?=[ \t]|$)|\d{1,9}(?=[.)](?:[ \t]|$)))", re.M
)
# Only web and mail links: a renderer without a link filter would make <javascript:…> live.
_AUTOLINK = re.compile(r"(?:https?://|mailto:)[^\s<>\x00-\x1f\x7f]+", re.I)


def _esc(text: str) -> str:
    return md_escape(text) if text else ""  # references' "&" included


def _marker(m: re.Match[str]) -> str:
    lead, mark = m.group(1), m.group(2)
    return lead + (mark + "\\" if mark[0].isdigit() else "\\" + mark)


def _blocks(md: str) -> str:
    """``md`` with line starts that would open a heading, list, break or fence made literal."""
    return _BLOCK.sub(_marker, md)


def autolink(url: str) -> str:
    """A CommonMark autolink ``<url>`` if ``url`` is one, else the text escaped (never raw HTML)."""
    return f"<{url}>" if _AUTOLINK.fullmatch(url) else to_markdown(url)


def to_markdown(text: str, italics: list[str] | None = None, smart: bool = False) -> str:
    """CommonMark inline text: ** for bold, * for italic titles, <…> autolinks. Everything else
    is literal: inline HTML, references and line-start markers are escaped."""
    out: list[str] = []
    for kind, chunk in _pieces(text, italics or [], smart):
        if kind == "tag":
            out.append("**" if chunk in ("<b>", "</b>") else "*")
        elif kind == "link" and chunk.startswith(("http", "mailto:")):
            out.append(f"<{_href(chunk) if '@' in chunk else chunk}>")
        elif kind == "title":
            out.append(f"*{_esc(chunk)}*")
        else:
            out.append(_esc(chunk))
    return _blocks("".join(out))
