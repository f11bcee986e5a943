"""The number rule: the values in the source and the translation agree."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from sppterm.checks.base import ERROR, WARNING, CheckUnit, Context, Finding, Rule
from sppterm.numerals import en_numbers, same, zh_numbers
from sppterm.units.placeholders import strip


def _fmt(v: float) -> str:
    """A value as the messages show it (13 trillion, 0.3333, 27); never raises, even on inf/nan."""
    if not math.isfinite(v):
        return str(v)
    if v >= 1e6 and v == int(v):
        for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
            if v >= scale:
                return f"{v / scale:g} {word}"
    if v != int(v):
        return f"{v:.4g}"
    return f"{int(v)}"


def _mask(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for k in range(a, b):
            chars[k] = " "
    return "".join(chars)


class Numbers(Rule):
    """Numbers inside glossary names (十年方案框架 / 10YFP, 二十国集团 / G20, 2030年议程 /
    2030 Agenda) belong to the name: both sides are masked where a concept matched."""

    id = "number"
    title = "Numbers differ between source and target"
    severity = ERROR
    uses_glossary = True  # numbers inside glossary names are masked
    what = """
        The values of the numbers agree: Arabic and full-width digits, thousands separators,
        decimals, Chinese numerals (一…九十百千两), scale words 万/亿/万亿 (13万亿美元 = USD 13
        trillion, 20亿 = 2 billion), percentages (百分之二十 = 20%), fractions (三分之一 = one
        third), dates and ranges (2022年10月18日至19日 = 18–19 October 2022), ordinals and issue
        numbers (第4期, 总第10期), English number words (two million, a quarter). A number of
        the source missing from the target is an error; a number only in the target is a
        warning. Numbers inside glossary names (十年方案框架 = 10YFP, 二十国集团 = G20) are
        ignored.
        """
    why = """
        A wrong amount, date or percentage is the most damaging slip a bulletin can publish,
        and 万 and 亿 make factor-of-ten errors easy (13万亿 is 13 trillion, not 13 billion).
        """
    example = """
        `报告显示，13万亿美元用于公共采购。` translated as "The report shows that USD 13 billion
        goes to public procurement.":

            x.po:5:1: number number 13 trillion of the source is not in the translation
            x.po:5:1: number number 13 billion in the translation is not in the source

        Fix: "USD 13 trillion".
        """

    def check(self, unit: CheckUnit, ctx: Context) -> Iterable[Finding]:
        if not unit.target or unit.english_source:
            return
        source, target = strip(unit.key), strip(unit.target)
        hits = ctx.zh_matcher.find(source)
        src_masked = _mask(
            source, [(h.start, h.end) for h in hits if re.search(r"\d|[一二两三四五六七八九十百千]", h.text)]
        )
        # Mask the English names of the concepts found in the source (and of misused forms).
        spans = [(s, e) for s, e, _, _ in ctx.en_terms.bad_uses(target)]
        for c in {h.concept.id: h.concept for h in hits}.values():
            pat = ctx.en_terms.numbered_forms(c)
            if pat is not None:
                spans += [m.span() for m in pat.finditer(target)]
        tgt_masked = _mask(target, spans)
        src_vals, tgt_vals = zh_numbers(src_masked), en_numbers(tgt_masked)
        # 1 is too ambiguous to compare: 一 is also "a", 第一/首 "first", "one" a pronoun.
        missing = sorted(v for v in src_vals if v != 1 and not any(same(v, t) for t in tgt_vals))
        extra = sorted(v for v in tgt_vals if v != 1 and not any(same(v, s) for s in src_vals))
        for v in missing:
            yield self.finding(
                unit, f"number {_fmt(v)} of the source is not in the translation", term=_fmt(v)
            )
        for v in extra:
            yield self.finding(
                unit,
                f"number {_fmt(v)} in the translation is not in the source",
                term=f"+{_fmt(v)}",
                severity=WARNING,
            )
