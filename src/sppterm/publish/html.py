"""The HTML edition (one standalone file) and the index, from Jinja2 templates (autoescaped)."""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape
from jinja2.bccache import Bucket, BytecodeCache
from markupsafe import Markup

from sppterm.cachedir import directory, prepare
from sppterm.errors import InputError
from sppterm.publish.edition import TRANSLATED, EBlock, Edition
from sppterm.publish.inline import to_html
from sppterm.textio import write_atomic_bytes


class _TemplateCode(BytecodeCache):
    """The compiled templates under the cache directory (``jinja/``), as Python keeps .pyc files:
    compiling the three edition templates cost a warm ``build`` about 90 ms of CPU time.

    Jinja keys an entry by the template's name and checks it against a checksum of the source
    and its own bytecode version, so an edited template or another Jinja compiles again; the
    output is the same either way. The directory is looked up on each use (SPPTERM_CACHE_DIR and
    SPPTERM_NO_CACHE as for every other cache), and a cache that cannot be read or written is
    only a miss: a build never fails for it.
    """

    def _path(self, bucket: Bucket) -> Path | None:
        where = directory()
        return None if where is None else where / "jinja" / f"{bucket.key}.cache"

    def load_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        if path is None:
            return
        try:
            with open(path, "rb") as f:
                bucket.load_bytecode(f)
        except FileNotFoundError:
            return
        except Exception:  # unreadable or damaged (marshal, pickle): compile as without it
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        path = self._path(bucket)
        if path is None:
            return
        try:
            prepare(path.parents[1])
            out = io.BytesIO()
            bucket.write_bytecode(out)
            write_atomic_bytes(path, out.getvalue())
        except (InputError, OSError, ValueError):  # read-only or full: the next build compiles
            pass


_ENV = Environment(
    loader=PackageLoader("sppterm.publish", "templates"),
    bytecode_cache=_TemplateCode(),
    autoescape=select_autoescape(["html", "j2"], default_for_string=True, default=True),
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def css() -> Markup:
    return Markup(resources.files("sppterm.publish").joinpath("templates/style.css").read_text("utf-8"))


def css_string(text: str) -> Markup:
    """``text`` as a CSS string literal: every character that is not a letter, digit or space
    as a hex escape, so nothing can end the string, the rule or the <style> element."""
    body = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{body}"')


def running_head(ed: Edition) -> Markup:
    """The printed page's running header (bulletin, issue): an @page rule for this edition."""
    text = " · ".join(p for p in (ed.title, ed.issue_line) if p)
    return Markup("@page { @top-left { content: ") + css_string(text) + Markup("; } }\n")


def _plain(b: EBlock) -> Markup:
    """A block's text (typeset if English), without footnote references: for the contents."""
    if b.status != TRANSLATED:
        return to_html(b.text)  # the Chinese as it stands
    return to_html(b.text, b.italics, smart=True)


def _inline(b: EBlock) -> Markup:
    """A block's text with its footnote references."""
    refs = "".join(
        f'<sup class="fnref"><a href="#tn-{n}" id="tn-ref-{n}" role="doc-noteref">{n}</a></sup>'
        for n in b.note_numbers
    )
    return _plain(b) + Markup(refs)


def _attrs(b: EBlock) -> Markup:
    if b.status == TRANSLATED:
        return Markup("")
    return Markup(f' class="{b.status}" lang="zh"')


def _lang(b: EBlock) -> Markup:
    return Markup("") if b.status == TRANSLATED else Markup(' lang="zh"')


def _mark(b: EBlock) -> Markup:
    if b.status == TRANSLATED:
        return Markup("")
    label = "Untranslated" if b.status == "untranslated" else "Needs review"
    return Markup(f'<span class="marker" lang="en">{label}</span>')


@dataclass
class _Group:
    kind: str
    blocks: list[EBlock]


def _groups(blocks: list[EBlock]) -> list[_Group]:
    """Consecutive list items become one list, consecutive caption blocks one caption (a
    banner's lines); other blocks stand alone."""
    out: list[_Group] = []
    for b in blocks:
        kind = ("ol" if b.number else "ul") if b.role == "list-item" else "p"
        if b.caption:
            kind = "caption"
        if out and out[-1].kind == kind and kind != "p":
            out[-1].blocks.append(b)
        else:
            out.append(_Group(kind, [b]))
    return out


def render(ed: Edition, draft: bool) -> str:
    missing = ed.missing()
    counts = {
        "untranslated": sum(b.status == "untranslated" for b in missing),
        "fuzzy": sum(b.status == "fuzzy" for b in missing),
    }
    return _ENV.get_template("edition.html.j2").render(
        ed=ed,
        draft=draft,
        missing=missing,
        total=len(ed.blocks()),
        counts=counts,
        css=css() + running_head(ed),
        inline=_inline,
        plain=_plain,
        note=lambda n: to_html(ed.notes[n], ed.note_italics[n], smart=True),
        attrs=_attrs,
        mark=_mark,
        groups=_groups,
        lang=_lang,
    )


def render_index(title: str, programme: str, editions: list[dict]) -> str:
    return _ENV.get_template("index.html.j2").render(
        title=title, programme=programme, editions=editions, css=css()
    )


def render_glossary(glossary, title: str, programme: str) -> str:
    """The searchable glossary page (client-side filter, no network)."""
    groups: dict[str, list] = {}
    for c in sorted(glossary, key=lambda c: (c.type, c.en.lower())):
        groups.setdefault(c.type, []).append(c)

    def search_text(c) -> str:
        return " ".join([c.id, *(t.text for t in c.terms), *c.abbr]).lower()

    return _ENV.get_template("glossary.html.j2").render(
        groups=sorted(groups.items()),
        count=len(glossary),
        title=title,
        programme=programme,
        css=css(),
        search_text=search_text,
    )
