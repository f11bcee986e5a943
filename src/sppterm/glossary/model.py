"""The glossary model: concepts with Chinese and English terms, each with a status."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property


class Status(StrEnum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"
    FORBIDDEN = "forbidden"  # English only: wrong, never to be used

    @property
    def accepted(self) -> bool:
        return self in (Status.PREFERRED, Status.ADMITTED)


@dataclass(frozen=True)
class Term:
    text: str
    lang: str  # "zh" or "en"
    status: Status
    note: str = ""
    pos: str = ""
    line: int = 0
    # Terms valid in time (sppterm.glossary.validity): the bounds as written (an ISO date or a
    # bulletin id, "" for open), and the status the file gives, which holds while the term is
    # valid. ``status`` is then the status with no date (deprecated once the term has an end);
    # ``valid_status`` is None for a term valid at every date.
    valid_from: str = ""
    valid_until: str = ""
    valid_status: Status | None = None

    @property
    def declared(self) -> Status:
        """The status the glossary file gives the term (its status while it is valid)."""
        return self.status if self.valid_status is None else self.valid_status


@dataclass
class Concept:
    id: str
    type: str
    terms: list[Term]
    abbr: list[str] = field(default_factory=list)
    definition: str = ""
    note: str = ""
    attested: list[str] = field(default_factory=list)
    verified: bool = True
    related: list[str] = field(default_factory=list)
    lint_ignore: list[str] = field(default_factory=list)
    path: str = ""
    line: int = 0

    def terms_in(self, lang: str, *statuses: Status) -> list[Term]:
        return [t for t in self.terms if t.lang == lang and (not statuses or t.status in statuses)]

    def preferred(self, lang: str) -> Term | None:
        found = self.terms_in(lang, Status.PREFERRED)
        return found[0] if found else None

    @cached_property
    def zh(self) -> str:
        t = self.preferred("zh")
        return t.text if t else ""

    @cached_property
    def en(self) -> str:
        t = self.preferred("en")
        return t.text if t else ""

    def english_label(self) -> str:
        """The preferred English with the abbreviations in brackets: ``Sustainable Public
        Procurement (SPP)``. The one form shown wherever a concept's English is named (PO hints,
        term-missing findings), so the two cannot drift apart again. An abbreviation equal to the
        name (COP28, WWF), empty or repeated is left out: never ``COP28 = COP28 ()``."""
        abbr = [a for a in dict.fromkeys(a.strip() for a in self.abbr) if a and a != self.en]
        if not self.en:
            return ", ".join(abbr)
        return self.en + (f" ({', '.join(abbr)})" if abbr else "")

    def accepted_en(self) -> list[str]:
        """Every English form a translation may use: preferred, admitted, abbreviations."""
        forms = [t.text for t in self.terms_in("en", Status.PREFERRED, Status.ADMITTED)]
        return forms + [a for a in self.abbr if a not in forms]


@dataclass
class Glossary:
    concepts: list[Concept]

    def __post_init__(self) -> None:
        self._by_id = {c.id: c for c in self.concepts}

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def get(self, concept_id: str) -> Concept | None:
        return self._by_id.get(concept_id)

    def zh_terms(self) -> list[tuple[Term, Concept]]:
        """Every Chinese term (any status) with its concept, in glossary order."""
        return [(t, c) for c in self.concepts for t in c.terms if t.lang == "zh"]
