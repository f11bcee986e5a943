"""Rules on the form of the translation: untranslated, URLs and e-mails, punctuation,
whitespace, placeholders."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sppterm import placeholders
from sppterm.checks.base import WARNING, CheckUnit, Context, Finding, Rule
from sppterm.patterns import EMAIL_RE, URL_RE
from sppterm.zh import IDEOGRAPH, text_key

_URL = URL_RE  # the URLs the publisher links (sppterm.patterns)
_EMAIL = EMAIL_RE
# Chinese punctuation that has no place in English (curly quotes, dashes, … are English too).
_FULLWIDTH = re.compile(r"[，。、；：！？（）【】《》「」『』〔〕～　]")
_PAIRS = [("(", ")"), ("[", "]"), ("“", "”")]


class Untranslated(Rule):
    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if unit.target is None:
            return
        if not unit.target.strip():
            yield self.finding(unit, "not translated")
        elif unit.fuzzy:
            yield self.finding(unit, "fuzzy: the suggestion has not been reviewed")
        elif not unit.english_source and IDEOGRAPH.search(unit.target):
            chars = "".join(sorted(set(IDEOGRAPH.findall(unit.target))))[:20]
            yield self.finding(unit, f"Chinese characters left in the translation: {chars}", term="chinese")


class UrlEmail(Rule):
    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target:
            return
        # (no @, no e-mail: the pattern would otherwise be retried from every character of a word)
        patterns = ((_URL, "URL"), (_EMAIL, "e-mail address")) if "@" in unit.key else ((_URL, "URL"),)
        for pattern, what in patterns:
            for found in sorted({m.group(0).rstrip(".,;:") for m in pattern.finditer(unit.key)}):
                if found not in unit.target:
                    yield self.finding(
                        unit,
                        f"{what} {found} of the source is missing or changed",
                        term=found,
                        suggestion=found,
                    )


class Punctuation(Rule):
    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        text = placeholders.strip(unit.target)
        for m in _FULLWIDTH.finditer(text):
            yield self.finding(
                unit,
                f"full-width punctuation '{m.group(0)}' in English",
                term=m.group(0),
                column=m.start() + 1,
            )
            break
        for a, b in _PAIRS:
            if text.count(a) != text.count(b):
                yield self.finding(
                    unit, f"unbalanced {a}{b}: {text.count(a)} opening, {text.count(b)} closing", term=a + b
                )
        straight = text.count('"')
        if straight % 2:
            yield self.finding(unit, 'unbalanced straight quotes "', term='"')


class Whitespace(Rule):
    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target:
            return
        m = re.search(r"\S(  +)\S", unit.target)
        if m:
            yield self.finding(unit, "doubled space", term="double", column=m.start(1) + 1)
        lead = (unit.key[:1].isspace(), unit.target[:1].isspace())
        trail = (unit.key[-1:].isspace(), unit.target[-1:].isspace())
        if lead[0] != lead[1]:
            yield self.finding(unit, "leading whitespace differs from the source", term="leading")
        if trail[0] != trail[1]:
            yield self.finding(unit, "trailing whitespace differs from the source", term="trailing")


class Placeholders(Rule):
    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        why = placeholders.problem(unit.key, unit.target or "")
        if why:
            yield self.finding(unit, why)


class Inconsistent(Rule):
    """Series-level: runs over all units at once (see :meth:`check_series`)."""

    def check_series(self, units: list[CheckUnit]) -> Iterable[Finding]:
        final = [u for u in units if u.target and not u.fuzzy and u.target.strip()]
        by_source: dict[str, list[CheckUnit]] = {}
        by_target: dict[str, list[CheckUnit]] = {}
        for u in final:
            # NFKC: sources differing only in full-width vs half-width forms (（） and ()) are one.
            by_source.setdefault(text_key(u.key), []).append(u)
            if not u.english_source:
                by_target.setdefault(u.target, []).append(u)
        for group in by_source.values():
            targets = {u.target for u in group}
            if len(targets) < 2:
                continue
            # The most frequent translation (first in series order on a tie) is the reference.
            ref = max(targets, key=lambda t, g=group: (sum(u.target == t for u in g), -_first(g, t)))
            where = next(u for u in group if u.target == ref)
            for u in group:
                if u.target != ref:
                    yield self.finding(
                        u,
                        f"translated differently elsewhere in the series "
                        f"({where.path}:{where.line} has: {ref[:80]})",
                        term="source",
                        suggestion=ref,
                    )
        for group in by_target.values():
            sources = {text_key(u.key) for u in group}
            if len(sources) > 1:
                first = group[0]
                for u in group:
                    if text_key(u.key) != text_key(first.key):
                        yield self.finding(
                            u,
                            f"same translation as a different source at {first.path}:{first.line}",
                            term="target",
                            severity=WARNING,
                        )


def _first(group: list[CheckUnit], target: str) -> int:
    return next(i for i, u in enumerate(group) if u.target == target)
