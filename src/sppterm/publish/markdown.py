"""The Markdown edition: target_en/ID.md.

Every value is written as literal text: inline HTML, references and Markdown markers in titles,
headings, paragraphs, list items and notes are escaped (``to_markdown``), URLs become autolinks
only when they are one, and front-matter strings holding ``<``, ``>`` or ``&`` are written with
YAML escapes, so even a renderer that shows the front matter as text gets no raw HTML.
"""

from __future__ import annotations

import json
import re

import yaml

from sppterm.publish.edition import TRANSLATED, EBlock, Edition
from sppterm.publish.inline import autolink, to_markdown

_HTML_CHARS = re.compile(r"[<>&]")


def _text(b: EBlock) -> str:
    refs = "".join(f"[\\[{n}\\]](#tn-{n})" for n in b.note_numbers)
    if b.status == TRANSLATED:
        return to_markdown(b.text, b.italics, smart=True) + refs
    return f"**[{b.status.upper()}]** {to_markdown(b.text)}{refs}"


def _plain(b: EBlock) -> str:
    """A heading in the contents: typeset if English, no marker, no italics."""
    return to_markdown(b.text, smart=b.status == TRANSLATED)


def _blocks(blocks: list[EBlock]) -> list[str]:
    """An article's blocks; a run of caption blocks (a banner: title, place, date, speakers)
    is one block quote, a line for each block (hard line breaks), so it reads as one unit."""
    out: list[str] = []
    k = 0
    while k < len(blocks):
        end = k
        while end < len(blocks) and blocks[end].caption == blocks[k].caption:
            end += 1
        if blocks[k].caption:
            lines = [_text(b) for b in blocks[k:end]]
            out += [f"> {line}\\" for line in lines[:-1]] + [f"> {lines[-1]}", ""]
        else:
            out += _run(blocks[k:end])
        k = end
    return out


def _run(blocks: list[EBlock]) -> list[str]:
    """Text blocks, each ending with a blank line; list items are one tight list."""
    out: list[str] = []
    prev_item = False
    for b in blocks:
        item = b.role == "list-item" or (b.role == "english" and bool(b.number))
        if prev_item and not item:
            out.append("")
        if b.role == "subheading":
            out += [f"#### {_text(b)}", ""]
        elif b.role == "list-item":
            marker = f"{b.number}." if b.number else "-"
            out.append(f"{marker} {_text(b)}")
        elif b.role == "url":
            out += [autolink(b.text), ""]
        elif b.role == "attribution":
            out += [f"*{_text(b)}*", ""]
        else:
            out += [_text(b), ""]
        prev_item = item
    if prev_item:
        out.append("")
    return out


def render(ed: Edition, draft: bool) -> str:
    front: dict[str, object] = {
        "id": ed.id,
        "title": ed.title,
        "programme": ed.programme,
        "year": ed.year,
        "issue": ed.issue,
        "serial": ed.serial,
        "language": "en",
        "source": ed.source_path,
        "status": "draft" if draft else "release",
    }
    if ed.date:
        front["date"] = ed.date
    done, total = ed.progress
    out = ["---", _front_matter(front), "---", ""]
    out += [
        f"# {to_markdown(ed.title)}",
        "",
        f"*{to_markdown(ed.programme)}*",
        "",
        f"**{to_markdown(ed.issue_line)}**",
        "",
    ]
    if ed.date:
        out += [f"Published {to_markdown(ed.date)}", ""]
    out += ["[All editions](index.html) · [Glossary](glossary.html)", ""]
    if draft and not ed.complete:
        out += [
            f"> **Draft:** {total - done} of {total} units are not translated yet "
            "(shown in Chinese, marked).",
            "",
        ]
    out += ["## Contents", ""]
    for s in ed.sections:
        if s.heading:
            out.append(f"- [{_plain(s.heading)}](#{s.heading.anchor})")
        for a in s.articles:
            if a.heading:
                out.append(f"  - [{_plain(a.heading)}](#{a.heading.anchor})")
    out.append("")
    for s in ed.sections:
        if s.heading:
            out += [f'<a id="{s.heading.anchor}"></a>', "", f"## {_text(s.heading)}", ""]
        for a in s.articles:
            if a.heading:
                out += [f'<a id="{a.heading.anchor}"></a>', "", f"### {_text(a.heading)}", ""]
            else:
                # A box printed without a heading: a thematic break sets it apart from the
                # article before it, as the HTML edition's rule above it does.
                out += ["* * *", ""]
            out += _blocks(a.blocks)
    if ed.notes:
        out += ["## Translator’s notes", ""]
        for n, note in enumerate(ed.notes, start=1):
            italics = ed.note_italics[n - 1]
            out.append(f'{n}. <a id="tn-{n}"></a>{to_markdown(note, italics, smart=True)}')
        out.append("")
    if ed.back:
        out += ["---", ""]
        for b in ed.back:
            out += [autolink(b.text) if b.role == "contact" and b.text.startswith("http") else _text(b), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def _front_matter(front: dict[str, object]) -> str:
    """YAML front matter; a string with ``<``, ``>`` or ``&`` as a double-quoted scalar with
    \\u escapes for them (JSON strings are YAML), so no HTML is in the file even there."""
    lines = []
    for key, value in front.items():
        if isinstance(value, str) and _HTML_CHARS.search(value):
            quoted = json.dumps(value, ensure_ascii=False)
            quoted = _HTML_CHARS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", quoted)
            lines.append(f"{key}: {quoted}")
        else:
            dumped = yaml.safe_dump({key: value}, allow_unicode=True, sort_keys=False, width=1000)
            lines.append(dumped.rstrip())
    return "\n".join(lines)
