"""Every rule, listed explicitly: adding a rule is its class and one entry in :data:`RULES`.

The list's order is the order of ``sppterm rules``, of SARIF's rule metadata and of JUnit's
test cases. Nothing here is discovered by reflection or entry points: what runs is what is
written on this page.
"""

from __future__ import annotations

from collections.abc import Sequence

from sppterm.checks.abbreviations import TermAbbreviation
from sppterm.checks.amounts import Currency, VagueAmount
from sppterm.checks.base import LEVELS, Rule
from sppterm.checks.english_copy import EnglishSource
from sppterm.checks.numbers import Numbers
from sppterm.checks.omission import Addition, Omission
from sppterm.checks.polarity import Polarity
from sppterm.checks.repeated import RepeatedWord
from sppterm.checks.spelling import Spelling
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
    Spelling(),  # issue 15: Hunspell en_GB and the project's words
    EnglishSource(),  # issue 11: pre-filled English keeps its figures
    Currency(),  # issue 11, round 2: the currency of an amount
    VagueAmount(),  # issue 11, round 2: the order of 数千, 数百万 (thousands, millions)
    Polarity(),  # issue 11: meaning reversed (a negation dropped or added, an opposite)
]

BY_ID: dict[str, Rule] = {r.id: r for r in RULES}


def validate_options(check: dict, where: str, styles: Sequence[Rule] = ()) -> None:
    """Refuse rule ids in ``[tool.sppterm.check]`` (rules, ignore, severity) that no rule has.

    config.py checks the table's shape; the ids are checked here, where the rules are known, so
    that config (a low layer) imports nothing of the checks. ``where`` is the pyproject.toml path
    the error names (exit 2). ``styles``: the project's style rules (checks.style), known too.
    """
    known = set(BY_ID) | {r.id for r in styles}
    for key in ("rules", "ignore"):
        for rid in check.get(key, []):
            if rid not in known:
                raise InputError.at(where, None, f"[tool.sppterm.check] {key}: unknown rule {rid!r}")
    for rid, sev in check.get("severity", {}).items():
        if rid not in known or sev not in LEVELS:
            raise InputError.at(where, None, f"[tool.sppterm.check] severity: bad entry {rid} = {sev!r}")


def selected(check: dict, only: Sequence[str] = (), styles: Sequence[Rule] = ()) -> list[str]:
    """The rule ids to run: ``only`` (``--rule``) if given, else the configured ``rules`` (all by
    default, the built-in ones then the ``styles``) minus ``ignore``. Unknown ids in ``only``
    raise :class:`KeyError` with the id."""
    known = [*BY_ID, *(r.id for r in styles)]
    for rid in only:
        if rid not in known:
            raise KeyError(rid)
    if only:
        return list(only)
    return [r for r in (check.get("rules") or known) if r not in check.get("ignore", [])]


def with_styles(styles: Sequence[Rule] = ()) -> dict[str, Rule]:
    """Every rule by id: the built-in ones, then a project's style rules (checks.style, whose
    loader refuses ids that collide). The registry itself is never changed."""
    return {**BY_ID, **{r.id: r for r in styles}}
