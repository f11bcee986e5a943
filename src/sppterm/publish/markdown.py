"""The Markdown edition: target_en/ID.md."""

from __future__ import annotations

import yaml

from sppterm.publish.edition import TRANSLATED, EBlock, Edition
from sppterm.publish.inline import to_markdown


def _text(b: EBlock) -> str:
    if b.status == TRANSLATED:
        return to_markdown(b.text, b.italics)
    return f"**[{b.status.upper()}]** {to_markdown(b.text)}"


def render(ed: Edition, draft: bool) -> str:
    front = {
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
    done, total = ed.progress
    out = ["---", yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000).rstrip(), "---", ""]
    out += [f"# {ed.title}", "", f"*{ed.programme}*", "", f"**{ed.issue_line}**", ""]
    if draft and not ed.complete:
        out += [
            f"> **Draft:** {total - done} of {total} units are not translated yet "
            "(shown in Chinese, marked).",
            "",
        ]
    out += ["## Contents", ""]
    for s in ed.sections:
        if s.heading:
            out.append(f"- [{to_markdown(s.heading.text)}](#{s.heading.anchor})")
        for a in s.articles:
            if a.heading:
                out.append(f"  - [{to_markdown(a.heading.text)}](#{a.heading.anchor})")
    out.append("")
    for s in ed.sections:
        if s.heading:
            out += [f'<a id="{s.heading.anchor}"></a>', "", f"## {_text(s.heading)}", ""]
        for a in s.articles:
            if a.heading:
                out += [f'<a id="{a.heading.anchor}"></a>', "", f"### {_text(a.heading)}", ""]
            prev_item = False
            for b in a.blocks:
                item = b.role == "list-item" or (b.role == "english" and b.number)
                if prev_item and not item:
                    out.append("")
                if b.role == "subheading":
                    out += [f"#### {_text(b)}", ""]
                elif b.role == "list-item":
                    marker = f"{b.number}." if b.number else "-"
                    out.append(f"{marker} {_text(b)}")
                elif b.role == "url":
                    out += [f"<{b.text}>", ""]
                elif b.role == "attribution":
                    out += [f"*{_text(b)}*", ""]
                else:
                    out += [_text(b), ""]
                prev_item = item
            if prev_item:
                out.append("")
    if ed.back:
        out += ["---", ""]
        for b in ed.back:
            out += [f"<{b.text}>" if b.role == "contact" and b.text.startswith("http") else _text(b), ""]
    return "\n".join(out).rstrip("\n") + "\n"
