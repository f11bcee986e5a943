"""The english-source rule: a block that is already English in the source keeps its figures."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

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
        yield from self._compare(unit, source, target, "figure", _FIGURE, lambda m: m.group())
        # Month names compared by month (Sept. = September): "3rd July" as "3rd June".
        yield from self._compare(unit, source, target, "month", _MONTH, lambda m: m.group()[:3])

    def _compare(
        self,
        unit: CheckUnit,
        source: str,
        target: str,
        noun: str,
        pattern: re.Pattern[str],
        key: Callable[[re.Match[str]], str],
    ) -> Iterable[Finding]:
        """The ``pattern`` matches of both sides compared as multisets of ``key``: each one the
        translation adds, and those it drops when it adds none."""
        want = Counter(key(m) for m in pattern.finditer(source))
        have = Counter(key(m) for m in pattern.finditer(target))
        if want == have:
            return
        missing = want - have
        if noun == "figure":
            gone = ", ".join(f"'{f}'" for f in sorted(missing))
        else:
            gone = ", ".join(m.group() for m in pattern.finditer(source) if key(m) in missing)
        extra = have - want
        for m in pattern.finditer(target):
            if extra[key(m)] > 0:
                extra[key(m)] -= 1
                instead = f" (the source has {gone})" if gone else ""
                yield self.finding(
                    unit,
                    f"{noun} '{m.group()}' is not in the source{instead}",
                    term=m.group(),
                    side="target",
                    span=unstripped(unit.target or "", *m.span()),
                )
        if missing and not (have - want):
            yield self.finding(unit, f"{noun} {gone} of the source is not in the translation", term=gone)
