"""The glossary panel of the review page and the HTML check report: the concepts a bulletin
(or the report's units) names, each with its preferred English, note and status, as a
reviser reads them beside the text (OmegaT's and Weblate's glossary pane).

Built from the Chinese the page shows, through a bulletin's dated glossary view
(:class:`~sppterm.glossary.validity.DatedViews`): the preferred English and the statuses are
those valid at the bulletin's date, and a form valid only at another time says when.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sppterm.glossary.matcher import ZhMatcher
from sppterm.glossary.validity import used_when
from sppterm.placeholders import strip


@dataclass
class PanelForm:
    text: str
    status: str  # at the bulletin's date
    validity: str = ""  # 'used until 25 October 2017' for a dated form


@dataclass
class PanelConcept:
    id: str
    type: str
    english: str  # the English label (preferred English and abbreviations)
    verified: bool
    note: str
    forms: list[PanelForm] = field(default_factory=list)  # the Chinese forms found, in order
    count: int = 0  # units naming it

    @property
    def status(self) -> str:
        """The concept's standing for the reviser: an unverified English is a description to
        judge, a deprecated Chinese form found is a variant to query, or a name of another
        time."""
        if any(f.status == "deprecated" and f.validity for f in self.forms):
            return "old name in the source"  # right at its time (the form says when)
        if any(f.status == "deprecated" for f in self.forms):
            return "variant in the source"
        return "verified" if self.verified else "unverified English"


def panel(texts: Iterable[tuple[str, ZhMatcher]]) -> list[PanelConcept]:
    """The concepts found in ``texts`` = (Chinese, the matcher of its bulletin's dated view),
    in order of first use, each with the Chinese forms found and how many texts name it (a
    concept keeps what it is at its first use)."""
    out: dict[str, PanelConcept] = {}
    for text, matcher in texts:
        seen: set[str] = set()
        for h in matcher.find(strip(text)):
            c = h.concept
            p = out.get(c.id)
            if p is None:
                note = " ".join((c.note or "").split())
                p = out[c.id] = PanelConcept(c.id, c.type, c.english_label() or c.id, c.verified, note)
            if h.term.text not in {f.text for f in p.forms}:
                used = used_when(h.term)
                p.forms.append(PanelForm(h.term.text, h.term.status.value, f"used {used}" if used else ""))
            if c.id not in seen:
                seen.add(c.id)
                p.count += 1
    return list(out.values())
