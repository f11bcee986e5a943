"""The Bulletin model: sections › articles › blocks, each block with a role and a stable key."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sppterm.zh import count_ideographs, normalise

# Block roles. Headings: section, article, subheading. Body: paragraph, list-item,
# attribution (摘自…), english (already English in the source), url. Back matter: footer,
# editor, contact.
TRANSLATABLE_ROLES = {
    "section",
    "article",
    "subheading",
    "paragraph",
    "list-item",
    "attribution",
    "english",
    "footer",
    "editor",
}


@dataclass
class Block:
    role: str
    text: str  # plain text; inline markup as paired placeholders (<b>…</b>)
    line: int  # 1-based line in the Markdown file
    source: str = ""  # the inline Markdown as written
    number: int = 0  # ordered list items: their number

    @property
    def key(self) -> str:
        """Stable identity: the normalised text (never a line number)."""
        return normalise(self.text)


@dataclass
class Article:
    heading: Block | None
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Section:
    heading: Block | None
    articles: list[Article] = field(default_factory=list)


@dataclass
class Bulletin:
    id: str
    meta: dict[str, Any]
    path: str
    sections: list[Section] = field(default_factory=list)
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
