"""``sppterm rules``: the rule list, and one rule's page (What / Why / Severity / Example), as text."""

from __future__ import annotations

import textwrap

from sppterm.checks.base import Rule
from sppterm.checks.registry import RULES
from sppterm.report.table import table


def rule_table(rules: list[Rule]) -> str:
    """One line per rule: id, default severity, title."""
    return table(["rule", "severity", "title"], [[r.id, r.severity, r.title] for r in rules])


def behaviour(rule: Rule) -> str:
    """What the rule's flags mean for where it runs, in words."""
    parts = ["once over the whole series" if rule.series else "per unit"]
    parts.append("on translations and sources (source_zh/*.md)" if rule.source_only else "on translations")
    if rule.once_per_source:
        parts.append("once per source block when a source and its PO/XLIFF are both checked")
    if rule.precondition:
        parts.append("a precondition: where it is unmet the other rules are skipped")
        if type(rule).partly_unmet is not Rule.partly_unmet:  # the rule defines a partial failure
            others = [r for r in RULES if not r.precondition]
            skipped = ", ".join(r.id for r in others if r.reads_english)
            still = ", ".join(r.id for r in others if not r.reads_english)
            parts.append(
                f"where it is partly unmet, the rules reading the English words are skipped ({skipped})"
                f" and the others still run ({still})"
            )
    if rule.uses_glossary:
        parts.append("uses the glossary (glossary impact re-runs it)")
    return "; ".join(parts)


def explain(rule: Rule) -> str:
    """The rule's page: id, severity, title, where it runs, then its documentation."""
    head = [
        f"{rule.id} ({rule.severity})",
        rule.title,
        textwrap.fill(f"Runs {behaviour(rule)}.", 90, break_on_hyphens=False),
    ]
    body = [f"{heading}\n{textwrap.indent(text, '  ')}" for heading, text in rule.sections()]
    return "\n".join(head) + "\n\n" + "\n\n".join(body)
