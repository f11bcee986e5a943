"""Every rule, with its stable id, default severity, title and documentation."""

from __future__ import annotations

from sppterm.checks.base import ERROR, WARNING, Rule
from sppterm.checks.numbers import Numbers
from sppterm.checks.terms import SourceVariant, TermForbidden, TermMissing
from sppterm.checks.text import Inconsistent, Placeholders, Punctuation, Untranslated, UrlEmail, Whitespace

RULES: list[Rule] = [
    Untranslated(
        "untranslated",
        ERROR,
        "Unit not translated, only fuzzy, or with Chinese left in the English",
        """An empty translation or a fuzzy one (a suggestion nobody has reviewed) is untranslated;
so is a translation that still contains Chinese characters. Blocks that are already English in
the source are pre-filled and never reported. An untranslated unit reports only this: the other
rules are skipped for it, as their findings would be consequences of the missing translation.
Fix: translate the unit, or review the suggestion and remove the fuzzy flag.""",
    ),
    TermMissing(
        "term-missing",
        ERROR,
        "Glossary term in the source, none of its English forms in the target",
        """The Chinese source contains a glossary concept (longest match: 采购 inside 可持续公共采购
is not a separate hit) and the English contains none of its accepted forms: preferred,
admitted or abbreviation. Matching tolerates capitals, plurals and possessives, and hyphen,
en dash or space between words (life-cycle, life cycle). Deprecated Chinese variants count
as their concept (十年框架方案 expects 10YFP).
Fix: use the suggested English, or add a missing accepted form to the glossary. Suppress one
unit with the PO flag `#, ignore-term-missing`.""",
    ),
    TermForbidden(
        "term-forbidden",
        ERROR,
        "Deprecated or forbidden English term in the target",
        """The English uses a form the glossary marks forbidden (error) or deprecated (warning),
e.g. "SPP Program" or "Framework for Programmes". A form inside an accepted form of the same
concept is not reported ("UN Environment" inside "UN Environment Programme").
Fix: use the preferred English the message suggests.""",
    ),
    SourceVariant(
        "source-variant",
        WARNING,
        "Deprecated Chinese variant in the source",
        """For editors: the Chinese uses a variant or erroneous form recorded as deprecated in the
glossary (十年框架方案, 经济与合作组织, 全球述评…). The translation should still use the
concept's right English; the source is reported, not changed. Runs on source_zh/*.md and on
the sources of PO/XLIFF units (once per block when both are checked).""",
        source_only=True,
    ),
    Numbers(
        "number",
        ERROR,
        "Numbers differ between source and target",
        """The values of the numbers agree: Arabic and full-width digits, thousands separators,
decimals, Chinese numerals (一…九十百千两), scale words 万/亿/万亿 (13万亿美元 = USD 13 trillion,
20亿 = 2 billion), percentages (百分之二十 = 20%), fractions (三分之一 = one third), dates and
ranges (2022年10月18日至19日 = 18–19 October 2022), ordinals and issue numbers (第4期, 总第10期),
English number words (two million, a quarter). A number of the source missing from the
target is an error; a number only in the target is a warning. Numbers inside glossary names
(十年方案框架 = 10YFP, 二十国集团 = G20) are ignored.""",
    ),
    Inconsistent(
        "inconsistent",
        ERROR,
        "Same source translated differently in the series",
        """The same Chinese text must have the same English everywhere in the series (error,
reported on the units that differ from the most frequent translation). The same English
used for different Chinese sources is a warning: one of them may be mistranslated.""",
    ),
    UrlEmail(
        "url-email",
        ERROR,
        "URL or e-mail of the source missing or changed",
        """Every URL and e-mail address of the source appears unchanged in the translation.""",
    ),
    Punctuation(
        "punctuation",
        WARNING,
        "Full-width punctuation or unbalanced brackets/quotes in English",
        """Chinese (full-width) punctuation left in English text, and unbalanced brackets or
quotation marks.""",
    ),
    Whitespace(
        "whitespace",
        WARNING,
        "Doubled spaces or leading/trailing whitespace unlike the source",
        """A doubled space inside the translation, or leading/trailing whitespace that differs
from the source.""",
    ),
    Placeholders(
        "placeholders",
        ERROR,
        "Markup placeholders missing or unpaired",
        """Inline markup of the source (<b>…</b>, <i>…</i>) must appear in the translation, paired
and properly nested; otherwise the published edition would lose or break the formatting.""",
    ),
]

BY_ID = {r.id: r for r in RULES}
