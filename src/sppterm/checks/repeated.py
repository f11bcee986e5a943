"""The repeated-word rule: the same English word twice in a row ("the the")."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sppterm.checks.base import ERROR, CheckUnit, Context, Finding, Rule
from sppterm.checks.locations import unstripped
from sppterm.placeholders import strip

# A word: Latin letters, with inner apostrophes and hyphens (don't, life-cycle): "well-known
# known" is two different words. Tokens are compared pairwise, so the check is linear.
_WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ]+(?:['’-][A-Za-zÀ-ÖØ-öø-ÿ]+)*")
# Doubles that English grammar allows: "what she had had", "he said that that was wrong".
_GRAMMATICAL = {"had", "that"}
# Words never doubled on purpose, even capitalised: "The The Report" is still a slip, while
# other capitalised doubles are names (Bora Bora, Walla Walla).
_FUNCTION = {"a", "an", "the", "of", "and", "or", "to", "in", "on", "at", "by", "for", "from", "with", "is"}


class RepeatedWord(Rule):
    id = "repeated-word"
    title = "The same word twice in a row in the English"
    severity = ERROR
    severity_why = """
        Error: a published bulletin with "the the" in it is wrong, not a matter of taste, and
        the doubles that can be right are left out (grammatical ones such as had had, names
        such as Bora Bora); on the series and the labelled corpus it has no false alarm. A
        deliberate double (a quotation) takes the PO flag `#, ignore-repeated-word`.
        """
    what = """
        The same English word twice in a row, separated only by white space and compared
        without case ("the the", "to To"). Doubles that grammar allows (had had, that that),
        capitalised doubles that are names (Bora Bora) and words joined by a hyphen or split
        by punctuation ("well-known known", "Yes. Yes") are not reported; neither are blocks
        that are English in the source.
        """
    why = """
        A doubled word is the commonest slip of editing a sentence in place, and the eye skips
        it, most of all across a line break. Spell checkers accept both words; a published
        bulletin with "the the" in it looks unproofread.
        """
    example = """
        `会议在北京举行。` translated as "The the meeting was held in Beijing.":

            x.po:10:5: repeated-word repeated word 'The the'

        Fix: "The meeting was held in Beijing."
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        text = strip(unit.target)
        prev: re.Match[str] | None = None
        for m in _WORD.finditer(text):
            if prev is not None and _doubled(prev.group(0), m.group(0), text[prev.end() : m.start()]):
                pair = " ".join(text[prev.start() : m.end()].split())
                yield self.finding(
                    unit,
                    f"repeated word {_clip(pair)!r}",
                    term=_clip(m.group(0).lower()),
                    suggestion=_clip(prev.group(0)),
                    side="target",
                    span=unstripped(unit.target, prev.start(), m.end()),
                )
            prev = m


def _doubled(first: str, second: str, between: str) -> bool:
    word = first.lower()
    if word != second.lower() or not between.isspace() or word in _GRAMMATICAL:
        return False
    names = first[0].isupper() and second[0].isupper()
    return not names or word in _FUNCTION


def _clip(s: str, n: int = 60) -> str:
    return s if len(s) <= n else s[: n - 1] + "…"
