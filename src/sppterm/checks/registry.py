"""Every rule, listed explicitly: adding a rule is its class and one entry in :data:`RULES`.

The list's order is the order of ``sppterm rules``, of SARIF's rule metadata and of JUnit's
test cases. Nothing here is discovered by reflection or entry points: what runs is what is
written on this page.
"""

from __future__ import annotations

from collections.abc import Sequence

from sppterm.checks.abbreviations import TermAbbreviation
from sppterm.checks.base import LEVELS, Rule
from sppterm.checks.numbers import Numbers
from sppterm.checks.omission import Addition, Omission
from sppterm.checks.repeated import RepeatedWord
from sppterm.checks.terms import SourceVariant, TermCount, TermForbidden, TermMissing
from sppterm.checks.text import Inconsistent, Placeholders, Punctuation, Untranslated, UrlEmail, Whitespace
from sppterm.errors import InputError

RULES: list[Rule] = [
    Untranslated(),
    TermMissing(),
    TermForbidden(),
    TermAbbreviation(),  # issue 11: terms
    TermCount(),
    SourceVariant(),
    Numbers(),
    Inconsistent(),
    UrlEmail(),
    Punctuation(),
    Whitespace(),
    Placeholders(),
    RepeatedWord(),
    Omission(),  # issue 11: omission/addition by sentence alignment
    Addition(),
]

BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def validate_options(check: dict, where: str) -> None:
    """Refuse rule ids in ``[tool.sppterm.check]`` (rules, ignore, severity) that no rule has.

    config.py checks the table's shape; the ids are checked here, where the rules are known, so
    that config (a low layer) imports nothing of the checks. ``where`` is the pyproject.toml path
    the error names (exit 2).
    """
    for key in ("rules", "ignore"):
        for rid in check.get(key, []):
            if rid not in BY_ID:
                raise InputError.at(where, None, f"[tool.sppterm.check] {key}: unknown rule {rid!r}")
    for rid, sev in check.get("severity", {}).items():
        if rid not in BY_ID or sev not in LEVELS:
            raise InputError.at(where, None, f"[tool.sppterm.check] severity: bad entry {rid} = {sev!r}")


def selected(check: dict, only: Sequence[str] = ()) -> list[str]:
    """The rule ids to run: ``only`` (``--rule``) if given, else the configured ``rules`` (all by
    default) minus ``ignore``. Unknown ids in ``only`` raise :class:`KeyError` with the id."""
    for rid in only:
        if rid not in BY_ID:
            raise KeyError(rid)
    if only:
        return list(only)
    return [r for r in (check.get("rules") or list(BY_ID)) if r not in check.get("ignore", [])]
