"""Parse ``source_zh/ID.md`` (YAML front matter + CommonMark) into a :class:`Bulletin`."""

from __future__ import annotations

import re
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from sppterm import yamlloc
from sppterm.bulletin.model import (
    ARTICLE,
    ATTRIBUTION,
    CONTACT,
    EDITOR,
    ENGLISH,
    FOOTER,
    LIST_ITEM,
    PARAGRAPH,
    SECTION,
    SUBHEADING,
    URL,
    Article,
    Block,
    Bulletin,
    Section,
    marked_role,
)
from sppterm.errors import InputError, Problem
from sppterm.ids import check_id
from sppterm.textio import read_text
from sppterm.zh import has_cjk

_MD = MarkdownIt("commonmark")
_LINK_ONLY = re.compile(r"^\S+$")
REQUIRED = ("id", "title")


def split_front_matter(text: str, path: str) -> tuple[dict, str, int]:
    """Return (front matter, body, number of lines before the body)."""
    if not text.startswith("---\n"):
        raise InputError.at(path, 1, "missing YAML front matter (a first line '---')")
    end = text.find("\n---\n", 3)
    if end < 0:
        raise InputError.at(path, 1, "front matter not closed by a '---' line")
    front_text = text[4 : end + 1]
    try:
        data = yamlloc.load(front_text, path)
    except InputError as e:  # yamlloc counts from the line after the opening '---'
        raise InputError([Problem(p.path, p.line and p.line + 1, p.message) for p in e.problems]) from None
    if not isinstance(data, dict):
        raise InputError.at(path, 2, "front matter must be a mapping")
    for key in REQUIRED:
        if key not in data:
            raise InputError.at(path, 2, f"front matter lacks {key!r}")
    _check_front(data, path)
    offset = text[: end + 5].count("\n")
    # yamlloc counts lines from the start of the front matter; shift past the '---' line.
    return dict(data), text[end + 5 :], offset


def _check_front(data: dict, path: str) -> None:
    """Front matter values have the types the rest of sppterm relies on: the id is a valid
    bulletin id (it becomes file names), numbers are whole numbers, text is text."""

    def line(key: str) -> int:
        # +1: yamlloc counts from the first line after the opening '---'
        return getattr(data, "key_lines", {}).get(key, 1) + 1

    raw_id = data["id"]
    check_id(str(raw_id) if type(raw_id) is int else raw_id, path, line("id"))
    for key in ("year", "issue", "serial"):
        value = data.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
            message = f"front matter {key!r} must be a whole number, not {value!r}"
            raise InputError.at(path, line(key), message)
    year = data.get("year")
    if year is not None and not 1900 <= year <= 2200:
        raise InputError.at(path, line("year"), f"front matter 'year' {year} is not a plausible year")
    for key in ("title", "source"):
        if key in data and not isinstance(data[key], str):
            raise InputError.at(path, line(key), f"front matter {key!r} must be text")


def _inline_text(token: Token) -> str:
    """Plain text of an inline token, bold/italic kept as paired placeholders."""
    out: list[str] = []
    for child in token.children or []:
        t = child.type
        if t in ("text", "code_inline"):
            out.append(child.content)
        elif t in ("softbreak", "hardbreak"):
            out.append(" ")
        elif t == "strong_open":
            out.append("<b>")
        elif t == "strong_close":
            out.append("</b>")
        elif t == "em_open":
            out.append("<i>")
        elif t == "em_close":
            out.append("</i>")
        elif t in ("link_open", "link_close"):
            continue  # autolinks: the URL is the link text
        elif t == "html_inline":
            out.append(child.content)
    return "".join(out).strip()


def _role(text: str, source: str, in_back: bool) -> str:
    marked = marked_role(text)
    if in_back:
        if marked == EDITOR:
            return EDITOR
        return CONTACT if marked != FOOTER and _LINK_ONLY.match(text) else FOOTER
    if source.startswith("<") and source.endswith(">") and _LINK_ONLY.match(text):
        return URL
    if marked == ATTRIBUTION:
        return ATTRIBUTION
    if not has_cjk(text):
        return ENGLISH
    return PARAGRAPH


def parse_text(text: str, path: str) -> Bulletin:
    """Parse Markdown text; ``path`` names the file in errors and references."""
    front, body, offset = split_front_matter(text, path)
    bulletin = Bulletin(id=str(front["id"]), meta=front, path=path)
    tokens = _MD.parse(body)
    section: Section | None = None
    article: Article | None = None
    in_back = False
    list_kind: list[str] = []
    item_number = 0
    quoted = 0  # block-quote depth: a quoted block is a caption (a banner, an image's words)

    def current_article() -> Article:
        nonlocal section, article
        if section is None:
            section = Section(None)
            bulletin.sections.append(section)
        if article is None:
            article = Article(None)
            section.articles.append(article)
        return article

    for k, tok in enumerate(tokens):
        line = (tok.map[0] if tok.map else 0) + offset + 1
        if tok.type == "hr":
            in_back = True
        elif tok.type == "blockquote_open":
            quoted += 1
        elif tok.type == "blockquote_close":
            quoted -= 1
        elif tok.type == "heading_open":
            inl = tokens[k + 1]
            block = Block("", _inline_text(inl), line, inl.content)
            if tok.tag == "h2":
                block.role = SECTION
                section, article = Section(block), None
                bulletin.sections.append(section)
            elif tok.tag == "h3":
                block.role = ARTICLE
                if section is None:
                    section = Section(None)
                    bulletin.sections.append(section)
                article = Article(block if block.text else None)  # "###" alone: an untitled article
                section.articles.append(article)
            else:
                block.role = SUBHEADING
                current_article().blocks.append(block)
        elif tok.type in ("bullet_list_open", "ordered_list_open"):
            list_kind.append(tok.type)
            item_number = int(tok.attrGet("start") or 1) - 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            list_kind.pop()
        elif tok.type == "list_item_open":
            item_number += 1
        elif tok.type == "paragraph_open":
            inl = tokens[k + 1]
            plain = _inline_text(inl)
            if list_kind:
                number = item_number if list_kind[-1] == "ordered_list_open" else 0
                role = LIST_ITEM if has_cjk(plain) else ENGLISH
                block = Block(role, plain, line, inl.content, number)
            else:
                block = Block(_role(plain, inl.content, in_back), plain, line, inl.content)
            block.caption = quoted > 0
            if in_back:
                bulletin.back.append(block)
            else:
                current_article().blocks.append(block)
    return bulletin


def parse_file(path: str | Path) -> Bulletin:
    return parse_text(read_text(path), str(path))


def load_bulletins(source_dir: str | Path) -> list[Bulletin]:
    """Every ``*.md`` bulletin of a directory, in id order."""
    files = sorted(Path(source_dir).glob("*.md"))
    bulletins = [parse_file(f) for f in files if f.name != "README.md"]
    check_unique_ids([(b.id, b.path) for b in bulletins])
    return sorted(bulletins, key=lambda b: b.id)


def check_unique_ids(declared: list[tuple[str, str]]) -> None:
    """Two files declaring one id would be merged into one PO file and one edition: refuse."""
    seen: dict[str, str] = {}
    problems = []
    for bid, path in declared:
        if bid in seen:
            problems.append(Problem(path, 2, f"bulletin id {bid!r} is also declared by {seen[bid]}"))
        else:
            seen[bid] = path
    if problems:
        raise InputError(problems)
