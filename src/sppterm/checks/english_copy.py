"""The english-source rule: a block that is already English in the source keeps its figures."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from sppterm.checks.base import ERROR, CheckUnit, Context, Finding, Rule
from sppterm.checks.locations import unstripped
from sppterm.placeholders import strip

# A figure as written: digits with inner separators (15, 2,500, 3.5, 12.7.1, 2021-2022 is two).
_FIGURE = re.compile(r"\d+(?:[.,:]\d+)*")
# A month name, full or abbreviated (3rd July, 21 Sept. 2021): a date is a figure too.
_MONTH = re.compile(
    r"\b(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b"
)


class EnglishSource(Rule):
    id = "english-source"
    title = "A block English in the source changed its figures in the translation"
    severity = ERROR
    reads_english = False
    severity_why = """
        Error: the block is copied, not translated, so a different figure is a typing slip
        that changes a fact (a room number, a date, a count), never a choice of wording.
        """
    what = """
        For units whose source is already English (addresses, English titles, pre-filled
        blocks: `role: english`, or a source with no Chinese), the figures of the source —
        digit runs with their inner separators, compared as written — appear in the
        translation as often as in the source, and month names by month (Sept. = September:
        "3rd July" is not "3rd June"). Typography may change (quotes, dashes, spaces); the
        number rule does not read these units.
        """
    why = """
        Pre-filled English is trusted and rarely proofread against the source, so a figure
        retyped wrongly ("Room 15" as "Room 51", a changed postcode or date) reaches the
        edition unseen; every other rule leaves these units alone.
        """
    example = """
        `Room 15, No. 8 Dahuisi Road` translated as "Room 51, No. 8 Dahuisi Road":

            x.po:12:6: english-source figure '51' is not in the source (the source has '15')

        Fix: copy the figure from the source.
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or not unit.english_source:
            return
        source, target = strip(unit.key), strip(unit.target)
        want = Counter(m.group() for m in _FIGURE.finditer(source))
        have = Counter(m.group() for m in _FIGURE.finditer(target))
        extra, missing = have - want, want - have
        gone = ", ".join(f"'{f}'" for f in sorted(missing))
        for m in _FIGURE.finditer(target):
            if extra[m.group()] > 0:
                extra[m.group()] -= 1
                instead = f" (the source has {gone})" if gone else ""
                yield self.finding(
                    unit,
                    f"figure '{m.group()}' is not in the source{instead}",
                    term=m.group(),
                    side="target",
                    span=unstripped(unit.target, *m.span()),
                )
        if missing and not (have - want):
            yield self.finding(unit, f"figure {gone} of the source is not in the translation", term=gone)
        yield from self._months(unit, source, target)

    def _months(self, unit: CheckUnit, source: str, target: str) -> Iterable[Finding]:
        """Month names compared by month (Sept. = September): "3rd July" as "3rd June"."""
        want = Counter(m.group()[:3] for m in _MONTH.finditer(source))
        have = Counter(m.group()[:3] for m in _MONTH.finditer(target))
        if want == have:
            return
        gone = ", ".join(m.group() for m in _MONTH.finditer(source) if m.group()[:3] in want - have)
        extra = have - want
        for m in _MONTH.finditer(target):
            if extra[m.group()[:3]] > 0:
                extra[m.group()[:3]] -= 1
                instead = f" (the source has {gone})" if gone else ""
                yield self.finding(
                    unit,
                    f"month '{m.group()}' is not in the source{instead}",
                    term=m.group(),
                    side="target",
                    span=unstripped(unit.target or "", *m.span()),
                )
        if gone and not (have - want):
            yield self.finding(unit, f"month {gone} of the source is not in the translation", term=gone)
