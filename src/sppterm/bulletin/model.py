"""The Bulletin model: sections › articles › blocks, each block with a role and a stable key."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from sppterm.zh import count_ideographs, normalise

# Block roles: the one vocabulary of the importer (which writes them as Markdown), the parser
# (which reads them back), extract, check and publish.
SECTION, ARTICLE, SUBHEADING = "section", "article", "subheading"  # the headings
PARAGRAPH = "paragraph"
LIST_ITEM = "list-item"
ATTRIBUTION = "attribution"  # 摘自…: where an article was taken from
ENGLISH = "english"  # already English in the source
URL = "url"
FOOTER, EDITOR, CONTACT = "footer", "editor", "contact"  # back matter, after the *** rule

TRANSLATABLE_ROLES = frozenset(
    {SECTION, ARTICLE, SUBHEADING, PARAGRAPH, LIST_ITEM, ATTRIBUTION, ENGLISH, FOOTER, EDITOR}
)

# The roles a text announces by its opening words, whatever its layout: the importer reads them
# in the raw export's lines, the parser in the Markdown's paragraphs. The patterns exclude each
# other (they differ in the first character), so their order does not matter.
_MARKED_ROLES = (
    (ATTRIBUTION, re.compile(r"^[（(]?\s*(?:—+|-+)?\s*摘自")),
    (FOOTER, re.compile(r"^简报内容来源于")),
    (EDITOR, re.compile(r"^编辑\s*[：:]")),
)


def marked_role(text: str) -> str | None:
    """The role ``text`` announces by its opening words (摘自…, 简报内容来源于…, 编辑：), or None."""
    return next((role for role, pattern in _MARKED_ROLES if pattern.match(text)), None)


@dataclass
class Block:
    role: str
    text: str  # plain text; inline markup as paired placeholders (<b>…</b>)
    line: int  # 1-based line in the Markdown file
    source: str = ""  # the inline Markdown as written
    number: int = 0  # ordered list items: their number
    caption: bool = False  # a caption or banner (a block quote in ID.md), not running text

    @property
    def key(self) -> str:
        """Stable identity: the normalised text (never a line number)."""
        return normalise(self.text)


B = TypeVar("B")  # the block type: a source Block here, an edition's EBlock in publish/


@dataclass
class Article(Generic[B]):
    heading: B | None
    blocks: list[B] = field(default_factory=list)


@dataclass
class Section(Generic[B]):
    heading: B | None
    articles: list[Article[B]] = field(default_factory=list)


@dataclass
class Bulletin:
    id: str
    meta: dict[str, Any]
    path: str
    sections: list[Section[Block]] = field(default_factory=list)
    back: list[Block] = field(default_factory=list)  # footer, editor, contact

    def blocks(self) -> Iterator[Block]:
        """Every block in document order, headings included."""
        for s in self.sections:
            if s.heading:
                yield s.heading
            for a in s.articles:
                if a.heading:
                    yield a.heading
                yield from a.blocks
        yield from self.back

    def articles(self) -> Iterator[tuple[Section, Article]]:
        for s in self.sections:
            for a in s.articles:
                yield s, a

    @property
    def chinese_characters(self) -> int:
        return sum(count_ideographs(b.text) for b in self.blocks())

    @property
    def year(self) -> int | None:
        return self.meta.get("year")

    @property
    def issue(self) -> int | None:
        return self.meta.get("issue")

    @property
    def serial(self) -> int | None:
        return self.meta.get("serial")
